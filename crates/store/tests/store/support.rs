//! Fixtures shared by the store's tests.

use std::path::PathBuf;

use chrono::{DateTime, TimeZone, Utc};
use ofis_domain::{AccountNumber, AddressId, Bill, BillId, Money, Period, ProviderId, ServiceKind};
use ofis_domain::{Fiscal, Receipt, ReceiptLine};
use ofis_store::Store;
use tempfile::TempDir;

/// A database file in its own temporary directory, removed when dropped.
pub struct TestDb {
    pub dir: TempDir,
}

impl TestDb {
    pub fn new() -> Self {
        TestDb {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    pub fn path(&self) -> PathBuf {
        self.dir.path().join("ofis.sqlite3")
    }

    pub fn open(&self) -> Store {
        Store::open(&self.path()).expect("store opens")
    }

    /// A second, independent connection to the same file, as another process would have.
    pub fn raw(&self) -> rusqlite::Connection {
        rusqlite::Connection::open(self.path()).expect("raw connection")
    }
}

/// Roubles written as the store writes them: `"1234.56"`.
pub fn rub(text: &str) -> Money {
    Money::new(text.parse().unwrap()).unwrap()
}

pub fn period() -> Period {
    Period::new(2026, 11).unwrap()
}

pub fn at(day: u32, hour: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, day, hour, 0, 0).unwrap()
}

/// A bill of an address (or of no address) for November 2026.
pub fn bill(id: &str, address: Option<&str>, amount: &str) -> Bill {
    Bill {
        id: BillId(id.into()),
        provider_id: ProviderId(format!("prov-{id}")),
        provider_name: "ООО «Водоканал»".into(),
        service: ServiceKind::ColdWater,
        service_name: String::new(),
        account: AccountNumber(format!("acc-{id}")),
        address_id: address.map(AddressId::from),
        address_title: address.map(|a| format!("г. Оренбург, ул. Советская, д. {a}")),
        period: period(),
        amount_due: rub(amount),
        metered: true,
        billed_by_gorod: false,
        rules: Default::default(),
    }
}

pub fn receipt(id: &str, order_id: &str, issued_at: DateTime<Utc>, amount: &str) -> Receipt {
    Receipt {
        id: id.into(),
        order_id: order_id.into(),
        lines: vec![ReceiptLine {
            bill_id: BillId::from("b1"),
            provider_name: "ООО «Водоканал»".into(),
            service_name: "Холодное водоснабжение".into(),
            account: "acc-b1".into(),
            address_title: Some("г. Оренбург, ул. Советская, д. 12".into()),
            amount: rub(amount),
            fee: Money::ZERO,
        }],
        total: rub(amount),
        fees: Money::ZERO,
        fiscal: Fiscal {
            fn_number: "9999078900004312".into(),
            fd_number: 1234,
            fp: "3522207165".into(),
            issued_at,
            sum: rub(amount),
        },
    }
}
