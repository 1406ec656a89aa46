//! What «Предварительная запись» shows: offices, topics, days and free slots, bookings and the
//! waitlist, made from the server's answers with their dates as people read them.

use chrono::{Datelike, NaiveDate, NaiveDateTime};
use ofis_api::{
    BookingDto, BookingStatus, OfficeDto, SlotDayDto, SlotDto, TopicDto, WaitlistEntryDto,
    WaitlistStatus,
};
use ofis_client::BookingOutcome;

/// An office that takes visitors by appointment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BookingOffice {
    pub id: String,
    pub name: String,
    pub address: String,
    pub phone: String,
    /// «Пн–Чт 09:00–18:00», one line per group of days.
    pub hours: Vec<String>,
    /// «Обед 13:00–14:00».
    pub lunch: String,
}

/// What a visit is about, and what to bring.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BookingTopic {
    pub id: String,
    pub name: String,
    pub documents: Vec<String>,
}

/// The choices of «Предварительная запись».
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BookingForm {
    pub offices: Vec<BookingOffice>,
    pub topics: Vec<BookingTopic>,
}

/// A free appointment time.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FreeSlot {
    /// Local start.
    pub starts_at: NaiveDateTime,
    /// «09:00».
    pub time: String,
    /// «ср, 03.12.2026, 09:00».
    pub label: String,
    /// Places left.
    pub places: u32,
}

/// One day of an office's calendar, with its free slots.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SlotDay {
    pub day: NaiveDate,
    /// «ср, 03.12».
    pub label: String,
    /// «Выходной», «Праздничный день», or «Свободного времени нет»; `None` when there are
    /// free slots.
    pub unavailable: Option<String>,
    pub slots: Vec<FreeSlot>,
}

/// A booking as «Мои записи» shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Booking {
    pub id: String,
    pub office_id: String,
    pub office: String,
    pub address: String,
    pub phone: String,
    pub topic_id: String,
    pub topic: String,
    /// The documents to bring.
    pub documents: Vec<String>,
    pub starts_at: NaiveDateTime,
    /// «ср, 03.12.2026, 09:00–09:20».
    pub when: String,
    /// «Предстоит», «Отменена», «Прошла».
    pub status: String,
    /// Still ahead: can be cancelled or moved.
    pub coming: bool,
}

/// What became of «Записаться» or «Перенести».
#[derive(Clone, Debug, PartialEq, Eq)]
// One answer per tap, short-lived: boxing the booking would buy nothing.
#[allow(clippy::large_enum_variant)]
pub enum BookingAnswer {
    Booked(Booking),
    /// The slot filled up meanwhile: the server's words and the next free slots to offer.
    SlotTaken {
        message: String,
        next_free: Vec<FreeSlot>,
    },
}

/// «Сообщить, если освободится раньше» and where it stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WaitlistRow {
    pub id: String,
    pub office: String,
    pub topic: String,
    /// «раньше ср, 10.12.2026, 09:00».
    pub before: String,
    /// «Ждём, когда освободится время» or «Освободилось время: …».
    pub status: String,
    /// The slot that freed up.
    pub freed: Option<NaiveDateTime>,
}

/// «Мои записи»: the coming bookings (soonest first), the past and cancelled ones, the waitlist.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MyBookings {
    pub coming: Vec<Booking>,
    pub past: Vec<Booking>,
    pub waitlist: Vec<WaitlistRow>,
}

/// «ср».
fn weekday_ru(day: NaiveDate) -> &'static str {
    ["пн", "вт", "ср", "чт", "пт", "сб", "вс"][day.weekday().num_days_from_monday() as usize]
}

/// «ср, 03.12.2026, 09:00».
pub(crate) fn moment_label(at: NaiveDateTime) -> String {
    format!(
        "{}, {}",
        weekday_ru(at.date()),
        at.format("%d.%m.%Y, %H:%M")
    )
}

pub(crate) fn free_slot(s: &SlotDto) -> FreeSlot {
    FreeSlot {
        starts_at: s.starts_at,
        time: s.starts_at.format("%H:%M").to_string(),
        label: moment_label(s.starts_at),
        places: s.free,
    }
}

pub(crate) fn slot_day(d: SlotDayDto) -> SlotDay {
    let slots: Vec<FreeSlot> = d
        .slots
        .iter()
        .filter(|s| s.free > 0)
        .map(free_slot)
        .collect();
    let unavailable = match (d.closed, slots.is_empty()) {
        (Some(why), _) => Some(why),
        (None, true) => Some("Свободного времени нет".to_string()),
        (None, false) => None,
    };
    SlotDay {
        label: format!("{}, {}", weekday_ru(d.day), d.day.format("%d.%m")),
        day: d.day,
        unavailable,
        slots,
    }
}

pub(crate) fn office(o: OfficeDto) -> BookingOffice {
    BookingOffice {
        id: o.id,
        name: o.name,
        address: o.address,
        phone: o.phone,
        hours: o.hours,
        lunch: o.lunch,
    }
}

pub(crate) fn topic(t: TopicDto) -> BookingTopic {
    BookingTopic {
        id: t.id,
        name: t.name,
        documents: t.documents,
    }
}

pub(crate) fn booking(b: BookingDto) -> Booking {
    let status = match b.status {
        BookingStatus::Active => "Предстоит",
        BookingStatus::Cancelled => "Отменена",
        BookingStatus::Past => "Прошла",
    };
    Booking {
        when: format!(
            "{}–{}",
            moment_label(b.starts_at),
            b.ends_at.format("%H:%M")
        ),
        status: status.to_string(),
        coming: b.status == BookingStatus::Active,
        id: b.id,
        office_id: b.office.id,
        office: b.office.name,
        address: b.office.address,
        phone: b.office.phone,
        topic_id: b.topic.id,
        topic: b.topic.name,
        documents: b.topic.documents,
        starts_at: b.starts_at,
    }
}

pub(crate) fn answer(outcome: BookingOutcome) -> BookingAnswer {
    match outcome {
        BookingOutcome::Booked(b) => BookingAnswer::Booked(booking(*b)),
        BookingOutcome::SlotTaken { message, next_free } => BookingAnswer::SlotTaken {
            message,
            next_free: next_free.iter().map(free_slot).collect(),
        },
    }
}

pub(crate) fn waitlist_row(w: WaitlistEntryDto, form: &BookingForm) -> WaitlistRow {
    let office = form.offices.iter().find(|o| o.id == w.office_id);
    let topic = form.topics.iter().find(|t| t.id == w.topic_id);
    let status = match (w.status, w.freed_slot) {
        (WaitlistStatus::Notified, Some(at)) => format!("Освободилось время: {}", moment_label(at)),
        (WaitlistStatus::Notified, None) => "Освободилось время".to_string(),
        (WaitlistStatus::Waiting, _) => "Ждём, когда освободится время".to_string(),
    };
    WaitlistRow {
        office: office.map_or(w.office_id.clone(), |o| o.name.clone()),
        topic: topic.map_or(w.topic_id.clone(), |t| t.name.clone()),
        before: format!("раньше {}", moment_label(w.before)),
        freed: w
            .freed_slot
            .filter(|_| w.status == WaitlistStatus::Notified),
        status,
        id: w.id,
    }
}
