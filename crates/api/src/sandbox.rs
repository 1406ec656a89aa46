//! Control requests of the sandbox (tests and demos only; the real API has none of these).

use serde::{Deserialize, Serialize};

/// Turn maintenance mode on or off.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MaintenanceRequest {
    pub on: bool,
    #[serde(default)]
    pub message: Option<String>,
    #[serde(default)]
    pub retry_after_seconds: Option<u32>,
}

/// Set the sandbox clock to a local date (Asia/Yekaterinburg).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClockRequest {
    /// `YYYY-MM-DD`.
    pub today: String,
    /// `HH:MM`, local: the clock stands at this time of day (transport tests need a known hour);
    /// absent: the real time of day, as before.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time: Option<String>,
}

/// One charge the gateway made (for exactly-once checks).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChargeRecord {
    pub payment_id: String,
    pub order_id: String,
    pub amount: ofis_domain::Money,
}

/// One e-mail the sandbox "sent" (kept in its outbox for tests to read).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SentMail {
    pub to: String,
    pub subject: String,
    /// What the mail carries a copy of: a receipt id, a payment id, or a bill id (duplicates).
    pub receipt_id: String,
    /// Plain text: the receipt's lines, fees, total and fiscal data.
    pub body: String,
    /// Files the mail carries (a bill duplicate, a receipt copy), in order.
    #[serde(default)]
    pub attachments: Vec<MailAttachment>,
}

/// A file an e-mail of the sandbox carries.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailAttachment {
    /// «kvitanciya-1000125005-2026-11.html».
    pub filename: String,
    /// `text/html; charset=utf-8`.
    pub content_type: String,
    /// The file's text.
    pub content: String,
}

/// A reading as a provider's payment registry carries it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegistryReading {
    pub meter_id: String,
    /// Заводской номер, as providers match readings by it.
    pub serial: String,
    #[serde(deserialize_with = "crate::text::decimal")]
    pub value: rust_decimal::Decimal,
}

/// One payment in a provider's payment registry, with the readings sent with it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegistryEntry {
    pub order_id: String,
    pub bill_id: String,
    pub account: String,
    pub amount: ofis_domain::Money,
    pub paid_at: chrono::DateTime<chrono::Utc>,
    pub readings: Vec<RegistryReading>,
}

/// A purchase at the child's canteen, as the cashier rings it up (tests and demos).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CanteenPurchase {
    pub child_id: String,
    /// Ids of today's menu items, one per item sold.
    pub items: Vec<String>,
}

/// What the live transport feed is to say (tests and demos). Each request replaces the switches.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TransportFeedSwitches {
    /// Trips running late or early: seconds behind (negative: ahead of) the schedule, by trip id.
    #[serde(default)]
    pub delays: std::collections::BTreeMap<String, i32>,
    /// Trips that will not run.
    #[serde(default)]
    pub cancelled: Vec<String>,
    /// The feed's timestamp is this many minutes old (a stale feed); 0: fresh.
    #[serde(default)]
    pub stale_minutes: u32,
    /// No feed: `GET /api/v1/transport/gtfs-rt` answers 503.
    #[serde(default)]
    pub down: bool,
}
