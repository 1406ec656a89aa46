//! The optional PIN lock: an Argon2id hash of the PIN in the OS keyring, asked when a window of
//! the app opens and before a card is sent. Five wrong PINs in a row sign out.
//!
//! The lock belongs to each window (the desktop window, each browser tab of `ofis web`): a
//! [`Seat`] per window, made by [`Ofis::new_window`]. The count of wrong PINs is one for the app.

use std::collections::BTreeSet;

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use ofis_domain::pin::{Pin, PIN_ATTEMPTS};
use tracing::{info, instrument, warn};

use crate::app::Ofis;
use crate::error::CoreError;
use crate::platform::{SecretError, SecretStore};
use crate::snapshot::Snapshot;

const PIN_HASH: &str = "pin_hash";
const PIN_FAILURES: &str = "pin_failures";

/// Argon2id cost of the PIN hash: 19 MiB of memory, 2 passes, 1 lane — OWASP's recommended
/// minimum for Argon2id, a few tens of milliseconds on a low-end phone.
///
/// Why not more: a PIN has 4 digits, 10^4 values (fewer, with the easy ones refused). Whoever
/// holds the keyring's contents tries them all in minutes at this cost, and would in hours at a
/// cost the phone could not afford on every unlock. The hash only keeps the PIN from being read
/// at a glance and slows such an attacker; the real guards are the OS keyring (readable by this
/// user's processes only) and the sign-out after [`PIN_ATTEMPTS`] wrong PINs in the app.
const PIN_HASH_MEMORY_KIB: u32 = 19 * 1024;
const PIN_HASH_PASSES: u32 = 2;
const PIN_HASH_LANES: u32 = 1;

/// The hasher for new PINs. A kept hash is checked with the parameters written in it.
fn pin_hasher() -> Result<Argon2<'static>, CoreError> {
    let params = Params::new(PIN_HASH_MEMORY_KIB, PIN_HASH_PASSES, PIN_HASH_LANES, None)
        .map_err(|e| CoreError::Task(format!("PIN hash parameters: {e}")))?;
    Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
}

/// What belongs to one window of the app: whether the PIN was typed in it, and the orders whose
/// PIN was typed in it.
#[derive(Debug)]
pub(crate) struct Seat {
    /// A PIN was set when this window opened, and neither the PIN nor the SMS code has been
    /// typed in it since.
    pub(crate) locked: bool,
    /// Orders (idempotency keys) for which the PIN was typed in this window before paying.
    pub(crate) pin_passed: BTreeSet<String>,
}

impl Seat {
    /// A window opening now: locked when a PIN is set (or the keyring cannot say).
    pub(crate) fn opened(secrets: &dyn SecretStore) -> Seat {
        Seat {
            locked: is_set(secrets),
            pin_passed: BTreeSet::new(),
        }
    }
}

/// Whether a PIN is set; an unreadable keyring counts as set (the lock fails closed).
pub(crate) fn is_set(secrets: &dyn SecretStore) -> bool {
    !matches!(secrets.get(PIN_HASH), Ok(None))
}

/// Forgets the PIN and its failure count.
pub(crate) fn forget(secrets: &dyn SecretStore) -> Result<(), SecretError> {
    secrets.delete(PIN_HASH)?;
    secrets.delete(PIN_FAILURES)
}

impl Ofis {
    /// Another window on the same app (a browser tab of `ofis web`): it shares the session, the
    /// data and the payments, but has its own PIN lock, locked when a PIN is set, and its own
    /// record of the orders whose PIN was typed. A clone of an `Ofis` is the same window.
    pub fn new_window(&self) -> Ofis {
        Ofis {
            inner: self.inner.clone(),
            seat: std::sync::Arc::new(std::sync::Mutex::new(Seat::opened(
                self.inner.secrets.as_ref(),
            ))),
        }
    }

    pub(crate) fn seat(&self) -> std::sync::MutexGuard<'_, Seat> {
        self.seat.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Whether the person has set a PIN.
    pub fn pin_enabled(&self) -> bool {
        is_set(self.inner.secrets.as_ref())
    }

    /// Whether this window waits for the PIN before showing anything personal.
    pub fn is_locked(&self) -> bool {
        self.seat().locked && self.is_signed_in() && self.pin_enabled()
    }

