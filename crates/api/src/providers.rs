//! Providers found by name or INN, and the account field each one asks for.
//!
//! The field spec is shared by both sides: the sandbox validates with [`AccountFieldDto::normalize`]
//! and the app may check the same way before sending, so the two give the same Russian message.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// What the number a provider asks for is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum AccountFieldKind {
    /// A personal account (лицевой счёт).
    Account,
    /// A contract number (номер договора).
    Contract,
    /// A phone number (mobile operators).
    Phone,
}

/// Which characters the number may have.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum AccountCharset {
    /// Digits only; spaces are ignored.
    Digits,
    /// Letters (Latin or Cyrillic), digits, `-` and `/`; spaces are ignored, letters upper-cased.
    Alnum,
    /// A Russian mobile number: 10 digits starting with 9; `+7` or `8` in front, spaces,
    /// brackets and dashes are ignored.
    Phone,
}

/// The field a provider asks for to find a bill: its label, hint, example and format.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct AccountFieldDto {
    pub kind: AccountFieldKind,
    /// «Лицевой счёт», «Номер договора», «Номер телефона».
    pub label: String,
    /// Shown under the field, e.g. «10 цифр, указан в квитанции».
    pub hint: String,
    /// A well-formed example, e.g. «1000125005».
    pub example: String,
    /// Fewest characters after normalisation.
    pub min_len: u8,
    /// Most characters after normalisation.
    pub max_len: u8,
    pub charset: AccountCharset,
}

impl AccountFieldDto {
    /// The number as the provider keeps it, or the Russian message explaining the format
    /// (see [`AccountFieldDto::format_message`]).
    pub fn normalize(&self, input: &str) -> Result<String, String> {
        let normalized = match self.charset {
            AccountCharset::Digits => {
                let s: String = input.chars().filter(|c| !c.is_whitespace()).collect();
                s.chars().all(|c| c.is_ascii_digit()).then_some(s)
            }
            AccountCharset::Alnum => {
                let s: String = input
                    .chars()
                    .filter(|c| !c.is_whitespace())
                    .flat_map(char::to_uppercase)
                    .collect();
                let allowed = s
                    .chars()
                    .all(|c| c.is_alphanumeric() || c == '-' || c == '/');
                let has_digit = s.chars().any(|c| c.is_ascii_digit());
                (allowed && has_digit).then_some(s)
            }
            AccountCharset::Phone => normalize_phone(input),
        };
        normalized
            .filter(|s| {
                let n = s.chars().count();
                n >= usize::from(self.min_len) && n <= usize::from(self.max_len)
            })
            .ok_or_else(|| self.format_message())
    }

    /// «Номер телефона: 10 цифр, например 9123456789».
    pub fn format_message(&self) -> String {
        let (one, few, many) = match self.charset {
            AccountCharset::Digits | AccountCharset::Phone => ("цифра", "цифры", "цифр"),
            AccountCharset::Alnum => ("знак", "знака", "знаков"),
        };
        let length = if self.min_len == self.max_len {
            format!(
                "{} {}",
                self.max_len,
                plural(self.max_len.into(), one, few, many)
            )
        } else {
            format!(
                "от {} до {} {}",
                self.min_len,
                self.max_len,
                plural(self.max_len.into(), one, few, many)
            )
        };
        let what = match self.charset {
            AccountCharset::Alnum => format!("{length} (буквы, цифры, дефис)"),
            AccountCharset::Digits | AccountCharset::Phone => length,
        };
        format!("{}: {what}, например {}", self.label, self.example)
    }
}

/// Ten digits starting with 9, from «+7 912 345-67-89», «8 (912) 345 67 89» or «9123456789».
fn normalize_phone(input: &str) -> Option<String> {
    let decoration = |c: char| c.is_whitespace() || "+-()".contains(c);
    if !input.chars().all(|c| c.is_ascii_digit() || decoration(c)) {
        return None;
    }
    let digits: String = input.chars().filter(char::is_ascii_digit).collect();
    let national = match digits.len() {
        11 if digits.starts_with('7') || digits.starts_with('8') => digits[1..].to_string(),
        _ => digits,
    };
    national.starts_with('9').then_some(national)
}

