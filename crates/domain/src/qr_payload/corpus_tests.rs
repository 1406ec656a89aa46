//! Every payload of `../shared/corpus/gost-payloads*.tsv`, with what its note says a good parser
//! recovers. The corpus is read at test time, never copied into the repository.

use super::*;
use crate::money::Money;
use crate::period::Period;
use encoding_rs::{KOI8_R, WINDOWS_1251};

const PAYLOADS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/corpus/gost-payloads.tsv"
);
const PAYLOAD_BYTES: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/corpus/gost-payloads-bytes.tsv"
);

pub(super) type Parsed = Result<PaymentQr, QrError>;
/// A part of a SOURCE and the check its line must pass.
pub(super) type Expectation = (&'static str, fn(&Parsed));

/// `SOURCE<TAB>…` lines of a corpus file, comments skipped.
fn corpus(path: &str) -> Vec<(String, Vec<String>)> {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("corpus {path} must be beside the repository: {e}"));
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let mut cols = l.split('\t').map(str::to_string);
            let source = cols.next().expect("source column");
            (source, cols.collect())
        })
        .collect()
}

pub(super) fn ok(parsed: &Parsed) -> &PaymentQr {
    parsed
        .as_ref()
        .unwrap_or_else(|e| panic!("expected a payment, got {e:?}"))
}

pub(super) fn rub(text: &str) -> Option<Money> {
    Some(text.parse().unwrap())
}

pub(super) fn month(year: i32, month: u32) -> Option<Period> {
    Some(Period::new(year, month).unwrap())
}

pub(super) fn s(text: &str) -> Option<String> {
    Some(text.to_string())
}

pub(super) fn warns(qr: &PaymentQr, warning: QrWarning) {
    assert!(
        qr.warnings.contains(&warning),
        "{warning:?} missing from {:?}",
        qr.warnings
    );
}

pub(super) fn key_case(found: &str, key: &str) -> QrWarning {
    QrWarning::KeyCase {
        found: found.into(),
        key: key.into(),
    }
}

pub(super) fn missing(keys: &[&str]) -> Vec<QrWarning> {
    keys.iter()
        .map(|k| QrWarning::MissingRequired { key: (*k).into() })
        .collect()
}

/// What each line's note asks for, keyed by a part of its SOURCE (the longest match wins).
fn expectations() -> Vec<Expectation> {
    let mut all = super::corpus_cases_libraries::libraries();
    all.extend(super::corpus_cases_bills::bills());
    all
}

/// The expectation for a source: the longest key it contains.
fn expectation_for<'a>(source: &str, table: &'a [Expectation]) -> Option<&'a Expectation> {
    table
        .iter()
        .filter(|(key, _)| source.contains(key))
        .max_by_key(|(key, _)| key.len())
}

#[test]
fn every_text_payload_gives_what_its_note_says() {
    let table = expectations();
    let lines = corpus(PAYLOADS);
    assert_eq!(lines.len(), 46, "the corpus has 46 payloads");
    let mut used = Vec::new();
    for (source, cols) in &lines {
        let parsed = parse_text(&cols[0]);
        let (key, check) = expectation_for(source, &table)
            .unwrap_or_else(|| panic!("no expectation for {source}"));
        check(&parsed);
        used.push(*key);
    }
    used.sort();
    let before = used.len();
    used.dedup();
    assert_eq!(before, used.len(), "each expectation matches one line");
    assert_eq!(used.len(), table.len(), "every expectation is used");
}

/// The same payload as UTF-8, Windows-1251 or KOI8-R bytes (whatever its header digit says)
/// reads as the same payment as its text.
#[test]
fn every_payload_reads_the_same_from_bytes_in_any_charset() {
    let mut checked = 0;
    for (source, cols) in corpus(PAYLOADS) {
        let text = &cols[0];
        let expected = parse_text(text).map(fields_only);
        let mut forms = vec![("utf-8", text.as_bytes().to_vec())];
        for encoding in [WINDOWS_1251, KOI8_R] {
            let (bytes, _, unmappable) = encoding.encode(text);
            if !unmappable {
                forms.push((encoding.name(), bytes.into_owned()));
            }
        }
        for (charset, bytes) in forms {
            let got = parse_bytes(&bytes).map(fields_only);
            assert_eq!(got, expected, "{source} as {charset}");
            checked += 1;
        }
    }
    assert!(
        checked > 46 * 2,
        "most payloads encode in a single-byte charset too"
    );
}

fn fields_only(mut qr: PaymentQr) -> PaymentQr {
    qr.warnings.clear();
    qr.decoded_as = None;
    qr
}

