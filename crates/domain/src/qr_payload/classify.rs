//! What a code is when it is not a GOST payment code, and the errors the parser returns.

use serde::Serialize;

/// Why a QR payload gives no payment to search for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[serde(tag = "error", content = "kind", rename_all = "snake_case")]
pub enum QrError {
    /// Nothing but whitespace.
    #[error("the QR code is empty")]
    Empty,
    /// Another kind of code (an SBP link, a receipt, a web address…).
    #[error("not a GOST R 56042-2014 payment code: {0}")]
    NotGost(NotGostKind),
    /// The `ST0001` header, then no `key=value` field at all.
    #[error("the payment code has no fields")]
    NoFields,
    /// Fields, but neither the payee's name or INN nor a payer's account to search by.
    #[error("the payment code names neither a payee nor an account")]
    NoPayee,
}

/// The kinds of non-GOST codes printed on or near Russian bills.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, thiserror::Error)]
#[serde(rename_all = "snake_case")]
pub enum NotGostKind {
    /// A Faster Payments System link (`https://qr.nspk.ru/…`).
    #[error("an SBP payment link")]
    SbpLink,
    /// A fiscal receipt code (`t=…&s=…&fn=…&i=…&fp=…&n=…`).
    #[error("a fiscal receipt code")]
    FiscalReceipt,
    /// Any other web address.
    #[error("a web address")]
    Url,
    /// Anything else.
    #[error("unrecognised text")]
    Other,
}

impl QrError {
    /// One clear Russian sentence saying what the code is and what to do.
    pub fn message_ru(&self) -> String {
        match self {
            QrError::Empty => {
                "QR-код пустой: в нём нет данных. Попробуйте сфотографировать его ещё раз."
            }
            QrError::NotGost(NotGostKind::SbpLink) => {
                "Это ссылка для оплаты через СБП, а не QR-код квитанции. Откройте её в приложении \
                 банка или отсканируйте QR-код на самой квитанции."
            }
            QrError::NotGost(NotGostKind::FiscalReceipt) => {
                "Это QR-код чека об оплате, а не квитанции. Отсканируйте QR-код на квитанции, \
                 которую нужно оплатить."
            }
            QrError::NotGost(NotGostKind::Url) => {
                "Это ссылка на сайт, а не платёжный QR-код квитанции."
            }
            QrError::NotGost(NotGostKind::Other) => {
                "Это не платёжный QR-код квитанции: в нём нет реквизитов по ГОСТ Р 56042-2014."
            }
            QrError::NoFields => "QR-код похож на платёжный, но в нём нет ни одного реквизита.",
            QrError::NoPayee => {
                "В платёжном QR-коде нет ни получателя (названия или ИНН), ни лицевого счёта — \
                 искать не по чему. Найдите услугу по названию поставщика."
            }
        }
        .to_string()
    }
}

/// What a text without the GOST header is.
pub(crate) fn classify(text: &str) -> NotGostKind {
    let lower = text.trim().to_lowercase();
    if lower.contains("qr.nspk.ru") || lower.contains("sub.nspk.ru") {
        return NotGostKind::SbpLink;
    }
    if is_fiscal_receipt(&lower) {
        return NotGostKind::FiscalReceipt;
    }
    let has_scheme = lower.split_once("://").is_some_and(|(scheme, _)| {
        !scheme.is_empty()
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    });
    if has_scheme || lower.starts_with("www.") {
        return NotGostKind::Url;
    }
    NotGostKind::Other
}

/// A receipt code is `&`-joined pairs with at least the time, the sum and the fiscal drive.
fn is_fiscal_receipt(lower: &str) -> bool {
    let keys: Vec<&str> = lower
        .split('&')
        .filter_map(|pair| pair.split_once('=').map(|(k, _)| k.trim()))
        .collect();
    ["t", "s", "fn"].iter().all(|k| keys.contains(k))
}
