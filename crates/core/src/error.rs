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
    #[error("reading of meter {meter_id}: {error}")]
    Reading {
        meter_id: String,
        error: ofis_domain::readings::ReadingError,
    },
    #[error(transparent)]
    Entries(#[from] ofis_domain::readings::EntryError),
    #[error("no such meter: {0}")]
    UnknownMeter(String),
    #[error("meter {0} is billed by a third party: readings only with a payment")]
    OnlyWithPayment(String),
    #[error("the provider requires readings for bill {bill_id}: {message}")]
    ReadingsRequired {
        bill_id: ofis_domain::BillId,
        message: String,
    },
    #[error("no payment QR code read from the photo: {0}")]
    QrUnreadable(String),
    #[error("the QR code names no account")]
    QrWithoutAccount,
    #[error("no bills for the QR code")]
    QrNothingFound,
    #[error("nothing to search for")]
    EmptyQuery,
    #[error("not signed in")]
    NotSignedIn,
    #[error("no such payment in progress")]
    UnknownPayment,
    #[error("already paid this period: {0:?}")]
    AlreadyPaid(Vec<String>),
    #[error("a payment of these bills is still being settled")]
    PaymentInProgress,
    #[error(transparent)]
    Secrets(#[from] crate::platform::SecretError),
    #[error("PIN: {0}")]
    Pin(#[from] ofis_domain::pin::PinError),
    #[error("wrong PIN, {attempts_left} attempts left")]
    PinWrong { attempts_left: u32 },
    #[error("too many wrong PINs: signed out")]
    PinLockedOut,
    #[error("the PIN must be typed first")]
    PinRequired,
    #[error("no PIN is set")]
    PinNotSet,
    #[error("a low-balance threshold of zero")]
    ThresholdZero,
    #[error(transparent)]
    School(#[from] crate::school::SchoolError),
    #[error(transparent)]
    Transport(#[from] crate::transport::TransportError),
    #[error(transparent)]
    Support(#[from] crate::help::SupportError),
    #[error(transparent)]
    OfficeDocs(#[from] crate::office::DocsError),
    #[error("background task failed: {0}")]
    Task(String),
}
