//! The text of a code from its bytes, losing nothing where the bytes allow it.

use encoding_rs::{Encoding, KOI8_R, SHIFT_JIS, UTF_8, WINDOWS_1251};

/// What a decoder itself made of the bytes.
#[derive(Debug, Clone, Copy)]
pub enum Reading<'a> {
    /// Nothing beyond the bytes (rqrr).
    None,
    /// ZXing's reading: Hanzi/Kanji modes and its own charset guess.
    Guessed(&'a str),
    /// The code declared its character set (ECI): trusted over any guess.
    Declared(&'a str),
}

/// Text for `bytes`, given what the decoder read.
pub fn text_of(bytes: &[u8], reading: Reading<'_>) -> String {
    if let Some(text) = gost_text(bytes) {
        return text;
    }
    if let Reading::Declared(text) = reading {
        return text.to_owned();
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return text.to_owned();
    }
    if looks_cyrillic_1251(bytes) {
        if let Some(text) = strict(WINDOWS_1251, bytes) {
            return text;
        }
    }
    if let Reading::Guessed(text) = reading {
        return text.to_owned();
    }
    if let Some(text) = strict(SHIFT_JIS, bytes).filter(|t| !t.chars().any(is_private_use)) {
        return text;
    }
    // ISO-8859-1: one char per byte, so the bytes can always be recovered from the text.
    bytes.iter().map(|&b| char::from(b)).collect()
}

/// Shift_JIS lead bytes 0xF0–0xF9 decode to the Private Use Area: not Japanese text.
fn is_private_use(c: char) -> bool {
    ('\u{E000}'..='\u{F8FF}').contains(&c)
}

/// GOST R 56042-2014 payloads name their encoding in the header: `ST0001` + 1 (Windows-1251),
/// 2 (UTF-8) or 3 (KOI8-R). A header that lies falls through to guessing.
fn gost_text(bytes: &[u8]) -> Option<String> {
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let digit = body.strip_prefix(b"ST0001")?.first()?;
    let encoding: &'static Encoding = match digit {
        b'1' => WINDOWS_1251,
        b'2' => UTF_8,
        b'3' => KOI8_R,
        _ => return None,
    };
    strict(encoding, bytes)
}

fn strict(encoding: &'static Encoding, bytes: &[u8]) -> Option<String> {
    encoding
        .decode_without_bom_handling_and_without_replacement(bytes)
        .map(|c| c.into_owned())
}

/// Most high bytes fall on Windows-1251's Cyrillic letters (0xC0–0xFF, Ё/ё, №): a Russian
/// text without a header is far likelier here than Latin-1.
fn looks_cyrillic_1251(bytes: &[u8]) -> bool {
    let high = bytes.iter().filter(|&&b| b >= 0x80).count();
    let letters = bytes
        .iter()
        .filter(|&&b| b >= 0xC0 || matches!(b, 0xA8 | 0xB8 | 0xB9))
        .count();
    high > 0 && letters * 10 >= high * 9
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gost_header_names_windows_1251() {
        let bytes = b"ST00011|Name=\xCE\xCE\xCE \xC2\xEE\xE4\xEE\xEA\xE0\xED\xE0\xEB";
        assert_eq!(text_of(bytes, Reading::None), "ST00011|Name=ООО Водоканал");
    }

    #[test]
    fn gost_header_names_koi8_r() {
        let bytes = b"ST00013|Name=\xef\xef\xef";
        assert_eq!(text_of(bytes, Reading::None), "ST00013|Name=ООО");
    }

    #[test]
    fn utf8_bytes_stay_utf8() {
        assert_eq!(text_of("Привет".as_bytes(), Reading::None), "Привет");
    }

    #[test]
    fn shift_jis_is_recognised() {
        let (bytes, _, _) = SHIFT_JIS.encode("今度のバージョン");
        assert_eq!(text_of(&bytes, Reading::None), "今度のバージョン");
    }

    #[test]
    fn headerless_cyrillic_reads_as_windows_1251() {
        assert_eq!(
            text_of(b"\xCF\xF0\xE8\xE2\xE5\xF2", Reading::None),
            "Привет"
        );
    }

    #[test]
    fn other_bytes_map_one_char_per_byte() {
        let text = text_of(b"caf\xE9 \x80", Reading::None);
        assert_eq!(text.chars().map(|c| c as u32).collect::<Vec<_>>().len(), 6);
        assert!(text.starts_with("caf\u{e9}"));
    }

    #[test]
    fn zxing_reading_beats_own_guess_for_non_cyrillic_bytes() {
        assert_eq!(text_of(b"AD:\xB0\xA2", Reading::Guessed("AD:阿")), "AD:阿");
    }

    #[test]
    fn declared_character_set_wins_over_guessing() {
        assert_eq!(text_of(b"\xA4", Reading::Declared("€")), "€");
    }
}
