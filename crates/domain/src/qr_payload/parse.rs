//! From the payload's text to fields: the header, the separator, `key=value` pieces.

use super::classify::{classify, NotGostKind, QrError};
use super::decode::{find_header, Prepared};
use super::fields::{Header, PaymentQr};
use super::keys::{self, Field, KeyMatch, REQUIRED};
use super::{values, Charset, QrWarning};

/// Parses prepared text into a payment, or says why there is none.
pub(crate) fn parse_prepared(
    prepared: Prepared,
    mut warnings: Vec<QrWarning>,
) -> Result<PaymentQr, QrError> {
    let text = prepared.text.as_str();
    if text.trim().is_empty() {
        return Err(QrError::Empty);
    }
    let (mut header, body) = match read_header(text, &mut warnings)? {
        Some(found) => found,
        None => {
            let kind = classify(text);
            if kind != NotGostKind::Other || known_keys(text, '|') < 2 {
                return Err(QrError::NotGost(kind));
            }
            // Some generators drop the header yet write perfectly good fields.
            warnings.push(QrWarning::MissingHeader);
            let header = Header {
                version: String::new(),
                declared_encoding: None,
                decoded_as: None,
                separator: '|',
            };
            (header, text)
        }
    };
    header.decoded_as = prepared.decoded_as;
    let Fields { raw, other, pairs } = read_fields(body, header.separator, &mut warnings);
    if pairs == 0 {
        return Err(QrError::NoFields);
    }
    let qr = PaymentQr::build(header, raw, other, warnings);
    let search = qr.search();
    if search.payee_inn.is_none() && search.payee_name.is_none() && search.account.is_none() {
        return Err(QrError::NoPayee);
    }
    Ok(qr)
}

/// The header and the text after it; None when there is no `ST0001` at all.
fn read_header<'a>(
    text: &'a str,
    warnings: &mut Vec<QrWarning>,
) -> Result<Option<(Header, &'a str)>, QrError> {
    // `ST0001` is ASCII, so the byte offset is a character boundary.
    let Some(at) = find_header(text.as_bytes()) else {
        return Ok(None);
    };
    if at > 0 {
        warnings.push(QrWarning::IgnoredPrefix {
            text: text[..at].to_string(),
        });
    }
    let found = &text[at..at + 6];
    if found != "ST0001" {
        warnings.push(QrWarning::HeaderCase {
            found: found.to_string(),
        });
    }
    let mut rest = &text[at + 6..];
    let declared_encoding = match rest.chars().next() {
        Some(digit) if digit.is_ascii_digit() => {
            rest = &rest[1..];
            let charset = Charset::from_digit(digit);
            if charset.is_none() {
                warnings.push(QrWarning::UnknownEncodingDigit { digit });
            }
            charset
        }
        _ => {
            warnings.push(QrWarning::MissingEncodingDigit);
            None
        }
    };
    let separator = match rest.chars().next() {
        None => return Err(QrError::NoFields),
        // A letter, digit, `=` or space cannot separate fields: the separator was left out.
        Some(c) if c.is_alphanumeric() || c == '=' || c == ' ' => {
            warnings.push(QrWarning::MissingSeparator);
            '|'
        }
        Some(c) => {
            rest = &rest[c.len_utf8()..];
            c
        }
    };
    let header = Header {
        version: "0001".into(),
        declared_encoding,
        decoded_as: None,
        separator,
    };
    Ok(Some((header, rest)))
}

struct Fields {
    raw: Vec<Option<String>>,
    other: Vec<(String, String)>,
    pairs: usize,
}

fn read_fields(body: &str, separator: char, warnings: &mut Vec<QrWarning>) -> Fields {
    let mut raw: Vec<Option<String>> = vec![None; Field::ALL.len()];
    let mut seen = vec![false; Field::ALL.len()];
    let mut required_order = Vec::new();
    let mut other = Vec::new();
    let mut pairs = 0;
    let segments: Vec<&str> = body.split(separator).collect();
    let last = segments.len() - 1;
    for (i, segment) in segments.iter().enumerate() {
        if segment.trim().is_empty() {
            if i < last {
                warnings.push(QrWarning::EmptySegment);
            } else if i > 0 {
                warnings.push(QrWarning::TrailingSeparator);
            }
            continue;
        }
        // Values may contain `=` (`BankName==ОАО…`): only the first one splits.
        let Some((written_key, value)) = segment.split_once('=') else {
            warnings.push(QrWarning::SegmentWithoutKey {
                text: segment.trim().to_string(),
            });
            continue;
        };
        let key = written_key.trim_matches(|c: char| c.is_whitespace() || c.is_control());
        if key.is_empty() {
            warnings.push(QrWarning::SegmentWithoutKey {
                text: segment.trim().to_string(),
            });
            continue;
        }
        if key.len() != written_key.len() {
            warnings.push(QrWarning::KeyWhitespace { key: key.into() });
        }
        pairs += 1;
        let Some((field, matched)) = keys::resolve(key) else {
            if let Some(value) = values::clean_other(key, value, warnings) {
                other.push((key.to_string(), value));
            }
            continue;
        };
        let (found, canonical) = (key.to_string(), field.key().to_string());
        match matched {
            KeyMatch::Exact => {}
            KeyMatch::Case => warnings.push(QrWarning::KeyCase {
                found,
                key: canonical,
            }),
            KeyMatch::LookAlike => warnings.push(QrWarning::LookAlikeKey {
                found,
                key: canonical,
            }),
            KeyMatch::Alias => warnings.push(QrWarning::AliasKey {
                found,
                key: canonical,
            }),
        }
        let value = values::clean(field.key(), value, warnings);
        let slot = &mut raw[field.index()];
        if !seen[field.index()] {
            seen[field.index()] = true;
            if field.is_required() {
                required_order.push(field);
            }
            *slot = value;
            continue;
        }
        // The first non-empty value wins: later copies are usually a generator's second
        // template line (a shortened account, an empty default).
        let ignored = match (slot.is_some(), value) {
            (true, Some(later)) => later,
            (false, Some(later)) => slot.replace(later).unwrap_or_default(),
            (_, None) => String::new(),
        };
        warnings.push(QrWarning::DuplicateKey {
            key: field.key().into(),
            ignored,
        });
    }
    let expected: Vec<Field> = REQUIRED
        .into_iter()
        .filter(|f| required_order.contains(f))
        .collect();
    if required_order != expected {
        warnings.push(QrWarning::RequiredOutOfOrder);
    }
    Fields { raw, other, pairs }
}

/// How many `key=value` pieces of a header-less text have keys of the standard.
fn known_keys(text: &str, separator: char) -> usize {
    text.split(separator)
        .filter_map(|s| s.split_once('='))
        .filter(|(k, _)| keys::resolve(k.trim()).is_some())
        .count()
}
