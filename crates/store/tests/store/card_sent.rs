//! A payment whose card may have left for the bank ends only on the bank's word.

use ofis_domain::readings::MeterId;
use ofis_domain::{BillId, CombinedBill};
use ofis_store::{
    OutboxOrder, OutboxReading, OutboxState, Store, StoreError, MIGRATIONS, SCHEMA_VERSION,
};
use rust_decimal::Decimal;
use uuid::Uuid;

use crate::support::{at, bill, TestDb};

fn order() -> OutboxOrder {
    let mut cb = CombinedBill::new();
    cb.add(bill("water", Some("a-12"), "1234.56")).unwrap();
    cb.add(bill("power", Some("a-12"), "500.00")).unwrap();
    OutboxOrder::prepared(
        Uuid::new_v4().to_string(),
        at(21, 9),
        cb.freeze().unwrap().lines().to_vec(),
    )
    .with_readings(vec![OutboxReading {
        bill_id: BillId::from("water"),
        meter_id: MeterId("m-cold-1".into()),
        value: Decimal::new(1305, 1),
    }])
}

fn created(store: &mut Store, order: &OutboxOrder) -> String {
    let key = order.idempotency_key.clone();
    store.outbox_insert(order).unwrap();
    store
        .outbox_mark_created(&key, "ord-1", "pay-1", "http://127.0.0.1:9/gw")
        .unwrap();
    key
}

#[test]
fn a_sent_card_is_on_disk_and_the_order_is_never_abandoned_after_it() {
    let db = TestDb::new();
    let mut store = db.open();
    let key = created(&mut store, &order());
    store.outbox_mark_card_sent(&key, at(21, 10)).unwrap();
    drop(store); // the app dies with the card in flight

    let mut store = db.open();
    let pending = store.outbox_pending().unwrap();
    assert_eq!(pending.len(), 1);
    assert_eq!(pending[0].sent_to_bank_at, Some(at(21, 10)));

    let guess = store.outbox_mark_final(&key, OutboxState::Abandoned, None, None);
    assert!(
        matches!(guess, Err(StoreError::IllegalTransition { .. })),
        "{guess:?}"
    );
    assert_eq!(
        store.outbox_get(&key).unwrap().unwrap().state,
        OutboxState::Created
    );
    // The database refuses it too, whoever writes.
    let raw = db
        .raw()
        .execute(
            "UPDATE outbox_order SET state = 'abandoned' WHERE idempotency_key = ?1",
            [&key],
        )
        .unwrap_err();
    assert!(raw.to_string().contains("CHECK"), "{raw}");

    store
        .outbox_mark_final(
            &key,
            OutboxState::Cancelled,
            Some("Оплата отменена, деньги не списаны"),
            None,
        )
        .unwrap();
    let done = store.outbox_get(&key).unwrap().unwrap();
    assert_eq!(done.state, OutboxState::Cancelled);
    assert!(done.state.is_final());
    assert!(store.outbox_pending().unwrap().is_empty());
}

#[test]
fn without_a_sent_card_a_created_order_may_still_be_abandoned() {
    let db = TestDb::new();
    let mut store = db.open();
    let key = created(&mut store, &order());
    store
        .outbox_mark_final(&key, OutboxState::Abandoned, None, None)
        .unwrap();
    assert_eq!(
        store.outbox_get(&key).unwrap().unwrap().state,
        OutboxState::Abandoned
    );
}

#[test]
fn only_a_created_order_can_have_its_card_sent_and_the_first_time_stays() {
    let db = TestDb::new();
    let mut store = db.open();
    let prepared = order();
    store.outbox_insert(&prepared).unwrap();
    assert!(store
        .outbox_mark_card_sent(&prepared.idempotency_key, at(21, 10))
        .is_err());
    store
        .outbox_mark_created(
            &prepared.idempotency_key,
            "ord-1",
            "pay-1",
            "http://127.0.0.1:9/gw",
        )
        .unwrap();
    store
        .outbox_mark_card_sent(&prepared.idempotency_key, at(21, 10))
        .unwrap();
    store
        .outbox_mark_card_sent(&prepared.idempotency_key, at(21, 11))
        .unwrap();
    let kept = store
        .outbox_get(&prepared.idempotency_key)
        .unwrap()
        .unwrap();
    assert_eq!(kept.sent_to_bank_at, Some(at(21, 10)));
    assert!(store
        .outbox_mark_card_sent("no-such-key", at(21, 10))
        .is_err());
}

#[test]
fn a_version_two_outbox_is_rebuilt_losing_no_order_line_or_reading() {
    let db = TestDb::new();
    drop(Store::open_with_migrations(&db.path(), &MIGRATIONS[..2]).unwrap());
    // Payments as a version-2 app wrote them: one sent to the server, one abandoned.
    let (first, second) = (order(), order());
    let first_key = first.idempotency_key.clone();
    let raw = db.raw();
    for (o, state, server) in [
        (&first, "created", Some("ord-1")),
        (&second, "abandoned", None),
    ] {
        raw.execute(
            "INSERT INTO outbox_order (idempotency_key, created_at, total, state, server_order_id,
                                       payment_id, gateway_url)
             VALUES (?1, '2026-11-21T09:00:00.000000000Z', ?2, ?3, ?4, ?5, ?6)",
            rusqlite::params![
                o.idempotency_key,
                o.total.to_string(),
                state,
                server,
                server.map(|_| "pay-1"),
                server.map(|_| "http://127.0.0.1:9/gw"),
            ],
        )
        .unwrap();
        for (position, line) in o.lines.iter().enumerate() {
            raw.execute(
                "INSERT INTO outbox_line (idempotency_key, position, bill_id, bill_json, amount)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                rusqlite::params![
                    o.idempotency_key,
                    position as i64,
                    line.bill.id.as_str(),
                    serde_json::to_string(&line.bill).unwrap(),
                    line.amount.to_string(),
                ],
            )
            .unwrap();
        }
        for (position, r) in o.readings.iter().enumerate() {
            raw.execute(
                "INSERT INTO outbox_reading (idempotency_key, bill_id, meter_id, value, position)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                rusqlite::params![
                    o.idempotency_key,
                    r.bill_id.as_str(),
                    r.meter_id.0,
                    r.value.to_string(),
                    position as i64,
                ],
            )
            .unwrap();
        }
    }
    drop(raw);

    let mut store = db.open();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    store.integrity_check().unwrap();
    let kept = store.outbox_get(&first_key).unwrap().unwrap();
    assert_eq!(kept.lines, first.lines);
    assert_eq!(kept.readings, first.readings);
    assert_eq!(kept.state, OutboxState::Created);
    assert_eq!(kept.sent_to_bank_at, None);
    let dropped = store.outbox_get(&second.idempotency_key).unwrap().unwrap();
    assert_eq!(dropped.lines, second.lines);
    assert_eq!(dropped.state, OutboxState::Abandoned);
    let counts: (i64, i64) = db
        .raw()
        .query_row(
            "SELECT (SELECT count(*) FROM outbox_line), (SELECT count(*) FROM outbox_reading)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(counts, (4, 2));
    // Lines and readings still belong to the orders table, under its own name.
    let raw = db.raw();
    for child in ["outbox_line", "outbox_reading"] {
        let parent: String = raw
            .query_row(
                &format!("SELECT \"table\" FROM pragma_foreign_key_list('{child}')"),
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(parent, "outbox_order", "{child}");
    }
    store.outbox_mark_card_sent(&first_key, at(21, 10)).unwrap();
}
