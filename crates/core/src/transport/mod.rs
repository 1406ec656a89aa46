//! «Транспорт»: the person's transport cards — add by number (only the online types can be
//! topped up in the app; the others get the manual's advice), their balance as the transport
//! system reports it, «Пополнение» through the one payment engine, «История» of trips and
//! top-ups.

mod alert;
mod cards;

pub use cards::{CardHistory, CardHistoryRow, CardLookup, TransportCard, TransportError};
