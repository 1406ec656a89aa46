//! Bytes and scanner text → payload text.

use super::*;
use encoding_rs::{KOI8_R, UTF_8, WINDOWS_1251};

const PAYLOAD: &str = "ST00012|Name=ООО «Три кита»|PersonalAcc=40702810138250123017|\
BankName=ОАО \"БАНК\"|BIC=044525225|CorrespAcc=30101810400000000225|PayeeINN=6200098765|\
Purpose=Оплата членского взноса|PersAcc=123456|Sum=100000";

fn name(parsed: &Result<PaymentQr, QrError>) -> Option<&str> {
    parsed.as_ref().ok().and_then(|qr| qr.name.as_deref())
}

#[test]
fn a_utf8_bom_is_skipped_in_bytes_and_in_text() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(PAYLOAD.as_bytes());
    let qr = parse_bytes(&bytes).unwrap();
    assert_eq!(qr.name.as_deref(), Some("ООО «Три кита»"));
    assert_eq!(qr.warnings, vec![QrWarning::Bom]);
    let qr = parse_text(&format!("\u{feff}{PAYLOAD}")).unwrap();
    assert_eq!(qr.warnings, vec![QrWarning::Bom]);
}

#[test]
fn symbology_identifier_and_eci_designator_are_skipped() {
    for (prefix, eci) in [
        ("]Q2\\000026", Some(26)),
        ("\\000026", Some(26)),
        ("]Q1", None),
    ] {
        let qr = parse_text(&format!("{prefix}{PAYLOAD}")).unwrap();
        assert_eq!(qr.name.as_deref(), Some("ООО «Три кита»"), "{prefix}");
        assert_eq!(
            qr.warnings,
            vec![QrWarning::ScannerPrefix {
                prefix: prefix.into(),
                eci
            }]
        );
    }
    // ECI 22 is Windows-1251: the bytes after it are read so.
    let mut bytes = b"]Q2\\000022".to_vec();
    bytes.extend_from_slice(
        &WINDOWS_1251
            .encode(&PAYLOAD.replace("ST00012", "ST00011"))
            .0,
    );
    let qr = parse_bytes(&bytes).unwrap();
    assert_eq!(qr.decoded_as, Some(Charset::Windows1251));
    assert_eq!(qr.name.as_deref(), Some("ООО «Три кита»"));
}

#[test]
fn percent_encoding_is_undone_only_when_the_separator_is_escaped() {
    let escaped: String = PAYLOAD
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect();
    let qr = parse_text(&escaped).unwrap();
    assert_eq!(qr.name.as_deref(), Some("ООО «Три кита»"));
    assert_eq!(qr.warnings, vec![QrWarning::PercentEncoded]);
    assert_eq!(parse_bytes(escaped.as_bytes()).unwrap().name, qr.name);
    // A literal per cent sign in a value stays.
    let qr = parse_text("ST00012|Name=УК|Purpose=Пени 0,1%25 в день").unwrap();
    assert_eq!(qr.purpose.as_deref(), Some("Пени 0,1%25 в день"));
}

#[test]
fn the_charset_is_found_by_trying_when_the_header_is_wrong() {
    // Windows-1251 bytes under every header digit, and KOI8-R bytes likewise.
    for digit in ['1', '2', '3'] {
        let text = PAYLOAD.replace("ST00012", &format!("ST0001{digit}"));
        for (encoding, charset) in [
            (WINDOWS_1251, Charset::Windows1251),
            (KOI8_R, Charset::Koi8R),
            (UTF_8, Charset::Utf8),
        ] {
            let text = if encoding == KOI8_R {
                text.replace(['«', '»'], "\"")
            } else {
                text.clone()
            };
            let bytes = encoding.encode(&text).0;
            let qr = parse_bytes(&bytes).unwrap();
            assert_eq!(qr.decoded_as, Some(charset), "{digit} {charset:?}");
            assert_eq!(qr.purpose.as_deref(), Some("Оплата членского взноса"));
            let wrong = Charset::from_digit(digit) != Some(charset);
            let warned = qr.warnings.contains(&QrWarning::WrongDeclaredEncoding {
                declared: Charset::from_digit(digit).unwrap(),
                actual: charset,
            });
            assert_eq!(wrong, warned, "{digit} {charset:?}: {:?}", qr.warnings);
        }
    }
}

#[test]
fn all_capitals_koi8r_is_told_from_windows_1251() {
    let text = "ST00013|Name=ТСЖ АТМОСФЕРА|PayeeINN=6163123641|PersAcc=1";
    let qr = parse_bytes(&KOI8_R.encode(text).0).unwrap();
    assert_eq!(qr.name.as_deref(), Some("ТСЖ АТМОСФЕРА"));
    let qr = parse_bytes(&WINDOWS_1251.encode(text).0).unwrap();
    assert_eq!(qr.name.as_deref(), Some("ТСЖ АТМОСФЕРА"));
}

#[test]
fn utf8_read_as_windows_1251_is_repaired() {
    let (garbled, _, _) = WINDOWS_1251.decode(PAYLOAD.as_bytes());
    assert!(garbled.contains("РћРћРћ"));
    let qr = parse_text(&garbled).unwrap();
    assert_eq!(qr.name.as_deref(), Some("ООО «Три кита»"));
    assert!(qr.warnings.contains(&QrWarning::MojibakeRepaired {
        charset: Charset::Utf8
    }));
}

#[test]
fn real_latin_names_are_not_taken_for_mojibake() {
    let text = "ST00012|Name=Müller GmbH|PersonalAcc=40702810138250123017|BankName=Deutsche Bank|\
BIC=044525225|CorrespAcc=30101810400000000225|PayeeINN=7700000000|LastName=Gérard";
    let qr = parse_text(text).unwrap();
    assert_eq!(qr.name.as_deref(), Some("Müller GmbH"));
    assert_eq!(qr.last_name.as_deref(), Some("Gérard"));
    assert!(qr.warnings.is_empty(), "{:?}", qr.warnings);
    // Genuine Cyrillic is never "repaired" either.
    assert!(parse_text(PAYLOAD).unwrap().warnings.is_empty());
}

#[test]
fn a_payload_cut_inside_a_letter_keeps_the_whole_letters() {
    let bytes = PAYLOAD.as_bytes();
    let cut = PAYLOAD.find("Оплата").unwrap() + 3; // the middle of «п»
    let qr = parse_bytes(&bytes[..cut]).unwrap();
    assert_eq!(qr.purpose.as_deref(), Some("О"));
    assert!(qr.warnings.contains(&QrWarning::Truncated));
}

#[test]
fn blank_input_is_empty() {
    for blank in ["", "   ", "\n\t", "\u{feff}", "\0\0"] {
        assert_eq!(parse_text(blank), Err(QrError::Empty), "{blank:?}");
        assert_eq!(
            parse_bytes(blank.as_bytes()),
            Err(QrError::Empty),
            "{blank:?}"
        );
    }
    assert_eq!(parse_bytes(b"\xEF\xBB\xBF"), Err(QrError::Empty));
}

#[test]
fn surrounding_newlines_are_ignored() {
    let qr = parse_text(&format!("\n{PAYLOAD}\n")).unwrap();
    assert!(qr.warnings.is_empty());
    assert_eq!(
        name(&parse_bytes(format!("\r\n{PAYLOAD}\r\n").as_bytes())),
        Some("ООО «Три кита»")
    );
}
