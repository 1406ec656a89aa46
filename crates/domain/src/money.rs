//! Money in roubles with two decimal places; the only money type of ОФИС.

use std::fmt;
use std::iter::Sum;
use std::ops::{Add, Sub};
use std::str::FromStr;

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

/// Largest amount the app accepts anywhere (a sanity bound, not a provider rule).
pub const MONEY_CEILING: Decimal = Decimal::from_parts(1_000_000_000, 0, 0, false, 0);

/// An amount in roubles, always with at most two decimal places; serialised as a string.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(into = "Decimal")]
pub struct Money(Decimal);

/// Money arrives only as a decimal string («"12.50"»): a JSON number would pass through a float.
impl<'de> Deserialize<'de> for Money {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct MoneyText;
        impl serde::de::Visitor<'_> for MoneyText {
            type Value = Money;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an amount of money as a decimal string, e.g. \"12.50\"")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Money, E> {
                let valid = !v.is_empty()
                    && v.len() <= 20
                    && v.bytes()
                        .all(|b| b.is_ascii_digit() || b == b'.' || b == b'-');
                let value = if valid {
                    Decimal::from_str(v).ok()
                } else {
                    None
                };
                let value = value.ok_or_else(|| E::custom(format!("not an amount: {v:?}")))?;
                Money::new(value).map_err(E::custom)
            }
        }
        deserializer.deserialize_str(MoneyText)
    }
}

/// Why a text is not an amount of money.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MoneyError {
    #[error("amount is empty")]
    Empty,
    #[error("amount is not a number")]
    NotANumber,
    #[error("amount is negative")]
    Negative,
    #[error("amount has more than two decimal places")]
    TooPrecise,
    #[error("amount is too large")]
    TooLarge,
}

impl Money {
    /// Zero roubles.
    pub const ZERO: Money = Money(Decimal::ZERO);

    /// Builds an amount from a decimal, refusing negatives, sub-kopeck precision and absurd sizes.
    pub fn new(value: Decimal) -> Result<Self, MoneyError> {
        if value.is_sign_negative() && !value.is_zero() {
            return Err(MoneyError::Negative);
        }
        if value.normalize().scale() > 2 {
            return Err(MoneyError::TooPrecise);
        }
        if value > MONEY_CEILING {
            return Err(MoneyError::TooLarge);
        }
        let mut v = value.normalize();
        v.rescale(2);
        Ok(Money(v))
    }

    /// A whole number of roubles, usable in constants (kept at two decimal places).
    pub const fn from_whole_roubles(roubles: u32) -> Money {
        let kopecks = roubles as u64 * 100;
        Money(Decimal::from_parts(
            kopecks as u32,
            (kopecks >> 32) as u32,
            0,
            false,
            2,
        ))
    }

    /// Builds an amount from whole kopecks.
    pub fn from_kopecks(kopecks: u64) -> Result<Self, MoneyError> {
        Money::new(Decimal::from(kopecks) / Decimal::ONE_HUNDRED)
    }

    /// The amount in whole kopecks.
    pub fn kopecks(self) -> u64 {
        let k = (self.0 * Decimal::ONE_HUNDRED).trunc();
        u64::try_from(k).expect("money is non-negative and below the ceiling")
    }

    /// The underlying decimal.
    pub fn value(self) -> Decimal {
        self.0
    }

    /// True when the amount is zero.
    pub fn is_zero(self) -> bool {
        self.0.is_zero()
    }

    /// Adds, refusing to pass the ceiling.
    pub fn checked_add(self, other: Money) -> Option<Money> {
        Money::new(self.0 + other.0).ok()
    }

    /// Subtracts, returning None below zero.
    pub fn checked_sub(self, other: Money) -> Option<Money> {
        Money::new(self.0 - other.0).ok()
    }

    /// A percentage of this amount, rounded half-up to the kopeck; `None` when that is not an
    /// amount of money (a negative percent, or past the ceiling: 10^28 % of anything).
    pub fn checked_percent(self, percent: Decimal) -> Option<Money> {
        let v = self
            .0
            .checked_mul(percent)?
            .checked_div(Decimal::ONE_HUNDRED)?
            .round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
        Money::new(v).ok()
    }

