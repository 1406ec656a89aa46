//! The app's PIN code: four digits the person chooses to lock the app and confirm payments.

use zeroize::Zeroizing;

/// Digits in a PIN.
pub const PIN_LENGTH: usize = 4;
/// Wrong PINs in a row after which the app signs out and asks for the SMS code again.
pub const PIN_ATTEMPTS: u32 = 5;

/// A PIN as typed, checked for form; zeroized on drop, never printed.
pub struct Pin(Zeroizing<String>);

impl std::fmt::Debug for Pin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Pin(****)")
    }
}

/// Why a typed PIN cannot be a PIN.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PinError {
    /// Not exactly four digits.
    #[error("a PIN is four digits")]
    Format,
    /// Easy to guess: one digit repeated, or a run such as 1234 or 9876 (only when choosing).
    #[error("the PIN is too easy to guess")]
    Weak,
    /// The confirmation differs from the first entry.
    #[error("the two PINs differ")]
    Mismatch,
}

impl PinError {
    /// One Russian sentence for the person.
    pub fn message_ru(&self) -> &'static str {
        match self {
            PinError::Format => "ПИН-код — это 4 цифры.",
            PinError::Weak => {
                "Такой ПИН-код легко угадать: не используйте одинаковые цифры или цифры подряд."
            }
            PinError::Mismatch => "ПИН-коды не совпадают. Введите один и тот же код дважды.",
        }
    }
}

impl Pin {
    /// A PIN typed to unlock: four digits, spaces around ignored.
    pub fn parse(text: &str) -> Result<Pin, PinError> {
        let text = text.trim();
        if text.len() != PIN_LENGTH || !text.bytes().all(|b| b.is_ascii_digit()) {
            return Err(PinError::Format);
        }
        Ok(Pin(Zeroizing::new(text.to_string())))
    }

    /// A PIN being chosen, typed twice: four digits, not easy to guess, the same both times.
    pub fn choose(first: &str, again: &str) -> Result<Pin, PinError> {
        let pin = Pin::parse(first)?;
        if pin.is_weak() {
            return Err(PinError::Weak);
        }
        if first.trim() != again.trim() {
            return Err(PinError::Mismatch);
        }
        Ok(pin)
    }

    /// The digits, for hashing.
    pub fn expose(&self) -> &str {
        &self.0
    }

    fn is_weak(&self) -> bool {
        let d: Vec<i8> = self.0.bytes().map(|b| (b - b'0') as i8).collect();
        let steps: Vec<i8> = d.windows(2).map(|w| w[1] - w[0]).collect();
        steps.iter().all(|s| *s == steps[0]) && matches!(steps[0], -1..=1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pins_are_four_digits() {
        for ok in ["5830", " 0419 ", "2580"] {
            assert!(Pin::parse(ok).is_ok(), "{ok}");
        }
        for bad in ["", "123", "12345", "12a4", "１２３４", "12 4", "-123"] {
            assert_eq!(Pin::parse(bad).unwrap_err(), PinError::Format, "{bad:?}");
        }
    }

    #[test]
    fn easy_pins_cannot_be_chosen_but_any_pin_is_checked() {
        for weak in ["0000", "7777", "1234", "6789", "9876", "3210"] {
            assert_eq!(
                Pin::choose(weak, weak).unwrap_err(),
                PinError::Weak,
                "{weak}"
            );
            assert!(
                Pin::parse(weak).is_ok(),
                "{weak} still unlocks if set elsewhere"
            );
        }
        for fine in ["1357", "2468", "1123", "9870", "5830"] {
            assert!(Pin::choose(fine, fine).is_ok(), "{fine}");
        }
    }

    #[test]
    fn the_confirmation_must_match() {
        assert_eq!(Pin::choose("5830", "5831").unwrap_err(), PinError::Mismatch);
        assert_eq!(Pin::choose("58", "58").unwrap_err(), PinError::Format);
    }

    #[test]
    fn a_pin_never_prints() {
        let pin = Pin::parse("5830").unwrap();
        assert!(!format!("{pin:?}").contains("5830"));
    }
}
