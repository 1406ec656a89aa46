//! Cached bills per address and period.

use ofis_domain::{AddressId, Period};
use ofis_store::StoreError;

use crate::support::{at, bill, period, TestDb};

#[test]
fn cached_bills_come_back_for_their_address_and_period_only() {
    let db = TestDb::new();
    let mut store = db.open();
    let home = AddressId::from("a-12");
    let bills = vec![
        bill("w", Some("a-12"), "100.00"),
        bill("p", Some("a-12"), "250.75"),
    ];
    store
        .cache_address_bills(&home, period(), &bills, at(3, 10))
        .unwrap();
    drop(store);

    let store = db.open();
    assert_eq!(
        store.cached_address_bills(&home, period()).unwrap(),
        Some((bills, at(3, 10)))
    );
    assert_eq!(
        store
            .cached_address_bills(&home, period().previous())
            .unwrap(),
        None
    );
    assert_eq!(
        store
            .cached_address_bills(&AddressId::from("a-7"), period())
            .unwrap(),
        None
    );
}

#[test]
fn a_fresh_answer_replaces_the_cached_one() {
    let db = TestDb::new();
    let mut store = db.open();
    let home = AddressId::from("a-12");
    store
        .cache_address_bills(
            &home,
            period(),
            &[bill("w", Some("a-12"), "1.00")],
            at(1, 8),
        )
        .unwrap();
    let newer = vec![
        bill("w", Some("a-12"), "1.00"),
        bill("gas", Some("a-12"), "77.00"),
    ];
    store
        .cache_address_bills(&home, period(), &newer, at(9, 8))
        .unwrap();
    assert_eq!(
        store.cached_address_bills(&home, period()).unwrap(),
        Some((newer, at(9, 8)))
    );
    store
        .cache_address_bills(&home, period(), &[], at(10, 8))
        .unwrap();
    assert_eq!(
        store.cached_address_bills(&home, period()).unwrap(),
        Some((vec![], at(10, 8)))
    );
}

#[test]
fn old_periods_can_be_forgotten() {
    let db = TestDb::new();
    let mut store = db.open();
    let home = AddressId::from("a-12");
    let december = Period::new(2026, 12).unwrap();
    for p in [period().previous(), period(), december] {
        store.cache_address_bills(&home, p, &[], at(1, 0)).unwrap();
    }
    assert_eq!(store.forget_cached_bills_before(period()).unwrap(), 1);
    assert!(store
        .cached_address_bills(&home, period().previous())
        .unwrap()
        .is_none());
    assert!(store
        .cached_address_bills(&home, period())
        .unwrap()
        .is_some());
    assert!(store
        .cached_address_bills(&home, december)
        .unwrap()
        .is_some());
}

#[test]
fn a_damaged_cache_row_is_reported_not_treated_as_empty() {
    let db = TestDb::new();
    let mut store = db.open();
    let home = AddressId::from("a-12");
    store
        .cache_address_bills(
            &home,
            period(),
            &[bill("w", Some("a-12"), "1.00")],
            at(1, 8),
        )
        .unwrap();
    db.raw()
        .execute("UPDATE bill_cache SET bills_json = '[{\"id\": 5}]'", [])
        .unwrap();
    assert!(matches!(
        store.cached_address_bills(&home, period()),
        Err(StoreError::Corrupt(_))
    ));
    db.raw()
        .execute(
            "UPDATE bill_cache SET bills_json = '[]', fetched_at = 'вчера'",
            [],
        )
        .unwrap();
    assert!(matches!(
        store.cached_address_bills(&home, period()),
        Err(StoreError::Corrupt(_))
    ));
}
