//! Typed async client of the Город API and the bank gateway (reqwest + rustls, explicit roots).

mod conditional;
mod error;
mod gateway;
mod gorod;
pub mod gtfs;
mod help;
mod http;
mod office;
mod school;
mod session;
mod support;
mod transport;

pub use conditional::{IfChanged, Tagged};
pub use error::ClientError;
pub use gateway::{AllowedGateways, GatewayClient};
pub use gorod::GorodClient;
pub use http::{ensure_allowed_url, is_loopback_url, ClientOptions, DEFAULT_MAX_BODY_BYTES};
pub use office::BookingOutcome;
pub use school::ChildPhoto;
pub use session::{SessionRefused, SessionRenewed};
