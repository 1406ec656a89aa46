//! Errors of the use-cases; the UI turns each into one Russian sentence.

use ofis_client::ClientError;
use ofis_domain::card::CardError;
use ofis_domain::{CombinedError, MoneyError};
use ofis_store::StoreError;

/// Why an intent failed.
#[derive(Debug, thiserror::Error)]
pub enum CoreError {
    #[error(transparent)]
    Client(#[from] ClientError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Combined(#[from] CombinedError),
    #[error("invalid amount: {0}")]
    Amount(#[from] MoneyError),
    #[error("invalid card: {0}")]
    Card(#[from] CardError),
    #[error("invalid e-mail: {0}")]
    Email(#[from] ofis_domain::email::EmailError),
    #[error("invalid phone number")]
    Phone,
    #[error("the SMS code must be digits")]
    CodeFormat,
    #[error("nothing to search for")]
    EmptyQuery,
    #[error("not signed in")]
    NotSignedIn,
    #[error("no such payment in progress")]
    UnknownPayment,
    #[error("a payment of these bills is still being settled")]
    PaymentInProgress,
    #[error("background task failed: {0}")]
    Task(String),
}
