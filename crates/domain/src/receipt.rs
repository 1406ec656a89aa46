//! A paid receipt (чек) with its fiscal data, as the app keeps and shows it: one shape for the
//! screens and the device's database, whatever the wire carries.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::{BillId, Money};

/// A paid receipt.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Receipt {
    pub id: String,
    pub order_id: String,
    pub lines: Vec<ReceiptLine>,
    /// The amount charged: the lines' amounts plus their fees.
    pub total: Money,
    /// The sum of the lines' fees (included in `total`).
    pub fees: Money,
    pub fiscal: Fiscal,
}

/// One paid bill of a receipt.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReceiptLine {
    pub bill_id: BillId,
    pub provider_name: String,
    pub service_name: String,
    pub account: String,
    pub address_title: Option<String>,
    pub amount: Money,
    /// The provider's fee on this amount, charged on top.
    pub fee: Money,
}

/// The fiscal data of a receipt (54-ФЗ).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fiscal {
    /// ФН: the fiscal drive number (16 digits).
    pub fn_number: String,
    /// ФД: the fiscal document number.
    pub fd_number: u64,
    /// ФП: the fiscal sign (10 digits).
    pub fp: String,
    pub issued_at: DateTime<Utc>,
    pub sum: Money,
}

impl Fiscal {
    /// The text of the receipt's fiscal QR code: `t=…&s=…&fn=…&i=…&fp=…&n=1`, the time in the
    /// service area.
    pub fn qr_text(&self) -> String {
        let local = self.issued_at.with_timezone(&crate::tz::offset());
        format!(
            "t={}&s={}&fn={}&i={}&fp={}&n=1",
            local.format("%Y%m%dT%H%M"),
            self.sum,
            self.fn_number,
            self.fd_number,
            self.fp
        )
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    #[test]
    fn the_fiscal_qr_text_is_in_local_time_with_kopecks() {
        let fiscal = Fiscal {
            fn_number: "9960440301234567".into(),
            fd_number: 42,
            fp: "1234567890".into(),
            issued_at: Utc.with_ymd_and_hms(2026, 11, 25, 7, 5, 0).unwrap(),
            sum: Money::from_kopecks(123_450).unwrap(),
        };
        assert_eq!(
            fiscal.qr_text(),
            "t=20261125T1205&s=1234.50&fn=9960440301234567&i=42&fp=1234567890&n=1"
        );
    }
}
