//! Sign-in by phone and SMS code.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// Ask for an SMS code.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct SmsRequest {
    /// Phone in any common Russian form; the server normalises it to +7XXXXXXXXXX.
    pub phone: String,
}

/// The code was sent.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct SmsSent {
    /// The normalised phone the code went to.
    pub phone: String,
    /// How long to wait before asking for another code.
    pub resend_after_seconds: u32,
    /// Number of digits in the code.
    pub code_length: u8,
}

/// Sign in with the code received.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct SignInRequest {
    pub phone: String,
    pub code: String,
}

/// Exchange a refresh token.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct RefreshRequest {
    pub refresh_token: String,
}

/// A signed-in session.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Session {
    pub access_token: String,
    pub refresh_token: String,
    /// Lifetime of the access token in seconds.
    pub expires_in: u32,
    pub profile: Profile,
}

/// The signed-in user.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Profile {
    /// Normalised phone, +7XXXXXXXXXX.
    pub phone: String,
}

/// End the session: the request's access token and this refresh token stop working.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct SignOutRequest {
    pub refresh_token: String,
}

/// The session is over.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct SignedOut {
    /// How many tokens (access and refresh) stopped working.
    pub revoked: u32,
}
