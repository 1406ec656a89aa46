//! The seed of the subscriber office: its offices with their hours and windows, the topics they
//! receive on with the documents to bring, and the days they are closed. Ids are stable: tests
//! and the demo depend on them.

use chrono::{Datelike, NaiveDate, NaiveTime, Weekday};
use ofis_api::{OfficeDto, TopicDto};

/// A subscriber office.
#[derive(Debug)]
pub struct Office {
    pub id: &'static str,
    pub name: &'static str,
    pub address: &'static str,
    pub phone: &'static str,
    /// Opening and closing hour Monday to Thursday, and on Friday (closed at weekends).
    pub weekdays: (u32, u32),
    pub friday: (u32, u32),
    /// Lunch break: from, to (hours).
    pub lunch: (u32, u32),
    /// Visitors one slot takes.
    pub windows: u32,
}

/// How long one appointment lasts.
pub const SLOT_MINUTES: u32 = 20;

/// The offices that take visitors by appointment.
pub const OFFICES: [Office; 2] = [
    Office {
        id: "sovetskaya",
        name: "Абонентский отдел на ул. Советской",
        address: "г. Оренбург, ул. Советская, 35",
        phone: "+7 (3532) 44-10-10",
        weekdays: (9, 18),
        friday: (9, 17),
        lunch: (13, 14),
        windows: 3,
    },
    Office {
        id: "pobedy",
        name: "Абонентский отдел на пр-те Победы",
        address: "г. Оренбург, пр-т Победы, 118",
        phone: "+7 (3532) 44-20-20",
        weekdays: (8, 17),
        friday: (8, 16),
        lunch: (12, 13),
        windows: 1,
    },
];

/// A topic of a visit.
#[derive(Debug)]
pub struct Topic {
    pub id: &'static str,
    pub name: &'static str,
    pub documents: &'static [&'static str],
}

const PASSPORT: &str = "Паспорт";

/// The topics the offices receive on.
pub const TOPICS: [Topic; 5] = [
    Topic {
        id: "recalculation",
        name: "Перерасчёт платы",
        documents: &[
            PASSPORT,
            "Квитанция за месяц перерасчёта",
            "Документ, подтверждающий отсутствие (справка, проездные билеты) или акт о недопоставке",
        ],
    },
    Topic {
        id: "owner-change",
        name: "Смена собственника",
        documents: &[
            PASSPORT,
            "Выписка из ЕГРН или договор купли-продажи",
            "Показания счётчиков на день передачи",
        ],
    },
    Topic {
        id: "meter",
        name: "Поверка или замена счётчика",
        documents: &[
            PASSPORT,
            "Паспорт счётчика",
            "Свидетельство о поверке или акт ввода в эксплуатацию",
        ],
    },
    Topic {
        id: "account",
        name: "Открытие или закрытие лицевого счёта",
        documents: &[PASSPORT, "Документ о праве собственности или договор найма"],
    },
    Topic {
        id: "debt",
        name: "Задолженность и рассрочка",
        documents: &[PASSPORT, "Последняя квитанция"],
    },
];

/// An office by id.
pub fn office(id: &str) -> Option<&'static Office> {
    OFFICES.iter().find(|o| o.id == id)
}

/// A topic by id.
pub fn topic(id: &str) -> Option<&'static Topic> {
    TOPICS.iter().find(|t| t.id == id)
}

/// Public holidays (month, day) on which the offices are closed.
const HOLIDAYS: [(u32, u32); 14] = [
    (1, 1),
    (1, 2),
    (1, 3),
    (1, 4),
    (1, 5),
    (1, 6),
    (1, 7),
    (1, 8),
    (2, 23),
    (3, 8),
    (5, 1),
    (5, 9),
    (6, 12),
    (11, 4),
];

/// Why an office is closed that day, if it is: a weekend, a public holiday, or December 31st.
pub fn closed_because(day: NaiveDate) -> Option<&'static str> {
    if HOLIDAYS.contains(&(day.month(), day.day())) || (day.month(), day.day()) == (12, 31) {
        return Some("Праздничный день");
    }
    matches!(day.weekday(), Weekday::Sat | Weekday::Sun).then_some("Выходной")
}

impl Office {
    /// The starts of the day's slots: every 20 minutes from opening to closing, none in lunch.
    pub fn slot_starts(&self, day: NaiveDate) -> Vec<NaiveTime> {
        if closed_because(day).is_some() {
            return Vec::new();
        }
        let (open, close) = if day.weekday() == Weekday::Fri {
            self.friday
        } else {
            self.weekdays
        };
        let minutes = (open * 60..close * 60).step_by(SLOT_MINUTES as usize);
        minutes
            .filter(|m| !(self.lunch.0 * 60..self.lunch.1 * 60).contains(m))
            .filter_map(|m| NaiveTime::from_hms_opt(m / 60, m % 60, 0))
            .collect()
    }

    pub fn dto(&self) -> OfficeDto {
        let hours = |(from, to): (u32, u32)| format!("{from:02}:00–{to:02}:00");
        OfficeDto {
            id: self.id.to_string(),
            name: self.name.to_string(),
            address: self.address.to_string(),
            phone: self.phone.to_string(),
            hours: vec![
                format!("Пн–Чт {}", hours(self.weekdays)),
                format!("Пт {}", hours(self.friday)),
                "Сб, Вс и праздничные дни — выходной".to_string(),
            ],
            lunch: format!("Обед {}", hours(self.lunch)),
            slot_minutes: SLOT_MINUTES,
            windows: self.windows,
        }
    }
}

impl Topic {
    pub fn dto(&self) -> TopicDto {
        TopicDto {
            id: self.id.to_string(),
            name: self.name.to_string(),
            documents: self.documents.iter().map(|d| d.to_string()).collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    #[test]
    fn slots_follow_hours_lunch_and_holidays() {
        let office = &OFFICES[0];
        // Thursday: 9–13 and 14–18, three slots an hour.
        let thursday = office.slot_starts(day("2026-12-03"));
        assert_eq!(thursday.len(), 8 * 3);
        assert_eq!(thursday[0].to_string(), "09:00:00");
        assert!(!thursday.iter().any(|t| t.to_string().starts_with("13:")));
        // Friday closes an hour earlier.
        assert_eq!(office.slot_starts(day("2026-12-04")).len(), 7 * 3);
        assert!(office.slot_starts(day("2026-12-05")).is_empty());
        assert_eq!(closed_because(day("2026-11-04")), Some("Праздничный день"));
        assert_eq!(closed_because(day("2026-12-06")), Some("Выходной"));
        assert_eq!(closed_because(day("2026-12-07")), None);
    }
}
