//! The PIN lock belongs to each window (a desktop window, a browser tab of `ofis web`), while the
//! count of wrong PINs is one for the whole app: concurrent wrong PINs each count, and the fifth
//! signs out. Run against the sandbox over loopback HTTP and a real SQLite file.

mod common {
    pub mod app;
}

use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

use common::app::{self, Setup};
use gorod_sandbox::test_cards;
use ofis_core::{CoreError, MemorySecrets, Ofis, PayScope, PaymentStep, SecretError, SecretStore};

const PIN: &str = "5830";
const WRONG: &str = "0419";

/// A keyring where the first read of the failure count waits (up to half a second) for a second
/// read, as two tabs reading at the same moment would: without one lock around the check, both
/// read the same count and one wrong PIN is lost.
#[derive(Default)]
struct RendezvousKeyring {
    secrets: MemorySecrets,
    readers: Mutex<usize>,
    arrived: Condvar,
}

impl SecretStore for RendezvousKeyring {
    fn get(&self, key: &str) -> Result<Option<String>, SecretError> {
        let value = self.secrets.get(key);
        if key == "pin_failures" {
            let mut readers = self.readers.lock().unwrap();
            *readers += 1;
            self.arrived.notify_all();
            let _ = self
                .arrived
                .wait_timeout_while(readers, Duration::from_millis(500), |n| *n < 2)
                .unwrap();
        }
        value
    }
    fn set(&self, key: &str, value: &str) -> Result<(), SecretError> {
        self.secrets.set(key, value)
    }
    fn delete(&self, key: &str) -> Result<(), SecretError> {
        self.secrets.delete(key)
    }
}

/// Signed in with the demo address and the PIN set, on `secrets`.
async fn with_pin(
    sandbox: &gorod_sandbox::RunningSandbox,
    dir: &std::path::Path,
    secrets: Arc<dyn SecretStore>,
) -> Ofis {
    let setup = Setup {
        secrets,
        ..Setup::default()
    };
    let ofis = app::open_with(&sandbox.gorod_url, dir, setup).await;
    app::sign_in_with_address(&ofis).await;
    ofis.set_pin(PIN, PIN).await.unwrap();
    ofis
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_window_has_its_own_pin_lock_and_its_own_typed_pin_for_paying() {
    let sandbox = app::sandbox().await;
    let dir = tempfile::tempdir().unwrap();
    let first = with_pin(&sandbox, dir.path(), Arc::new(MemorySecrets::default())).await;
    assert!(!first.is_locked(), "the window that set the PIN stays open");

    // Two new tabs: both start locked; unlocking one leaves the other locked.
    let a = first.new_window();
    let b = first.new_window();
    assert!(a.is_locked() && b.is_locked());
    a.unlock(PIN).await.unwrap();
    assert!(!a.is_locked());
    assert!(b.is_locked(), "unlocking one tab unlocked another");
    assert!(!first.is_locked());
    assert!(first.new_window().is_locked(), "a later tab starts locked");
    // A clone is the same window (the UI passes it around).
    assert!(!a.clone().is_locked());

    // The PIN typed for an order in one tab does not let another tab send a card for it.
    let ticket = a.start_payment(PayScope::All).await.unwrap();
    a.confirm_payment_pin(&ticket.key, PIN).await.unwrap();
    assert!(matches!(
        b.submit_card(&ticket.key, test_cards::SUCCESS_VISA, "12/30", "123")
            .await,
        Err(CoreError::PinRequired)
    ));
    assert!(matches!(
        first
            .submit_card(&ticket.key, test_cards::SUCCESS_VISA, "12/30", "123")
            .await,
        Err(CoreError::PinRequired)
    ));
    assert!(
        sandbox.state.charges().is_empty(),
        "no charge without the PIN"
    );
    let step = a
        .submit_card(&ticket.key, test_cards::SUCCESS_VISA, "12/30", "123")
        .await
        .unwrap();
    assert!(matches!(step, PaymentStep::Paid(_)));
    assert_eq!(sandbox.state.charges().len(), 1);
    assert!(b.is_locked(), "paying in one tab unlocked another");
    sandbox.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn wrong_pins_typed_at_once_in_several_tabs_each_count_and_the_fifth_signs_out() {
    let sandbox = app::sandbox().await;
    let dir = tempfile::tempdir().unwrap();
    let ofis = with_pin(&sandbox, dir.path(), Arc::new(RendezvousKeyring::default())).await;

    // Four tabs type a wrong PIN at the same moment.
    let tabs: Vec<Ofis> = (0..4).map(|_| ofis.new_window()).collect();
    let attempts = tabs.iter().cloned().map(|tab| {
        tokio::spawn(async move {
            match tab.unlock(WRONG).await {
                Err(CoreError::PinWrong { attempts_left }) => attempts_left,
                other => panic!("a wrong PIN answered {other:?}"),
            }
        })
    });
    let mut left = Vec::new();
    for attempt in attempts.collect::<Vec<_>>() {
        left.push(attempt.await.unwrap());
    }
    left.sort();
    assert_eq!(left, [1, 2, 3, 4], "a wrong PIN was not counted");

    // The fifth, in yet another tab, signs out.
    assert!(matches!(
        tabs[0].unlock(WRONG).await,
        Err(CoreError::PinLockedOut)
    ));
    assert!(!ofis.is_signed_in() && !ofis.pin_enabled());
    sandbox.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_pin_hash_is_argon2id_with_the_stated_parameters() {
    let sandbox = app::sandbox().await;
    let dir = tempfile::tempdir().unwrap();
    let secrets = Arc::new(MemorySecrets::default());
    let ofis = with_pin(&sandbox, dir.path(), secrets.clone()).await;
    let hash = secrets.get("pin_hash").unwrap().unwrap();
    // 19 MiB, 2 passes, 1 lane (see `PIN_HASH_PARAMS` in crates/core/src/pin.rs for why).
    assert!(
        hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
        "{hash}"
    );
    // What one guess costs here: a full search of the 10^4 PINs costs 10^4 times that.
    let window = ofis.new_window();
    let started = std::time::Instant::now();
    window.unlock(PIN).await.unwrap();
    let one = started.elapsed();
    eprintln!(
        "one PIN check {one:.2?}; all 10^4 PINs ≈ {:.0?} on one core",
        one * 10_000
    );
    sandbox.shutdown().await;
}
