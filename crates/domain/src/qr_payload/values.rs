//! Reading the values of fields: cleaning, the amount, the period and identifier formats.

use rust_decimal::Decimal;
use std::str::FromStr;

use super::QrWarning;
use crate::money::Money;
use crate::period::Period;

/// The value as meant, or None when the bill left the field blank or with a placeholder.
pub(crate) fn clean(key: &'static str, raw: &str, warnings: &mut Vec<QrWarning>) -> Option<String> {
    let trimmed = raw.trim_matches(|c: char| c.is_whitespace() || c.is_control());
    if trimmed.len() != raw.len() && !trimmed.is_empty() {
        warnings.push(QrWarning::ValueWhitespace { key: key.into() });
    }
    let value = if trimmed.contains('&') {
        let unescaped = unescape_entities(trimmed);
        if unescaped != trimmed {
            warnings.push(QrWarning::HtmlEntities { key: key.into() });
        }
        unescaped
    } else {
        trimmed.to_string()
    };
    if value.is_empty() {
        warnings.push(QrWarning::EmptyValue { key: key.into() });
        return None;
    }
    if is_placeholder(&value) {
        warnings.push(QrWarning::Placeholder {
            key: key.into(),
            value,
        });
        return None;
    }
    Some(value)
}

/// A value under a key the standard does not define: kept as written, minus surrounding spaces.
pub(crate) fn clean_other(key: &str, raw: &str, warnings: &mut Vec<QrWarning>) -> Option<String> {
    let value = raw.trim();
    if value.is_empty() {
        warnings.push(QrWarning::EmptyValue { key: key.into() });
        return None;
    }
    Some(value.to_string())
}

/// Dots and dashes stand for "nothing" on bills whose generator cannot leave a field empty;
/// `[PLAT]`-style markers are template slots nobody filled in.
fn is_placeholder(value: &str) -> bool {
    let filler = value
        .chars()
        .all(|c| matches!(c, '.' | '-' | '–' | '—' | '_' | '*' | '/' | '\\'));
    let slot = |open: char, close: char| {
        value.len() > 2
            && value.starts_with(open)
            && value.ends_with(close)
            && value[1..value.len() - 1].chars().all(|c| {
                c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_' || c == '{' || c == '}'
            })
    };
    filler || slot('[', ']') || slot('{', '}')
}

/// Generators that build the string inside XML or HTML leave entities in it.
fn unescape_entities(value: &str) -> String {
    const NAMED: [(&str, char); 6] = [
        ("&quot;", '"'),
        ("&amp;", '&'),
        ("&lt;", '<'),
        ("&gt;", '>'),
        ("&apos;", '\''),
        ("&nbsp;", ' '),
    ];
    let mut out = String::with_capacity(value.len());
    let mut rest = value;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        if let Some(&(entity, c)) = NAMED.iter().find(|(e, _)| rest.starts_with(e)) {
            out.push(c);
            rest = &rest[entity.len()..];
            continue;
        }
        let numeric = rest
            .strip_prefix("&#")
            .and_then(|r| r.split_once(';'))
            .filter(|(digits, _)| (1..=7).contains(&digits.len()));
        if let Some((digits, after)) = numeric {
            let code = match digits.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok(),
                None => digits.parse().ok(),
            };
            if let Some(c) = code.and_then(char::from_u32) {
                out.push(c);
                rest = after;
                continue;
            }
        }
        out.push('&');
        rest = &rest[1..];
    }
    out.push_str(rest);
    out
}

/// `Sum` is whole kopecks by the standard; a decimal point or comma means the generator wrote
/// roubles instead, which is read as roubles rather than as a hundred times too little.
pub(crate) fn parse_sum(raw: &str, warnings: &mut Vec<QrWarning>) -> Option<Money> {
    let compact: String = raw
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{a0}' && *c != '\u{202f}')
        .collect();
    // A stray byte after the digits (a file's trailing byte, a currency mark) is noise.
    let cleaned = compact.trim_end_matches(|c: char| !c.is_alphanumeric());
    let cleaned = cleaned.trim_end_matches(['.', ',']);
    if cleaned != raw {
        warnings.push(QrWarning::SumCleaned { value: raw.into() });
    }
    let invalid = |warnings: &mut Vec<QrWarning>| {
        warnings.push(QrWarning::InvalidSum { value: raw.into() });
        None
    };
    if cleaned.is_empty() || cleaned.len() > 18 {
        return invalid(warnings);
    }
    if cleaned.chars().all(|c| c.is_ascii_digit()) {
        return match cleaned.parse::<u64>().ok().map(Money::from_kopecks) {
            Some(Ok(m)) => Some(m),
            _ => invalid(warnings),
        };
    }
    let separators = cleaned.chars().filter(|c| matches!(c, '.' | ',')).count();
    let digits_only = cleaned
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '.' | ','));
    if separators == 1 && digits_only {
        let roubles = Decimal::from_str(&cleaned.replace(',', ".")).ok();
        if let Some(Ok(m)) = roubles.map(Money::new) {
            warnings.push(QrWarning::SumInRoubles { value: raw.into() });
            return Some(m);
        }
    }
    invalid(warnings)
}

