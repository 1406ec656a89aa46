//! Settings, and what sign-out forgets.

use ofis_domain::{AddressId, CombinedBill};
use ofis_store::{OutboxOrder, OutboxState};
use uuid::Uuid;

use crate::support::{at, bill, period, receipt, TestDb};

#[test]
fn settings_are_set_replaced_and_removed() {
    let db = TestDb::new();
    let mut store = db.open();
    assert_eq!(store.get_setting("last_phone").unwrap(), None);
    store.set_setting("last_phone", "+79123456789").unwrap();
    store.set_setting("last_phone", "+79990001122").unwrap();
    drop(store);
    let mut store = db.open();
    assert_eq!(
        store.get_setting("last_phone").unwrap().as_deref(),
        Some("+79990001122")
    );
    assert!(store.remove_setting("last_phone").unwrap());
    assert!(!store.remove_setting("last_phone").unwrap());
    assert_eq!(store.get_setting("last_phone").unwrap(), None);
}

/// Text that appears nowhere else, to look for in the raw files.
const MARKER: &str = "Переулок Приметный 4711";

#[test]
fn sign_out_forgets_personal_data_but_keeps_payments_in_flight() {
    let db = TestDb::new();
    let mut store = db.open();
    let home = AddressId::from("a-12");
    let mut cb = CombinedBill::new();
    cb.add(bill("water", Some("a-12"), "100.00")).unwrap();
    cb.add(bill("power", Some("a-12"), "200.00")).unwrap();
    store.save_combined(&cb).unwrap();
    store.add_saved_address(&home, MARKER).unwrap();
    store
        .cache_address_bills(
            &home,
            period(),
            &[bill("water", Some("a-12"), "100.00")],
            at(3, 9),
        )
        .unwrap();
    store
        .save_receipt(&receipt("r-1", "o-1", at(4, 9), "100.00"))
        .unwrap();
    store.set_setting("last_phone", "+79123456789").unwrap();

    let frozen = cb.freeze().unwrap();
    let in_flight = OutboxOrder::prepared(
        Uuid::new_v4().to_string(),
        at(5, 9),
        frozen.lines().to_vec(),
    );
    let finished = OutboxOrder::prepared(
        Uuid::new_v4().to_string(),
        at(4, 9),
        frozen.lines().to_vec(),
    );
    // Its order waits for a card that never left: no money can move, so it goes too.
    let never_sent = OutboxOrder::prepared(
        Uuid::new_v4().to_string(),
        at(5, 8),
        frozen.lines().to_vec(),
    );
    store.outbox_insert(&in_flight).unwrap();
    store.outbox_insert(&finished).unwrap();
    store.outbox_insert(&never_sent).unwrap();
    store
        .outbox_mark_created(&in_flight.idempotency_key, "o-2", "p-2", "http://gw")
        .unwrap();
    store
        .outbox_mark_card_sent(&in_flight.idempotency_key, at(5, 10))
        .unwrap();
    store
        .outbox_mark_created(&never_sent.idempotency_key, "o-3", "p-3", "http://gw")
        .unwrap();
    store
        .outbox_mark_created(&finished.idempotency_key, "o-1", "p-1", "http://gw")
        .unwrap();
    store
        .outbox_mark_final(
            &finished.idempotency_key,
            OutboxState::Paid,
            None,
            Some("r-1"),
        )
        .unwrap();

    store.wipe_personal_data().unwrap();

    assert!(store.load_combined().unwrap().is_empty());
    assert!(store.saved_addresses().unwrap().is_empty());
    assert_eq!(store.cached_address_bills(&home, period()).unwrap(), None);
    assert!(store.receipts().unwrap().is_empty());
    assert_eq!(store.get_setting("last_phone").unwrap(), None);
    let left = store.outbox_all().unwrap();
    assert_eq!(left.len(), 1);
    assert_eq!(
        (left[0].idempotency_key.as_str(), left[0].state),
        (in_flight.idempotency_key.as_str(), OutboxState::Created)
    );
    store.integrity_check().unwrap();

    // secure_delete plus the checkpoint: the forgotten text is in no file of the database.
    for entry in std::fs::read_dir(db.dir.path()).unwrap() {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        let found = bytes.windows(MARKER.len()).any(|w| w == MARKER.as_bytes());
        assert!(!found, "{} still holds the wiped address", path.display());
    }
}
