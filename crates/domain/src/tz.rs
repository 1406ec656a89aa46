//! The service area's time zone: Asia/Yekaterinburg, UTC+5 all year (no daylight saving).

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};

/// UTC+5, the offset of Asia/Yekaterinburg.
pub fn offset() -> FixedOffset {
    FixedOffset::east_opt(5 * 3600).expect("valid offset")
}

/// The local date in the service area at an instant.
pub fn local_date(at: DateTime<Utc>) -> NaiveDate {
    at.with_timezone(&offset()).date_naive()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn late_evening_utc_is_already_tomorrow_in_yekaterinburg() {
        let at = Utc.with_ymd_and_hms(2026, 11, 30, 20, 0, 0).unwrap();
        assert_eq!(
            local_date(at),
            NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()
        );
    }
}
