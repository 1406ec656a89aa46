//! The payment outbox: durable before the first send, a one-way state machine.

use chrono::{DateTime, Utc};
use ofis_domain::{BillId, CombinedBill, Money};
use ofis_store::{OutboxOrder, OutboxState, Store, StoreError};
use uuid::Uuid;

use crate::support::{at, bill, rub, TestDb};

fn prepared(created_at: DateTime<Utc>) -> OutboxOrder {
    let mut cb = CombinedBill::new();
    cb.add(bill("water", Some("a-12"), "1234.56")).unwrap();
    cb.add(bill("power", Some("a-12"), "500.00")).unwrap();
    OutboxOrder::prepared(
        Uuid::new_v4().to_string(),
        created_at,
        cb.freeze().unwrap().lines().to_vec(),
    )
}

fn created(store: &mut Store, order: &OutboxOrder) {
    let key = &order.idempotency_key;
    store
        .outbox_mark_created(key, &format!("ord-{key}"), "pay-1", "http://127.0.0.1:9/gw")
        .unwrap();
}

/// A final outcome as `outbox_mark_final` takes it: state, failure, receipt id.
#[derive(Clone, Copy, Debug)]
struct Ending(OutboxState, Option<&'static str>, Option<&'static str>);

impl Ending {
    fn state(&self) -> OutboxState {
        self.0
    }
}

fn finish(store: &mut Store, key: &str, ending: &Ending) -> Result<(), StoreError> {
    store.outbox_mark_final(key, ending.0, ending.1, ending.2)
}

fn paid(receipt: Option<&'static str>) -> Ending {
    Ending(OutboxState::Paid, None, receipt)
}

fn declined() -> Ending {
    Ending(OutboxState::Declined, Some("Недостаточно средств"), None)
}

fn abandoned() -> Ending {
    Ending(OutboxState::Abandoned, None, None)
}

