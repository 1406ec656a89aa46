//! Screens subscribe to the app state instead of asking for it: `Ofis::subscribe` hands the
//! current snapshot, then every change — from an intent, from the start-up refresh, from a round
//! of the readings queue, from sign-out — in every window, without anyone calling `snapshot()`.
//! Against the sandbox over loopback HTTP and a real SQLite file.

mod common {
    pub mod app;
    pub mod switch_proxy;
}

use std::sync::Arc;

use chrono::NaiveDate;
use common::app::{self, FixedClock, Setup};
use common::switch_proxy::SwitchProxy;
use gorod_sandbox::test_cards;
use ofis_core::{MemorySecrets, Ofis, PayScope, QueueRowState, SecretStore, Snapshot};
use rust_decimal::Decimal;
use tokio::sync::watch;

/// The 20th: inside the window for readings (15–25), so the reminder is due too.
fn the_20th() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 20).unwrap()
}

/// The app on `dir` on the 20th, with `secrets` as its keyring.
async fn open(url: &str, dir: &std::path::Path, secrets: Arc<dyn SecretStore>) -> Ofis {
    let setup = Setup {
        secrets,
        clock: Arc::new(FixedClock(app::morning(the_20th()))),
        ..Setup::default()
    };
    app::open_with(url, dir, setup).await
}

/// The snapshot published since the subscriber last looked; fails if none was.
#[track_caller]
fn published(rx: &mut watch::Receiver<Snapshot>) -> Snapshot {
    assert!(
        rx.has_changed().expect("core keeps the channel open"),
        "no new snapshot was published"
    );
    rx.borrow_and_update().clone()
}

#[tokio::test]
async fn a_subscriber_sees_every_intent_without_asking_for_a_snapshot() {
    let sandbox = app::sandbox().await;
    let dir = tempfile::tempdir().unwrap();
    let ofis = app::open(&sandbox.gorod_url, dir.path()).await;
    let mut rx = ofis.subscribe();
    assert!(
        rx.borrow_and_update().phone.is_none(),
        "the current state first"
    );

    app::sign_in(&ofis).await;
    assert!(published(&mut rx).phone.is_some(), "sign-in");
    let address = app::demo_address(&ofis).await;
    ofis.add_address(address.clone()).await.unwrap();
    let shown = published(&mut rx);
    assert_eq!(shown.addresses, vec![address.clone()], "«Поиск по адресу»");
    let first = shown.combined.lines()[0].bill.clone();

    ofis.skip_line(&first.id).await.unwrap();
    let line = |s: &Snapshot| s.combined.line(&first.id).map(|l| l.amount);
    assert!(line(&published(&mut rx)).unwrap().is_zero(), "«не платить»");

    ofis.set_amount(&first.id, &first.amount_due.display_plain())
        .await
        .unwrap();
    assert_eq!(
        line(&published(&mut rx)),
        Some(first.amount_due),
        "the amount"
    );

    ofis.remove_line(&first.id).await.unwrap();
    assert_eq!(line(&published(&mut rx)), None, "«удалить»");

    ofis.add_bills(vec![first.clone()]).await.unwrap();
    assert!(line(&published(&mut rx)).is_some(), "a found bill added");

    app::pay(
        &ofis,
        PayScope::Line(first.id.clone()),
        test_cards::SUCCESS_VISA,
    )
    .await;
    let paid = published(&mut rx);
    assert!(paid.paid.contains(&first.id), "paid: «Оплачено»");
    assert!(
        line(&paid).unwrap().is_zero(),
        "a paid line is not offered again"
    );

    ofis.exclude_address(first.address_id.clone())
        .await
        .unwrap();
    assert!(
        published(&mut rx).total().is_zero(),
        "«Исключить из оплаты»"
    );
    sandbox.shutdown().await;
}

