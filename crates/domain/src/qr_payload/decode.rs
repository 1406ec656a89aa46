//! From what a scanner hands over to the text of the payload.
//!
//! Scanners disagree about bytes: some return them raw, some decode them as Latin-1 whatever the
//! header says, some prepend the symbology identifier and ECI designator, some web scanners
//! percent-encode. Generators disagree with their own header digit. The text is recovered by
//! trying the plausible decodings and keeping the one that reads most like Russian text.

use encoding_rs::{Encoding, KOI8_R, UTF_8, WINDOWS_1251, WINDOWS_1252};
use serde::Serialize;

use super::QrWarning;

/// A character set a GOST payload can be written in (header digits 1, 2 and 3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum Charset {
    /// Header digit 1.
    #[serde(rename = "windows-1251")]
    Windows1251,
    /// Header digit 2.
    #[serde(rename = "utf-8")]
    Utf8,
    /// Header digit 3.
    #[serde(rename = "koi8-r")]
    Koi8R,
}

impl Charset {
    /// The charset a header digit names.
    pub fn from_digit(digit: char) -> Option<Charset> {
        match digit {
            '1' => Some(Charset::Windows1251),
            '2' => Some(Charset::Utf8),
            '3' => Some(Charset::Koi8R),
            _ => None,
        }
    }

    /// The charset's usual name («windows-1251»).
    pub fn label(self) -> &'static str {
        match self {
            Charset::Windows1251 => "windows-1251",
            Charset::Utf8 => "utf-8",
            Charset::Koi8R => "koi8-r",
        }
    }

    fn encoding(self) -> &'static Encoding {
        match self {
            Charset::Windows1251 => WINDOWS_1251,
            Charset::Utf8 => UTF_8,
            Charset::Koi8R => KOI8_R,
        }
    }
}

/// The payload as text, and the charset its bytes were read in (None when they were ASCII).
pub(crate) struct Prepared {
    pub text: String,
    pub decoded_as: Option<Charset>,
}

/// Bytes from a scanner → text, recording each repair.
pub(crate) fn prepare_bytes(raw: &[u8], warnings: &mut Vec<QrWarning>) -> Prepared {
    let mut bytes = trim_bytes(raw);
    let mut hint = None;
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        warnings.push(QrWarning::Bom);
        hint = Some(Charset::Utf8);
        bytes = trim_bytes(rest);
    }
    let (rest, eci) = strip_scanner_prefix(bytes, warnings);
    bytes = rest;
    hint = eci.or(hint);
    let unescaped;
    if looks_percent_encoded(bytes) {
        warnings.push(QrWarning::PercentEncoded);
        unescaped = percent_decode(bytes);
        bytes = &unescaped;
    }
    let declared = declared_charset(bytes);
    let (text, decoded_as) = decode_bytes(bytes, declared, hint, warnings);
    let mut prepared = Prepared { text, decoded_as };
    repair_text(&mut prepared, declared, warnings);
    prepared
}

/// Text from a scanner (decoded by it, perhaps wrongly) → the text it should have been.
pub(crate) fn prepare_text(text: &str, warnings: &mut Vec<QrWarning>) -> Prepared {
    let mut text = text.trim_matches(is_trimmed);
    if let Some(rest) = text.strip_prefix('\u{feff}') {
        warnings.push(QrWarning::Bom);
        text = rest.trim_matches(is_trimmed);
    }
    let (rest, eci) = strip_scanner_prefix(text.as_bytes(), warnings);
    // The prefix is ASCII, so the cut falls on a character boundary.
    text = &text[text.len() - rest.len()..];
    let mut prepared = Prepared {
        text: text.to_string(),
        decoded_as: None,
    };
    if looks_percent_encoded(text.as_bytes()) {
        warnings.push(QrWarning::PercentEncoded);
        let bytes = percent_decode(text.as_bytes());
        let declared = declared_charset(&bytes);
        let (decoded, charset) = decode_bytes(&bytes, declared, eci, warnings);
        prepared = Prepared {
            text: decoded,
            decoded_as: charset,
        };
    }
    let declared = declared_charset(prepared.text.as_bytes());
    repair_text(&mut prepared, declared, warnings);
    prepared
}

/// Only ASCII whitespace is trimmed before a repair: U+0085 and U+00A0 are whitespace to
/// Rust but, in mojibake, halves of Cyrillic letters («х» is D1 85 in UTF-8).
fn is_trimmed(c: char) -> bool {
    c.is_ascii_whitespace() || c == '\0'
}

fn trim_bytes(bytes: &[u8]) -> &[u8] {
    let keep = |b: &u8| !b.is_ascii_whitespace() && *b != 0;
    let start = bytes.iter().position(keep).unwrap_or(bytes.len());
    let end = bytes.iter().rposition(keep).map_or(start, |i| i + 1);
    &bytes[start..end]
}

