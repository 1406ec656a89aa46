//! History at scale: every hot query on an index (EXPLAIN QUERY PLAN on a filled database),
//! pages, search and the spending per month agreeing with the receipts they come from, the
//! derived tables kept through a replaced receipt, a migration and a sign-out.

use std::collections::BTreeMap;

use chrono::{TimeZone, Utc};
use ofis_domain::{tz, BillId, Money, Period, Receipt};
use ofis_store::lifetime::{fill_history, fill_selection, Volume};
use ofis_store::{ReceiptCursor, Store, HOT_QUERIES, MIGRATIONS, SPENDING_FEES};

use crate::support::{at, receipt, rub, TestDb};

fn filled() -> (TestDb, Store) {
    let db = TestDb::new();
    let mut store = db.open();
    let now = Utc.with_ymd_and_hms(2026, 12, 3, 6, 0, 0).unwrap();
    fill_selection(&mut store, now).unwrap();
    fill_history(&mut store, Volume::TINY, now, 17).unwrap();
    (db, store)
}

/// The lines of `EXPLAIN QUERY PLAN` for `sql`, every parameter bound to NULL.
fn plan(conn: &rusqlite::Connection, sql: &str) -> Vec<String> {
    let mut stmt = conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}")).unwrap();
    for i in 1..=stmt.parameter_count() {
        stmt.raw_bind_parameter(i, rusqlite::types::Null).unwrap();
    }
    let mut rows = stmt.raw_query();
    let mut lines = Vec::new();
    while let Some(row) = rows.next().unwrap() {
        lines.push(row.get::<_, String>(3).unwrap());
    }
    lines
}

/// The steps of a plan that read a whole table. A virtual table's "SCAN" is its own module's
/// index walk (FTS5's doclists, `json_each` over the ids given), not a scan of stored rows. An
/// index walked in the ORDER BY's order under a LIMIT (a first page: "SCAN t USING INDEX i", no
/// sort) stops after LIMIT rows, so it is allowed for a statement with a LIMIT and no sort.
fn table_scans(sql: &str, plan: &[String]) -> Vec<String> {
    let bounded = sql.contains(" LIMIT ") && !plan.iter().any(|l| l.contains("TEMP B-TREE"));
    plan.iter()
        .filter(|l| l.starts_with("SCAN ") && !l.contains("VIRTUAL TABLE"))
        .filter(|l| !(bounded && l.contains(" USING ") && l.contains("INDEX ")))
        .cloned()
        .collect()
}

#[test]
fn no_hot_query_scans_a_table() {
    let (db, _store) = filled();
    let raw = db.raw();
    let mut offenders = Vec::new();
    for (name, sql) in HOT_QUERIES {
        let plan = plan(&raw, sql);
        assert!(!plan.is_empty(), "{name}: no plan");
        let scans = table_scans(sql, &plan);
        if !scans.is_empty() {
            offenders.push(format!("{name}: {plan:?}"));
        }
    }
    assert!(
        offenders.is_empty(),
        "full scans:\n{}",
        offenders.join("\n")
    );
    // The check itself sees a scan when there is one: a table read whole, an index read whole.
    for sql in [
        "SELECT id FROM receipt WHERE fp = ?1 LIMIT 5",
        "SELECT id FROM receipt ORDER BY issued_at DESC",
        "SELECT id FROM receipt ORDER BY fp LIMIT 5",
    ] {
        let scan = plan(&raw, sql);
        assert_eq!(table_scans(sql, &scan).len(), 1, "{sql}: {scan:?}");
    }
}

#[test]
fn pages_walk_every_receipt_newest_first_once() {
    let (_db, store) = filled();
    let all = store.receipts().unwrap();
    assert_eq!(all.len(), Volume::TINY.receipts as usize);
    let mut walked: Vec<Receipt> = Vec::new();
    let mut cursor: Option<ReceiptCursor> = None;
    loop {
        let page = store.receipts_page(cursor.as_ref(), 50).unwrap();
        let Some(last) = page.last() else { break };
        cursor = Some(ReceiptCursor {
            issued_at: last.fiscal.issued_at,
            id: last.id.clone(),
        });
        walked.extend(page);
    }
    assert_eq!(walked, all);
    let mut keys: Vec<_> = store.outbox_page(None, 1_000).unwrap();
    let first = store.outbox_page(None, 7).unwrap();
    assert_eq!(first, keys[..7]);
    let after = ofis_store::OutboxCursor {
        created_at: first[6].created_at,
        idempotency_key: first[6].idempotency_key.clone(),
    };
    assert_eq!(store.outbox_page(Some(&after), 5).unwrap(), keys[7..12]);
    keys.sort_by_key(|o| std::cmp::Reverse(o.created_at));
    assert_eq!(keys, store.outbox_page(None, 1_000).unwrap());
}

