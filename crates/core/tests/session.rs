//! The session and the PIN lock against the real OS keyring (Linux keyutils), the sandbox over
//! loopback HTTP and a real SQLite file: tokens live in the keyring and nowhere on disk, survive a
//! restart, and sign-out ends them on the server and on the device.
//!
//! The kernel lets a process use keyutils only inside a session keyring it may write. When this
//! process has none, each test runs itself again under `keyctl session -` (Debian `keyutils`).

mod common {
    pub mod app;
}

use std::path::Path;
use std::process::Command;
use std::sync::Arc;

use common::app::{self, Setup};
use gorod_sandbox::{test_cards, RunningSandbox};
use ofis_core::{ClientError, CoreError, KeyringSecrets, Ofis, PayScope, PaymentStep, SecretStore};
use ofis_store::Store;

const REEXEC: &str = "OFIS_TEST_IN_KEYCTL_SESSION";

/// Runs `test` here when the keyring is usable, otherwise this very test again inside a fresh
/// session keyring; fails loudly if neither works.
fn with_keyring(name: &str, test: impl FnOnce(Arc<KeyringSecrets>)) {
    let service = format!("ofis-test-{}", uuid::Uuid::new_v4());
    let keyring = KeyringSecrets::platform(&service).expect("keyutils store");
    match keyring.probe() {
        Ok(()) => test(Arc::new(keyring)),
        Err(e) if std::env::var_os(REEXEC).is_none() => {
            eprintln!("keyring refused ({e}); running {name} inside `keyctl session -`");
            let status = Command::new("keyctl")
                .args(["session", "-"])
                .arg(std::env::current_exe().unwrap())
                .args([name, "--exact", "--nocapture", "--test-threads=1"])
                .env(REEXEC, "1")
                .status()
                .expect("`keyctl` (Debian package keyutils) must be installed");
            assert!(status.success(), "{name} failed inside `keyctl session -`");
        }
        Err(e) => panic!("the OS keyring refuses this process even in its own session: {e}"),
    }
}

fn run(future: impl std::future::Future<Output = ()>) {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap()
        .block_on(future)
}

/// A keyring test on a fresh sandbox and data folder, on a runtime of its own.
fn keyring_test<F, Fut>(name: &str, test: F)
where
    F: FnOnce(Arc<KeyringSecrets>, RunningSandbox, tempfile::TempDir) -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    with_keyring(name, |keyring| {
        run(async move {
            let sandbox = app::sandbox().await;
            let dir = tempfile::tempdir().unwrap();
            test(keyring, sandbox, dir).await
        })
    });
}

async fn open(sandbox: &RunningSandbox, dir: &Path, secrets: Arc<dyn SecretStore>) -> Ofis {
    let setup = Setup {
        secrets,
        ..Setup::default()
    };
    app::open_with(&sandbox.gorod_url, dir, setup).await
}

/// Every byte of every file in the data folder, as text.
fn disk(dir: &Path) -> String {
    let mut all = String::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let bytes = std::fs::read(entry.unwrap().path()).unwrap();
        all.push_str(&String::from_utf8_lossy(&bytes));
    }
    all
}

/// A raw client holding `token`, to ask the server whether it still honours it.
async fn server_accepts(sandbox: &RunningSandbox, token: &str) -> bool {
    let client = ofis_client::GorodClient::new(&sandbox.gorod_url, &Default::default()).unwrap();
    client.set_access_token(Some(token.to_string()));
    match client.orders().await {
        Ok(_) => true,
        Err(ClientError::Unauthorized) => false,
        Err(e) => panic!("unexpected answer: {e}"),
    }
}

#[test]
fn tokens_live_in_the_keyring_not_on_disk_and_survive_a_restart() {
    keyring_test(
        "tokens_live_in_the_keyring_not_on_disk_and_survive_a_restart",
        |keyring, sandbox, dir| async move {
            let ofis = open(&sandbox, dir.path(), keyring.clone()).await;
            app::sign_in_with_address(&ofis).await;
            let access = keyring
                .get("access_token")
                .unwrap()
                .expect("access token kept");
            let refresh = keyring
                .get("refresh_token")
                .unwrap()
                .expect("refresh token kept");
            drop(ofis);

            let on_disk = disk(dir.path());
            assert!(
                on_disk.contains("Советская"),
                "the search itself is proven on the same bytes"
            );
            assert!(!on_disk.contains(&access), "access token on disk");
            assert!(!on_disk.contains(&refresh), "refresh token on disk");

            // A restart: the kept session is renewed, the old refresh token is spent.
            let ofis = open(&sandbox, dir.path(), keyring.clone()).await;
            assert!(ofis.is_signed_in());
            assert!(ofis.resume_session().await.unwrap());
            let renewed = keyring.get("refresh_token").unwrap().unwrap();
            assert_ne!(renewed, refresh, "refresh tokens rotate");
            assert!(ofis.refresh().await.is_ok(), "the renewed session works");
            ofis.sign_out().await.unwrap();
            sandbox.shutdown().await;
        },
    );
}

