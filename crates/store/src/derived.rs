//! What is derived from each receipt and kept beside it, in the receipt's own transaction: the
//! spending per local month and service (`spending_month`) and the receipt's words for search
//! (`receipt_search`). Neither is ever the truth: both can be rebuilt from the receipts.

use ofis_domain::{tz, Money, Period, Receipt};
use rusqlite::{params, Connection, OptionalExtension};

use crate::codec::{money_text, parse_money, period_text};
use crate::error::StoreError;

/// The service under which a receipt's fees are summed in the spending per month.
pub const SPENDING_FEES: &str = "Комиссия";

/// The local month a receipt counts in.
pub(crate) fn month_of(receipt: &Receipt) -> Period {
    Period::of(tz::local_date(receipt.fiscal.issued_at))
}

/// Adds the receipt to the spending and to the search index.
pub(crate) fn add(conn: &Connection, receipt: &Receipt) -> Result<(), StoreError> {
    for (service, amount) in spends(receipt) {
        bump(conn, month_of(receipt), service, amount, true)?;
    }
    let mut key = receipt.fiscal.issued_at.timestamp_micros();
    let taken = |key: i64| -> Result<bool, StoreError> {
        Ok(conn
            .prepare_cached("SELECT 1 FROM receipt WHERE search_key = ?1")?
            .query_row([key], |_| Ok(()))
            .optional()?
            .is_some())
    };
    while taken(key)? {
        key += 1;
    }
    conn.prepare_cached("UPDATE receipt SET search_key = ?2 WHERE id = ?1")?
        .execute(params![receipt.id, key])?;
    conn.prepare_cached(
        "INSERT INTO receipt_search (rowid, receipt_id, body) VALUES (?1, ?2, ?3)",
    )?
    .execute(params![key, receipt.id, search_text(receipt)])?;
    Ok(())
}

/// Takes the receipt (as it was kept, under `search_key`) out of the spending and the index.
pub(crate) fn remove(
    conn: &Connection,
    receipt: &Receipt,
    search_key: Option<i64>,
) -> Result<(), StoreError> {
    for (service, amount) in spends(receipt) {
        bump(conn, month_of(receipt), service, amount, false)?;
    }
    if let Some(key) = search_key {
        conn.execute("DELETE FROM receipt_search WHERE rowid = ?1", [key])?;
    }
    Ok(())
}

/// The words a receipt is found by: each line's provider, service, account and address.
pub fn search_text(receipt: &Receipt) -> String {
    let mut text = String::new();
    for l in &receipt.lines {
        for part in [&l.provider_name, &l.service_name, &l.account] {
            text.push_str(part);
            text.push(' ');
        }
        if let Some(address) = &l.address_title {
            text.push_str(address);
            text.push(' ');
        }
    }
    text
}

/// What a receipt spent by service, its fees last; zero amounts left out.
fn spends(receipt: &Receipt) -> impl Iterator<Item = (&str, Money)> {
    receipt
        .lines
        .iter()
        .map(|l| (l.service_name.as_str(), l.amount))
        .chain(std::iter::once((SPENDING_FEES, receipt.fees)))
        .filter(|(_, amount)| !amount.is_zero())
}

/// Adds (or takes away) an amount from one month's service; a sum back at zero is removed.
fn bump(
    conn: &Connection,
    month: Period,
    service: &str,
    amount: Money,
    add: bool,
) -> Result<(), StoreError> {
    let month = period_text(month);
    let old: Option<String> = conn
        .prepare_cached("SELECT total FROM spending_month WHERE month = ?1 AND service = ?2")?
        .query_row(params![month, service], |r| r.get(0))
        .optional()?;
    let old = match old {
        Some(text) => parse_money(&text, "spending_month.total")?,
        None => Money::default(),
    };
    let new = if add {
        old.checked_add(amount)
    } else {
        old.checked_sub(amount)
    }
    .ok_or_else(|| StoreError::Corrupt(format!("spending of {month} {service:?} out of range")))?;
    if new.is_zero() {
        conn.prepare_cached("DELETE FROM spending_month WHERE month = ?1 AND service = ?2")?
            .execute(params![month, service])?;
    } else {
        conn.prepare_cached(
            "INSERT OR REPLACE INTO spending_month (month, service, total) VALUES (?1, ?2, ?3)",
        )?
        .execute(params![month, service, money_text(new)])?;
    }
    Ok(())
}