    /// A percentage of this amount, rounded half-up to the kopeck, kept between zero and the
    /// ceiling (for display; what is paid goes through [`Money::checked_percent`]).
    pub fn percent(self, percent: Decimal) -> Money {
        match self.checked_percent(percent) {
            Some(m) => m,
            None if percent.is_sign_negative() => Money::ZERO,
            None => Money(MONEY_CEILING),
        }
    }

    /// Parses what a person types: spaces as thousands separators, comma or point, optional «₽».
    pub fn parse_input(text: &str) -> Result<Self, MoneyError> {
        let cleaned: String = text
            .trim()
            .trim_end_matches('₽')
            .trim_end_matches("руб.")
            .trim_end_matches("руб")
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '\u{a0}' && *c != '\u{202f}')
            .map(|c| if c == ',' { '.' } else { c })
            .collect();
        if cleaned.is_empty() {
            return Err(MoneyError::Empty);
        }
        if cleaned.starts_with('-') {
            return Err(MoneyError::Negative);
        }
        let valid = cleaned.chars().all(|c| c.is_ascii_digit() || c == '.')
            && cleaned.chars().filter(|c| *c == '.').count() <= 1
            && cleaned.chars().any(|c| c.is_ascii_digit());
        if !valid {
            return Err(MoneyError::NotANumber);
        }
        if cleaned.len() > 16 {
            return Err(MoneyError::TooLarge);
        }
        let value = Decimal::from_str(&cleaned).map_err(|_| MoneyError::NotANumber)?;
        Money::new(value)
    }

    /// Russian display: «1 234,56 ₽».
    pub fn display_rub(self) -> String {
        format!("{} ₽", self.display_plain())
    }

    /// Russian display without the currency sign: «1 234,56».
    pub fn display_plain(self) -> String {
        let s = format!("{:.2}", self.0);
        let (int, frac) = s.split_once('.').unwrap_or((&s, "00"));
        let mut grouped = String::new();
        for (i, ch) in int.chars().enumerate() {
            if i > 0 && (int.len() - i) % 3 == 0 {
                grouped.push('\u{a0}');
            }
            grouped.push(ch);
        }
        format!("{grouped},{frac}")
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:.2}", self.0)
    }
}

impl FromStr for Money {
    type Err = MoneyError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Money::parse_input(s)
    }
}

impl TryFrom<Decimal> for Money {
    type Error = MoneyError;
    fn try_from(value: Decimal) -> Result<Self, Self::Error> {
        Money::new(value)
    }
}

impl From<Money> for Decimal {
    fn from(m: Money) -> Decimal {
        m.0
    }
}

impl Add for Money {
    type Output = Money;
    /// Saturates at the ceiling; totals of real bills never get there.
    fn add(self, rhs: Money) -> Money {
        Money((self.0 + rhs.0).min(MONEY_CEILING))
    }
}

impl Sub for Money {
    type Output = Money;
    /// Saturates at zero.
    fn sub(self, rhs: Money) -> Money {
        Money((self.0 - rhs.0).max(Decimal::ZERO))
    }
}

