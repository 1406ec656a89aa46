//! «Предварительная запись»: offices and their hours, topics with the documents to bring, free
//! slots, bookings («Мои записи») and the waitlist for an earlier slot.

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::ErrorCode;

/// A subscriber office that takes visitors by appointment.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct OfficeDto {
    pub id: String,
    /// «Абонентский отдел на ул. Советской».
    pub name: String,
    /// «г. Оренбург, ул. Советская, 35».
    pub address: String,
    pub phone: String,
    /// Opening hours, one line per group of days: «Пн–Чт 09:00–18:00».
    pub hours: Vec<String>,
    /// «Обед 13:00–14:00».
    pub lunch: String,
    /// How long one appointment lasts, minutes.
    pub slot_minutes: u32,
    /// How many visitors one slot takes (the windows receiving).
    pub windows: u32,
}

/// What a visitor comes about, and what to bring.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct TopicDto {
    pub id: String,
    /// «Перерасчёт платы».
    pub name: String,
    /// The documents to bring, one per line.
    pub documents: Vec<String>,
}

/// One appointment time of an office (local time, Asia/Yekaterinburg).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct SlotDto {
    /// Local start, `YYYY-MM-DDTHH:MM:SS`.
    #[schema(value_type = String, example = "2026-12-03T09:00:00")]
    pub starts_at: NaiveDateTime,
    #[schema(value_type = String, example = "2026-12-03T09:20:00")]
    pub ends_at: NaiveDateTime,
    pub capacity: u32,
    /// Places left; 0: the slot is full.
    pub free: u32,
}

/// The slots asked for: an office's days from `from` to `to` (14 days from today by default).
#[derive(
    Clone,
    Debug,
    Default,
    PartialEq,
    Eq,
    Serialize,
    Deserialize,
    utoipa::ToSchema,
    utoipa::IntoParams,
)]
pub struct SlotsQuery {
    /// First day, `YYYY-MM-DD`; today when absent.
    #[serde(default)]
    pub from: Option<String>,
    /// Last day, `YYYY-MM-DD`; 13 days after `from` when absent.
    #[serde(default)]
    pub to: Option<String>,
}

/// One day of an office's calendar.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct SlotDayDto {
    pub day: NaiveDate,
    /// «Выходной», «Праздничный день»: why the office does not receive; `None` on working days.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closed: Option<String>,
    /// The slots still ahead (past ones of today are left out).
    pub slots: Vec<SlotDto>,
}

/// Book a slot (header `Idempotency-Key`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct CreateBooking {
    pub office_id: String,
    pub topic_id: String,
    #[schema(value_type = String, example = "2026-12-03T09:00:00")]
    pub starts_at: NaiveDateTime,
}

/// Move a booking to another slot of the same office.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct RescheduleBooking {
    #[schema(value_type = String, example = "2026-12-04T10:00:00")]
    pub starts_at: NaiveDateTime,
}

/// Where a booking stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum BookingStatus {
    Active,
    Cancelled,
    /// The appointment's time has passed.
    Past,
}

/// A booking of the signed-in person.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct BookingDto {
    pub id: String,
    pub office: OfficeDto,
    pub topic: TopicDto,
    #[schema(value_type = String, example = "2026-12-03T09:00:00")]
    pub starts_at: NaiveDateTime,
    #[schema(value_type = String, example = "2026-12-03T09:20:00")]
    pub ends_at: NaiveDateTime,
    pub status: BookingStatus,
    pub created_at: DateTime<Utc>,
}

/// The 409 of a slot taken meanwhile: an `ApiError` (code `conflict`) plus the next free slots.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct SlotTaken {
    pub code: ErrorCode,
    pub message: String,
    /// The next free slots of the same office after the one asked for (up to three).
    pub next_free: Vec<SlotDto>,
}

/// Ask to be told when a slot earlier than `before` frees up at an office.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct CreateWaitlistEntry {
    pub office_id: String,
    pub topic_id: String,
    /// Any freed slot before this local time will do.
    #[schema(value_type = String, example = "2026-12-10T09:00:00")]
    pub before: NaiveDateTime,
}

/// Where a waitlist entry stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum WaitlistStatus {
    Waiting,
    /// A slot freed up: `freed_slot` says which.
    Notified,
}

/// A request to be told of an earlier slot.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct WaitlistEntryDto {
    pub id: String,
    pub office_id: String,
    pub topic_id: String,
    #[schema(value_type = String, example = "2026-12-10T09:00:00")]
    pub before: NaiveDateTime,
    pub status: WaitlistStatus,
    /// The slot that freed up, once notified.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<String>, example = "2026-12-04T10:00:00")]
    pub freed_slot: Option<NaiveDateTime>,
    pub created_at: DateTime<Utc>,
}
