//! History at scale: receipts and payments a page at a time (keyset pagination, newest first),
//! receipts found by their words, the spending per month, and which of some bills were paid —
//! each on an index, never a scan of ten years of rows. [`HOT_QUERIES`] lists these
//! statements so a test can check their query plans.

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};
use ofis_domain::{BillId, Money, Period, Receipt};
use rusqlite::params;

use crate::codec::{parse_money, period_text, time_text};
use crate::error::StoreError;
use crate::open::Store;
use crate::receipts::load_rows;

/// Where a page of receipts ends: the last receipt shown. The next page starts after it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReceiptCursor {
    pub issued_at: DateTime<Utc>,
    pub id: String,
}

const RECEIPTS_FIRST: &str = "SELECT id, order_id, issued_at, total, fees, fn_number, fd_number, \
     fp, fiscal_sum FROM receipt ORDER BY issued_at DESC, id DESC LIMIT ?1";
const RECEIPTS_AFTER: &str = "SELECT id, order_id, issued_at, total, fees, fn_number, fd_number, \
     fp, fiscal_sum FROM receipt WHERE (issued_at, id) < (?1, ?2) \
     ORDER BY issued_at DESC, id DESC LIMIT ?3";
const RECEIPT_BY_ID: &str = "SELECT id, order_id, issued_at, total, fees, fn_number, fd_number, \
     fp, fiscal_sum FROM receipt WHERE id = ?1";
const RECEIPT_LINES: &str = "SELECT bill_id, provider_name, service_name, account, \
     address_title, amount, fee FROM receipt_line WHERE receipt_id = ?1 ORDER BY position";
const SEARCH: &str = "SELECT receipt_id FROM receipt_search WHERE receipt_search MATCH ?1 \
     ORDER BY rowid DESC LIMIT ?2";
const SPENDING: &str =
    "SELECT month, service, total FROM spending_month WHERE month BETWEEN ?1 AND ?2";
const LAST_SPENDING: &str = "SELECT max(month) FROM spending_month";
const PAID_AMONG: &str =
    "SELECT b.value FROM json_each(?1) b WHERE EXISTS (SELECT 1 FROM paid_bill p WHERE p.bill_id = b.value)";

/// Every statement on a path that must stay fast with ten years of history, by name: the test
/// `plans` runs `EXPLAIN QUERY PLAN` on each against a filled database and refuses a scan of a
/// table. (The full-text search "scans" its virtual table: that is FTS5's own index walk.)
pub static HOT_QUERIES: &[(&str, &str)] = &[
    ("receipts, first page", RECEIPTS_FIRST),
    ("receipts, next page", RECEIPTS_AFTER),
    ("receipt by id", RECEIPT_BY_ID),
    ("receipt lines", RECEIPT_LINES),
    ("receipt search", SEARCH),
    ("spending between months", SPENDING),
    ("last month with spending", LAST_SPENDING),
    ("paid among bills", PAID_AMONG),
    ("outbox, first page", crate::outbox::PAGE_FIRST),
    ("outbox, next page", crate::outbox::PAGE_AFTER),
    ("outbox, pending", crate::outbox::PENDING),
    ("outbox by server order", crate::outbox::BY_SERVER_ORDER),
    ("outbox lines", crate::outbox::LINES),
    ("outbox readings", crate::outbox::READINGS),
    ("reading queue, open", crate::readings::OPEN_QUEUE),
    ("reading queue, recent", crate::readings::RECENT_SETTLED),
    ("one meter's readings", crate::readings::METER_READINGS),
];

impl Store {
    /// Up to `limit` receipts issued before `after` (from the newest when `None`), newest first.
    pub fn receipts_page(
        &self,
        after: Option<&ReceiptCursor>,
        limit: u32,
    ) -> Result<Vec<Receipt>, StoreError> {
        match after {
            None => load_rows(&self.conn, RECEIPTS_FIRST, [limit]),
            Some(c) => load_rows(
                &self.conn,
                RECEIPTS_AFTER,
                params![time_text(c.issued_at), c.id, limit],
            ),
        }
    }

    /// Up to `limit` receipts whose providers, services, accounts or addresses hold every word
    /// of `query` (each word as a prefix: «электро» finds «Электроэнергия»), newest first. The
    /// newest matches come straight off the index: no match is sorted.
    pub fn search_receipts(&self, query: &str, limit: u32) -> Result<Vec<Receipt>, StoreError> {
        let Some(expr) = match_expression(query) else {
            return Ok(Vec::new());
        };
        let ids: Vec<String> = self
            .conn
            .prepare_cached(SEARCH)?
            .query_map(params![expr, limit], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        let mut found = Vec::with_capacity(ids.len());
        for id in ids {
            found.extend(load_rows(&self.conn, RECEIPT_BY_ID, [id])?);
        }
        Ok(found)
    }

    /// What was spent each month from `from` to `to` (both included), by service (fees under
    /// [`crate::SPENDING_FEES`]): (month, service, amount), in no particular order.
    pub fn spending_between(
        &self,
        from: Period,
        to: Period,
    ) -> Result<Vec<(Period, String, Money)>, StoreError> {
        let rows: Vec<(String, String, String)> = self
            .conn
            .prepare_cached(SPENDING)?
            .query_map(params![period_text(from), period_text(to)], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })?
            .collect::<Result<_, _>>()?;
        rows.into_iter()
            .map(|(month, service, total)| {
                let period = month
                    .parse()
                    .map_err(|e| StoreError::Corrupt(format!("spending_month {month:?}: {e}")))?;
                Ok((
                    period,
                    service,
                    parse_money(&total, "spending_month.total")?,
                ))
            })
            .collect()
    }

    /// The latest month anything was spent in, if any.
    pub fn last_spending_period(&self) -> Result<Option<Period>, StoreError> {
        let month: Option<String> = self.conn.query_row(LAST_SPENDING, [], |r| r.get(0))?;
        month
            .map(|m| {
                m.parse()
                    .map_err(|e| StoreError::Corrupt(format!("spending_month {m:?}: {e}")))
            })
            .transpose()
    }

    /// Which of `ids` were paid through the app (a final paid order holds them), each looked up
    /// on the index of payment lines by bill.
    pub fn paid_among(&self, ids: &[BillId]) -> Result<BTreeSet<BillId>, StoreError> {
        if ids.is_empty() {
            return Ok(BTreeSet::new());
        }
        let list: Vec<&str> = ids.iter().map(BillId::as_str).collect();
        let json = crate::codec::to_json(&list, "bill ids")?;
        let paid = self
            .conn
            .prepare_cached(PAID_AMONG)?
            .query_map([json], |r| r.get::<_, String>(0))?
            .map(|r| r.map(BillId))
            .collect::<Result<_, _>>()?;
        Ok(paid)
    }
}

/// The FTS5 expression for what the person typed: each word quoted (so no character of it is
/// syntax) and made a prefix; words joined by AND. `None` when there is no word.
fn match_expression(query: &str) -> Option<String> {
    let words: Vec<String> = query
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| format!("\"{}\"*", w.replace('"', "\"\"")))
        .collect();
    (!words.is_empty()).then(|| words.join(" "))
}

#[cfg(test)]
mod tests {
    use super::match_expression;

    #[test]
    fn typed_words_become_quoted_prefixes() {
        assert_eq!(match_expression("  "), None);
        assert_eq!(
            match_expression("Электро 1234-56"),
            Some("\"Электро\"* \"1234\"* \"56\"*".into())
        );
        assert_eq!(
            match_expression("a\"b OR"),
            Some("\"a\"* \"b\"* \"OR\"*".into())
        );
    }
}
