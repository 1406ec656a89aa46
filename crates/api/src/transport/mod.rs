//! «Транспорт» on the wire: card lookup and saved cards (name, type, balance and when it was
//! last updated, what school and social cards allow), history of trips and top-ups, top-ups
//! (asked for as bills and paid through orders like any bill), the network (routes, stops) and a
//! stop's arrivals. The network is also served as a GTFS zip and a GTFS-realtime feed (binary).

mod cards;
mod checks;
pub mod gtfs_rt;
mod network;

pub use cards::*;
pub use checks::MAX_FARE;
pub use network::*;
