//! «Квитанция» (the bill document of a Город account for a period, and its duplicate by e-mail)
//! and «Копия чека об оплате» (payments to a Город account from every channel, and a receipt
//! copy by e-mail).

use chrono::{DateTime, NaiveDate, Utc};
use ofis_domain::{Money, Period};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// One line of a bill document: a service charged on the account's единый платёжный документ.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct BillDocumentLineDto {
    /// «Содержание жилья».
    pub service: String,
    pub provider: String,
    /// The provider's account for the service.
    pub account: String,
    #[schema(value_type = String, example = "2345.67")]
    pub charged: Money,
}

/// The bill document («квитанция») of a Город account for a period, as structured data the app
/// lays out (its duplicate goes by e-mail as an HTML file).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct BillDocumentDto {
    pub account: String,
    #[schema(value_type = String, example = "2026-11")]
    pub period: Period,
    /// The bill of the account itself, for its payment QR code (`GET /api/v1/bills/{id}/qr`).
    pub bill_id: String,
    /// «Система «Город»», the issuer.
    pub issuer: String,
    pub address: String,
    pub lines: Vec<BillDocumentLineDto>,
    #[schema(value_type = String, example = "4567.89")]
    pub total: Money,
    pub issued_on: NaiveDate,
    /// Pay by this day.
    pub pay_by: NaiveDate,
}

/// How a payment reached the account.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum PaymentChannel {
    /// Through this app.
    App,
    /// At a cash desk of Система «Город».
    CashDesk,
    /// A bank's app or site.
    Bank,
    /// At a post office.
    PostOffice,
}

/// A payment to a Город account.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct PaymentRecordDto {
    pub id: String,
    pub account: String,
    /// The bill's period the payment was for.
    #[schema(value_type = String, example = "2026-11")]
    pub period: Period,
    #[schema(value_type = String, example = "2345.67")]
    pub amount: Money,
    pub paid_at: DateTime<Utc>,
    pub channel: PaymentChannel,
    /// «Касса АО «Система «Город», ул. Советская, 35».
    pub place: String,
}

/// Search of payments: the account, and optionally the period and the exact amount.
#[derive(
    Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema, utoipa::IntoParams,
)]
pub struct PaymentSearchQuery {
    /// A Город account.
    pub account: String,
    /// `YYYY-MM`: only payments for this period.
    #[serde(default)]
    pub period: Option<String>,
    /// `1234.56`: only payments of exactly this amount.
    #[serde(default)]
    pub amount: Option<String>,
}
