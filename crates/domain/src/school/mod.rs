//! «Школы и Сады»: the rules of school meals, stated without IO or a clock (time is an argument).
//!
//! - [`calendar`]: school days (Monday to Friday) and walking between them.
//! - [`cutoff`]: when a meal request for a day must be in (e.g. 10:00 of the previous school day
//!   in Asia/Yekaterinburg), and the one "болеет" cancel over a range of dates.
//! - [`limit`]: the parent's daily spending limit and the canteen's check of a purchase.
//! - [`forecast`]: «Хватит на N дней», the balance over the average daily spend.
//! - [`alert`]: the low-balance alert, fired once and re-armed by a posted top-up.

pub mod alert;
pub mod calendar;
pub mod cutoff;
pub mod forecast;
pub mod limit;

#[cfg(test)]
mod proptests;
#[cfg(test)]
mod tests;

pub use alert::LowBalanceAlert;
pub use calendar::{is_school_day, next_school_day, previous_school_day, school_days};
pub use cutoff::{
    cut_off_ru, plan_sick_cancel, CutOffRule, MealRequestError, SickCancel, MAX_RANGE_DAYS,
};
pub use forecast::{days_left, FORECAST_DAYS};
pub use limit::{check_purchase, left_today, validate_limit, LimitError, PurchaseRefusal};