#[tokio::test]
async fn the_start_up_refresh_and_its_reminder_reach_a_subscriber() {
    let sandbox = app::sandbox_on(the_20th()).await;
    let dir = tempfile::tempdir().unwrap();
    let secrets: Arc<dyn SecretStore> = Arc::new(MemorySecrets::default());
    let ofis = open(&sandbox.gorod_url, dir.path(), secrets.clone()).await;
    app::sign_in_with_address(&ofis).await;
    drop(ofis);

    let ofis = open(&sandbox.gorod_url, dir.path(), secrets).await;
    let mut rx = ofis.subscribe();
    let cached = rx.borrow_and_update().clone();
    assert!(cached.from_cache, "the cached общий счёт at once");
    assert!(cached.notifications.is_empty());

    let started = ofis.start_up().await;
    assert!(started.problems.is_empty(), "{:?}", started.problems);
    let fresh = published(&mut rx);
    assert!(!fresh.from_cache, "refreshed from the server");
    assert!(
        fresh
            .notifications
            .iter()
            .any(|n| n.starts_with("Пора передать показания")),
        "the reminder: {:?}",
        fresh.notifications
    );
    sandbox.shutdown().await;
}

#[tokio::test]
async fn a_round_of_the_readings_queue_reaches_a_subscriber_and_an_idle_one_stays_quiet() {
    let sandbox = app::sandbox_on(the_20th()).await;
    let proxy = SwitchProxy::start(sandbox.gorod_url.trim_start_matches("http://").into()).await;
    let dir = tempfile::tempdir().unwrap();
    let ofis = open(&proxy.url, dir.path(), Arc::new(MemorySecrets::default())).await;
    app::sign_in_with_address(&ofis).await;
    let meter = app::hot_meter(&ofis).await;
    let value = meter.last_value().expect("seeded history") + Decimal::ONE;
    let typed = value.normalize().to_string().replace('.', ",");

    let mut rx = ofis.subscribe();
    rx.borrow_and_update();
    proxy.set_down(true);
    ofis.send_reading(&meter, &typed, false).await.unwrap();
    let queued = published(&mut rx).reading_queue;
    assert_eq!(queued.len(), 1);
    assert_eq!(queued[0].state, QueueRowState::Queued, "«в очереди»");
    assert_eq!(queued[0].value, value);

    ofis.reading_queue_round().await;
    assert!(
        !rx.has_changed().unwrap(),
        "a round that changes nothing wakes nobody"
    );

    proxy.set_down(false);
    let round = ofis.reading_queue_round().await;
    assert_eq!(round.sent, 1);
    let sent = published(&mut rx).reading_queue;
    assert!(
        matches!(sent[0].state, QueueRowState::Sent { .. }),
        "«отправлено»: {sent:?}"
    );
    sandbox.shutdown().await;
}

#[tokio::test]
async fn sign_out_reaches_a_subscriber() {
    let sandbox = app::sandbox().await;
    let dir = tempfile::tempdir().unwrap();
    let ofis = app::open(&sandbox.gorod_url, dir.path()).await;
    app::sign_in_with_address(&ofis).await;
    let mut rx = ofis.subscribe();
    assert!(!rx.borrow_and_update().combined.is_empty());

    ofis.sign_out().await.unwrap();
    let out = published(&mut rx);
    assert_eq!(out.phone, None);
    assert!(out.combined.is_empty(), "the personal data is gone");
    assert!(out.addresses.is_empty());
    sandbox.shutdown().await;
}

#[tokio::test]
async fn a_second_window_sees_the_first_windows_change() {
    let sandbox = app::sandbox().await;
    let dir = tempfile::tempdir().unwrap();
    let ofis = app::open(&sandbox.gorod_url, dir.path()).await;
    app::sign_in_with_address(&ofis).await;
    let tab = ofis.new_window();
    let mut rx = tab.subscribe();
    let first = rx.borrow_and_update().combined.lines()[0].bill.id.clone();

    ofis.skip_line(&first).await.unwrap();
    let seen = published(&mut rx);
    assert!(seen.combined.line(&first).unwrap().amount.is_zero());
    let mut again = ofis.subscribe();
    assert_eq!(
        *again.borrow_and_update(),
        seen,
        "one channel for every window"
    );
    sandbox.shutdown().await;
}
