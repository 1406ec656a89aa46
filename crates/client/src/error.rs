//! Errors of the client, one variant per thing the app reacts to differently.

use ofis_api::{ApiError, ErrorCode};

/// What went wrong talking to the Город API or the gateway.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ClientError {
    /// The server could not be reached (down, no network, refused).
    #[error("network error: {0}")]
    Network(String),
    /// No answer in time; the request may or may not have been processed.
    #[error("timed out")]
    Timeout,
    /// Planned maintenance, with the server's message.
    #[error("maintenance: {message}")]
    Maintenance {
        message: String,
        retry_after_seconds: Option<u32>,
    },
    /// The server refused the content; the message is Russian and fit for the user.
    #[error("refused: {message}")]
    Validation {
        message: String,
        field: Option<String>,
    },
    /// Sign-in required or expired.
    #[error("unauthorized")]
    Unauthorized,
    /// No such thing.
    #[error("not found: {0}")]
    NotFound(String),
    /// The same idempotency key is in use by a request still running.
    #[error("conflict: {0}")]
    Conflict(String),
    /// The same idempotency key was used with a different body.
    #[error("idempotency key reused with another body")]
    IdempotencyMismatch,
    /// The provider requires meter readings with this payment.
    #[error("readings required: {0}")]
    ReadingsRequired(String),
    /// Any other server failure.
    #[error("server error {status}: {message}")]
    Server { status: u16, message: String },
    /// The answer could not be understood.
    #[error("unexpected answer: {0}")]
    Decode(String),
    /// The URL is not allowed (plain http to a non-loopback host, or not a URL).
    #[error("insecure or invalid server address: {0}")]
    InsecureUrl(String),
    /// The answer was bigger than the client reads; the request may have been processed.
    #[error("answer larger than {limit} bytes")]
    TooLarge { limit: usize },
    /// The server answered with a redirect, which is never followed: a 307 would re-send the
    /// body (a card) to wherever it points. The request may have been processed.
    #[error("redirect {status} not followed")]
    Redirect { status: u16 },
    /// The answer decoded, but its numbers make no sense (a fee of 10^28 %, a 29-digit meter):
    /// refused before anything is computed with them.
    #[error("implausible answer: {0}")]
    Implausible(ofis_api::WireError),
    /// The order names a bank gateway the app is not configured with; nothing was sent to it.
    #[error("gateway not allowed: {0}")]
    GatewayNotAllowed(String),
}

impl ClientError {
    /// Builds the error for an HTTP error status and its body.
    ///
    /// Public so the hostile-input tests can feed it arbitrary bytes: it never panics, whatever
    /// the body; a body that is not an [`ApiError`] falls back on the status alone.
    pub fn from_response(status: u16, body: &[u8]) -> ClientError {
        match serde_json::from_slice::<ApiError>(body) {
            Ok(api) => match api.code {
                ErrorCode::Maintenance => ClientError::Maintenance {
                    message: api.message,
                    retry_after_seconds: api.retry_after_seconds,
                },
                ErrorCode::Validation => ClientError::Validation {
                    message: api.message,
                    field: api.field,
                },
                ErrorCode::Unauthorized => ClientError::Unauthorized,
                ErrorCode::NotFound => ClientError::NotFound(api.message),
                ErrorCode::Conflict => ClientError::Conflict(api.message),
                ErrorCode::IdempotencyMismatch => ClientError::IdempotencyMismatch,
                ErrorCode::ReadingsRequired => ClientError::ReadingsRequired(api.message),
                // A refusal the person reads and acts on, like any other: the message names the
                // cut-off, or the limit and what was spent.
                // …or the manual's advice for a transport card the app cannot top up.
                ErrorCode::CutOffPassed | ErrorCode::PurchaseRefused | ErrorCode::CardNotOnline => {
                    ClientError::Validation {
                        message: api.message,
                        field: api.field,
                    }
                }
                ErrorCode::RateLimited | ErrorCode::Internal => ClientError::Server {
                    status,
                    message: api.message,
                },
            },
            Err(_) => match status {
                401 => ClientError::Unauthorized,
                404 => ClientError::NotFound(String::new()),
                503 => ClientError::Maintenance {
                    message: String::new(),
                    retry_after_seconds: None,
                },
                _ => ClientError::Server {
                    status,
                    message: String::from_utf8_lossy(&body[..body.len().min(200)]).into_owned(),
                },
            },
        }
    }

    /// Whether the request may have reached the server and a retry with the same key is right.
    pub fn is_retryable(&self) -> bool {
        matches!(
            self,
            ClientError::Network(_)
                | ClientError::Timeout
                | ClientError::Maintenance { .. }
                | ClientError::Conflict(_)
                | ClientError::Server { .. }
                | ClientError::Decode(_)
                | ClientError::TooLarge { .. }
                | ClientError::Redirect { .. }
        )
    }
}

impl From<reqwest::Error> for ClientError {
    fn from(e: reqwest::Error) -> Self {
        if e.is_timeout() {
            ClientError::Timeout
        } else if e.is_decode() {
            ClientError::Decode(e.to_string())
        } else {
            // The URL may carry ids but never card data: card data only travels in bodies. The
            // causes say why (e.g. an untrusted certificate), so support can tell.
            let e = e.without_url();
            let mut text = e.to_string();
            let mut source = std::error::Error::source(&e);
            while let Some(cause) = source {
                text.push_str(": ");
                text.push_str(&cause.to_string());
                source = cause.source();
            }
            ClientError::Network(text)
        }
    }
}
