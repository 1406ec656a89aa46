//! The one error type of the store.

use crate::outbox::OutboxState;

/// What can go wrong in the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// SQLite itself failed (IO, locking, a constraint, a file that is not a database).
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),

    /// Preparing the database's place on disk failed (e.g. creating its directory).
    #[error("cannot prepare the database file: {0}")]
    Io(String),

    /// A stored row cannot be decoded; the row is reported, never replaced by a default.
    #[error("stored data cannot be read: {0}")]
    Corrupt(String),

    /// The database was written by a newer app; it is left exactly as it was.
    #[error("the database has schema version {found}, this app knows up to {supported}")]
    TooNew { found: u32, supported: u32 },

    /// A schema upgrade step failed; the whole upgrade was rolled back.
    #[error("schema upgrade to version {version} ({name}) failed")]
    Migration {
        version: u32,
        name: &'static str,
        #[source]
        source: Box<StoreError>,
    },

    /// A payment in the outbox cannot move between these two states.
    #[error("payment {key} cannot go from {from} to {to}")]
    IllegalTransition {
        key: String,
        from: OutboxState,
        to: OutboxState,
    },

    /// No payment in the outbox has this idempotency key.
    #[error("no payment with idempotency key {0}")]
    UnknownOrder(String),

    /// A payment with this idempotency key is already in the outbox.
    #[error("a payment with idempotency key {0} is already in the outbox")]
    DuplicateKey(String),

    /// A reading with this idempotency key is already queued.
    #[error("a reading with idempotency key {0} is already queued")]
    DuplicateReading(String),

    /// A message to support with this idempotency key is already kept.
    #[error("a support message with idempotency key {0} is already kept")]
    DuplicateSupportMessage(String),

    /// No message to support has this idempotency key.
    #[error("no support message with idempotency key {0}")]
    UnknownSupportMessage(String),

    /// No queued reading has this idempotency key.
    #[error("no queued reading with idempotency key {0}")]
    UnknownReading(String),

    /// A queued reading already has its outcome, a different one.
    #[error("reading {key} is already {state}")]
    ReadingSettled { key: String, state: &'static str },

    /// The caller handed the outbox an order that breaks its rules (a bug in the caller).
    #[error("order refused by the outbox: {0}")]
    InvalidOrder(String),

    /// A value could not be turned into its stored form.
    #[error("cannot encode {0}")]
    Encode(String),
}
