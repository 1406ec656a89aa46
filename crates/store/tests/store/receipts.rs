//! Kept receipts.

use ofis_store::StoreError;

use crate::support::{at, receipt, TestDb};

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
        .execute("UPDATE receipt SET receipt_json = '{\"id\": \"r-1\"}'", [])
        .unwrap();
    assert!(matches!(store.receipts(), Err(StoreError::Corrupt(_))));
    assert!(matches!(store.receipt("r-1"), Err(StoreError::Corrupt(_))));
}