#[test]
fn search_finds_the_newest_receipts_holding_every_word() {
    let (_db, store) = filled();
    let all = store.receipts().unwrap();
    let holds = |r: &Receipt, word: &str| {
        ofis_store::search_text(r)
            .to_lowercase()
            .contains(&word.to_lowercase())
    };
    let expected: Vec<&Receipt> = all.iter().filter(|r| holds(r, "электро")).collect();
    assert!(expected.len() > all.len() / 2, "«электро» is common");
    let found = store.search_receipts("Электро", 20).unwrap();
    assert_eq!(found.iter().collect::<Vec<_>>(), expected[..20]);
    let account = ofis_store::lifetime::account(2, 1);
    let found = store
        .search_receipts(&format!("водо {account}"), 1_000)
        .unwrap();
    let expected: Vec<&Receipt> = all.iter().filter(|r| holds(r, &account)).collect();
    assert!(!expected.is_empty());
    assert_eq!(found.iter().collect::<Vec<_>>(), expected);
    assert!(store
        .search_receipts("нетакогослова", 10)
        .unwrap()
        .is_empty());
    assert!(store.search_receipts(" \" * ", 10).unwrap().is_empty());
}

/// The spending per month and service from the receipts themselves.
fn spending_from(receipts: &[Receipt]) -> BTreeMap<(Period, String), Money> {
    let mut sums: BTreeMap<(Period, String), Money> = BTreeMap::new();
    for r in receipts {
        let month = Period::of(tz::local_date(r.fiscal.issued_at));
        let spends = r.lines.iter().map(|l| (l.service_name.clone(), l.amount));
        for (service, amount) in spends.chain([(SPENDING_FEES.to_string(), r.fees)]) {
            if !amount.is_zero() {
                let sum = sums.entry((month, service)).or_insert(Money::ZERO);
                *sum = *sum + amount;
            }
        }
    }
    sums
}

fn spending_kept(store: &Store) -> BTreeMap<(Period, String), Money> {
    let from = Period::new(2000, 1).unwrap();
    let to = Period::new(2100, 1).unwrap();
    let rows = store.spending_between(from, to).unwrap();
    rows.into_iter().map(|(p, s, m)| ((p, s), m)).collect()
}

#[test]
fn spending_per_month_is_the_sum_of_the_receipts() {
    let (_db, mut store) = filled();
    let from_receipts = spending_from(&store.receipts().unwrap());
    assert_eq!(spending_kept(&store), from_receipts);
    let last = from_receipts.keys().map(|(p, _)| *p).max();
    assert!(last.is_some());
    assert_eq!(store.last_spending_period().unwrap(), last);
    // A receipt saved again with another amount and month replaces its old share.
    let mut again = store.receipts_page(None, 1).unwrap().remove(0);
    again.lines[0].amount = rub("1.23");
    again.fiscal.issued_at = at(5, 12);
    store.save_receipt(&again).unwrap();
    assert_eq!(
        spending_kept(&store),
        spending_from(&store.receipts().unwrap())
    );
    let paid = store
        .paid_among(&[BillId::from("nope"), again.lines[0].bill_id.clone()])
        .unwrap();
    assert_eq!(
        paid.into_iter().collect::<Vec<_>>(),
        [again.lines[0].bill_id.clone()]
    );
}

#[test]
fn sign_out_forgets_the_spending_and_the_words() {
    let (_db, mut store) = filled();
    store.wipe_personal_data().unwrap();
    assert!(spending_kept(&store).is_empty());
    assert!(store.search_receipts("электро", 10).unwrap().is_empty());
    assert_eq!(store.last_spending_period().unwrap(), None);
}

#[test]
fn the_upgrade_fills_spending_and_search_from_kept_receipts() {
    let db = TestDb::new();
    let mut store = Store::open_with_migrations(&db.path(), &MIGRATIONS[..8]).unwrap();
    drop(store);
    // Version 8 wrote receipts without the derived tables.
    let raw = db.raw();
    for (id, day) in [("r-1", 2), ("r-2", 3)] {
        let r = receipt(id, &format!("o-{id}"), at(day, 9), "250.00");
        raw.execute(
            "INSERT INTO receipt (id, order_id, issued_at, total, fees, fn_number, fd_number,
                                  fp, fiscal_sum)
             VALUES (?1, ?2, ?3, '250.00', '0.00', '1', 1, '1', '250.00')",
            rusqlite::params![
                r.id,
                r.order_id,
                r.fiscal
                    .issued_at
                    .to_rfc3339_opts(chrono::SecondsFormat::Nanos, true)
            ],
        )
        .unwrap();
        raw.execute(
            "INSERT INTO receipt_line (receipt_id, position, bill_id, provider_name, service_name,
                                       account, address_title, amount, fee)
             VALUES (?1, 0, 'b1', 'ООО «Водоканал»', 'Холодное водоснабжение', 'acc-b1', NULL,
                     '250.00', '0.00')",
            [id],
        )
        .unwrap();
    }
    drop(raw);
    store = db.open();
    let kept = store.receipts().unwrap();
    assert_eq!(spending_kept(&store), spending_from(&kept));
    assert_eq!(spending_kept(&store).values().next(), Some(&rub("500.00")));
    let found: Vec<String> = store
        .search_receipts("водоканал", 10)
        .unwrap()
        .into_iter()
        .map(|r| r.id)
        .collect();
    assert_eq!(found, ["r-2", "r-1"]);
}
