//! «Школы и Сады»: the children whose school-meal accounts are linked to the phone, and what a
//! parent does for them — top-ups, the daily limit, meal requests, the menu, paid education
//! services — as view models the screens render. Top-ups and paid services are bills paid
//! through the one payment engine (`Ofis::start_payment_of`).

mod alert;
mod children;
mod error;
mod history;
mod limit;
mod menu;
mod photo;
mod requests;
mod services;
mod text;
mod topup;

pub use alert::MealOutlook;
pub use children::ChildCard;
pub use error::SchoolError;
pub use history::{last_week, MealHistory, MealHistoryRow, MealRowKind};
pub use limit::MealLimit;
pub use menu::{menu_days, DayMenu, MenuDay, MenuDish, MenuSection};
pub use photo::{fit_photo, ChildPhoto, PHOTO_MAX_BYTES, PHOTO_SIDE};
pub use requests::{MealRequestOutcome, MealRequestRow};
pub use services::{AttendanceDay, Attended, PaidService, PaidServices, ServiceRequest};
pub use text::{parse_day, parse_period};
pub use topup::TopUpForm;