const MONTH_STEMS: [(&str, u32); 25] = [
    ("янв", 1),
    ("фев", 2),
    ("мар", 3),
    ("апр", 4),
    ("мая", 5),
    ("май", 5),
    ("июн", 6),
    ("июл", 7),
    ("авг", 8),
    ("сен", 9),
    ("окт", 10),
    ("ноя", 11),
    ("дек", 12),
    ("jan", 1),
    ("feb", 2),
    ("mar", 3),
    ("apr", 4),
    ("may", 5),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
    ("sep", 9),
    ("oct", 10),
    ("nov", 11),
    ("dec", 12),
];

/// `PaymPeriod` has no fixed format: MMYYYY, MYYYY, MMYY, YYYYMM, MM.YYYY, YYYY-MM, a date, or
/// words («Март, 2021 г.»). Returns None when no month and year can be told apart.
pub(crate) fn parse_period(raw: &str) -> Option<Period> {
    let text = raw.trim().to_lowercase();
    if text.chars().all(|c| c.is_ascii_digit()) {
        return period_from_digits(&text);
    }
    let tokens: Vec<&str> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
        .collect();
    let numbers: Vec<&str> = tokens
        .iter()
        .copied()
        .filter(|t| t.chars().all(|c| c.is_ascii_digit()))
        .collect();
    let named_month = tokens.iter().find_map(|t| {
        MONTH_STEMS
            .iter()
            .find(|(stem, _)| t.starts_with(stem))
            .map(|&(_, m)| m)
    });
    if let Some(month) = named_month {
        let year = numbers.iter().find_map(|n| year_of(n))?;
        return Period::new(year, month).ok();
    }
    match numbers.as_slice() {
        [a, b] if b.len() == 4 || (a.len() <= 2 && b.len() == 2) => month_year(a, b),
        [a, b] if a.len() == 4 => month_year(b, a),
        [_, m, y] if y.len() == 4 => month_year(m, y),
        [y, m, _] if y.len() == 4 => month_year(m, y),
        _ => None,
    }
}

fn period_from_digits(d: &str) -> Option<Period> {
    match d.len() {
        6 => month_year(&d[..2], &d[2..]).or_else(|| month_year(&d[4..], &d[..4])),
        5 => month_year(&d[..1], &d[1..]),
        4 => month_year(&d[..2], &d[2..]).or_else(|| month_year(&d[2..], &d[..2])),
        3 => month_year(&d[..1], &d[1..]),
        8 => month_year(&d[2..4], &d[4..]).or_else(|| month_year(&d[4..6], &d[..4])),
        _ => None,
    }
}

fn month_year(month: &str, year: &str) -> Option<Period> {
    let month: u32 = month.parse().ok()?;
    Period::new(year_of(year)?, month).ok()
}

/// Two-digit years on bills are this century's.
fn year_of(text: &str) -> Option<i32> {
    let n: i32 = text.parse().ok()?;
    match text.len() {
        2 => Some(2000 + n),
        4 => Some(n),
        _ => None,
    }
}

/// An INN is 10 digits (organisations) or 12 (people and sole traders); all zeros is a blank.
pub(crate) fn is_inn(value: &str) -> bool {
    matches!(value.len(), 10 | 12) && all_digits(value) && !is_all_zeros(value)
}

/// True for a non-empty run of ASCII digits.
pub(crate) fn all_digits(value: &str) -> bool {
    !value.is_empty() && value.chars().all(|c| c.is_ascii_digit())
}

/// Zeroed identifiers are what sample bills and templates carry instead of real ones.
pub(crate) fn is_all_zeros(value: &str) -> bool {
    value.chars().all(|c| matches!(c, '0' | '-' | ' '))
}

/// Whether a value has the shape the standard gives its field (None: no shape to check).
pub(crate) fn well_formed(key: &str, value: &str) -> Option<bool> {
    let ok = match key {
        "PayeeINN" | "PayerINN" => is_inn(value),
        "BIC" => value.len() == 9 && all_digits(value),
        "KPP" => value.len() == 9 && value.chars().all(|c| c.is_ascii_alphanumeric()),
        "PersonalAcc" => value.len() == 20 && all_digits(value),
        // Treasury payees have no correspondent account and write "0".
        "CorrespAcc" => value == "0" || (value.len() == 20 && all_digits(value)),
        _ => return None,
    };
    Some(ok)
}
