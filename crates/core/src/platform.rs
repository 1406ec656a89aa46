//! Small traits over what differs per platform or per test: the clock and the secret store.

use std::sync::Mutex;

use chrono::{DateTime, NaiveDate, Utc};

/// Where "now" comes from.
pub trait Clock: Send + Sync + 'static {
    /// The current instant.
    fn now(&self) -> DateTime<Utc>;

    /// Today in the service area (Asia/Yekaterinburg).
    fn today(&self) -> NaiveDate {
        ofis_domain::tz::local_date(self.now())
    }
}

/// The system clock.
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// The system clock moved to another day, for trying the app on a chosen date (bills are
/// posted from the 1st to the 10th; readings are asked for from the 15th to the 25th). Time
/// still passes; only the day differs.
#[derive(Debug, Clone, Copy)]
pub struct ShiftedClock {
    offset: chrono::TimeDelta,
}

impl ShiftedClock {
    /// A clock whose today, in the service area, is `day`.
    pub fn on(day: NaiveDate) -> Self {
        let real = ofis_domain::tz::local_date(Utc::now());
        ShiftedClock {
            offset: chrono::TimeDelta::days((day - real).num_days()),
        }
    }
}

impl Clock for ShiftedClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now() + self.offset
    }
}

/// Why the secret store could not do what was asked.
#[derive(Debug, thiserror::Error)]
#[error("secret store: {0}")]
pub struct SecretError(pub String);

/// Where session tokens and the PIN hash live: the OS keyring on real devices, never SQLite.
pub trait SecretStore: Send + Sync + 'static {
    /// Reads a secret; `None` when there is none under that key.
    fn get(&self, key: &str) -> Result<Option<String>, SecretError>;
    /// Writes a secret, replacing any previous one.
    fn set(&self, key: &str, value: &str) -> Result<(), SecretError>;
    /// Deletes a secret; deleting a missing one is not an error.
    fn delete(&self, key: &str) -> Result<(), SecretError>;
}

/// Secrets kept in memory only: they are gone when the process ends.
#[derive(Debug, Default)]
pub struct MemorySecrets(Mutex<Vec<(String, String)>>);

impl MemorySecrets {
    fn entries(&self) -> std::sync::MutexGuard<'_, Vec<(String, String)>> {
        self.0.lock().unwrap_or_else(|p| p.into_inner())
    }
}

impl SecretStore for MemorySecrets {
    fn get(&self, key: &str) -> Result<Option<String>, SecretError> {
        Ok(self
            .entries()
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, s)| s.clone()))
    }

    fn set(&self, key: &str, value: &str) -> Result<(), SecretError> {
        let mut v = self.entries();
        v.retain(|(k, _)| k != key);
        v.push((key.to_string(), value.to_string()));
        Ok(())
    }

    fn delete(&self, key: &str) -> Result<(), SecretError> {
        self.entries().retain(|(k, _)| k != key);
        Ok(())
    }
}
