//! «Школы и Сады»: the children whose school-meal accounts are linked to the phone, and what a
//! parent does for them — top-ups, the daily limit, meal requests, the menu, paid education
//! services — as view models the screens render. Top-ups and paid services are bills paid
//! through the one payment engine (`Ofis::start_payment_of`).

mod children;
mod services;

pub use children::ChildCard;
pub use services::{last_week, AttendanceDay, Attended, PaidService, PaidServices, ServiceRequest};
