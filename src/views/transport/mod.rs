//! «Транспорт»: the person's transport cards, adding one, its top-up and its history; the town's
//! routes and stops, a stop's arrivals and the favourite stops.

mod add_card;
mod card;
mod home;
mod network;
mod route_line;
mod stop;
mod top_up;

pub use add_card::AddCardScreen;
pub use card::{CardHistoryScreen, CardScreen};
pub use home::TransportHome;
pub use network::NetworkScreen;
pub use route_line::RouteScreen;
pub use stop::StopScreen;
pub use top_up::CardTopUpScreen;
