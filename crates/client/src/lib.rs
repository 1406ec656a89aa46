//! Typed async client of the Город API and the bank gateway (reqwest + rustls, explicit roots).

mod error;
mod gateway;
mod gorod;
mod http;
mod session;

pub use error::ClientError;
pub use gateway::GatewayClient;
pub use gorod::GorodClient;
pub use http::{ensure_allowed_url, ClientOptions};
pub use session::{SessionRefused, SessionRenewed};
