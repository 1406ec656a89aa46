//! The start of the app as one core call: a refused session stops it, maintenance is reported,
//! and an unfinished payment is settled before anything else can be paid.

mod common {
    pub mod app;
}

use std::sync::Arc;

use common::app::{self, Setup};
use gorod_sandbox::test_cards;
use ofis_core::{ClientError, CoreError, MemorySecrets, PayScope, SecretStore};
use ofis_store::OutboxState;

/// The app opened on `dir` with `secrets` as its keyring (so a session outlives a restart).
async fn open(url: &str, dir: &std::path::Path, secrets: Arc<dyn SecretStore>) -> ofis_core::Ofis {
    let setup = Setup {
        secrets,
        ..Setup::default()
    };
    app::open_with(url, dir, setup).await
}

#[tokio::test]
async fn a_session_the_server_ended_stops_the_start_at_sign_in_keeping_the_bills() {
    let sandbox = app::sandbox().await;
    let dir = tempfile::tempdir().unwrap();
    let secrets: Arc<dyn SecretStore> = Arc::new(MemorySecrets::default());
    let ofis = open(&sandbox.gorod_url, dir.path(), secrets.clone()).await;
    app::sign_in_with_address(&ofis).await;
    let lines = ofis.snapshot().combined.lines().len();
    drop(ofis);

    sandbox.state.end_all_sessions();
    let ofis = open(&sandbox.gorod_url, dir.path(), secrets).await;
    let started = ofis.start_up().await;
    assert!(started.session_expired);
    assert!(started.problems.is_empty(), "{:?}", started.problems);
    assert_eq!(
        ofis.snapshot().combined.lines().len(),
        lines,
        "the bills stay"
    );
    sandbox.shutdown().await;
}

#[tokio::test]
async fn maintenance_is_reported_and_the_cached_bills_stay_shown() {
    let sandbox = app::sandbox().await;
    let dir = tempfile::tempdir().unwrap();
    let secrets: Arc<dyn SecretStore> = Arc::new(MemorySecrets::default());
    let ofis = open(&sandbox.gorod_url, dir.path(), secrets.clone()).await;
    app::sign_in_with_address(&ofis).await;
    let before = ofis.snapshot().combined;
    drop(ofis);

    sandbox
        .state
        .set_maintenance(Some(("Плановые работы до 14:00".into(), 600)));
    let ofis = open(&sandbox.gorod_url, dir.path(), secrets).await;
    let started = ofis.start_up().await;
    assert!(!started.session_expired);
    assert!(
        started.problems.iter().any(|e| matches!(
            e,
            CoreError::Client(ClientError::Maintenance { message, .. }) if message.contains("14:00")
        )),
        "{:?}",
        started.problems
    );
    assert_eq!(
        ofis.snapshot().combined,
        before,
        "the cached общий счёт is shown"
    );
    sandbox.shutdown().await;
}

#[tokio::test]
async fn a_payment_left_unfinished_is_settled_at_start() {
    let sandbox = app::sandbox().await;
    let dir = tempfile::tempdir().unwrap();
    let secrets: Arc<dyn SecretStore> = Arc::new(MemorySecrets::default());
    let ofis = open(&sandbox.gorod_url, dir.path(), secrets.clone()).await;
    app::sign_in_with_address(&ofis).await;
    let ticket = ofis.start_payment(PayScope::All).await.unwrap();
    ofis.submit_card(&ticket.key, test_cards::THREE_DS, "12/30", "123")
        .await
        .unwrap();
    drop(ofis); // closed on the 3-D Secure code

    let ofis = open(&sandbox.gorod_url, dir.path(), secrets).await;
    let started = ofis.start_up().await;
    assert!(started.problems.is_empty(), "{:?}", started.problems);
    assert_eq!(app::outbox(dir.path())[0].state, OutboxState::Cancelled);
    assert!(!ofis.snapshot().from_cache, "refreshed from the server");
    sandbox.shutdown().await;
}
