//! Russian mobile phone numbers, the user's login.

use std::fmt;

use serde::{Deserialize, Serialize};

/// A phone number normalised to `+7XXXXXXXXXX`. `Debug` shows it masked.
#[derive(Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Phone(String);

/// A text that is not a Russian phone number.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not a Russian phone number")]
pub struct PhoneError;

impl Phone {
    /// Accepts `+7…`, `8…`, `7…` or ten digits, with any spaces, dashes and brackets.
    pub fn parse(text: &str) -> Result<Self, PhoneError> {
        let allowed = |c: char| c.is_ascii_digit() || " -()+\u{a0}".contains(c);
        if !text.chars().all(allowed) || text.matches('+').count() > 1 {
            return Err(PhoneError);
        }
        let digits: String = text.chars().filter(char::is_ascii_digit).collect();
        let national = match digits.len() {
            10 => digits.as_str(),
            11 if digits.starts_with('7') || digits.starts_with('8') => &digits[1..],
            _ => return Err(PhoneError),
        };
        if !national.starts_with('9') {
            return Err(PhoneError);
        }
        Ok(Phone(format!("+7{national}")))
    }

    /// The normalised number.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// `+7 *** ***-**-89`: what logs may carry (enough to tell two numbers apart, not to call).
    pub fn masked(&self) -> String {
        format!("+7 *** ***-**-{}", &self.0[10..12])
    }

    /// `+7 912 345-67-89`.
    pub fn display(&self) -> String {
        let n = &self.0[2..];
        format!("+7 {} {}-{}-{}", &n[0..3], &n[3..6], &n[6..8], &n[8..10])
    }
}

/// A phone number as typed, masked for a log: `+7 *** ***-**-89`, or `***` when it is not one.
pub fn mask(text: &str) -> String {
    Phone::parse(text).map_or_else(|_| "***".to_string(), |p| p.masked())
}

impl fmt::Debug for Phone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Phone({})", self.masked())
    }
}

impl fmt::Display for Phone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for Phone {
    type Error = PhoneError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Phone::parse(&s)
    }
}

impl From<Phone> for String {
    fn from(p: Phone) -> String {
        p.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_russian_mobile_numbers() {
        for ok in [
            "+79123456789",
            "89123456789",
            "9123456789",
            "+7 (912) 345-67-89",
            "7 912 345 67 89",
        ] {
            assert_eq!(Phone::parse(ok).unwrap().as_str(), "+79123456789", "{ok}");
        }
        for bad in [
            "",
            "123",
            "+7912345678",
            "+791234567890",
            "84951234567",
            "+7912345678a",
            "++79123456789",
        ] {
            assert!(Phone::parse(bad).is_err(), "{bad}");
        }
        assert_eq!(
            Phone::parse("89123456789").unwrap().display(),
            "+7 912 345-67-89"
        );
    }

    #[test]
    fn logs_see_the_last_two_digits_only() {
        let phone = Phone::parse("+7 (912) 345-67-89").unwrap();
        assert_eq!(phone.masked(), "+7 *** ***-**-89");
        assert_eq!(format!("{phone:?}"), "Phone(+7 *** ***-**-89)");
        assert_eq!(mask("8 912 345 67 89"), "+7 *** ***-**-89");
        assert_eq!(mask("+7 912 345-67"), "***");
    }
}
