//! «Абоненту»: the services of the subscriber office.

mod house;
mod house_acts;
mod situations;

pub use house::{HouseEntry, HouseScreen};
pub use house_acts::BillActs;
pub use situations::{SituationScreen, SituationsEntry, SituationsScreen};
