//! The saved общий счёт and saved addresses.

use ofis_domain::{AddressId, BillId, CombinedBill, Money};
use ofis_store::StoreError;
use proptest::prelude::*;

use crate::support::{bill, rub, TestDb};

fn edited_selection() -> CombinedBill {
    let mut cb = CombinedBill::new();
    cb.add(bill("water-12", Some("12"), "1234.56")).unwrap();
    cb.add(bill("single", None, "500.00")).unwrap();
    cb.add(bill("power-12", Some("12"), "99.99")).unwrap();
    cb.add(bill("gas-7", Some("7"), "10.00")).unwrap();
    cb.skip(&BillId("power-12".into())).unwrap();
    cb.set_amount(&BillId("gas-7".into()), rub("15.50"))
        .unwrap();
    cb
}

#[test]
fn combined_bill_round_trips_with_amounts_and_order() {
    let db = TestDb::new();
    let mut store = db.open();
    let cb = edited_selection();
    store.save_combined(&cb).unwrap();
    drop(store);

    let loaded = db.open().load_combined().unwrap();
    assert_eq!(loaded, cb);
    assert_eq!(loaded.total(), cb.total());
    let ids: Vec<&str> = loaded.lines().iter().map(|l| l.bill.id.as_str()).collect();
    assert_eq!(ids, ["water-12", "single", "power-12", "gas-7"]);
}

#[test]
fn amounts_are_stored_as_exact_decimal_text() {
    let db = TestDb::new();
    db.open().save_combined(&edited_selection()).unwrap();
    let amounts: Vec<(String, String)> = {
        let raw = db.raw();
        let mut stmt = raw
            .prepare("SELECT typeof(amount), amount FROM selection_line ORDER BY position")
            .unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    let texts: Vec<&str> = amounts.iter().map(|(_, a)| a.as_str()).collect();
    assert_eq!(texts, ["1234.56", "500.00", "0.00", "15.50"]);
    assert!(amounts.iter().all(|(t, _)| t == "text"));
}

#[test]
fn saving_replaces_the_previous_selection() {
    let db = TestDb::new();
    let mut store = db.open();
    store.save_combined(&edited_selection()).unwrap();
    let mut smaller = CombinedBill::new();
    smaller.add(bill("other", Some("3"), "1.00")).unwrap();
    store.save_combined(&smaller).unwrap();
    assert_eq!(store.load_combined().unwrap(), smaller);
    store.save_combined(&CombinedBill::new()).unwrap();
    assert!(store.load_combined().unwrap().is_empty());
}

#[test]
fn nothing_saved_loads_as_an_empty_combined_bill() {
    let db = TestDb::new();
    assert!(db.open().load_combined().unwrap().is_empty());
}

#[test]
fn undecodable_line_is_reported_not_skipped() {
    let db = TestDb::new();
    let store = {
        let mut store = db.open();
        store.save_combined(&edited_selection()).unwrap();
        store
    };
    db.raw()
        .execute(
            "UPDATE selection_line SET bill_json = '{\"id\": \"single\"}' WHERE bill_id = 'single'",
            [],
        )
        .unwrap();
    assert!(matches!(store.load_combined(), Err(StoreError::Corrupt(_))));

    db.raw()
        .execute("UPDATE selection_line SET bill_json = (SELECT bill_json FROM selection_line WHERE bill_id = 'gas-7') WHERE bill_id = 'single'", [])
        .unwrap();
    assert!(
        matches!(store.load_combined(), Err(StoreError::Corrupt(_))),
        "a line under another bill's id"
    );
}

#[test]
fn saved_addresses_keep_their_order_and_take_new_titles() {
    let db = TestDb::new();
    let mut store = db.open();
    let (a, b, c) = (
        AddressId::from("a-12"),
        AddressId::from("a-7"),
        AddressId::from("a-3"),
    );
    store.add_saved_address(&a, "ул. Советская, д. 12").unwrap();
    store.add_saved_address(&b, "ул. Ленина, д. 7").unwrap();
    store.add_saved_address(&c, "пр. Победы, д. 3").unwrap();
    store
        .add_saved_address(&a, "г. Оренбург, ул. Советская, д. 12")
        .unwrap();
    assert!(store.remove_saved_address(&b).unwrap());
    assert!(!store.remove_saved_address(&b).unwrap(), "already gone");
    drop(store);

    let store = db.open();
    let saved = store.saved_addresses().unwrap();
    let shown: Vec<(&str, &str)> = saved
        .iter()
        .map(|(id, title)| (id.as_str(), title.as_str()))
        .collect();
    assert_eq!(
        shown,
        [
            ("a-12", "г. Оренбург, ул. Советская, д. 12"),
            ("a-3", "пр. Победы, д. 3")
        ]
    );
    assert!(store.is_address_saved(&a).unwrap());
    assert!(!store.is_address_saved(&b).unwrap());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    // Amounts a line may carry: up to the per-payment limit of 600 000 ₽.
    fn any_selection_survives_a_restart(
        lines in proptest::collection::vec((0u64..100_000_000_000, 0u64..60_000_000, proptest::option::of("\\PC{0,30}")), 0..8)
    ) {
        let mut cb = CombinedBill::new();
        for (i, (due, paid, address)) in lines.iter().enumerate() {
            let mut b = bill(&format!("b{i}"), address.as_deref(), "0.00");
            b.amount_due = Money::from_kopecks(*due).unwrap();
            b.address_title = address.clone();
            cb.add(b).unwrap();
            cb.set_amount(&BillId(format!("b{i}")), Money::from_kopecks(*paid).unwrap()).unwrap();
        }
        let db = TestDb::new();
        db.open().save_combined(&cb).unwrap();
        let loaded = db.open().load_combined().unwrap();
        prop_assert_eq!(loaded.total(), cb.total());
        prop_assert_eq!(loaded, cb);
    }
}
