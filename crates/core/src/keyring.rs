//! The OS keyring as the [`SecretStore`]: kernel keyutils on Linux, the Android Keystore and the
//! Apple keychain on phones, each through its `keyring-core` store crate, chosen by `cfg`.

use std::sync::Arc;

use keyring_core::{CredentialStore, Entry, Error};

use crate::platform::{SecretError, SecretStore};

/// Secrets of one service name in the OS keyring.
pub struct KeyringSecrets {
    store: Arc<CredentialStore>,
    service: String,
}

impl std::fmt::Debug for KeyringSecrets {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("KeyringSecrets")
            .field("service", &self.service)
            .finish_non_exhaustive()
    }
}

impl KeyringSecrets {
    /// The platform's keyring, for secrets filed under `service` (the app's bundle id).
    pub fn platform(service: &str) -> Result<Self, SecretError> {
        Ok(KeyringSecrets {
            store: platform_store().map_err(describe)?,
            service: service.to_string(),
        })
    }

    /// Writes, reads back and deletes a probe entry: whether this process may use the keyring
    /// at all (on Linux the kernel refuses a process outside a session keyring it may write).
    pub fn probe(&self) -> Result<(), SecretError> {
        const PROBE: &str = "probe";
        self.set(PROBE, "ok")?;
        let read = self.get(PROBE)?;
        self.delete(PROBE)?;
        match read.as_deref() {
            Some("ok") => Ok(()),
            _ => Err(SecretError("the keyring did not keep a probe entry".into())),
        }
    }

    fn entry(&self, key: &str) -> Result<Entry, SecretError> {
        Entry::new_in_store(&self.store, &self.service, key).map_err(describe)
    }
}

impl SecretStore for KeyringSecrets {
    fn get(&self, key: &str) -> Result<Option<String>, SecretError> {
        match self.entry(key)?.get_password() {
            Ok(value) => Ok(Some(value)),
            Err(Error::NoEntry) => Ok(None),
            Err(e) => Err(describe(e)),
        }
    }

    fn set(&self, key: &str, value: &str) -> Result<(), SecretError> {
        self.entry(key)?.set_password(value).map_err(describe)
    }

    fn delete(&self, key: &str) -> Result<(), SecretError> {
        match self.entry(key)?.delete_credential() {
            Ok(()) | Err(Error::NoEntry) => Ok(()),
            Err(e) => Err(describe(e)),
        }
    }
}

/// The error's kind and the platform's words; never the secret (keyring errors carry none,
/// except `BadEncoding`, whose bytes are left out).
fn describe(e: Error) -> SecretError {
    SecretError(match e {
        Error::BadEncoding(_) => "a stored secret is not UTF-8".into(),
        Error::BadDataFormat(_, inner) => format!("a stored secret is malformed: {inner}"),
        other => other.to_string(),
    })
}

#[cfg(target_os = "linux")]
fn platform_store() -> keyring_core::Result<Arc<CredentialStore>> {
    Ok(linux_keyutils_keyring_store::Store::new()?)
}

#[cfg(target_os = "android")]
fn platform_store() -> keyring_core::Result<Arc<CredentialStore>> {
    Ok(android_native_keyring_store::Store::new()?)
}

#[cfg(target_os = "ios")]
fn platform_store() -> keyring_core::Result<Arc<CredentialStore>> {
    Ok(apple_native_keyring_store::protected::Store::new()?)
}

#[cfg(target_os = "macos")]
fn platform_store() -> keyring_core::Result<Arc<CredentialStore>> {
    Ok(apple_native_keyring_store::keychain::Store::new()?)
}

#[cfg(not(any(
    target_os = "linux",
    target_os = "android",
    target_os = "ios",
    target_os = "macos"
)))]
fn platform_store() -> keyring_core::Result<Arc<CredentialStore>> {
    Err(Error::NotSupportedByStore(
        "no OS keyring store is linked for this platform".into(),
    ))
}
