//! Meter readings on the phone: saved for a later payment, queued to send without one, carried
//! in the outbox with their payment; and a version-1 database upgraded keeping its data.

use ofis_domain::readings::MeterId;
use ofis_domain::{BillId, CombinedBill};
use ofis_store::{
    OutboxOrder, OutboxReading, QueueEntry, QueueState, QueuedReading, Store, StoreError,
    MIGRATIONS, SCHEMA_VERSION,
};
use rust_decimal::Decimal;
use uuid::Uuid;

use crate::support::{at, bill, TestDb};

fn meter(id: &str) -> MeterId {
    MeterId::from(id)
}

fn value(thousandths: i64) -> Decimal {
    Decimal::new(thousandths, 3)
}

fn queued(key: &str, hour: u32, thousandths: i64) -> QueuedReading {
    QueuedReading {
        idempotency_key: key.into(),
        meter_id: meter("m-hot-1"),
        value: value(thousandths),
        queued_at: at(20, hour),
    }
}

fn order_with_readings() -> OutboxOrder {
    let mut cb = CombinedBill::new();
    cb.add(bill("water", Some("a-12"), "1234.56")).unwrap();
    cb.add(bill("power", Some("a-12"), "500.00")).unwrap();
    let order = OutboxOrder::prepared(
        Uuid::new_v4().to_string(),
        at(21, 9),
        cb.freeze().unwrap().lines().to_vec(),
    );
    order.with_readings(vec![
        OutboxReading {
            bill_id: BillId::from("water"),
            meter_id: meter("m-cold-1"),
            value: value(130_500),
        },
        OutboxReading {
            bill_id: BillId::from("power"),
            meter_id: meter("m-el-t1"),
            value: value(100),
        },
    ])
}

#[test]
fn saved_line_readings_survive_a_restart_until_cleared() {
    let db = TestDb::new();
    let (water, power) = (BillId::from("bill-water"), BillId::from("bill-power"));
    {
        let mut store = db.open();
        let first = [
            (meter("m-2"), value(20_000)),
            (meter("m-1"), value(123_450)),
        ];
        store.save_line_readings(&water, &first).unwrap();
        // «Сохранить» again replaces the line's readings rather than adding to them.
        let second = [
            (meter("m-2"), value(21_000)),
            (meter("m-1"), value(124_000)),
        ];
        store.save_line_readings(&water, &second).unwrap();
        store
            .save_line_readings(&power, &[(meter("m-t1"), value(100))])
            .unwrap();
    }
    let mut store = db.open();
    assert_eq!(
        store.line_readings(&water).unwrap(),
        [
            (meter("m-2"), value(21_000)),
            (meter("m-1"), value(124_000))
        ],
        "the order saved is kept"
    );
    let all = store.all_saved_readings().unwrap();
    assert_eq!(all.len(), 2);
    assert_eq!(all[&power], [(meter("m-t1"), Decimal::new(1, 1))]);
    store.clear_line_readings(&water).unwrap();
    assert!(store.line_readings(&water).unwrap().is_empty());
    assert_eq!(store.all_saved_readings().unwrap().len(), 1);
    assert!(matches!(
        store.save_line_readings(&power, &[(meter("m-t1"), Decimal::NEGATIVE_ONE)]),
        Err(StoreError::Encode(_))
    ));
    assert_eq!(
        store.line_readings(&power).unwrap().len(),
        1,
        "a refused save changes nothing"
    );
}

#[test]
fn a_queued_reading_is_on_disk_before_sending_and_settles_once() {
    let db = TestDb::new();
    {
        let mut store = db.open();
        store.queue_reading(&queued("k-1", 9, 130_250)).unwrap();
        store.queue_reading(&queued("k-2", 10, 131_000)).unwrap();
        assert!(matches!(
            store.queue_reading(&queued("k-1", 11, 1)),
            Err(StoreError::DuplicateReading(k)) if k == "k-1"
        ));
    }
    let mut store = db.open();
    assert_eq!(
        store.queued_readings().unwrap(),
        [queued("k-1", 9, 130_250), queued("k-2", 10, 131_000)],
        "both survive a restart, oldest first"
    );

    store.mark_reading_sent("k-1", "rd-1").unwrap();
    store.mark_reading_sent("k-1", "rd-1").unwrap();
    assert!(matches!(
        store.mark_reading_refused("k-1", "нельзя"),
        Err(StoreError::ReadingSettled { state: "sent", .. })
    ));
    store
        .mark_reading_refused(
            "k-2",
            "Показания по этой услуге принимаются только вместе с оплатой",
        )
        .unwrap();
    assert!(matches!(
        store.mark_reading_sent("nope", "rd-9"),
        Err(StoreError::UnknownReading(_))
    ));
    assert!(store.queued_readings().unwrap().is_empty());
    let states: Vec<QueueState> = store
        .reading_queue()
        .unwrap()
        .into_iter()
        .map(|QueueEntry { state, .. }| state)
        .collect();
    assert_eq!(
        states,
        [
            QueueState::Sent {
                server_reading_id: "rd-1".into()
            },
            QueueState::Refused {
                message: "Показания по этой услуге принимаются только вместе с оплатой".into()
            },
        ]
    );
}