/// Strips the AIM symbology identifier (`]Q2`) and ECI designator (`\000026`) some scanners
/// put before the data, returning the charset the ECI names.
fn strip_scanner_prefix<'a>(
    mut bytes: &'a [u8],
    warnings: &mut Vec<QrWarning>,
) -> (&'a [u8], Option<Charset>) {
    let original = bytes;
    let mut eci = None;
    if bytes.len() >= 3 && bytes.starts_with(b"]Q") && bytes[2].is_ascii_digit() {
        bytes = &bytes[3..];
    }
    while bytes.len() >= 7 && bytes[0] == b'\\' && bytes[1..7].iter().all(u8::is_ascii_digit) {
        let digits = std::str::from_utf8(&bytes[1..7]).unwrap_or("0");
        eci = digits.parse::<u32>().ok();
        bytes = &bytes[7..];
    }
    if bytes.len() != original.len() {
        let prefix = String::from_utf8_lossy(&original[..original.len() - bytes.len()]);
        warnings.push(QrWarning::ScannerPrefix {
            prefix: prefix.into_owned(),
            eci,
        });
    }
    let charset = match eci {
        Some(26) => Some(Charset::Utf8),
        Some(22) => Some(Charset::Windows1251),
        _ => None,
    };
    (bytes, charset)
}

/// The charset the header digit names, wherever the header is.
pub(crate) fn declared_charset(bytes: &[u8]) -> Option<Charset> {
    let at = find_header(bytes)?;
    bytes
        .get(at + 6)
        .and_then(|&b| Charset::from_digit(b as char))
}

/// Byte offset of `ST0001` (any case).
pub(crate) fn find_header(bytes: &[u8]) -> Option<usize> {
    bytes
        .windows(6)
        .position(|w| w.eq_ignore_ascii_case(b"ST0001"))
}

/// Percent-encoding is assumed only when the separator after the header is itself escaped:
/// a literal `%` elsewhere («НДС 20%») must survive.
fn looks_percent_encoded(bytes: &[u8]) -> bool {
    let Some(at) = find_header(bytes) else {
        return false;
    };
    let mut after = &bytes[at + 6..];
    if after.first().is_some_and(u8::is_ascii_digit) {
        after = &after[1..];
    }
    after.len() >= 3 && after[0] == b'%' && after[1..3].iter().all(u8::is_ascii_hexdigit)
}

