//! How values are written to and read from columns: money as decimal text, time as RFC 3339
//! text, structures as JSON. Reading never falls back to a default: bad text is `Corrupt`.

use chrono::{DateTime, SecondsFormat, Utc};
use ofis_domain::{Money, Period};
use rust_decimal::Decimal;
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::error::StoreError;

/// `1234.50`: always two places, so the text is exact and a CHECK constraint can verify it.
pub(crate) fn money_text(m: Money) -> String {
    m.to_string()
}

/// The money in a column; `what` names the column for the error.
pub(crate) fn parse_money(text: &str, what: &str) -> Result<Money, StoreError> {
    // `from_str_exact` rather than `Money::parse_input`: stored text is machine-written and
    // must be read back exactly, not leniently like what a person types.
    let value = Decimal::from_str_exact(text)
        .map_err(|e| StoreError::Corrupt(format!("{what}: {text:?} is not a decimal: {e}")))?;
    Money::new(value).map_err(|e| StoreError::Corrupt(format!("{what}: {text:?}: {e}")))
}

/// A meter reading as text: `123.456`, no sign, no exponent, trailing zeros dropped.
pub(crate) fn reading_text(value: Decimal) -> Result<String, StoreError> {
    if value.is_sign_negative() && !value.is_zero() {
        return Err(StoreError::Encode(format!("a negative reading {value}")));
    }
    Ok(value.abs().normalize().to_string())
}

/// The reading in a column.
pub(crate) fn parse_reading(text: &str, what: &str) -> Result<Decimal, StoreError> {
    let value = Decimal::from_str_exact(text)
        .map_err(|e| StoreError::Corrupt(format!("{what}: {text:?} is not a decimal: {e}")))?;
    if value.is_sign_negative() {
        return Err(StoreError::Corrupt(format!("{what}: {text:?} is negative")));
    }
    Ok(value)
}

/// Fixed-width RFC 3339 in UTC with nanoseconds, so text order is time order and nothing is lost.
pub(crate) fn time_text(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Nanos, true)
}

/// The instant in a column.
pub(crate) fn parse_time(text: &str, what: &str) -> Result<DateTime<Utc>, StoreError> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| StoreError::Corrupt(format!("{what}: {text:?} is not RFC 3339: {e}")))
}

/// `YYYY-MM`.
pub(crate) fn period_text(p: Period) -> String {
    p.to_string()
}

/// The period in a column.
pub(crate) fn parse_period(text: &str, what: &str) -> Result<Period, StoreError> {
    text.parse()
        .map_err(|e| StoreError::Corrupt(format!("{what}: {text:?} is not a period: {e}")))
}

/// A value as JSON text.
pub(crate) fn to_json<T: Serialize + ?Sized>(value: &T, what: &str) -> Result<String, StoreError> {
    serde_json::to_string(value).map_err(|e| StoreError::Encode(format!("{what}: {e}")))
}

/// A value from JSON text.
pub(crate) fn from_json<T: DeserializeOwned>(text: &str, what: &str) -> Result<T, StoreError> {
    serde_json::from_str(text).map_err(|e| StoreError::Corrupt(format!("{what}: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn money_text_is_exact_and_read_back_strictly() {
        let m = Money::from_kopecks(123_450).unwrap();
        assert_eq!(money_text(m), "1234.50");
        assert_eq!(parse_money("1234.50", "t").unwrap(), m);
        for bad in ["", "1 234,50", "12.5e2", "-1.00", "1.234", "abc"] {
            assert!(
                matches!(parse_money(bad, "t"), Err(StoreError::Corrupt(_))),
                "{bad}"
            );
        }
    }

    #[test]
    fn time_text_sorts_like_time_and_round_trips() {
        let a = Utc.with_ymd_and_hms(2026, 11, 25, 9, 0, 0).unwrap();
        let b = a + chrono::Duration::nanoseconds(1);
        assert!(time_text(a) < time_text(b));
        assert_eq!(time_text(a).len(), time_text(b).len());
        assert_eq!(parse_time(&time_text(b), "t").unwrap(), b);
        assert!(matches!(
            parse_time("yesterday", "t"),
            Err(StoreError::Corrupt(_))
        ));
    }
}
