//! The optional PIN lock: an Argon2id hash of the PIN in the OS keyring, asked when the app
//! starts and before a card is sent. Five wrong PINs in a row sign out.

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use ofis_domain::pin::{Pin, PIN_ATTEMPTS};
use tracing::{info, instrument, warn};

use crate::app::Ofis;
use crate::error::CoreError;
use crate::platform::{SecretError, SecretStore};
use crate::snapshot::Snapshot;

const PIN_HASH: &str = "pin_hash";
const PIN_FAILURES: &str = "pin_failures";

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
    /// Whether the person has set a PIN.
    pub fn pin_enabled(&self) -> bool {
        is_set(self.inner.secrets.as_ref())
    }

    /// Whether the app waits for the PIN before showing anything personal.
    pub fn is_locked(&self) -> bool {
        self.state().locked && self.is_signed_in()
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
            Argon2::default()
                .hash_password(pin.expose().as_bytes(), &salt)
                .map(|h| h.to_string())
                .map_err(|e| CoreError::Task(format!("PIN hash: {e}")))
        })
        .await
        .map_err(|e| CoreError::Task(e.to_string()))??;
        self.inner.secrets.set(PIN_HASH, &hash)?;
        self.inner.secrets.delete(PIN_FAILURES)?;
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

    /// The PIN typed at start: unlocks the app.
    #[instrument(skip_all)]
    pub async fn unlock(&self, pin: &str) -> Result<Snapshot, CoreError> {
        self.check_pin(pin).await?;
        self.state().locked = false;
        Ok(self.snapshot())
    }

    /// The PIN typed on the card form: lets this order's card go to the bank.
    #[instrument(skip(self, pin))]
    pub async fn confirm_payment_pin(&self, key: &str, pin: &str) -> Result<(), CoreError> {
        self.check_pin(pin).await?;
        self.state().pin_passed.insert(key.to_string());
        Ok(())
    }

    /// Refuses to pay an order whose PIN was not typed, when a PIN is set.
    pub(crate) fn require_payment_pin(&self, key: &str) -> Result<(), CoreError> {
        if self.pin_enabled() && !self.state().pin_passed.contains(key) {
            return Err(CoreError::PinRequired);
        }
        Ok(())
    }

    /// Checks a typed PIN against the kept hash, counting failures in the keyring; the last
    /// allowed failure signs out.
    async fn check_pin(&self, typed: &str) -> Result<(), CoreError> {
        let pin = Pin::parse(typed)?;
        let Some(hash) = self.inner.secrets.get(PIN_HASH)? else {
            return Err(CoreError::PinNotSet);
        };
        let matches = tokio::task::spawn_blocking(move || {
            let parsed = PasswordHash::new(&hash)
                .map_err(|e| CoreError::Task(format!("kept PIN hash unreadable: {e}")))?;
            Ok::<_, CoreError>(
                Argon2::default()
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
            .and_then(|n| n.parse::<u32>().ok())
            .unwrap_or(0)
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
