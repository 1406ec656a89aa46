//! Kept receipts.

use ofis_domain::{BillId, Money};
use ofis_store::{Store, StoreError, MIGRATIONS, SCHEMA_VERSION};

use crate::support::{at, receipt, rub, TestDb};

/// A receipt as versions 1–3 kept it: the API's JSON of that time, here an early one without
/// fees or address.
const KEPT_V3: &str = r#"{"id":"r-7","order_id":"o-7","lines":[
    {"bill_id":"b7","provider_name":"ПАО «ЭнергосбыТ Плюс»","service_name":"Электроэнергия",
     "account":"77001","amount":"812.40"},
    {"bill_id":"b8","provider_name":"ООО «Газпром межрегионгаз Оренбург»","service_name":"Газ",
     "account":"88002","address_title":"г. Орск, ул. Строителей, д. 3","amount":"100.00","fee":"1.00"}],
  "total":"913.40","fees":"1.00",
  "fiscal":{"fn_number":"9999078900004312","fd_number":77,"fp":"3522207165",
            "issued_at":"2026-11-07T04:30:00Z","sum":"913.40"}}"#;

fn version_three_with(json: &str) -> TestDb {
    let db = TestDb::new();
    drop(Store::open_with_migrations(&db.path(), &MIGRATIONS[..3]).unwrap());
    db.raw()
        .execute(
            "INSERT INTO receipt (id, order_id, issued_at, receipt_json)
             VALUES ('r-7', 'o-7', '2026-11-07T04:30:00.000000000Z', ?1)",
            [json],
        )
        .unwrap();
    db
}

#[test]
fn receipts_kept_as_json_move_to_their_own_columns_losing_nothing() {
    let db = version_three_with(KEPT_V3);
    let store = db.open();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    let kept = store
        .receipt("r-7")
        .unwrap()
        .expect("the receipt is still there");
    assert_eq!(kept.order_id, "o-7");
    assert_eq!((kept.total, kept.fees), (rub("913.40"), rub("1.00")));
    assert_eq!(kept.lines.len(), 2);
    assert_eq!(kept.lines[0].bill_id, BillId::from("b7"));
    assert_eq!(
        kept.lines[0].fee,
        Money::ZERO,
        "an early receipt had no fees"
    );
    assert_eq!(kept.lines[0].address_title, None);
    assert_eq!(
        kept.lines[1].address_title.as_deref(),
        Some("г. Орск, ул. Строителей, д. 3")
    );
    assert_eq!(kept.fiscal.fd_number, 77);
    assert_eq!(
        kept.fiscal.issued_at,
        at(7, 4) + chrono::Duration::minutes(30)
    );
    assert_eq!(store.receipt_for_order("o-7").unwrap(), Some(kept));
    store.integrity_check().unwrap();
}

#[test]
fn a_kept_receipt_that_does_not_decode_stops_the_upgrade_and_stays() {
    let db = version_three_with(r#"{"id":"r-7","total":"1,00"}"#);
    let refused = Store::open(&db.path()).err();
    assert!(
        matches!(refused, Some(StoreError::Migration { version: 4, .. })),
        "{refused:?}"
    );
    let raw = db.raw();
    let version: i64 = raw
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(version, 3);
    let json: String = raw
        .query_row("SELECT receipt_json FROM receipt", [], |r| r.get(0))
        .unwrap();
    assert!(json.contains("1,00"), "the old row is kept as it was");
}

#[test]
fn receipts_round_trip_newest_first() {
    let db = TestDb::new();
    let mut store = db.open();
    let (old, new) = (
        receipt("r-1", "o-1", at(2, 9), "100.00"),
        receipt("r-2", "o-2", at(20, 9), "2345.67"),
    );
    store.save_receipt(&old).unwrap();
    store.save_receipt(&new).unwrap();
    drop(store);

    let store = db.open();
    assert_eq!(store.receipts().unwrap(), [new.clone(), old.clone()]);
    assert_eq!(store.receipt("r-1").unwrap(), Some(old));
    assert_eq!(store.receipt_for_order("o-2").unwrap(), Some(new));
    assert_eq!(store.receipt("r-404").unwrap(), None);
    assert_eq!(store.receipt_for_order("o-404").unwrap(), None);
}

#[test]
fn saving_a_receipt_again_replaces_it() {
    let db = TestDb::new();
    let mut store = db.open();
    store
        .save_receipt(&receipt("r-1", "o-1", at(2, 9), "100.00"))
        .unwrap();
    let corrected = receipt("r-1", "o-1", at(2, 10), "100.00");
    store.save_receipt(&corrected).unwrap();
    assert_eq!(store.receipts().unwrap(), [corrected]);
}

#[test]
fn a_damaged_receipt_is_reported() {
    let db = TestDb::new();
    let mut store = db.open();
    store
        .save_receipt(&receipt("r-1", "o-1", at(2, 9), "100.00"))
        .unwrap();
    db.raw()
        .execute("UPDATE receipt SET issued_at = 'yesterday'", [])
        .unwrap();
    assert!(matches!(store.receipts(), Err(StoreError::Corrupt(_))));
    assert!(matches!(store.receipt("r-1"), Err(StoreError::Corrupt(_))));
}
