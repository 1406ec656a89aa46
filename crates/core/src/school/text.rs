//! Dates, times and counts of the section as the person reads them (Asia/Yekaterinburg).

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use ofis_domain::tz;

/// A date as a date input gives it (`YYYY-MM-DD`), or as people type it (`25.11.2026`).
pub fn parse_day(text: &str) -> Result<NaiveDate, super::SchoolError> {
    let text = text.trim();
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(text, "%d.%m.%Y"))
        .map_err(|_| super::SchoolError::DayFormat(text.to_string()))
}

/// A period as typed: both ends empty is the default (`None`); else both must be dates.
pub fn parse_period(
    from: &str,
    to: &str,
) -> Result<Option<(NaiveDate, NaiveDate)>, super::SchoolError> {
    if from.trim().is_empty() && to.trim().is_empty() {
        return Ok(None);
    }
    Ok(Some((parse_day(from)?, parse_day(to)?)))
}

/// «25.11.2026».
pub(crate) fn day_ru(day: NaiveDate) -> String {
    day.format("%d.%m.%Y").to_string()
}

/// «ср».
pub(crate) fn weekday_ru(day: NaiveDate) -> &'static str {
    ["пн", "вт", "ср", "чт", "пт", "сб", "вс"][day.weekday().num_days_from_monday() as usize]
}

/// «ср, 25.11.2026».
pub(crate) fn weekday_day_ru(day: NaiveDate) -> String {
    format!("{}, {}", weekday_ru(day), day_ru(day))
}

/// «25.11.2026 12:40», local time.
pub(crate) fn moment_ru(at: DateTime<Utc>) -> String {
    at.with_timezone(&tz::offset())
        .format("%d.%m.%Y %H:%M")
        .to_string()
}

/// «1 день», «3 дня», «5 дней».
pub(crate) fn days_ru(n: u32) -> String {
    let word = match (n % 10, n % 100) {
        (1, m) if m != 11 => "день",
        (2..=4, m) if !(12..=14).contains(&m) => "дня",
        _ => "дней",
    };
    format!("{n} {word}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_agree_with_their_number() {
        for (n, text) in [
            (0, "0 дней"),
            (1, "1 день"),
            (3, "3 дня"),
            (5, "5 дней"),
            (11, "11 дней"),
            (21, "21 день"),
            (22, "22 дня"),
        ] {
            assert_eq!(days_ru(n), text);
        }
    }

    #[test]
    fn dates_are_read_as_inputs_and_people_write_them() {
        let d = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
        assert_eq!(parse_day("2026-11-27"), Ok(d));
        assert_eq!(parse_day(" 27.11.2026 "), Ok(d));
        assert!(parse_day("завтра").is_err());
        assert_eq!(parse_period("", " "), Ok(None));
        assert_eq!(parse_period("2026-11-27", "2026-11-27"), Ok(Some((d, d))));
        assert!(parse_period("2026-11-27", "").is_err());
    }

    #[test]
    fn times_are_local() {
        let at = DateTime::from_timestamp(1_795_590_000, 0).unwrap(); // 2026-11-25 07:00 UTC
        assert_eq!(moment_ru(at), "25.11.2026 12:00");
        assert_eq!(weekday_day_ru(tz::local_date(at)), "ср, 25.11.2026");
    }
}