#[test]
fn the_outbox_keeps_the_readings_sent_with_a_payment() {
    let db = TestDb::new();
    let order = order_with_readings();
    db.open().outbox_insert(&order).unwrap();
    let back = db
        .open()
        .outbox_get(&order.idempotency_key)
        .unwrap()
        .unwrap();
    assert_eq!(back, order);
    assert_eq!(back.readings[0].value, Decimal::new(1305, 1));

    let stray = order_with_readings().with_readings(vec![OutboxReading {
        bill_id: BillId::from("not-in-the-order"),
        meter_id: meter("m-1"),
        value: value(1),
    }]);
    assert!(matches!(
        db.open().outbox_insert(&stray),
        Err(StoreError::InvalidOrder(_))
    ));
}

#[test]
fn a_version_one_database_is_upgraded_keeping_its_payments_and_selection() {
    let db = TestDb::new();
    let mut cb = CombinedBill::new();
    cb.add(bill("water", Some("a-12"), "100.00")).unwrap();
    let mut v1 = Store::open_with_migrations(&db.path(), &MIGRATIONS[..1]).unwrap();
    v1.save_combined(&cb).unwrap();
    assert_eq!(v1.schema_version().unwrap(), 1);
    drop(v1);
    // A payment as a version-1 app wrote it (that app had no readings to write).
    let key = Uuid::new_v4().to_string();
    let line = bill("water", Some("a-12"), "100.00");
    let raw = db.raw();
    raw.execute(
        "INSERT INTO outbox_order (idempotency_key, created_at, total, state) VALUES (?1, ?2, '100.00', 'prepared')",
        [&key, "2026-11-03T09:00:00.000000000Z"],
    )
    .unwrap();
    raw.execute(
        "INSERT INTO outbox_line (idempotency_key, position, bill_id, bill_json, amount) VALUES (?1, 0, 'water', ?2, '100.00')",
        [&key, &serde_json::to_string(&line).unwrap()],
    )
    .unwrap();
    drop(raw);

    let mut store = db.open();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    // Steps are added in parallel branches: every step from the first ran, whatever the count.
    assert!(SCHEMA_VERSION >= 5);
    assert_eq!(store.load_combined().unwrap(), cb);
    let kept = store.outbox_get(&key).unwrap().unwrap();
    assert_eq!(kept.lines[0].bill, line);
    assert!(
        kept.readings.is_empty(),
        "an old payment carried no readings"
    );
    store.queue_reading(&queued("k-after", 9, 1)).unwrap();
    store.outbox_insert(&order_with_readings()).unwrap();
    store.integrity_check().unwrap();
}

#[test]
fn sign_out_forgets_saved_and_settled_readings_but_keeps_the_unsent_ones() {
    let db = TestDb::new();
    let mut store = db.open();
    store
        .save_line_readings(&BillId::from("b"), &[(meter("m-1"), value(1))])
        .unwrap();
    store.queue_reading(&queued("k-sent", 9, 1)).unwrap();
    store.queue_reading(&queued("k-unsent", 10, 2)).unwrap();
    store.mark_reading_sent("k-sent", "rd-1").unwrap();
    store.wipe_personal_data().unwrap();
    assert!(store.all_saved_readings().unwrap().is_empty());
    assert_eq!(
        store.queued_readings().unwrap(),
        [queued("k-unsent", 10, 2)]
    );
    assert_eq!(store.reading_queue().unwrap().len(), 1);
}
