//! «Абоненту» services: «Квитанция», «Копия чека об оплате», «Электронная квитанция».

mod bill;
mod bill_form;
mod ebill;
mod receipt_copy;

pub use bill::{BillEntry, BillScreen};
pub use ebill::{EBillEntry, EBillScreen};
pub use receipt_copy::{ReceiptCopyEntry, ReceiptCopyScreen};
