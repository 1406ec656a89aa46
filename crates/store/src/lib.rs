//! The app's local SQLite database: the saved selection (общий счёт and addresses), cached
//! bills, the payment outbox that makes payments exactly-once, receipts, meter readings saved for
//! a later payment or queued to be sent without one, and small settings.
//!
//! Synchronous by design: the caller runs [`Store`] on a blocking thread. Money is stored as
//! decimal text, time as RFC 3339 text, and card data is never stored at all.

mod cache;
mod codec;
mod derived;
mod error;
mod faq;
mod history;
#[cfg(feature = "bench-data")]
pub mod lifetime;
mod migrations;
mod office_applications;
mod open;
mod outbox;
mod readings;
mod receipts;
mod selection;
mod settings;
mod support;
mod transport;
mod wipe;

pub use cache::{CachedBills, TaggedBills};
pub use derived::{search_text, SPENDING_FEES};
pub use error::StoreError;
pub use faq::KeptFaq;
pub use history::{ReceiptCursor, HOT_QUERIES};
pub use migrations::{Migration, Step, MIGRATIONS, SCHEMA_VERSION};
pub use office_applications::{
    ApplicationFile, ApplicationOutboxEntry, ApplicationSendState, OutgoingApplication,
};
pub use open::Store;
pub use outbox::{OutboxCursor, OutboxOrder, OutboxReading, OutboxState};
pub use readings::{QueueEntry, QueueState, QueuedReading};
pub use support::{OutgoingSupportMessage, SupportOutboxEntry, SupportPhoto, SupportSendState};
pub use transport::{KeptFeed, KeptReminder};
