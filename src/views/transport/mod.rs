//! «Транспорт»: the person's transport cards, adding one, its top-up and its history.

mod add_card;
mod card;
mod home;
mod top_up;

pub use add_card::AddCardScreen;
pub use card::{CardHistoryScreen, CardScreen};
pub use home::TransportHome;
pub use top_up::CardTopUpScreen;
