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

/// Where session tokens live: the OS keyring on real devices, never SQLite.
pub trait SecretStore: Send + Sync + 'static {
    /// Reads a secret.
    fn get(&self, key: &str) -> Option<String>;
    /// Writes a secret.
    fn set(&self, key: &str, value: &str);
    /// Deletes a secret.
    fn delete(&self, key: &str);
}

/// Secrets kept in memory only: they are gone when the process ends.
#[derive(Debug, Default)]
pub struct MemorySecrets(Mutex<Vec<(String, String)>>);

impl SecretStore for MemorySecrets {
    fn get(&self, key: &str) -> Option<String> {
        let v = self.0.lock().unwrap_or_else(|p| p.into_inner());
        v.iter().find(|(k, _)| k == key).map(|(_, s)| s.clone())
    }

    fn set(&self, key: &str, value: &str) {
        let mut v = self.0.lock().unwrap_or_else(|p| p.into_inner());
        v.retain(|(k, _)| k != key);
        v.push((key.to_string(), value.to_string()));
    }

    fn delete(&self, key: &str) {
        self.0
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .retain(|(k, _)| k != key);
    }
}
