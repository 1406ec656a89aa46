//! Opening the database: pragmas outside any transaction, then the schema built or upgraded
//! step by step inside one transaction, then the schema version — the discipline of
//! mozilla/application-services' `open_database`.

use std::path::Path;
use std::time::Duration;

use rusqlite::{Connection, Transaction, TransactionBehavior};

use crate::error::StoreError;
use crate::migrations::{Migration, MIGRATIONS};

/// How long a statement waits for another connection's lock before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// The app's local database. `Send`, not `Sync`: run it on one blocking thread at a time.
#[derive(Debug)]
pub struct Store {
    pub(crate) conn: Connection,
}

impl Store {
    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    ///
    /// A database from a newer app is refused with [`StoreError::TooNew`] and left untouched;
    /// a failed upgrade is rolled back whole, so the file is as it was before the call.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        Store::open_with_migrations(path, MIGRATIONS)
    }

    /// [`Store::open`] with another list of schema steps; for tests of the upgrade discipline.
    #[doc(hidden)]
    pub fn open_with_migrations(
        path: &Path,
        migrations: &[Migration],
    ) -> Result<Store, StoreError> {
        let _span = tracing::info_span!("store_open", path = %path.display()).entered();
        let supported = u32::try_from(migrations.len()).expect("fewer than 2^32 migrations");
        let mut conn = Connection::open(path)?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        // Checked before any pragma that writes to the file (journal_mode does), so a newer
        // database stays byte for byte as the newer app left it.
        check_not_newer(schema_version(&conn)?, supported)?;
        set_pragmas(&conn)?;
        migrate(&mut conn, migrations)?;
        Ok(Store { conn })
    }

    /// The schema version the database is at.
    pub fn schema_version(&self) -> Result<u32, StoreError> {
        schema_version(&self.conn)
    }

    /// A write transaction that takes the lock at once, so a read-then-write inside it cannot
    /// fail half-way on another connection's lock.
    pub(crate) fn write_tx(&mut self) -> Result<Transaction<'_>, StoreError> {
        Ok(self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?)
    }

    /// Runs SQLite's own consistency check of the whole file.
    pub fn integrity_check(&self) -> Result<(), StoreError> {
        let mut stmt = self.conn.prepare("PRAGMA integrity_check")?;
        let problems: Vec<String> = stmt
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        if problems == ["ok"] {
            Ok(())
        } else {
            Err(StoreError::Corrupt(problems.join("; ")))
        }
    }
}

/// Connection settings; pragmas like these are no-ops inside a transaction, hence outside.
fn set_pragmas(conn: &Connection) -> Result<(), StoreError> {
    let mode: String = conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        tracing::warn!(mode, "the store could not switch to WAL");
    }
    conn.pragma_update(None, "foreign_keys", true)?;
    // FULL: with WAL, NORMAL may lose the last commits on power loss, and the outbox's promise
    // is that an idempotency key is on disk before the first request leaves the phone.
    conn.pragma_update(None, "synchronous", "FULL")?;
    // Deleted rows are overwritten, so sign-out leaves no personal data in free pages.
    conn.pragma_update(None, "secure_delete", true)?;
    Ok(())
}

/// Builds or upgrades the schema inside one transaction, then records the new version.
fn migrate(conn: &mut Connection, migrations: &[Migration]) -> Result<(), StoreError> {
    let supported = migrations.len() as u32;
    // IMMEDIATE: two app instances opening at once must not both run the same upgrade.
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    // Read again under the write lock: another process may have upgraded since the first look.
    let found = schema_version(&tx)?;
    check_not_newer(found, supported)?;
    if found == supported {
        return Ok(());
    }
    tracing::info!(from = found, to = supported, "upgrading the store schema");
    for (index, migration) in migrations.iter().enumerate().skip(found as usize) {
        let version = index as u32 + 1;
        // Dropping `tx` on this error rolls back every step of this open, not just this one.
        migration
            .apply(&tx)
            .map_err(|source| StoreError::Migration {
                version,
                name: migration.name,
                source: Box::new(source),
            })?;
        tracing::debug!(version, name = migration.name, "schema step applied");
    }
    tx.pragma_update(None, "user_version", supported)?;
    tx.commit()?;
    Ok(())
}

/// Refuses a schema the app does not know, so it is neither misread nor "repaired" away.
fn check_not_newer(found: u32, supported: u32) -> Result<(), StoreError> {
    if found > supported {
        tracing::warn!(found, supported, "the store was written by a newer app");
        return Err(StoreError::TooNew { found, supported });
    }
    Ok(())
}

/// `PRAGMA user_version`, which SQLite keeps in the file header and rolls back with a transaction.
fn schema_version(conn: &Connection) -> Result<u32, StoreError> {
    let raw: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    u32::try_from(raw).map_err(|_| StoreError::Corrupt(format!("schema version {raw}")))
}