#[test]
fn inserted_key_is_readable_from_a_second_connection_at_once() {
    let db = TestDb::new();
    let mut store = db.open();
    let order = prepared(at(5, 9));
    store.outbox_insert(&order).unwrap();

    // No close, no checkpoint: another connection sees it, so it is committed.
    let (state, total): (String, String) = db
        .raw()
        .query_row(
            "SELECT state, total FROM outbox_order WHERE idempotency_key = ?1",
            [&order.idempotency_key],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((state.as_str(), total.as_str()), ("prepared", "1734.56"));
    assert_eq!(
        store.outbox_get(&order.idempotency_key).unwrap(),
        Some(order)
    );
}

#[test]
fn a_payment_round_trips_through_its_whole_life_and_a_restart() {
    let db = TestDb::new();
    let mut store = db.open();
    let order = prepared(at(5, 9));
    let key = order.idempotency_key.clone();
    store.outbox_insert(&order).unwrap();
    created(&mut store, &order);
    drop(store); // the app dies while the card is with the bank

    let mut store = db.open();
    let pending = store.outbox_pending().unwrap();
    assert_eq!(pending.len(), 1);
    assert_eq!(pending[0].state, OutboxState::Created);
    assert_eq!(
        pending[0].server_order_id.as_deref(),
        Some(format!("ord-{key}").as_str())
    );
    assert_eq!(pending[0].lines, order.lines);

    finish(&mut store, &key, &paid(Some("rcpt-1"))).unwrap();
    let done = store.outbox_get(&key).unwrap().unwrap();
    assert_eq!(done.state, OutboxState::Paid);
    assert_eq!(done.receipt_id.as_deref(), Some("rcpt-1"));
    assert_eq!(done.payment_id.as_deref(), Some("pay-1"));
    assert_eq!(done.gateway_url.as_deref(), Some("http://127.0.0.1:9/gw"));
    assert_eq!(done.total, order.total);
    assert!(store.outbox_pending().unwrap().is_empty());
}

#[test]
fn pending_is_oldest_first_and_all_is_newest_first() {
    let db = TestDb::new();
    let mut store = db.open();
    let (old, mid, new) = (prepared(at(1, 9)), prepared(at(2, 9)), prepared(at(3, 9)));
    for o in [&mid, &new, &old] {
        store.outbox_insert(o).unwrap();
    }
    created(&mut store, &mid);
    finish(&mut store, &mid.idempotency_key, &declined()).unwrap();
    created(&mut store, &new);

    let keys = |orders: Vec<OutboxOrder>| {
        orders
            .into_iter()
            .map(|o| o.idempotency_key)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        keys(store.outbox_pending().unwrap()),
        [old.idempotency_key.clone(), new.idempotency_key.clone()]
    );
    assert_eq!(
        keys(store.outbox_all().unwrap()),
        [
            new.idempotency_key.clone(),
            mid.idempotency_key.clone(),
            old.idempotency_key.clone()
        ]
    );
    let declined_order = store.outbox_get(&mid.idempotency_key).unwrap().unwrap();
    assert_eq!(
        declined_order.failure.as_deref(),
        Some("Недостаточно средств")
    );
}

#[test]
fn final_states_never_change() {
    let db = TestDb::new();
    let mut store = db.open();
    let endings = [paid(Some("r")), declined(), abandoned()];
    for ending in &endings {
        let order = prepared(at(5, 9));
        let key = &order.idempotency_key;
        store.outbox_insert(&order).unwrap();
        created(&mut store, &order);
        finish(&mut store, key, ending).unwrap();

        for other in endings.iter().filter(|e| e.state() != ending.state()) {
            let err = finish(&mut store, key, other).unwrap_err();
            assert!(
                matches!(err, StoreError::IllegalTransition { from, to, .. } if from == ending.state() && to == other.state()),
                "{ending:?} -> {other:?}: {err:?}"
            );
        }
        let err = store
            .outbox_mark_created(key, "ord-x", "pay-x", "http://x")
            .unwrap_err();
        assert!(
            matches!(
                err,
                StoreError::IllegalTransition {
                    to: OutboxState::Created,
                    ..
                }
            ),
            "{err:?}"
        );
        assert_eq!(
            store.outbox_get(key).unwrap().unwrap().state,
            ending.state(),
            "unchanged"
        );
    }
}

#[test]
fn only_a_created_order_can_be_paid_or_declined_but_a_prepared_one_can_be_abandoned() {
    let db = TestDb::new();
    let mut store = db.open();
    let order = prepared(at(5, 9));
    let key = &order.idempotency_key;
    store.outbox_insert(&order).unwrap();
    for ending in [paid(None), declined()] {
        let err = finish(&mut store, key, &ending).unwrap_err();
        assert!(
            matches!(
                err,
                StoreError::IllegalTransition {
                    from: OutboxState::Prepared,
                    ..
                }
            ),
            "{err:?}"
        );
    }
    let reason = Ending(OutboxState::Abandoned, Some("Сервер не принял заказ"), None);
    finish(&mut store, key, &reason).unwrap();
    let order = store.outbox_get(key).unwrap().unwrap();
    assert_eq!(
        (order.state, order.failure.as_deref()),
        (OutboxState::Abandoned, Some("Сервер не принял заказ"))
    );
}

#[test]
fn repeating_what_is_already_recorded_is_harmless() {
    let db = TestDb::new();
    let mut store = db.open();
    let order = prepared(at(5, 9));
    let key = &order.idempotency_key;
    store.outbox_insert(&order).unwrap();
    created(&mut store, &order);
    created(&mut store, &order); // reconciling after a lost answer
    let err = store
        .outbox_mark_created(key, "another-order", "pay-1", "http://127.0.0.1:9/gw")
        .unwrap_err();
    assert!(
        matches!(
            err,
            StoreError::IllegalTransition {
                from: OutboxState::Created,
                ..
            }
        ),
        "{err:?}"
    );

    finish(&mut store, key, &paid(None)).unwrap();
    finish(&mut store, key, &paid(None)).unwrap();
    finish(&mut store, key, &paid(Some("rcpt-9"))).unwrap(); // the receipt came later
    finish(&mut store, key, &paid(None)).unwrap(); // does not erase it
    assert_eq!(
        store
            .outbox_get(key)
            .unwrap()
            .unwrap()
            .receipt_id
            .as_deref(),
        Some("rcpt-9")
    );
    assert!(matches!(
        finish(&mut store, key, &paid(Some("rcpt-other"))),
        Err(StoreError::IllegalTransition { .. })
    ));
}

/// A way to break an order before handing it to the outbox.
type Spoil = fn(&mut OutboxOrder);

#[test]
fn the_outbox_refuses_orders_that_would_make_it_lie() {
    let db = TestDb::new();
    let mut store = db.open();
    let good = prepared(at(5, 9));
    store.outbox_insert(&good).unwrap();
    assert!(
        matches!(store.outbox_insert(&good), Err(StoreError::DuplicateKey(k)) if k == good.idempotency_key)
    );

    let cases: [(&str, Spoil); 5] = [
        ("key not a uuid", |o| o.idempotency_key = "order-1".into()),
        ("already sent", |o| o.state = OutboxState::Created),
        ("server id on a new order", |o| {
            o.server_order_id = Some("ord".into())
        }),
        ("no lines", |o| {
            o.lines.clear();
            o.total = Money::ZERO;
        }),
        ("total not the sum", |o| o.total = rub("0.01")),
    ];
    for (why, spoil) in cases {
        let mut bad = prepared(at(5, 9));
        spoil(&mut bad);
        assert!(
            matches!(store.outbox_insert(&bad), Err(StoreError::InvalidOrder(_))),
            "{why}"
        );
    }
    assert_eq!(store.outbox_all().unwrap(), [good]);
}

#[test]
fn unknown_keys_are_reported() {
    let db = TestDb::new();
    let mut store = db.open();
    let key = Uuid::new_v4().to_string();
    assert_eq!(store.outbox_get(&key).unwrap(), None);
    assert!(matches!(
        store.outbox_mark_created(&key, "o", "p", "g"),
        Err(StoreError::UnknownOrder(_))
    ));
    assert!(matches!(
        finish(&mut store, &key, &abandoned()),
        Err(StoreError::UnknownOrder(_))
    ));
}

#[test]
fn mark_final_takes_only_final_states_with_fitting_details() {
    let db = TestDb::new();
    let mut store = db.open();
    let order = prepared(at(5, 9));
    let key = &order.idempotency_key;
    store.outbox_insert(&order).unwrap();
    created(&mut store, &order);
    for not_final in [OutboxState::Prepared, OutboxState::Created] {
        let err = store
            .outbox_mark_final(key, not_final, None, None)
            .unwrap_err();
        assert!(
            matches!(err, StoreError::IllegalTransition { .. }),
            "{err:?}"
        );
    }
    let paid_with_failure = store.outbox_mark_final(key, OutboxState::Paid, Some("?"), None);
    assert!(matches!(
        paid_with_failure,
        Err(StoreError::InvalidOrder(_))
    ));
    let declined_with_receipt =
        store.outbox_mark_final(key, OutboxState::Declined, Some("Отказ"), Some("r-1"));
    assert!(matches!(
        declined_with_receipt,
        Err(StoreError::InvalidOrder(_))
    ));
    assert_eq!(
        store.outbox_get(key).unwrap().unwrap().state,
        OutboxState::Created
    );
}

fn order_of(bills: &[&str]) -> OutboxOrder {
    let mut cb = CombinedBill::new();
    for id in bills {
        cb.add(bill(id, Some("a-12"), "100.00")).unwrap();
    }
    OutboxOrder::prepared(
        Uuid::new_v4().to_string(),
        at(5, 9),
        cb.freeze().unwrap().lines().to_vec(),
    )
}

fn selection_of(bills: &[&str]) -> CombinedBill {
    let mut cb = CombinedBill::new();
    for id in bills {
        cb.add(bill(id, Some("a-12"), "100.00")).unwrap();
    }
    cb
}

/// The bills of the saved общий счёт marked paid, as the start reads them.
fn selection_paid(store: &Store) -> Vec<String> {
    let (_, paid) = store.load_selection().unwrap();
    paid.into_iter().map(|id| id.0).collect()
}

fn paid_among(store: &Store, ids: &[&str]) -> Vec<String> {
    let ids: Vec<BillId> = ids.iter().map(|id| BillId::from(*id)).collect();
    let paid = store.paid_among(&ids).unwrap();
    paid.into_iter().map(|id| id.0).collect()
}

#[test]
fn a_bill_is_paid_once_a_payment_of_it_is_paid_and_until_sign_out() {
    let db = TestDb::new();
    let mut store = db.open();
    let all = ["water", "power", "gas", "heat"];
    // The общий счёт saved before any payment: water, power and gas on it.
    store
        .save_combined(&selection_of(&["water", "power", "gas"]))
        .unwrap();
    // Declined, then paid for water; abandoned for gas; power paid; heat still waiting.
    let declined_water = order_of(&["water"]);
    let paid_water_power = order_of(&["water", "power"]);
    let abandoned_gas = order_of(&["gas"]);
    let waiting_heat = order_of(&["heat"]);
    for order in [
        &declined_water,
        &paid_water_power,
        &abandoned_gas,
        &waiting_heat,
    ] {
        store.outbox_insert(order).unwrap();
    }
    assert!(paid_among(&store, &all).is_empty(), "nothing paid yet");
    for order in [&declined_water, &paid_water_power, &waiting_heat] {
        created(&mut store, order);
    }
    finish(&mut store, &declined_water.idempotency_key, &declined()).unwrap();
    finish(&mut store, &abandoned_gas.idempotency_key, &abandoned()).unwrap();
    assert!(
        paid_among(&store, &all).is_empty(),
        "declined and abandoned pay nothing"
    );
    assert!(selection_paid(&store).is_empty());

    let key = &paid_water_power.idempotency_key;
    finish(&mut store, key, &paid(None)).unwrap();
    assert_eq!(paid_among(&store, &all), ["power", "water"]);
    assert_eq!(
        selection_paid(&store),
        ["power", "water"],
        "marked on its rows"
    );
    // An общий счёт saved after the payment is marked as it is saved.
    store
        .save_combined(&selection_of(&["gas", "water", "heat"]))
        .unwrap();
    assert_eq!(selection_paid(&store), ["water"]);
    // The receipt coming later changes nothing; nor does a restart.
    finish(&mut store, key, &paid(Some("rcpt-1"))).unwrap();
    drop(store);
    let mut store = db.open();
    assert_eq!(paid_among(&store, &all), ["power", "water"]);
    assert_eq!(selection_paid(&store), ["water"]);

    // Sign-out forgets the paid ones with their orders; the one waiting for its card stays.
    store.wipe_personal_data().unwrap();
    assert!(paid_among(&store, &all).is_empty());
}
