//! «Абоненту» of the subscriber office: its services as the screens see them.

mod house;
mod house_acts;
mod situations;

pub use house::{ActRow, HouseInfo, HouseMeter, HouseMeterRow, Organisation};
pub use house_acts::{acts_beside_bill, ActEstimate, BillAct};
pub use situations::{step_path, Situation, SituationStep, StepLink};
