//! «Транспорт»: the rules of transport cards, trips and arrival times, stated without IO or a
//! clock (time is an argument).
//!
//! - [`number`]: the 19-digit card number: digits only, grouped for reading, its check digit.
//! - [`card_type`]: the card types, which are online (topped up through the app), their top-up
//!   minimum and maximum, fare and what school and social cards allow; the manual's advice for
//!   any other card.
//! - [`top_up`]: «Сумма за пополнение» checked against the card's type; «Хватит на N поездок».
//! - [`timetable`]: routes, stops, trips and service days of the town's network (read from its
//!   GTFS feed by the client), searched by name; a stop's departures on a day.
//! - [`arrival`]: schedule against the live feed: predicted = scheduled + delay, early, cancelled,
//!   «по расписанию» without live data, and a live feed that is stale or down.
//!
//! The low-balance alert of a card is the school one: [`LowBalanceAlert`].

pub mod arrival;
pub mod card_type;
pub mod number;
pub mod timetable;
pub mod top_up;

#[cfg(test)]
mod proptests;
#[cfg(test)]
mod tests;

pub use crate::school::LowBalanceAlert;
pub use arrival::{
    feed_state, next_arrivals, Arrival, ArrivalStatus, FeedState, LiveFeed, TripLive,
    STALE_AFTER_MINUTES,
};
pub use card_type::{CardKind, CardType, ONLINE_TYPES};
pub use number::{group_as_typed, CardNumberError, TransportCardNumber, CARD_NUMBER_DIGITS};
pub use timetable::{Departure, Route, ServiceCalendar, Stop, StopTime, Timetable, Trip};
pub use top_up::{check_top_up, trips_left, TopUpError};
