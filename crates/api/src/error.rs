//! The error body every Город API and gateway error carries.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// Machine-readable error kinds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// Planned maintenance: try again later.
    Maintenance,
    /// The request is well-formed but its content is refused (the message says why).
    Validation,
    /// Sign-in required or the token has expired.
    Unauthorized,
    /// No such thing.
    NotFound,
    /// The same idempotency key is in use by a request still running.
    Conflict,
    /// The same idempotency key was used with a different body.
    IdempotencyMismatch,
    /// Too many attempts.
    RateLimited,
    /// Payment refused because the provider requires meter readings.
    ReadingsRequired,
    /// A meal request came after the school's cut-off for its day (the message names it).
    CutOffPassed,
    /// The canteen refused a purchase: it would pass the daily limit or the balance.
    PurchaseRefused,
    /// The transport card cannot be topped up through the app (the message is the manual's advice).
    CardNotOnline,
    /// Something broke on the server.
    Internal,
}

/// Error body: a code, a Russian message fit for the user, and optional details.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ApiError {
    pub code: ErrorCode,
    /// A sentence in Russian that can be shown to the user as it is.
    pub message: String,
    /// The request field the error is about, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// When to try again (maintenance, rate limits), in seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry_after_seconds: Option<u32>,
}

impl ApiError {
    /// An error with a code and message.
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        ApiError {
            code,
            message: message.into(),
            field: None,
            retry_after_seconds: None,
        }
    }

    /// Names the field the error is about.
    pub fn on_field(mut self, field: impl Into<String>) -> Self {
        self.field = Some(field.into());
        self
    }
}