impl Sum for Money {
    fn sum<I: Iterator<Item = Money>>(iter: I) -> Money {
        iter.fold(Money::ZERO, |a, b| a + b)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn parses_what_people_type() {
        let cases = [
            ("100", Ok(dec!(100.00))),
            ("1 234,56", Ok(dec!(1234.56))),
            ("1\u{a0}234.5", Ok(dec!(1234.50))),
            ("0,1", Ok(dec!(0.10))),
            ("  42 ₽", Ok(dec!(42.00))),
            ("0", Ok(dec!(0.00))),
            ("", Err(MoneyError::Empty)),
            ("-5", Err(MoneyError::Negative)),
            ("abc", Err(MoneyError::NotANumber)),
            ("1,2,3", Err(MoneyError::NotANumber)),
            ("1.234", Err(MoneyError::TooPrecise)),
            ("99999999999999", Err(MoneyError::TooLarge)),
            (".", Err(MoneyError::NotANumber)),
        ];
        for (input, expected) in cases {
            let got = Money::parse_input(input).map(Money::value);
            assert_eq!(got, expected, "input {input:?}");
        }
    }

    #[test]
    fn displays_in_russian_format() {
        assert_eq!(
            Money::new(dec!(1234567.8)).unwrap().display_rub(),
            "1\u{a0}234\u{a0}567,80 ₽"
        );
        assert_eq!(Money::new(dec!(5)).unwrap().display_plain(), "5,00");
        assert_eq!(Money::new(dec!(999.99)).unwrap().display_plain(), "999,99");
    }

    #[test]
    fn serialises_as_a_string_with_two_places() {
        let m = Money::new(dec!(12.5)).unwrap();
        assert_eq!(serde_json::to_string(&m).unwrap(), "\"12.50\"");
        let back: Money = serde_json::from_str("\"12.50\"").unwrap();
        assert_eq!(back, m);
        assert!(serde_json::from_str::<Money>("\"-1\"").is_err());
        for bad in [
            "12.5",
            "\"1e9\"",
            "\"NaN\"",
            "\"12,50\"",
            "\"\"",
            "\"12.345\"",
        ] {
            assert!(
                serde_json::from_str::<Money>(bad).is_err(),
                "{bad} must be refused"
            );
        }
    }

    #[test]
    fn kopecks_round_trip() {
        assert_eq!(Money::from_kopecks(123456).unwrap().value(), dec!(1234.56));
        assert_eq!(Money::new(dec!(0.01)).unwrap().kopecks(), 1);
    }

    #[test]
    fn percent_rounds_half_up_to_the_kopeck() {
        let m = Money::new(dec!(100.50)).unwrap();
        assert_eq!(m.percent(dec!(1.5)).value(), dec!(1.51));
    }

    /// Inputs per property in the bounded fuzz run.
    const FUZZ_CASES: u32 = 4096;

    proptest::proptest! {
        #[test]
        fn kopecks_and_display_agree(k in 0u64..10_000_000_000) {
            let m = Money::from_kopecks(k).unwrap();
            proptest::prop_assert_eq!(m.kopecks(), k);
            let typed = m.display_plain();
            proptest::prop_assert_eq!(Money::parse_input(&typed).unwrap(), m);
        }

        #[test]
        fn parse_input_never_panics(s in ".{0,40}") {
            let _ = Money::parse_input(&s);
        }
    }

    proptest::proptest! {
        // A bounded fuzz run in every test run: inputs made of what people and servers put in
        // amounts, with an oracle, not just "no panic".
        #![proptest_config(proptest::test_runner::Config::with_cases(FUZZ_CASES))]

        #[test]
        fn an_amount_typed_as_people_write_it_reads_back_exactly(
            k in 0u64..=60_000_000,
            group in proptest::sample::select(vec!["", " ", "\u{a0}", "\u{202f}"]),
            comma in proptest::bool::ANY,
            suffix in proptest::sample::select(vec!["", " ₽", "₽", " руб.", "руб"]),
            pad in proptest::sample::select(vec!["", " ", "  ", "\t"]),
        ) {
            let (int, frac) = (k / 100, k % 100);
            let digits = int.to_string();
            let mut grouped = String::new();
            for (i, ch) in digits.chars().enumerate() {
                if i > 0 && (digits.len() - i) % 3 == 0 {
                    grouped.push_str(group);
                }
                grouped.push(ch);
            }
            let text = format!("{pad}{grouped}{}{frac:02}{suffix}{pad}", if comma { ',' } else { '.' });
            proptest::prop_assert_eq!(Money::parse_input(&text), Money::from_kopecks(k), "{:?}", text);
        }

        #[test]
        fn whatever_is_accepted_is_valid_money_that_survives_a_round_trip(
            s in "[0-9 ,.\\-+eE₽_\u{a0}\u{0660}-\u{0669}]{0,24}"
        ) {
            if let Ok(m) = Money::parse_input(&s) {
                proptest::prop_assert!(!m.value().is_sign_negative() || m.is_zero());
                proptest::prop_assert!(m.value() <= MONEY_CEILING);
                proptest::prop_assert_eq!(m.value().scale(), 2);
                proptest::prop_assert_eq!(Money::parse_input(&m.display_plain()), Ok(m));
                proptest::prop_assert_eq!(Money::from_kopecks(m.kopecks()), Ok(m));
                proptest::prop_assert!(!s.contains(['-', '+', 'e', 'E', '_']), "accepted {:?}", s);
            }
        }
    }
}
