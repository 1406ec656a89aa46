//! E-mail addresses that receipts can be sent to, checked before anything is sent.

use std::fmt;

/// A plausible e-mail address: one `@`, a local part, a domain with a dot and no spaces.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Email(String);

/// Why a text is not an e-mail address.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum EmailError {
    #[error("e-mail is empty")]
    Empty,
    #[error("not an e-mail address")]
    Format,
}

impl Email {
    /// Checks what the user typed (surrounding spaces are ignored).
    pub fn parse(text: &str) -> Result<Self, EmailError> {
        let text = text.trim();
        if text.is_empty() {
            return Err(EmailError::Empty);
        }
        if text.chars().count() > 254 || text.chars().any(char::is_whitespace) {
            return Err(EmailError::Format);
        }
        let Some((local, domain)) = text.split_once('@') else {
            return Err(EmailError::Format);
        };
        let local_ok = !local.is_empty()
            && local.chars().count() <= 64
            && !local.starts_with('.')
            && !local.ends_with('.')
            && !local.contains("..")
            && local
                .chars()
                .all(|c| c.is_alphanumeric() || "!#$%&'*+-/=?^_`{|}~.".contains(c));
        let labels: Vec<&str> = domain.split('.').collect();
        let domain_ok = labels.len() >= 2
            && labels.iter().all(|l| {
                !l.is_empty()
                    && !l.starts_with('-')
                    && !l.ends_with('-')
                    && l.chars().all(|c| c.is_alphanumeric() || c == '-')
            })
            && labels.last().is_some_and(|tld| {
                tld.chars().count() >= 2 && tld.chars().all(char::is_alphabetic)
            });
        if local_ok && domain_ok {
            Ok(Email(text.to_string()))
        } else {
            Err(EmailError::Format)
        }
    }

    /// The address as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checks_what_people_type_as_an_email() {
        let cases = [
            ("ivanov@example.ru", Ok("ivanov@example.ru")),
            (
                "  a.b+чек@mail.example.com ",
                Ok("a.b+чек@mail.example.com"),
            ),
            ("почта@пример.рф", Ok("почта@пример.рф")),
            ("", Err(EmailError::Empty)),
            ("   ", Err(EmailError::Empty)),
            ("ivanov", Err(EmailError::Format)),
            ("ivanov@", Err(EmailError::Format)),
            ("@example.ru", Err(EmailError::Format)),
            ("ivanov@example", Err(EmailError::Format)),
            ("iva nov@example.ru", Err(EmailError::Format)),
            ("a@b@example.ru", Err(EmailError::Format)),
            ("ivanov@example..ru", Err(EmailError::Format)),
            (".ivanov@example.ru", Err(EmailError::Format)),
            ("ivanov@-example.ru", Err(EmailError::Format)),
            ("ivanov@example.r", Err(EmailError::Format)),
            ("ivanov@example.123", Err(EmailError::Format)),
        ];
        for (input, want) in cases {
            let got = Email::parse(input);
            assert_eq!(
                got.as_ref().map(Email::as_str).map_err(|e| *e),
                want,
                "input {input:?}"
            );
        }
    }
}
