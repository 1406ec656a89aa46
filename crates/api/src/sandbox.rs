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
    /// The receipt the mail carries a copy of.
    pub receipt_id: String,
    /// Plain text: the receipt's lines, fees, total and fiscal data.
    pub body: String,
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
