//! «Абоненту» → «Подать показания ИПУ» against the sandbox over loopback HTTP and a real SQLite
//! file: a Город-billed reading arrives, a third-party one is refused on the phone, and a reading
//! entered offline waits in the queue (across a restart) and arrives exactly once.

mod common {
    pub mod app;
    pub mod switch_proxy;
}

use std::sync::Arc;

use chrono::NaiveDate;
use common::app::{self, FixedClock, Setup};
use common::switch_proxy::SwitchProxy;
use gorod_sandbox::RunningSandbox;
use ofis_core::{
    CoreError, MemorySecrets, MeterCard, Ofis, QueueRowState as QueueState, QueuedOutcome,
    QUEUED_OFFLINE, RETRY_FIRST,
};
use rust_decimal::Decimal;

const ADDRESS: &str = app::DEMO_ADDRESS_ID;
/// ГВС of account 7012505002 (ПАО «Т Плюс», billed by Система «Город»).
const HOT: &str = app::HOT_METER;

/// The 20th: inside the recommended window for readings (15–25).
fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 20).unwrap()
}

async fn sandbox() -> RunningSandbox {
    app::sandbox_on(today()).await
}

async fn open(server: &str, dir: &std::path::Path, secrets: Arc<MemorySecrets>) -> Ofis {
    let setup = Setup {
        secrets,
        clock: Arc::new(FixedClock(app::morning(today()))),
        ..Setup::default()
    };
    app::open_with(server, dir, setup).await
}

async fn signed_in_with_address(server: &str, dir: &std::path::Path) -> Ofis {
    let ofis = open(server, dir, Arc::new(MemorySecrets::default())).await;
    app::sign_in(&ofis).await;
    let address = app::demo_address(&ofis).await;
    assert_eq!(address.id, ADDRESS);
    ofis.add_address(address).await.unwrap();
    ofis
}

fn next_value(meter: &MeterCard) -> (Decimal, String) {
    let value = meter.last_value().expect("seeded history") + Decimal::ONE;
    (value, value.normalize().to_string().replace('.', ","))
}

#[tokio::test]
async fn a_reading_of_a_gorod_billed_meter_is_sent_and_shows_in_the_history() {
    let sandbox = sandbox().await;
    let dir = tempfile::tempdir().unwrap();
    let ofis = signed_in_with_address(&sandbox.gorod_url, dir.path()).await;

    let meters = ofis.address_meters(ADDRESS).await.unwrap();
    assert!(meters.gorod.iter().all(|m| m.billed_by_gorod));
    assert!(meters.gorod.iter().any(|m| m.id == HOT));
    assert!(
        !meters.third_party.is_empty(),
        "water, power and gas go with a payment"
    );
    assert!(meters.third_party.iter().all(|m| !m.billed_by_gorod));
    assert_eq!(
        ofis.reading_reminder().as_deref(),
        Some("Пора передать показания: с 15 по 25 число"),
        "the 20th is in the recommended window"
    );

    // Into the notifications once a month, however often the app starts.
    for _ in 0..2 {
        assert!(ofis.remind_readings().await.unwrap().is_some());
    }
    let reminders = ofis.snapshot().notifications;
    assert_eq!(
        reminders
            .iter()
            .filter(|n| n.starts_with("Пора передать"))
            .count(),
        1
    );

    let meter = app::hot_meter(&ofis).await;
    let before = sandbox.state.meter_readings(HOT).len();
    let (value, typed) = next_value(&meter);
    let outcome = ofis.send_reading(&meter, &typed, false).await.unwrap();
    let QueuedOutcome::Sent {
        reading_id,
        value: accepted,
    } = outcome
    else {
        panic!("expected the reading accepted, got {outcome:?}")
    };
    assert_eq!(accepted, value);
    let arrived = sandbox.state.meter_readings(HOT);
    assert_eq!(arrived.len(), before + 1);
    assert_eq!(arrived.last().unwrap().value, value);

    let queue = ofis.reading_queue().await.unwrap();
    assert_eq!(queue.len(), 1);
    assert_eq!(
        queue[0].state,
        QueueState::Sent {
            reading_id: reading_id.clone()
        }
    );
    assert_eq!(
        app::hot_meter(&ofis).await.last_value(),
        Some(value),
        "«предыдущее» moves on"
    );

    let history = ofis.meter_history(&meter).await.unwrap();
    let newest = &history.readings[0];
    assert_eq!(
        newest.value,
        format!("{typed} {}", meter.unit),
        "newest first, as typed"
    );
    assert_eq!(newest.source, "без оплаты");
    let months = history.months;
    assert_eq!(
        months.len(),
        6,
        "six seeded months: five differences and November"
    );
    let accepted = sandbox.state.meter_readings(HOT);
    assert_eq!(
        months.last().unwrap().used,
        value - accepted[accepted.len() - 2].value
    );
    assert!(months.iter().all(|m| m.used >= Decimal::ZERO));
    sandbox.shutdown().await;
}

