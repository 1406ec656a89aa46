//! Bank card data on its way to the gateway: validated, masked in `Debug`, wiped on drop.
//!
//! Nothing in this module can be serialised: card data is never stored and never logged.

use std::fmt;

use chrono::{Datelike, NaiveDate};
use zeroize::{Zeroize, ZeroizeOnDrop};

/// Card payment systems the app accepts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CardBrand {
    Mir,
    Visa,
    Mastercard,
}

impl CardBrand {
    /// The brand's name as printed on cards.
    pub fn label(self) -> &'static str {
        match self {
            CardBrand::Mir => "Мир",
            CardBrand::Visa => "Visa",
            CardBrand::Mastercard => "Mastercard",
        }
    }

    /// Card number lengths the brand issues.
    fn lengths(self) -> &'static [usize] {
        match self {
            CardBrand::Mir => &[16, 17, 18, 19],
            CardBrand::Visa => &[13, 16, 19],
            CardBrand::Mastercard => &[16],
        }
    }

    /// The brand by the card number's first digits (BIN ranges).
    pub fn of(digits: &str) -> Option<CardBrand> {
        let prefix = |n: usize| digits.get(..n).and_then(|p| p.parse::<u32>().ok());
        if let Some(p) = prefix(4) {
            if (2200..=2204).contains(&p) {
                return Some(CardBrand::Mir);
            }
            if (2221..=2720).contains(&p) {
                return Some(CardBrand::Mastercard);
            }
        }
        if let Some(p) = prefix(2) {
            if (51..=55).contains(&p) {
                return Some(CardBrand::Mastercard);
            }
        }
        if digits.starts_with('4') {
            return Some(CardBrand::Visa);
        }
        None
    }
}

/// What is wrong with the card a person typed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CardError {
    #[error("card number has characters other than digits")]
    NumberNotDigits,
    #[error("card of an unknown payment system")]
    UnknownBrand,
    #[error("card number has the wrong length for its payment system")]
    NumberLength,
    #[error("card number fails its check digit")]
    NumberChecksum,
    #[error("expiry is not MM/YY")]
    ExpiryFormat,
    #[error("card has expired")]
    Expired,
    #[error("CVC must be three digits")]
    Cvc,
}

/// Luhn check digit validation.
pub fn luhn_valid(digits: &str) -> bool {
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    let sum: u32 = digits
        .bytes()
        .rev()
        .enumerate()
        .map(|(i, b)| {
            let d = u32::from(b - b'0');
            if i % 2 == 1 {
                let dd = d * 2;
                if dd > 9 {
                    dd - 9
                } else {
                    dd
                }
            } else {
                d
            }
        })
        .sum();
    sum.is_multiple_of(10)
}

/// Card data entered for one payment. Lives in memory only; cleared when dropped.
#[derive(Clone, Zeroize, ZeroizeOnDrop)]
pub struct CardData {
    pan: String,
    exp_month: u8,
    exp_year: u16,
    cvc: String,
}

impl fmt::Debug for CardData {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "CardData({})", self.masked())
    }
}

impl CardData {
    /// Validates what the person typed; `today` is in the service area's time zone.
    pub fn parse(
        number: &str,
        expiry: &str,
        cvc: &str,
        today: NaiveDate,
    ) -> Result<Self, CardError> {
        let pan = validate_number(number)?;
        let (exp_month, exp_year) = validate_expiry(expiry, today)?;
        let cvc = validate_cvc(cvc)?;
        Ok(CardData {
            pan,
            exp_month,
            exp_year,
            cvc,
        })
    }

    /// The card's brand.
    pub fn brand(&self) -> CardBrand {
        CardBrand::of(&self.pan).expect("validated on parse")
    }

    /// `•••• 1234`: the only form in which a card may be shown or stored.
    pub fn masked(&self) -> String {
        mask_pan(&self.pan)
    }

    /// The full number, for the gateway request only.
    pub fn expose_pan(&self) -> &str {
        &self.pan
    }

    /// The CVC, for the gateway request only.
    pub fn expose_cvc(&self) -> &str {
        &self.cvc
    }

    /// Expiry month, 1–12.
    pub fn exp_month(&self) -> u8 {
        self.exp_month
    }

    /// Expiry year, four digits.
    pub fn exp_year(&self) -> u16 {
        self.exp_year
    }
}

/// `•••• 1234` from any card number text.
pub fn mask_pan(pan: &str) -> String {
    let digits: String = pan.chars().filter(char::is_ascii_digit).collect();
    let last4 = &digits[digits.len().saturating_sub(4)..];
    format!("•••• {last4}")
}

/// Checks a card number (spaces allowed) and returns its digits.
pub fn validate_number(number: &str) -> Result<String, CardError> {
    let compact: String = number
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect();
    if compact.is_empty() || !compact.bytes().all(|b| b.is_ascii_digit()) {
        return Err(CardError::NumberNotDigits);
    }
    let brand = CardBrand::of(&compact).ok_or(CardError::UnknownBrand)?;
    if !brand.lengths().contains(&compact.len()) {
        return Err(CardError::NumberLength);
    }
    if !luhn_valid(&compact) {
        return Err(CardError::NumberChecksum);
    }
    Ok(compact)
}