    /// «Установить ПИН-код»: typed twice; replaces any previous PIN (the app is unlocked here).
    #[instrument(skip_all)]
    pub async fn set_pin(&self, first: &str, again: &str) -> Result<(), CoreError> {
        if !self.is_signed_in() {
            return Err(CoreError::NotSignedIn);
        }
        if self.is_locked() {
            return Err(CoreError::PinRequired);
        }
        let pin = Pin::choose(first, again)?;
        let hash = tokio::task::spawn_blocking(move || {
            let salt = SaltString::generate(&mut OsRng);
            pin_hasher()?
                .hash_password(pin.expose().as_bytes(), &salt)
                .map(|h| h.to_string())
                .map_err(|e| CoreError::Task(format!("PIN hash: {e}")))
        })
        .await
        .map_err(|e| CoreError::Task(e.to_string()))??;
        self.inner.secrets.set(PIN_HASH, &hash)?;
        self.inner.secrets.delete(PIN_FAILURES)?;
        // The window that chose the PIN knows it.
        self.seat().locked = false;
        info!("PIN set");
        Ok(())
    }

    /// «Отключить ПИН-код»: only with the current PIN.
    #[instrument(skip_all)]
    pub async fn remove_pin(&self, current: &str) -> Result<(), CoreError> {
        self.check_pin(current).await?;
        forget(self.inner.secrets.as_ref())?;
        info!("PIN removed");
        Ok(())
    }

    /// The PIN typed when the window opened: unlocks this window.
    #[instrument(skip_all)]
    pub async fn unlock(&self, pin: &str) -> Result<Snapshot, CoreError> {
        self.check_pin(pin).await?;
        self.seat().locked = false;
        Ok(self.snapshot())
    }

    /// The PIN typed on the card form: lets this order's card go to the bank from this window.
    #[instrument(skip(self, pin))]
    pub async fn confirm_payment_pin(&self, key: &str, pin: &str) -> Result<(), CoreError> {
        self.check_pin(pin).await?;
        self.seat().pin_passed.insert(key.to_string());
        Ok(())
    }

    /// Refuses to pay an order whose PIN was not typed in this window, when a PIN is set.
    pub(crate) fn require_payment_pin(&self, key: &str) -> Result<(), CoreError> {
        if self.pin_enabled() && !self.seat().pin_passed.contains(key) {
            return Err(CoreError::PinRequired);
        }
        Ok(())
    }

    /// Checks a typed PIN against the kept hash, counting failures in the keyring; the last
    /// allowed failure signs out. One check at a time in the whole app, from reading the hash to
    /// writing the count back: two tabs typing wrong PINs at once each count.
    async fn check_pin(&self, typed: &str) -> Result<(), CoreError> {
        let pin = Pin::parse(typed)?;
        let _one_at_a_time = self.inner.pin_check.lock().await;
        let Some(hash) = self.inner.secrets.get(PIN_HASH)? else {
            return Err(CoreError::PinNotSet);
        };
        let matches = tokio::task::spawn_blocking(move || {
            let parsed = PasswordHash::new(&hash)
                .map_err(|e| CoreError::Task(format!("kept PIN hash unreadable: {e}")))?;
            // The algorithm and costs of a kept hash are those written in it.
            Ok::<_, CoreError>(
                pin_hasher()?
                    .verify_password(pin.expose().as_bytes(), &parsed)
                    .is_ok(),
            )
        })
        .await
        .map_err(|e| CoreError::Task(e.to_string()))??;
        if matches {
            self.inner.secrets.delete(PIN_FAILURES)?;
            return Ok(());
        }
        let failures = self
            .inner
            .secrets
            .get(PIN_FAILURES)?
            // A count that is not a number fails closed: this wrong PIN is the last allowed.
            .map_or(0, |n| n.parse::<u32>().unwrap_or(PIN_ATTEMPTS - 1))
            + 1;
        if failures >= PIN_ATTEMPTS {
            warn!(failures, "too many wrong PINs: signing out");
            self.sign_out().await?;
            return Err(CoreError::PinLockedOut);
        }
        self.inner
            .secrets
            .set(PIN_FAILURES, &failures.to_string())?;
        Err(CoreError::PinWrong {
            attempts_left: PIN_ATTEMPTS - failures,
        })
    }
}