#[tokio::test]
async fn a_third_party_meter_and_a_bad_value_are_refused_on_the_phone() {
    let sandbox = sandbox().await;
    let dir = tempfile::tempdir().unwrap();
    let ofis = signed_in_with_address(&sandbox.gorod_url, dir.path()).await;
    let meters = ofis.address_meters(ADDRESS).await.unwrap();
    let cold = meters
        .third_party
        .first()
        .expect("a third-party meter")
        .clone();
    let before = sandbox.state.meter_readings(&cold.id).len();
    let (_, typed) = next_value(&cold);

    let err = ofis.send_reading(&cold, &typed, false).await.unwrap_err();
    assert!(
        matches!(err, CoreError::OnlyWithPayment(ref id) if *id == cold.id),
        "{err:?}"
    );
    let err = ofis
        .send_reading(&app::hot_meter(&ofis).await, "12,3,4", false)
        .await
        .unwrap_err();
    assert!(matches!(err, CoreError::Reading { .. }), "{err:?}");

    assert!(
        ofis.reading_queue().await.unwrap().is_empty(),
        "nothing queued"
    );
    assert_eq!(sandbox.state.meter_readings(&cold.id).len(), before);
    sandbox.shutdown().await;
}

#[tokio::test]
async fn a_reading_entered_offline_waits_across_a_restart_and_arrives_exactly_once() {
    let sandbox = sandbox().await;
    let proxy = SwitchProxy::start(sandbox.gorod_url.trim_start_matches("http://").into()).await;
    let dir = tempfile::tempdir().unwrap();
    let secrets = Arc::new(MemorySecrets::default());
    let ofis = open(&proxy.url, dir.path(), secrets.clone()).await;
    app::sign_in_with_address(&ofis).await;
    let meter = app::hot_meter(&ofis).await;
    let before = sandbox.state.meter_readings(HOT).len();
    let (value, typed) = next_value(&meter);

    proxy.set_down(true);
    let outcome = ofis.send_reading(&meter, &typed, false).await.unwrap();
    assert_eq!(
        outcome,
        QueuedOutcome::Queued {
            message: QUEUED_OFFLINE.into()
        }
    );
    let queue = ofis.reading_queue().await.unwrap();
    assert_eq!(queue.len(), 1);
    assert_eq!(queue[0].state, QueueState::Queued);
    assert_eq!(queue[0].value, value);
    assert_eq!(
        ofis.flush_reading_queue().await.unwrap(),
        0,
        "still offline"
    );
    assert_eq!(sandbox.state.meter_readings(HOT).len(), before);

    // The app is closed and opened again while offline: the reading is still there.
    drop(ofis);
    let ofis = open(&proxy.url, dir.path(), secrets).await;
    assert_eq!(
        ofis.reading_queue().await.unwrap()[0].state,
        QueueState::Queued
    );

    proxy.set_down(false);
    assert_eq!(ofis.flush_reading_queue().await.unwrap(), 1);
    assert_eq!(ofis.flush_reading_queue().await.unwrap(), 0, "nothing left");
    let arrived = sandbox.state.meter_readings(HOT);
    assert_eq!(arrived.len(), before + 1, "exactly one new reading");
    assert_eq!(arrived.last().unwrap().value, value);
    let queue = ofis.reading_queue().await.unwrap();
    assert_eq!(
        queue[0].state,
        QueueState::Sent {
            reading_id: arrived.last().unwrap().id.clone()
        }
    );
    sandbox.shutdown().await;
}

#[tokio::test]
async fn the_queue_is_tried_less_often_while_offline_and_soon_again_once_a_send_gets_through() {
    let sandbox = sandbox().await;
    let proxy = SwitchProxy::start(sandbox.gorod_url.trim_start_matches("http://").into()).await;
    let dir = tempfile::tempdir().unwrap();
    let ofis = open(&proxy.url, dir.path(), Arc::new(MemorySecrets::default())).await;
    app::sign_in_with_address(&ofis).await;
    let meter = app::hot_meter(&ofis).await;
    let (_, typed) = next_value(&meter);
    let before = sandbox.state.meter_readings(HOT).len();
    assert_eq!(
        ofis.reading_queue_round().await.retry_in,
        RETRY_FIRST,
        "nothing waits"
    );

    proxy.set_down(true);
    ofis.send_reading(&meter, &typed, false).await.unwrap();
    // Rounds are run here one after another: the waits are what core asks for, never slept.
    let waits: Vec<u64> = rounds_offline(&ofis, 4).await;
    assert_eq!(
        waits,
        [5, 10, 20, 40],
        "doubling while the server is out of reach"
    );

    proxy.set_down(false);
    let round = ofis.reading_queue_round().await;
    assert_eq!(round.sent, 1);
    assert_eq!(
        round.retry_in, RETRY_FIRST,
        "soon again once a send got through"
    );
    assert!(matches!(round.rows[0].state, QueueState::Sent { .. }));
    for _ in 0..3 {
        assert_eq!(
            ofis.reading_queue_round().await.sent,
            0,
            "sent once, never again"
        );
    }
    assert_eq!(sandbox.state.meter_readings(HOT).len(), before + 1);
    sandbox.shutdown().await;
}

/// The waits, in seconds, that `n` rounds of the queue ask for.
async fn rounds_offline(ofis: &Ofis, n: usize) -> Vec<u64> {
    let mut waits = Vec::new();
    for _ in 0..n {
        let round = ofis.reading_queue_round().await;
        assert_eq!(round.sent, 0);
        waits.push(round.retry_in.as_secs());
    }
    waits
}
