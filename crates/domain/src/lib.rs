//! Pure rules of ОФИС: money, periods, bills, the общий счёт engine, phones and cards.
//!
//! No IO and no clock reads: whatever needs "today" takes it as an argument.

pub mod bill;
pub mod card;
pub mod combined;
pub mod email;
pub mod help;
pub mod ids;
pub mod money;
pub mod period;
pub mod phone;
pub mod pin;
pub mod qr_payload;
pub mod readings;
pub mod receipt;
pub mod rules;
pub mod school;
pub mod spending;
pub mod transport;
pub mod tz;
pub mod undersupply;

pub use bill::{Bill, ServiceKind};
pub use combined::{CombinedBill, CombinedError, FrozenOrder, Line};
pub use ids::{AccountNumber, AddressId, BillId, OrderId, ProviderId};
pub use money::{Money, MoneyError};
pub use period::Period;
pub use phone::Phone;
pub use receipt::{Fiscal, Receipt, ReceiptLine};
pub use rules::{Fee, PaymentRules, RuleError, PAYMENT_LIMIT};
