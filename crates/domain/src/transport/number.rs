//! The transport card number: 19 digits printed on the back of the card. Typed with or without
//! spaces; shown grouped by four («9643 1234 5678 9012 345»). Whether it has a check digit depends
//! on its type ([`super::CardType::has_check_digit`]).

use std::fmt;

use serde::{Deserialize, Serialize};

use super::card_type::CardType;
use crate::card::luhn_valid;

/// How many digits a transport card number has.
pub const CARD_NUMBER_DIGITS: usize = 19;

/// What is wrong with a typed card number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum CardNumberError {
    #[error("card number is empty")]
    Empty,
    #[error("card number has characters other than digits")]
    NotDigits,
    #[error("card number has {0} digits, not 19")]
    Length(usize),
    #[error("card number of no known card type")]
    UnknownType,
    #[error("card number fails its check digit")]
    CheckDigit,
}

impl CardNumberError {
    /// One sentence in Russian for the person who typed it.
    pub fn message_ru(self) -> String {
        match self {
            CardNumberError::Empty => "Введите номер карты: 19 цифр с оборота карты".into(),
            CardNumberError::NotDigits => "Номер карты состоит только из цифр".into(),
            CardNumberError::Length(n) => {
                format!("В номере карты 19 цифр, а введено {n}")
            }
            CardNumberError::UnknownType => {
                "Карта с таким номером не найдена. Проверьте номер на обороте карты".into()
            }
            CardNumberError::CheckDigit => {
                "Номер карты введён с ошибкой: проверьте цифры на обороте карты".into()
            }
        }
    }
}

/// A well-formed card number of a known type (its check digit verified where the type has one).
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct TransportCardNumber(String);

impl TransportCardNumber {
    /// Reads a typed number: spaces and hyphens between groups are allowed, anything else is not.
    pub fn parse(text: &str) -> Result<Self, CardNumberError> {
        let digits = digits_of(text)?;
        if digits.len() != CARD_NUMBER_DIGITS {
            return Err(CardNumberError::Length(digits.len()));
        }
        let card_type = CardType::of(&digits).ok_or(CardNumberError::UnknownType)?;
        if card_type.has_check_digit() && !luhn_valid(&digits) {
            return Err(CardNumberError::CheckDigit);
        }
        Ok(TransportCardNumber(digits))
    }

    /// The 19 digits.
    pub fn digits(&self) -> &str {
        &self.0
    }

    /// The card's type (known: a number is only built for a known type).
    pub fn card_type(&self) -> CardType {
        CardType::of(&self.0).expect("checked when parsed")
    }

    /// Grouped for reading: «9643 1012 3456 7890 128».
    pub fn grouped(&self) -> String {
        group(&self.0)
    }

    /// «•••• 0128»: the last four digits, for lists and logs.
    pub fn tail(&self) -> String {
        format!("•••• {}", &self.0[CARD_NUMBER_DIGITS - 4..])
    }
}

impl fmt::Debug for TransportCardNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "TransportCardNumber({})", self.0)
    }
}

impl fmt::Display for TransportCardNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.grouped())
    }
}

impl TryFrom<String> for TransportCardNumber {
    type Error = CardNumberError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        TransportCardNumber::parse(&value)
    }
}

impl From<TransportCardNumber> for String {
    fn from(value: TransportCardNumber) -> String {
        value.0
    }
}

/// The digits of a typed text, refusing letters and other signs (spaces and hyphens are skipped).
fn digits_of(text: &str) -> Result<String, CardNumberError> {
    let mut digits = String::with_capacity(CARD_NUMBER_DIGITS);
    for c in text.trim().chars() {
        match c {
            '0'..='9' => digits.push(c),
            ' ' | '\u{a0}' | '-' => {}
            _ => return Err(CardNumberError::NotDigits),
        }
    }
    if digits.is_empty() {
        return Err(CardNumberError::Empty);
    }
    Ok(digits)
}

/// Groups digits by four with single spaces.
fn group(digits: &str) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 4);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && i % 4 == 0 {
            out.push(' ');
        }
        out.push(c);
    }
    out
}

/// What the field shows while the person types: the digits typed so far (anything else dropped,
/// at most 19), grouped by four.
pub fn group_as_typed(text: &str) -> String {
    let digits: String = text
        .chars()
        .filter(char::is_ascii_digit)
        .take(CARD_NUMBER_DIGITS)
        .collect();
    group(&digits)
}
