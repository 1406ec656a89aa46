//! «Абоненту» services of the Город API as view models the screens render.

mod documents;
mod documents_payments;
mod ebill;

pub use documents::{bill_periods, BillView, BillViewLine, DocsError, GorodAccount, PeriodChoice};
pub use documents_payments::{PaymentRow, PaymentSearch};
pub use ebill::{first_e_bill_period, EBillView};
