//! Orders (payments of one or more bills) and receipts with fiscal data.

use chrono::{DateTime, Utc};
use ofis_domain::Money;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::readings::ReadingSubmission;

/// One line of an order being created: a bill, the amount paid for it, and the meter readings
/// sent with it (in the receipt) for a metered bill.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct OrderLineRequest {
    pub bill_id: String,
    #[schema(value_type = String, example = "1234.56")]
    pub amount: Money,
    /// Readings of the account's meters; absent or empty when none are sent.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub readings: Vec<ReadingSubmission>,
}

/// Create an order; sent with an `Idempotency-Key` header.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct CreateOrder {
    pub lines: Vec<OrderLineRequest>,
}

/// Where an order stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum OrderStatus {
    /// Created; the card has not been submitted to the gateway yet.
    AwaitingPayment,
    /// The gateway is processing (e.g. a 3-D Secure challenge is open).
    Processing,
    /// Paid: a receipt exists.
    Paid,
    /// The bank refused; nothing was charged.
    Declined,
    /// Cancelled at the gateway before any charge (e.g. 3-D Secure abandoned).
    Cancelled,
}

impl OrderStatus {
    /// Whether the order can no longer change.
    pub fn is_final(self) -> bool {
        matches!(
            self,
            OrderStatus::Paid | OrderStatus::Declined | OrderStatus::Cancelled
        )
    }
}

/// One line of an order as the server keeps it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct OrderLineDto {
    pub bill_id: String,
    pub provider_name: String,
    pub service_name: String,
    pub account: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address_title: Option<String>,
    #[schema(value_type = String, example = "1234.56")]
    pub amount: Money,
    /// The provider's fee on this amount, charged on top (`ofis_domain::Fee::on`).
    #[serde(default)]
    #[schema(value_type = String, example = "12.35")]
    pub fee: Money,
}

/// Where the app sends the card for this order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct PaymentRef {
    /// The gateway's payment id.
    pub payment_id: String,
    /// The gateway's base URL; card data goes there and nowhere else.
    pub gateway_url: String,
}

/// An order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct OrderDto {
    pub id: String,
    pub status: OrderStatus,
    /// The amount charged: the lines' amounts plus their fees.
    #[schema(value_type = String, example = "1234.56")]
    pub total: Money,
    /// The sum of the lines' fees (included in `total`).
    #[serde(default)]
    #[schema(value_type = String, example = "12.35")]
    pub fees: Money,
    pub lines: Vec<OrderLineDto>,
    pub created_at: DateTime<Utc>,
    pub payment: PaymentRef,
    /// Why the bank refused, in Russian, when declined.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub failure: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub receipt: Option<ReceiptDto>,
}

/// Fiscal data of a receipt (чек) as the fiscal drive signed it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct FiscalData {
    /// ФН: the fiscal drive number (16 digits).
    pub fn_number: String,
    /// ФД: the fiscal document number.
    pub fd_number: u64,
    /// ФП: the fiscal sign (10 digits).
    pub fp: String,
    pub issued_at: DateTime<Utc>,
    #[schema(value_type = String, example = "1234.56")]
    pub sum: Money,
}

impl From<FiscalData> for ofis_domain::Fiscal {
    fn from(f: FiscalData) -> Self {
        ofis_domain::Fiscal {
            fn_number: f.fn_number,
            fd_number: f.fd_number,
            fp: f.fp,
            issued_at: f.issued_at,
            sum: f.sum,
        }
    }
}

impl From<OrderLineDto> for ofis_domain::ReceiptLine {
    fn from(l: OrderLineDto) -> Self {
        ofis_domain::ReceiptLine {
            bill_id: ofis_domain::BillId(l.bill_id),
            provider_name: l.provider_name,
            service_name: l.service_name,
            account: l.account,
            address_title: l.address_title,
            amount: l.amount,
            fee: l.fee,
        }
    }
}

impl From<ReceiptDto> for ofis_domain::Receipt {
    fn from(r: ReceiptDto) -> Self {
        ofis_domain::Receipt {
            id: r.id,
            order_id: r.order_id,
            lines: r.lines.into_iter().map(Into::into).collect(),
            total: r.total,
            fees: r.fees,
            fiscal: r.fiscal.into(),
        }
    }
}

/// A paid receipt.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ReceiptDto {
    pub id: String,
    pub order_id: String,
    pub lines: Vec<OrderLineDto>,
    /// The amount charged: the lines' amounts plus their fees.
    #[schema(value_type = String, example = "1234.56")]
    pub total: Money,
    /// The sum of the lines' fees (included in `total`).
    #[serde(default)]
    #[schema(value_type = String, example = "12.35")]
    pub fees: Money,
    pub fiscal: FiscalData,
}

/// Send a copy of a receipt by e-mail.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct EmailRequest {
    /// The address to send to, e.g. «name@mail.ru».
    pub email: String,
}

/// The copy is queued for sending.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct EmailQueued {
    /// The address it goes to, as the server understood it.
    pub to: String,
}

/// The most orders one page of `GET /api/v1/orders` holds.
pub const ORDERS_PAGE_MAX: u32 = 100;

/// A page of the order list: up to `limit` orders older than the order `before`, newest first.
/// Without either, the whole list (as before paging).
#[derive(
    Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema, utoipa::IntoParams,
)]
#[into_params(parameter_in = Query)]
pub struct OrdersQuery {
    /// The id of the last order of the previous page; the page holds older orders only.
    #[serde(default)]
    pub before: Option<String>,
    /// How many orders at most (1 to 100).
    #[serde(default)]
    #[param(minimum = 1, maximum = 100)]
    #[schema(minimum = 1, maximum = 100)]
    pub limit: Option<u32>,
}