/// Checks `MM/YY` (or `MMYY`, `MM/YYYY`) against today; a card is valid through its month's end.
pub fn validate_expiry(expiry: &str, today: NaiveDate) -> Result<(u8, u16), CardError> {
    let digits: String = expiry.chars().filter(char::is_ascii_digit).collect();
    let other = expiry
        .chars()
        .filter(|c| !c.is_ascii_digit() && !c.is_whitespace());
    if other.clone().any(|c| c != '/' && c != '.') || other.count() > 1 {
        return Err(CardError::ExpiryFormat);
    }
    let (m, y) = match digits.len() {
        4 => (&digits[..2], format!("20{}", &digits[2..])),
        6 => (&digits[..2], digits[2..].to_string()),
        _ => return Err(CardError::ExpiryFormat),
    };
    let month: u8 = m.parse().map_err(|_| CardError::ExpiryFormat)?;
    let year: u16 = y.parse().map_err(|_| CardError::ExpiryFormat)?;
    if !(1..=12).contains(&month) {
        return Err(CardError::ExpiryFormat);
    }
    let now = (today.year() as u16, today.month() as u8);
    if (year, month) < now {
        return Err(CardError::Expired);
    }
    Ok((month, year))
}

/// Checks the CVC/CVV2 code: three digits for every accepted brand.
pub fn validate_cvc(cvc: &str) -> Result<String, CardError> {
    let cvc = cvc.trim();
    if cvc.len() != 3 || !cvc.bytes().all(|b| b.is_ascii_digit()) {
        return Err(CardError::Cvc);
    }
    Ok(cvc.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
    }

    #[test]
    fn brand_by_bin_ranges_at_their_boundaries() {
        let cases = [
            ("2199999999999999", None),
            ("2200000000000000", Some(CardBrand::Mir)),
            ("2204999999999999", Some(CardBrand::Mir)),
            ("2205000000000000", None),
            ("2220999999999999", None),
            ("2221000000000000", Some(CardBrand::Mastercard)),
            ("2720999999999999", Some(CardBrand::Mastercard)),
            ("2721000000000000", None),
            ("5000000000000000", None),
            ("5100000000000000", Some(CardBrand::Mastercard)),
            ("5599999999999999", Some(CardBrand::Mastercard)),
            ("5600000000000000", None),
            ("4000000000000000", Some(CardBrand::Visa)),
            ("3000000000000000", None),
        ];
        for (pan, brand) in cases {
            assert_eq!(CardBrand::of(pan), brand, "{pan}");
        }
    }

    #[test]
    fn card_numbers_are_checked_for_digits_length_and_luhn() {
        assert_eq!(
            validate_number("2200 0000 0000 0004").unwrap(),
            "2200000000000004"
        );
        assert_eq!(
            validate_number("4111111111111111").unwrap(),
            "4111111111111111"
        );
        assert_eq!(
            validate_number("5555555555554444").unwrap(),
            "5555555555554444"
        );
        assert_eq!(
            validate_number("4111111111111112"),
            Err(CardError::NumberChecksum)
        );
        assert_eq!(
            validate_number("411111111111111"),
            Err(CardError::NumberLength)
        );
        assert_eq!(
            validate_number("55555555555544440"),
            Err(CardError::NumberLength)
        );
        assert_eq!(
            validate_number("4111 abcd"),
            Err(CardError::NumberNotDigits)
        );
        assert_eq!(validate_number(""), Err(CardError::NumberNotDigits));
        assert_eq!(
            validate_number("6011111111111117"),
            Err(CardError::UnknownBrand)
        );
    }

    #[test]
    fn expiry_is_valid_through_the_end_of_its_month() {
        assert_eq!(validate_expiry("11/26", today()), Ok((11, 2026)));
        assert_eq!(validate_expiry("1226", today()), Ok((12, 2026)));
        assert_eq!(validate_expiry("01/2030", today()), Ok((1, 2030)));
        assert_eq!(validate_expiry("10/26", today()), Err(CardError::Expired));
        assert_eq!(
            validate_expiry("13/27", today()),
            Err(CardError::ExpiryFormat)
        );
        assert_eq!(
            validate_expiry("00/27", today()),
            Err(CardError::ExpiryFormat)
        );
        assert_eq!(
            validate_expiry("1/27", today()),
            Err(CardError::ExpiryFormat)
        );
        assert_eq!(
            validate_expiry("ab/cd", today()),
            Err(CardError::ExpiryFormat)
        );
        assert_eq!(
            validate_expiry("12//27", today()),
            Err(CardError::ExpiryFormat)
        );
    }

    #[test]
    fn cvc_is_three_digits() {
        assert!(validate_cvc("123").is_ok());
        for bad in ["12", "1234", "12a", ""] {
            assert_eq!(validate_cvc(bad), Err(CardError::Cvc), "{bad}");
        }
    }

    #[test]
    fn debug_never_shows_the_number_or_cvc() {
        let card = CardData::parse("4111111111111111", "12/30", "987", today()).unwrap();
        let shown = format!("{card:?}");
        assert!(!shown.contains("4111111111111111"));
        assert!(!shown.contains("987"));
        assert!(shown.contains("1111"));
        assert_eq!(card.brand(), CardBrand::Visa);
    }
}