#[test]
fn sign_out_ends_the_session_on_the_server_and_forgets_everything_personal() {
    keyring_test(
        "sign_out_ends_the_session_on_the_server_and_forgets_everything_personal",
        |keyring, sandbox, dir| async move {
            let ofis = open(&sandbox, dir.path(), keyring.clone()).await;
            app::sign_in_with_address(&ofis).await;
            let step = app::pay(&ofis, PayScope::All, test_cards::SUCCESS_VISA).await;
            assert!(matches!(step, PaymentStep::Paid(_)));
            ofis.set_pin("5830", "5830").await.unwrap();
            let access = keyring.get("access_token").unwrap().unwrap();
            assert!(server_accepts(&sandbox, &access).await);

            let after = ofis.sign_out().await.unwrap();
            assert!(!ofis.is_signed_in());
            assert!(after.combined.lines().is_empty() && after.addresses.is_empty());
            assert_eq!(after.phone, None);
            for key in ["access_token", "refresh_token", "pin_hash", "pin_failures"] {
                assert_eq!(keyring.get(key).unwrap(), None, "{key} left in the keyring");
            }
            assert!(
                !server_accepts(&sandbox, &access).await,
                "the server still honours the token"
            );
            drop(ofis);

            let store = Store::open(&dir.path().join("ofis.sqlite")).unwrap();
            assert!(store.receipts().unwrap().is_empty());
            assert!(store.load_combined().unwrap().lines().is_empty());
            assert!(store.saved_addresses().unwrap().is_empty());
            assert_eq!(store.get_setting("phone").unwrap(), None);
            drop(store);
            assert!(
                !disk(dir.path()).contains("Советская"),
                "an address is left on disk"
            );

            let ofis = open(&sandbox, dir.path(), keyring.clone()).await;
            assert!(!ofis.is_signed_in() && !ofis.is_locked() && !ofis.pin_enabled());
            assert!(!ofis.resume_session().await.unwrap());
            sandbox.shutdown().await;
        },
    );
}

#[test]
fn a_session_the_server_no_longer_knows_goes_back_to_sign_in() {
    with_keyring(
        "a_session_the_server_no_longer_knows_goes_back_to_sign_in",
        |keyring| {
            run(async move {
                let dir = tempfile::tempdir().unwrap();
                let first = app::sandbox().await;
                let ofis = open(&first, dir.path(), keyring.clone()).await;
                app::sign_in_with_address(&ofis).await;
                drop(ofis);
                first.shutdown().await;

                // A server that never issued these tokens (the demo town restarted).
                let second = app::sandbox().await;
                let ofis = open(&second, dir.path(), keyring.clone()).await;
                assert!(!ofis.resume_session().await.unwrap());
                assert!(!ofis.is_signed_in());
                assert_eq!(keyring.get("refresh_token").unwrap(), None);
                assert!(
                    !ofis.snapshot().combined.lines().is_empty(),
                    "an expired session is not a sign-out: the saved bills stay"
                );
                second.shutdown().await;
            })
        },
    );
}