/// Russian plural form for a count: 1 цифра, 2 цифры, 5 цифр, 11 цифр, 21 цифра.
fn plural(n: u32, one: &'static str, few: &'static str, many: &'static str) -> &'static str {
    match (n % 10, n % 100) {
        (1, r) if r != 11 => one,
        (2..=4, r) if !(12..=14).contains(&r) => few,
        _ => many,
    }
}

/// Query of the provider search.
#[derive(
    Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema, utoipa::IntoParams,
)]
pub struct ProviderQuery {
    /// Words of the provider's name or service (any order, punctuation ignored), or the start of
    /// its INN.
    #[serde(default)]
    pub q: String,
}

/// Query of a provider's bills for one account.
#[derive(
    Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema, utoipa::IntoParams,
)]
pub struct ProviderBillsQuery {
    /// The account, contract or phone number, in the provider's format.
    #[serde(default)]
    pub account: String,
    /// `YYYY-MM`; the current period when absent.
    #[serde(default)]
    pub period: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(charset: AccountCharset, min_len: u8, max_len: u8, example: &str) -> AccountFieldDto {
        AccountFieldDto {
            kind: AccountFieldKind::Account,
            label: "Лицевой счёт".into(),
            hint: String::new(),
            example: example.into(),
            min_len,
            max_len,
            charset,
        }
    }

    #[test]
    fn digits_ignore_spaces_and_refuse_anything_else() {
        let f = field(AccountCharset::Digits, 10, 10, "1000125005");
        assert_eq!(f.normalize(" 10001 25005 ").as_deref(), Ok("1000125005"));
        let msg = "Лицевой счёт: 10 цифр, например 1000125005";
        for bad in ["", "100012500", "10001250055", "10001250O5", "1000-125005"] {
            assert_eq!(f.normalize(bad), Err(msg.to_string()), "{bad}");
        }
    }

    #[test]
    fn alnum_upper_cases_and_needs_a_digit() {
        let f = AccountFieldDto {
            label: "Номер договора".into(),
            ..field(AccountCharset::Alnum, 5, 12, "ОХ-12345")
        };
        assert_eq!(f.normalize("ох-12345").as_deref(), Ok("ОХ-12345"));
        assert_eq!(f.normalize("d-12-5 ").as_deref(), Ok("D-12-5"));
        assert_eq!(
            f.normalize("ОХ_12345"),
            Err(
                "Номер договора: от 5 до 12 знаков (буквы, цифры, дефис), например ОХ-12345".into()
            )
        );
        assert!(f.normalize("ОХРАНА").is_err());
        assert!(f.normalize("1234").is_err());
    }

    #[test]
    fn phones_accept_common_russian_forms() {
        let f = AccountFieldDto {
            label: "Номер телефона".into(),
            ..field(AccountCharset::Phone, 10, 10, "9123456789")
        };
        for ok in [
            "9123456789",
            "+7 912 345-67-89",
            "8 (912) 345 67 89",
            "79123456789",
        ] {
            assert_eq!(f.normalize(ok).as_deref(), Ok("9123456789"), "{ok}");
        }
        for bad in [
            "912345678",
            "4951234567",
            "+7 912 345-67-8x",
            "89123456789 1",
        ] {
            assert_eq!(
                f.normalize(bad),
                Err("Номер телефона: 10 цифр, например 9123456789".into()),
                "{bad}"
            );
        }
    }

    #[test]
    fn plurals_follow_russian_rules() {
        let p = |n| plural(n, "цифра", "цифры", "цифр");
        assert_eq!(
            [p(1), p(2), p(5), p(11), p(12), p(21), p(22)],
            ["цифра", "цифры", "цифр", "цифр", "цифр", "цифра", "цифры"]
        );
    }
}
