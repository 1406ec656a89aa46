//! «Хватит на N дней»: how many school days the balance lasts at the child's usual spend.

use chrono::{Days, NaiveDate};
use rust_decimal::prelude::ToPrimitive;

use super::calendar::school_days;
use crate::Money;

/// The window the average is taken over: the 28 days (four weeks) before today.
pub const FORECAST_DAYS: u64 = 28;

/// The balance divided by the average daily spend on the school days of the four weeks before
/// `today` (today itself left out: it is not over yet), rounded down. Days the child ate
/// nothing count as days (a sick week lowers the average). `None` when nothing was spent, so
/// there is nothing to forecast from. `spends` are purchases by day, in any order; those outside
/// the window or on weekends are ignored.
pub fn days_left(
    balance: Money,
    spends: impl IntoIterator<Item = (NaiveDate, Money)>,
    today: NaiveDate,
) -> Option<u32> {
    let first = today.checked_sub_days(Days::new(FORECAST_DAYS))?;
    let last = today.pred_opt()?;
    let days: Vec<NaiveDate> = school_days(first, last).collect();
    let total: Money = spends
        .into_iter()
        .filter(|(day, _)| days.binary_search(day).is_ok())
        .map(|(_, amount)| amount)
        .sum();
    if total.is_zero() || days.is_empty() {
        return None;
    }
    // balance / (total / n) = balance * n / total, exact in decimals for amounts of money.
    let n = rust_decimal::Decimal::from(days.len());
    let ratio = balance.value().checked_mul(n)?.checked_div(total.value())?;
    Some(ratio.floor().to_u32().unwrap_or(u32::MAX))
}
