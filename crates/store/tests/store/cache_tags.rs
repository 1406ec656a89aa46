//! The `ETag` kept beside cached bills, so the first refresh after a restart can be a 304.

use ofis_domain::AddressId;
use ofis_store::{Store, TaggedBills, MIGRATIONS, SCHEMA_VERSION};

use crate::support::{at, bill, period, TestDb};

#[test]
fn the_newest_periods_bills_come_back_with_their_tag() {
    let db = TestDb::new();
    let mut store = db.open();
    let home = AddressId::from("a-12");
    let old = vec![bill("w-old", Some("a-12"), "90.00")];
    let new = vec![bill("w", Some("a-12"), "100.00")];
    store
        .cache_tagged_address_bills(&home, period().previous(), &old, Some("\"old\""), at(1, 8))
        .unwrap();
    store
        .cache_tagged_address_bills(&home, period(), &new, Some("\"new\""), at(2, 8))
        .unwrap();
    drop(store);

    let store = db.open();
    assert_eq!(
        store.tagged_address_bills(&home).unwrap(),
        Some(TaggedBills {
            period: period(),
            etag: "\"new\"".to_string(),
            bills: new.clone(),
        })
    );
    assert_eq!(
        store.cached_address_bills(&home, period()).unwrap(),
        Some((new, at(2, 8))),
        "the tag changes nothing of what the cache returned before"
    );
    assert_eq!(
        store.tagged_address_bills(&AddressId::from("a-7")).unwrap(),
        None
    );
}

#[test]
fn bills_written_without_a_tag_drop_the_old_one() {
    let db = TestDb::new();
    let mut store = db.open();
    let home = AddressId::from("a-12");
    let bills = vec![bill("w", Some("a-12"), "100.00")];
    store
        .cache_tagged_address_bills(&home, period(), &bills, Some("\"t\""), at(1, 8))
        .unwrap();
    store
        .cache_address_bills(&home, period(), &bills, at(2, 8))
        .unwrap();
    assert_eq!(
        store.tagged_address_bills(&home).unwrap(),
        None,
        "a tag never stands for bills it did not come with"
    );
}

#[test]
fn the_validators_step_keeps_the_cached_bills_untagged() {
    let db = TestDb::new();
    let step = MIGRATIONS
        .iter()
        .position(|m| m.name == "validators of cached bills")
        .expect("the step");
    assert_eq!(SCHEMA_VERSION as usize, MIGRATIONS.len());
    let home = AddressId::from("a-12");
    let bills = vec![bill("w", Some("a-12"), "100.00")];
    drop(Store::open_with_migrations(&db.path(), &MIGRATIONS[..step]).unwrap());
    // Written as the build before this step wrote it.
    let raw = db.raw();
    raw.execute(
        "INSERT INTO bill_cache (address_id, period, bills_json, fetched_at)
         VALUES ('a-12', ?1, ?2, '2026-11-01T08:00:00.000000000Z')",
        [period().to_string(), serde_json::to_string(&bills).unwrap()],
    )
    .unwrap();
    drop(raw);

    let store = db.open();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    assert_eq!(
        store.cached_address_bills(&home, period()).unwrap(),
        Some((bills, at(1, 8)))
    );
    assert_eq!(store.tagged_address_bills(&home).unwrap(), None);
}
