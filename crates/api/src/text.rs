//! Decimals on the wire are strings («"1.5"», «"123.456"»): a JSON number would pass through a
//! float on the way. Used with `#[serde(deserialize_with = …)]` on every decimal field.

use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;
use serde::Deserializer;

/// Longest decimal text accepted (29 significant digits, a point and a sign, with room).
const MAX_LEN: usize = 40;

struct DecimalText;

impl serde::de::Visitor<'_> for DecimalText {
    type Value = Decimal;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a decimal number as a string, e.g. \"1.5\"")
    }
    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Decimal, E> {
        let plain = !v.is_empty()
            && v.len() <= MAX_LEN
            && v.bytes()
                .all(|b| b.is_ascii_digit() || b == b'.' || b == b'-');
        plain
            .then(|| Decimal::from_str(v).ok())
            .flatten()
            .ok_or_else(|| E::custom(format!("not a decimal: {v:?}")))
    }
}

/// A decimal from a JSON string only; a JSON number is refused.
pub fn decimal<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Decimal, D::Error> {
    deserializer.deserialize_str(DecimalText)
}

/// An optional decimal from a JSON string only (or `null`); a JSON number is refused.
pub fn option_decimal<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<Decimal>, D::Error> {
    struct Maybe;
    impl<'de> serde::de::Visitor<'de> for Maybe {
        type Value = Option<Decimal>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a decimal number as a string, or null")
        }
        fn visit_none<E: serde::de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            decimal(d).map(Some)
        }
    }
    deserializer.deserialize_option(Maybe)
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    use super::*;

    #[derive(Debug, Deserialize)]
    struct Both {
        #[serde(deserialize_with = "decimal")]
        a: Decimal,
        #[serde(default, deserialize_with = "option_decimal")]
        b: Option<Decimal>,
    }

    #[test]
    fn strings_are_read_and_numbers_refused() {
        let ok: Both = serde_json::from_str(r#"{"a":"1.5","b":"-2"}"#).unwrap();
        assert_eq!(
            (ok.a, ok.b),
            (Decimal::new(15, 1), Some(Decimal::new(-2, 0)))
        );
        let none: Both = serde_json::from_str(r#"{"a":"0"}"#).unwrap();
        assert_eq!(none.b, None);
        let null: Both = serde_json::from_str(r#"{"a":"0","b":null}"#).unwrap();
        assert_eq!(null.b, None);
        for bad in [
            r#"{"a":1.5}"#,
            r#"{"a":1}"#,
            r#"{"a":"0","b":2.5}"#,
            r#"{"a":"1e5"}"#,
            r#"{"a":"NaN"}"#,
            r#"{"a":""}"#,
            r#"{"a":"79228162514264337593543950336"}"#,
        ] {
            assert!(serde_json::from_str::<Both>(bad).is_err(), "{bad}");
        }
    }
}
