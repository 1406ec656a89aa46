//! School days: Monday to Friday. Holidays are the school's business and reach the app as days
//! without a menu; the rules here only need the working week.

use chrono::{Datelike, Days, NaiveDate, Weekday};

/// Whether children eat at school that day (Monday to Friday).
pub fn is_school_day(day: NaiveDate) -> bool {
    !matches!(day.weekday(), Weekday::Sat | Weekday::Sun)
}

/// The last school day strictly before `day` (`None` only at the calendar's very start).
pub fn previous_school_day(day: NaiveDate) -> Option<NaiveDate> {
    let mut d = day.checked_sub_days(Days::new(1))?;
    while !is_school_day(d) {
        d = d.checked_sub_days(Days::new(1))?;
    }
    Some(d)
}

/// The first school day strictly after `day` (`None` only at the calendar's very end).
pub fn next_school_day(day: NaiveDate) -> Option<NaiveDate> {
    let mut d = day.checked_add_days(Days::new(1))?;
    while !is_school_day(d) {
        d = d.checked_add_days(Days::new(1))?;
    }
    Some(d)
}

/// The school days from `from` to `to`, both included; none when `to` is before `from`.
pub fn school_days(from: NaiveDate, to: NaiveDate) -> impl Iterator<Item = NaiveDate> {
    from.iter_days()
        .take_while(move |d| *d <= to)
        .filter(|d| is_school_day(*d))
}
