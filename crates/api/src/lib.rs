//! Wire types of the Город API and the bank gateway, shared by the client and the sandbox so the
//! two cannot drift. Money travels as a string with two decimal places.

pub mod auth;
pub mod bills;
pub mod error;
pub mod gateway;
pub mod help;
pub mod office;
pub mod orders;
pub mod paths;
pub mod plausible;
pub mod providers;
pub mod readings;
pub mod sandbox;
pub mod school;
pub mod support;
pub mod text;
pub mod transport;

pub use auth::*;
pub use bills::*;
pub use error::*;
pub use gateway::*;
pub use help::*;
pub use office::*;
pub use orders::*;
pub use plausible::{Plausible, WireError};
pub use providers::*;
pub use readings::*;
pub use school::*;
pub use support::*;
pub use transport::*;