#[test]
fn the_pin_locks_the_app_and_guards_the_card_and_five_wrong_pins_sign_out() {
    keyring_test(
        "the_pin_locks_the_app_and_guards_the_card_and_five_wrong_pins_sign_out",
        |keyring, sandbox, dir| async move {
            let ofis = open(&sandbox, dir.path(), keyring.clone()).await;
            app::sign_in_with_address(&ofis).await;
            assert!(matches!(
                ofis.set_pin("1234", "1234").await,
                Err(CoreError::Pin(ofis_domain::pin::PinError::Weak))
            ));
            ofis.set_pin("5830", "5830").await.unwrap();
            let hash = keyring.get("pin_hash").unwrap().unwrap();
            assert!(hash.starts_with("$argon2id$") && !hash.contains("5830"));
            assert!(!disk(dir.path()).contains(&hash));
            drop(ofis);

            let ofis = open(&sandbox, dir.path(), keyring.clone()).await;
            assert!(ofis.is_locked(), "a restart asks for the PIN");
            assert!(matches!(
                ofis.unlock("0419").await,
                Err(CoreError::PinWrong { attempts_left: 4 })
            ));
            ofis.unlock("5830").await.unwrap();
            assert!(!ofis.is_locked());

            // The card does not go to the bank before the PIN is typed for this order.
            let ticket = ofis.start_payment(PayScope::All).await.unwrap();
            assert!(matches!(
                ofis.submit_card(&ticket.key, test_cards::SUCCESS_VISA, "12/30", "123")
                    .await,
                Err(CoreError::PinRequired)
            ));
            assert!(sandbox.state.charges().is_empty());
            ofis.confirm_payment_pin(&ticket.key, "5830").await.unwrap();
            let step = ofis
                .submit_card(&ticket.key, test_cards::SUCCESS_VISA, "12/30", "123")
                .await
                .unwrap();
            assert!(matches!(step, PaymentStep::Paid(_)));

            // A right PIN resets the count; five wrong ones in a row sign out.
            for left in (1..=4).rev() {
                assert!(matches!(
                    ofis.unlock("0419").await,
                    Err(CoreError::PinWrong { attempts_left }) if attempts_left == left
                ));
            }
            assert!(matches!(
                ofis.unlock("0419").await,
                Err(CoreError::PinLockedOut)
            ));
            assert!(!ofis.is_signed_in());
            assert!(ofis.snapshot().combined.lines().is_empty());
            assert_eq!(keyring.get("pin_hash").unwrap(), None);
            sandbox.shutdown().await;
        },
    );
}

#[test]
fn an_hour_old_session_is_renewed_on_the_way_and_kept_in_the_keyring() {
    keyring_test(
        "an_hour_old_session_is_renewed_on_the_way_and_kept_in_the_keyring",
        |keyring, sandbox, dir| async move {
            let ofis = open(&sandbox, dir.path(), keyring.clone()).await;
            app::sign_in_with_address(&ofis).await;
            let refresh = keyring.get("refresh_token").unwrap().unwrap();

            sandbox.state.expire_access_tokens();
            ofis.refresh()
                .await
                .expect("renewed on the way, not refused");
            let renewed = keyring.get("refresh_token").unwrap().unwrap();
            assert_ne!(renewed, refresh, "the rotated refresh token is kept");
            let access = keyring.get("access_token").unwrap().unwrap();
            assert!(server_accepts(&sandbox, &access).await);

            // After a restart the kept, renewed session still works.
            drop(ofis);
            let ofis = open(&sandbox, dir.path(), keyring.clone()).await;
            assert!(ofis.resume_session().await.unwrap());
            ofis.sign_out().await.unwrap();
            sandbox.shutdown().await;
        },
    );
}

#[test]
fn after_an_ended_session_the_sms_code_unlocks_and_the_pin_stays_for_paying() {
    keyring_test(
        "after_an_ended_session_the_sms_code_unlocks_and_the_pin_stays_for_paying",
        |keyring, sandbox, dir| async move {
            let ofis = open(&sandbox, dir.path(), keyring.clone()).await;
            app::sign_in_with_address(&ofis).await;
            ofis.set_pin("5830", "5830").await.unwrap();
            drop(ofis);

            sandbox.state.end_all_sessions();
            let ofis = open(&sandbox, dir.path(), keyring.clone()).await;
            assert!(ofis.is_locked());
            assert!(!ofis.resume_session().await.unwrap());
            app::sign_in(&ofis).await;
            assert!(!ofis.is_locked(), "the SMS code unlocks");
            assert!(ofis.pin_enabled(), "the PIN stays for paying");
            let ticket = ofis.start_payment(PayScope::All).await.unwrap();
            assert!(matches!(
                ofis.submit_card(&ticket.key, test_cards::SUCCESS_VISA, "12/30", "123")
                    .await,
                Err(CoreError::PinRequired)
            ));
            ofis.sign_out().await.unwrap();
            sandbox.shutdown().await;
        },
    );
}
