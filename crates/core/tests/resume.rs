//! Session renewal is single-flight everywhere: refresh tokens are single-use (the sandbox spends
//! one at its first use), so two resumes at once — the PIN screen and the shell, two tabs — or a
//! resume beside a request whose access token has expired must use the kept refresh token once.
//! Against the sandbox over loopback HTTP; tokens in an in-memory keyring shared by restarts.

mod common {
    pub mod app;
}

use std::sync::Arc;

use common::app::{self, Setup};
use gorod_sandbox::RunningSandbox;
use ofis_core::{MemorySecrets, Ofis, SecretStore};

async fn reopen(
    sandbox: &RunningSandbox,
    dir: &std::path::Path,
    secrets: &Arc<MemorySecrets>,
) -> Ofis {
    let setup = Setup {
        secrets: secrets.clone() as Arc<dyn SecretStore>,
        ..Setup::default()
    };
    app::open_with(&sandbox.gorod_url, dir, setup).await
}

/// Signs in, closes the app and opens it again on the same data and keyring: a kept session.
async fn restarted() -> (RunningSandbox, tempfile::TempDir, Arc<MemorySecrets>, Ofis) {
    let sandbox = app::sandbox().await;
    let dir = tempfile::tempdir().unwrap();
    let secrets = Arc::new(MemorySecrets::default());
    let ofis = reopen(&sandbox, dir.path(), &secrets).await;
    app::sign_in_with_address(&ofis).await;
    drop(ofis);
    let ofis = reopen(&sandbox, dir.path(), &secrets).await;
    (sandbox, dir, secrets, ofis)
}

#[tokio::test]
async fn two_resumes_at_once_leave_the_person_signed_in() {
    let (sandbox, dir, secrets, ofis) = restarted().await;
    let kept = secrets.get("refresh_token").unwrap().expect("kept");

    let (pin_screen, shell) = tokio::join!(ofis.resume_session(), ofis.resume_session());
    assert_eq!(
        (pin_screen.unwrap(), shell.unwrap()),
        (true, true),
        "both see a live session"
    );
    assert!(ofis.is_signed_in());
    assert!(ofis.refresh().await.is_ok(), "the renewed session works");
    let renewed = secrets.get("refresh_token").unwrap().expect("still kept");
    assert_ne!(renewed, kept, "renewed once, and the new token kept");

    // What the keyring keeps is the live session: the next start resumes it.
    drop(ofis);
    let ofis = reopen(&sandbox, dir.path(), &secrets).await;
    assert!(ofis.resume_session().await.unwrap());
    assert!(ofis.refresh().await.is_ok());
    sandbox.shutdown().await;
}

#[tokio::test]
async fn a_resume_beside_an_expired_request_leaves_the_person_signed_in() {
    let (sandbox, _dir, secrets, ofis) = restarted().await;
    // Every access token is an hour old: the request renews on the way while the start resumes.
    sandbox.state.expire_access_tokens();

    let (resumed, refreshed, history) =
        tokio::join!(ofis.resume_session(), ofis.refresh(), ofis.history());
    assert!(resumed.unwrap(), "resumed");
    assert!(refreshed.is_ok(), "the request went through: {refreshed:?}");
    assert!(history.is_ok(), "so did the other one");
    assert!(ofis.is_signed_in());
    assert!(secrets.get("refresh_token").unwrap().is_some());
    assert!(ofis.refresh().await.is_ok());
    sandbox.shutdown().await;
}