fn percent_decode(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let escaped = bytes[i] == b'%'
            && i + 2 < bytes.len()
            && bytes[i + 1].is_ascii_hexdigit()
            && bytes[i + 2].is_ascii_hexdigit();
        if escaped {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap_or("00");
            out.push(u8::from_str_radix(hex, 16).unwrap_or(0));
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    out
}

/// Decodes bytes in the charset they most plausibly are, warning when that is not the declared
/// one. Cyrillic text in Windows-1251 or KOI8-R is practically never valid UTF-8, so valid
/// UTF-8 wins outright; between the single-byte charsets the text that reads best wins.
fn decode_bytes(
    bytes: &[u8],
    declared: Option<Charset>,
    hint: Option<Charset>,
    warnings: &mut Vec<QrWarning>,
) -> (String, Option<Charset>) {
    if bytes.is_ascii() {
        return (String::from_utf8_lossy(bytes).into_owned(), None);
    }
    let chosen = match std::str::from_utf8(bytes) {
        Ok(text) => (text.to_string(), Charset::Utf8),
        Err(e)
            if e.error_len().is_none()
                && utf8_truncation_likely(bytes, e.valid_up_to(), declared) =>
        {
            warnings.push(QrWarning::Truncated);
            let valid = &bytes[..e.valid_up_to()];
            (String::from_utf8_lossy(valid).into_owned(), Charset::Utf8)
        }
        Err(_) => {
            let preferred = [declared, hint, Some(Charset::Windows1251)];
            let mut best: Option<(i64, String, Charset)> = None;
            for charset in [Charset::Windows1251, Charset::Koi8R] {
                let (text, _, _) = charset.encoding().decode(bytes);
                let bonus = i64::from(preferred.contains(&Some(charset)));
                let score = plausibility(&text) * 2 + bonus;
                if best.as_ref().is_none_or(|(s, _, _)| score > *s) {
                    best = Some((score, text.into_owned(), charset));
                }
            }
            let (_, text, charset) = best.expect("two candidates");
            (text, charset)
        }
    };
    if let Some(declared) = declared {
        if declared != chosen.1 {
            warnings.push(QrWarning::WrongDeclaredEncoding {
                declared,
                actual: chosen.1,
            });
        }
    }
    (chosen.0, Some(chosen.1))
}

/// A UTF-8 sequence cut at the end is a truncated UTF-8 payload when the rest is UTF-8 text
/// (or the header says UTF-8); otherwise it is a single-byte charset ending in a high byte.
fn utf8_truncation_likely(bytes: &[u8], valid_up_to: usize, declared: Option<Charset>) -> bool {
    bytes.len() - valid_up_to < 4
        && (declared == Some(Charset::Utf8) || !bytes[..valid_up_to].is_ascii())
}

/// Undoes a scanner's wrong decoding: Windows-1251/KOI8-R/UTF-8 bytes read as Latin-1
/// («ÀÒÌÎÑÔÅÐÀ»), or UTF-8 bytes read as Windows-1251 («РћРћРћ»). A repair is kept only when
/// the result reads better than what we were given.
fn repair_text(prepared: &mut Prepared, declared: Option<Charset>, warnings: &mut Vec<QrWarning>) {
    let text = &prepared.text;
    let mut candidates: Vec<Vec<u8>> = Vec::new();
    if let Some(bytes) = as_latin1_bytes(text) {
        candidates.push(bytes);
    }
    for single_byte in [WINDOWS_1251, KOI8_R] {
        let (bytes, _, unmappable) = single_byte.encode(text);
        if !unmappable && !bytes.is_ascii() && std::str::from_utf8(&bytes).is_ok() {
            candidates.push(bytes.into_owned());
        }
    }
    let current = plausibility(text);
    let mut best: Option<(i64, String, Option<Charset>)> = None;
    for bytes in candidates {
        let mut quiet = Vec::new();
        let (fixed, charset) = decode_bytes(&bytes, declared, None, &mut quiet);
        let score = plausibility(&fixed);
        if score > current && best.as_ref().is_none_or(|(s, _, _)| score > *s) {
            best = Some((score, fixed, charset));
        }
    }
    if let Some((_, fixed, Some(charset))) = best {
        warnings.push(QrWarning::MojibakeRepaired { charset });
        if let Some(declared) = declared.filter(|&d| d != charset) {
            warnings.push(QrWarning::WrongDeclaredEncoding {
                declared,
                actual: charset,
            });
        }
        prepared.text = fixed
            .trim_matches(|c: char| c.is_whitespace() || c == '\0')
            .to_string();
        prepared.decoded_as = Some(charset);
    }
}

/// The bytes a Latin-1 (or Windows-1252) decoder would have turned into this text, when the
/// text has the Latin-1 letters that betray such a decoding.
fn as_latin1_bytes(text: &str) -> Option<Vec<u8>> {
    // Mojibake comes in runs of high characters (every Cyrillic letter becomes one); a lone
    // accented letter is more likely a real name («Müller») than a wrong decoding.
    let high = |c: char| ('\u{80}'..='\u{ff}').contains(&c) || is_cp1252_special(c);
    let chars: Vec<char> = text.chars().collect();
    let has_run = chars.windows(2).any(|w| {
        high(w[0])
            && high(w[1])
            && (('\u{c0}'..='\u{ff}').contains(&w[0]) || ('\u{c0}'..='\u{ff}').contains(&w[1]))
    });
    if !has_run {
        return None;
    }
    let mut out = Vec::with_capacity(text.len());
    for c in text.chars() {
        if (c as u32) < 0x100 {
            out.push(c as u32 as u8);
        } else {
            let mut buf = [0u8; 4];
            let (bytes, _, unmappable) = WINDOWS_1252.encode(c.encode_utf8(&mut buf));
            if unmappable || bytes.len() != 1 {
                return None;
            }
            out.push(bytes[0]);
        }
    }
    Some(out)
}

/// How much a text reads like a Russian bill: Cyrillic letters (the frequent ones most) score,
/// Latin-1 letters, stray Serbian/Macedonian letters, pseudo-graphics, control characters and
/// case flipping inside a word (the signature of KOI8-R read as Windows-1251) cost.
pub(crate) fn plausibility(text: &str) -> i64 {
    const FREQUENT: &str = "оеаинтсрвлкмдпуОЕАИНТСРВЛКМДПУ";
    let mut score = 0i64;
    let mut prev_lower_cyrillic = false;
    for c in text.chars() {
        let cyrillic = matches!(c, 'А'..='я' | 'Ё' | 'ё');
        score += if cyrillic {
            if FREQUENT.contains(c) {
                3
            } else {
                2
            }
        } else if c.is_ascii() {
            if c.is_ascii_control() && !matches!(c, '\t' | '\n' | '\r') {
                -10
            } else {
                0
            }
        } else {
            match c {
                '«' | '»' | '№' | '—' | '–' | '“' | '”' | '„' | '…' | '\u{a0}' | '°' => {
                    0
                }
                '\u{fffd}' | '\u{80}'..='\u{9f}' => -10,
                '\u{400}'..='\u{45f}' => -2,
                _ => -3,
            }
        };
        if prev_lower_cyrillic && cyrillic && c.is_uppercase() {
            score -= 4;
        }
        prev_lower_cyrillic = cyrillic && c.is_lowercase();
    }
    score
}

/// Characters Windows-1252 puts at 0x80–0x9F, where Latin-1 has control characters.
fn is_cp1252_special(c: char) -> bool {
    let mut buf = [0u8; 4];
    let (bytes, _, unmappable) = WINDOWS_1252.encode(c.encode_utf8(&mut buf));
    !c.is_ascii() && (c as u32) > 0xff && !unmappable && bytes.len() == 1
}
