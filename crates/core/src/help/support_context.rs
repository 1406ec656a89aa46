//! «Написать в поддержку» from an error: the message starts with what support needs — the app's
//! version, the platform, the screen, the error code and the order, if any — shown to the person,
//! who may edit or remove it. Nothing secret gets in: card numbers and anything shaped like a
//! token are replaced with «[скрыто]», and a CVC or PIN after its name too.

/// What replaces a secret.
pub const HIDDEN: &str = "[скрыто]";
/// The app's version, as support sees it.
pub const APP_VERSION: &str = env!("CARGO_PKG_VERSION");

/// The error a person writes to support about.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ErrorReport {
    /// The screen's title, e.g. «Оплата картой».
    pub screen: String,
    /// A short code of the error, e.g. `payment_declined`.
    pub code: Option<String>,
    /// The order the error is about.
    pub order_id: Option<String>,
    /// The message the person saw.
    pub message: Option<String>,
}

/// The platform, e.g. «linux x86_64».
pub fn platform() -> String {
    format!("{} {}", std::env::consts::OS, std::env::consts::ARCH)
}

/// The lines that start a message about `report`, each free of secrets.
pub fn support_context(report: &ErrorReport) -> String {
    let mut lines = vec![
        format!("Версия приложения: {APP_VERSION}"),
        format!("Платформа: {}", platform()),
        format!("Экран: {}", redact(&report.screen)),
    ];
    if let Some(code) = &report.code {
        lines.push(format!("Код ошибки: {}", redact(code)));
    }
    if let Some(order) = &report.order_id {
        lines.push(format!("Заказ: {}", redact_numbers(order)));
    }
    if let Some(message) = &report.message {
        lines.push(format!("Ошибка: {}", redact(message)));
    }
    lines.join("\n")
}

/// `text` without card numbers, tokens, or a CVC / PIN after its name.
pub fn redact(text: &str) -> String {
    let numbers = redact_numbers(text);
    let mut out: Vec<String> = Vec::new();
    let mut after_secret_name = false;
    for word in numbers.split(' ') {
        let bare = word.trim_matches(|c: char| !c.is_alphanumeric());
        let shown = if looks_like_token(bare) || (after_secret_name && is_short_code(bare)) {
            word.replace(bare, HIDDEN)
        } else {
            word.to_string()
        };
        let lower = bare.to_lowercase();
        after_secret_name = ["cvc", "cvv", "cvc2", "cvv2", "pin", "пин", "пин-код", "код"]
            .contains(&lower.as_str())
            || (after_secret_name && bare.is_empty());
        out.push(shown);
    }
    out.join(" ")
}

/// A CVC or a PIN: three to six digits.
fn is_short_code(word: &str) -> bool {
    (3..=6).contains(&word.len()) && word.chars().all(|c| c.is_ascii_digit())
}

/// A long run of letters and digits mixed (an access token, a JWT, a key): 20 characters or more.
fn looks_like_token(word: &str) -> bool {
    word.chars().count() >= 20
        && word.chars().any(|c| c.is_ascii_digit())
        && word.chars().any(|c| c.is_ascii_alphabetic())
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_.=+/".contains(c))
}

/// `text` with every run of 12 or more digits (spaces and dashes between them allowed, as a card
/// number is written) replaced with [`HIDDEN`].
pub fn redact_numbers(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        // The run: digits, with single spaces or dashes between them.
        let (mut end, mut digits, mut last_digit) = (i, 0, i);
        while end < chars.len() {
            let c = chars[end];
            if c.is_ascii_digit() {
                digits += 1;
                last_digit = end;
            } else if !(c == ' ' || c == '-')
                || !chars.get(end + 1).is_some_and(|n| n.is_ascii_digit())
            {
                break;
            }
            end += 1;
        }
        let run: String = chars[i..=last_digit].iter().collect();
        if digits >= 12 {
            out.push_str(HIDDEN);
        } else {
            out.push_str(&run);
        }
        i = last_digit + 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn card_numbers_tokens_and_codes_are_hidden() {
        assert_eq!(
            redact("карта 4000 0000 0000 0002 отклонена"),
            "карта [скрыто] отклонена"
        );
        assert_eq!(redact("карта 4000-0000-0000-0002."), "карта [скрыто].");
        assert_eq!(redact("4000000000000002"), HIDDEN);
        assert_eq!(
            redact("Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.abc123"),
            format!("Bearer {HIDDEN}")
        );
        assert_eq!(
            redact("CVC 321, ПИН: 1234"),
            format!("CVC {HIDDEN}, ПИН: {HIDDEN}")
        );
        // What support needs stays.
        assert_eq!(
            redact("Сумма 1 250,00 ₽, счёт 1000125005"),
            "Сумма 1 250,00 ₽, счёт 1000125005"
        );
        assert_eq!(redact_numbers("ord-3f2a9c"), "ord-3f2a9c");
    }
}
