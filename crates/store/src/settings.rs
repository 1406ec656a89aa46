//! Small non-secret preferences, such as the last sign-in phone.
//!
//! Not for secrets: access and refresh tokens belong in the OS keyring, card data nowhere.

use rusqlite::{params, OptionalExtension};

use crate::error::StoreError;
use crate::open::Store;

impl Store {
    /// The value of a setting, if set.
    pub fn get_setting(&self, key: &str) -> Result<Option<String>, StoreError> {
        Ok(self
            .conn
            .query_row("SELECT value FROM setting WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .optional()?)
    }

    /// Sets a setting, replacing any previous value.
    pub fn set_setting(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        self.conn.execute(
            "INSERT INTO setting (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            params![key, value],
        )?;
        Ok(())
    }

    /// Removes a setting; returns whether it was set.
    pub fn remove_setting(&mut self, key: &str) -> Result<bool, StoreError> {
        Ok(self
            .conn
            .execute("DELETE FROM setting WHERE key = ?1", [key])?
            > 0)
    }
}
