//! Dates, times and counts of the section as the person reads them (Asia/Yekaterinburg).

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use ofis_domain::tz;

/// «25.11.2026».
pub(crate) fn day_ru(day: NaiveDate) -> String {
    day.format("%d.%m.%Y").to_string()
}

/// «ср».
pub(crate) fn weekday_ru(day: NaiveDate) -> &'static str {
    ["пн", "вт", "ср", "чт", "пт", "сб", "вс"][day.weekday().num_days_from_monday() as usize]
}

/// «ср, 25.11.2026».
pub(crate) fn weekday_day_ru(day: NaiveDate) -> String {
    format!("{}, {}", weekday_ru(day), day_ru(day))
}

/// «25.11.2026 12:40», local time.
pub(crate) fn moment_ru(at: DateTime<Utc>) -> String {
    at.with_timezone(&tz::offset())
        .format("%d.%m.%Y %H:%M")
        .to_string()
}

/// «1 день», «3 дня», «5 дней».
pub(crate) fn days_ru(n: u32) -> String {
    let word = match (n % 10, n % 100) {
        (1, m) if m != 11 => "день",
        (2..=4, m) if !(12..=14).contains(&m) => "дня",
        _ => "дней",
    };
    format!("{n} {word}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_agree_with_their_number() {
        for (n, text) in [
            (0, "0 дней"),
            (1, "1 день"),
            (3, "3 дня"),
            (5, "5 дней"),
            (11, "11 дней"),
            (21, "21 день"),
            (22, "22 дня"),
        ] {
            assert_eq!(days_ru(n), text);
        }
    }

    #[test]
    fn times_are_local() {
        let at = DateTime::from_timestamp(1_795_590_000, 0).unwrap(); // 2026-11-25 07:00 UTC
        assert_eq!(moment_ru(at), "25.11.2026 12:00");
        assert_eq!(weekday_day_ru(tz::local_date(at)), "ср, 25.11.2026");
    }
}