#[test]
fn a_header_that_names_the_wrong_encoding_is_noticed_and_overridden() {
    let lines = corpus(PAYLOADS);
    let (_, cols) = lines
        .iter()
        .find(|(s, _)| s.contains("win1251.txt"))
        .unwrap();
    // The TSV holds the text as UTF-8 under a header that says Windows-1251.
    let qr = parse_bytes(cols[0].as_bytes()).unwrap();
    assert_eq!(qr.name.as_deref(), Some("ООО «Три кита»"));
    assert_eq!(qr.decoded_as, Some(Charset::Utf8));
    assert!(qr.warnings.contains(&QrWarning::WrongDeclaredEncoding {
        declared: Charset::Windows1251,
        actual: Charset::Utf8,
    }));
    // The original file: Windows-1251 bytes with a stray 0xA7 at the end.
    let mut bytes = WINDOWS_1251.encode(&cols[0]).0.into_owned();
    bytes.push(0xA7);
    let qr = parse_bytes(&bytes).unwrap();
    assert_eq!(qr.decoded_as, Some(Charset::Windows1251));
    assert_eq!(qr.sum, rub("1000"));
    assert!(qr
        .warnings
        .iter()
        .all(|w| matches!(w, QrWarning::SumCleaned { .. })));
}

#[test]
fn every_byte_payload_decodes_by_its_header() {
    let lines = corpus(PAYLOAD_BYTES);
    assert_eq!(lines.len(), 4);
    for (source, cols) in lines {
        let bytes = hex(&cols[1]);
        let parsed = parse_bytes(&bytes);
        match source.as_str() {
            s if s.ends_with("_win1251") || s.ends_with("_koi8r") => {
                let qr = ok(&parsed);
                let charset = if s.ends_with("_koi8r") {
                    Charset::Koi8R
                } else {
                    Charset::Windows1251
                };
                assert_eq!(qr.decoded_as, Some(charset), "{source}");
                assert_eq!(qr.declared_encoding, Some(charset));
                assert_eq!(qr.name.as_deref(), Some("АНО \"Танцующий Петербург\""));
                assert_eq!(
                    qr.purpose.as_deref(),
                    Some("Оплата за участие в Swing & Snow 2022 REG 6821320/1106")
                );
                assert_eq!(qr.sum, rub("2250"));
                assert!(qr.warnings.is_empty(), "{source}: {:?}", qr.warnings);
            }
            s if s.contains("README.md") => {
                let qr = ok(&parsed);
                assert_eq!(qr.decoded_as, Some(Charset::Utf8));
                assert_eq!(qr.name.as_deref(), Some("ООО \"АйТи Компания\""));
                assert_eq!(qr.bank_name.as_deref(), Some("ОТДЕЛЕНИЕ N1234 ПАО БАНК"));
                assert_eq!(qr.warnings, vec![QrWarning::TrailingSeparator]);
            }
            s if s.contains("receiptQRCodeUtils") => {
                // Nine letters and no header: a fragment, not a payment code.
                assert_eq!(parsed, Err(QrError::NotGost(NotGostKind::Other)));
                // What the scanner made of them, and what they were.
                let latin1: String = bytes.iter().map(|&b| char::from(b)).collect();
                assert_eq!(latin1, "ÀÒÌÎÑÔÅÐÀ");
                let mut warnings = Vec::new();
                let repaired = decode::prepare_text(&latin1, &mut warnings);
                assert_eq!(repaired.text, "АТМОСФЕРА");
                assert_eq!(
                    warnings,
                    vec![QrWarning::MojibakeRepaired {
                        charset: Charset::Windows1251
                    }]
                );
                // Inside a whole payload the same repair gives the payee's name.
                let payload =
                    format!("ST00011|Name=ООО {latin1}|PayeeINN=0524967340").replace("ООО", "ÎÎÎ");
                let qr = parse_text(&payload).unwrap();
                assert_eq!(qr.name.as_deref(), Some("ООО АТМОСФЕРА"));
                assert_eq!(qr.decoded_as, Some(Charset::Windows1251));
            }
            other => panic!("no expectation for {other}"),
        }
    }
}

fn hex(text: &str) -> Vec<u8> {
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).expect("hex"))
        .collect()
}

/// Scanners that decode as Latin-1 whatever the header says turn every Cyrillic payload into
/// mojibake; each one must come back whole.
#[test]
fn every_payload_survives_a_scanner_that_reads_it_as_latin1() {
    for (source, cols) in corpus(PAYLOADS) {
        let text = &cols[0];
        let expected = parse_text(text).map(fields_only);
        for encoding in [WINDOWS_1251, KOI8_R, encoding_rs::UTF_8] {
            let (bytes, _, unmappable) = encoding.encode(text);
            if unmappable || bytes.is_ascii() {
                continue;
            }
            let latin1: String = bytes.iter().map(|&b| char::from(b)).collect();
            let got = parse_text(&latin1).map(fields_only);
            assert_eq!(
                got,
                expected,
                "{source} as {} read as Latin-1",
                encoding.name()
            );
        }
    }
}
