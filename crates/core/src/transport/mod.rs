//! «Транспорт»: the person's transport cards — add by number (only the online types can be
//! topped up in the app; the others get the manual's advice), their balance as the transport
//! system reports it, «Пополнение» through the one payment engine, «История» of trips and
//! top-ups — and the town's routes and arrival times: the GTFS feed kept on the device, a stop's
//! next arrivals with the live feed, favourite stops and reminders.

mod alert;
mod cards;
mod favourites;
mod network;

pub use cards::{CardHistory, CardHistoryRow, CardLookup, TransportCard, TransportError};
pub use favourites::REMINDER_MINUTES;
pub(crate) use network::Network;
pub use network::{
    ArrivalRow, NetworkHit, RouteLine, StopBoard, StopRow, ARRIVALS_SHOWN, OFFLINE_BANNER,
};
