//! Header, keys, values and the search, case by case.

use super::keys::{resolve, skeleton, Field, KeyMatch};
use super::values::{parse_period, parse_sum};
use super::*;
use crate::money::Money;
use crate::period::Period;

const BASE: &str = "Name=УК Дом|PersonalAcc=40702810138250123017|BankName=ПАО Банк|\
BIC=044525225|CorrespAcc=30101810400000000225|PayeeINN=7700000000|PersAcc=42";

#[test]
fn field_table_is_in_enum_order_and_skeletons_never_collide() {
    for (i, field) in Field::ALL.iter().enumerate() {
        assert_eq!(field.index(), i, "{field:?}");
        assert_eq!(resolve(field.key()), Some((*field, KeyMatch::Exact)));
    }
    let mut skeletons: Vec<String> = Field::ALL.iter().map(|f| skeleton(f.key())).collect();
    skeletons.sort();
    skeletons.dedup();
    assert_eq!(skeletons.len(), Field::ALL.len());
}

#[test]
fn keys_are_read_through_case_look_alikes_and_aliases() {
    let cases = [
        ("persAcc", Some((Field::PersAcc, KeyMatch::Case))),
        ("PERSACC", Some((Field::PersAcc, KeyMatch::Case))),
        ("PensAcc", Some((Field::PensAcc, KeyMatch::Exact))),
        (
            "РауегАddress",
            Some((Field::PayerAddress, KeyMatch::LookAlike)),
        ),
        ("PayeelNN", Some((Field::PayeeInn, KeyMatch::LookAlike))),
        ("Payee1NN", Some((Field::PayeeInn, KeyMatch::LookAlike))),
        ("Docldx", Some((Field::DocIdx, KeyMatch::LookAlike))),
        ("Counterld", Some((Field::CounterId, KeyMatch::LookAlike))),
        (
            "PayerldType",
            Some((Field::PayerIdType, KeyMatch::LookAlike)),
        ),
        ("СВС", Some((Field::Cbc, KeyMatch::LookAlike))),
        ("ОКТМО", Some((Field::Oktmo, KeyMatch::LookAlike))),
        ("Pers_Acc", Some((Field::PersAcc, KeyMatch::LookAlike))),
        ("PensAccNo", Some((Field::PensAcc, KeyMatch::Alias))),
        ("TaxPayKind", Some((Field::TaxPaytKind, KeyMatch::Alias))),
        ("okato", Some((Field::Oktmo, KeyMatch::Alias))),
        ("Amount", None),
        ("Тест", None),
        ("", None),
    ];
    for (key, expected) in cases {
        assert_eq!(resolve(key), expected, "{key}");
    }
}

#[test]
fn periods_are_read_from_every_format_seen_on_bills() {
    let cases = [
        ("042026", Some((2026, 4))),
        ("62015", Some((2015, 6))),
        ("0521", Some((2021, 5))),
        ("202208", Some((2022, 8))),
        ("01.2024", Some((2024, 1))),
        ("1.2024", Some((2024, 1))),
        ("2024-01", Some((2024, 1))),
        ("11/24", Some((2024, 11))),
        ("15.03.2024", Some((2024, 3))),
        ("Март, 2021 г.", Some((2021, 3))),
        ("за ноябрь 2025 года", Some((2025, 11))),
        ("мая 2024", Some((2024, 5))),
        ("12", None),
        ("1324", None),
        ("", None),
        ("весна", None),
    ];
    for (text, expected) in cases {
        let expected = expected.map(|(y, m)| Period::new(y, m).unwrap());
        assert_eq!(parse_period(text), expected, "{text}");
    }
}

#[test]
fn sum_is_kopecks_unless_written_with_a_decimal_mark() {
    let cases: [(&str, Option<&str>, Option<QrWarning>); 9] = [
        ("100000", Some("1000.00"), None),
        ("0", Some("0.00"), None),
        (
            "3816.30",
            Some("3816.30"),
            Some(QrWarning::SumInRoubles {
                value: "3816.30".into(),
            }),
        ),
        (
            "3816,3",
            Some("3816.30"),
            Some(QrWarning::SumInRoubles {
                value: "3816,3".into(),
            }),
        ),
        (
            "1 000 00",
            Some("1000.00"),
            Some(QrWarning::SumCleaned {
                value: "1 000 00".into(),
            }),
        ),
        (
            "100000§",
            Some("1000.00"),
            Some(QrWarning::SumCleaned {
                value: "100000§".into(),
            }),
        ),
        (
            "12a",
            None,
            Some(QrWarning::InvalidSum {
                value: "12a".into(),
            }),
        ),
        (
            "1.2.3",
            None,
            Some(QrWarning::InvalidSum {
                value: "1.2.3".into(),
            }),
        ),
        (
            "9999999999999999999",
            None,
            Some(QrWarning::InvalidSum {
                value: "9999999999999999999".into(),
            }),
        ),
    ];
    for (text, expected, warning) in cases {
        let mut warnings = Vec::new();
        let got = parse_sum(text, &mut warnings);
        assert_eq!(got, expected.map(|e| e.parse::<Money>().unwrap()), "{text}");
        assert_eq!(warnings.last(), warning.as_ref(), "{text}");
    }
}

#[test]
fn header_variants_are_read_with_a_warning() {
    let cases: [(String, char, Option<Charset>, Vec<QrWarning>); 6] = [
        (format!("ST00012|{BASE}"), '|', Some(Charset::Utf8), vec![]),
        (
            format!("ST00012;{}", BASE.replace('|', ";")),
            ';',
            Some(Charset::Utf8),
            vec![],
        ),
        (
            format!("st00012|{BASE}"),
            '|',
            Some(Charset::Utf8),
            vec![QrWarning::HeaderCase {
                found: "st0001".into(),
            }],
        ),
        (
            format!("ST0001|{BASE}"),
            '|',
            None,
            vec![QrWarning::MissingEncodingDigit],
        ),
        (
            format!("ST00017|{BASE}"),
            '|',
            None,
            vec![QrWarning::UnknownEncodingDigit { digit: '7' }],
        ),
        (
            format!("ST00012{BASE}"),
            '|',
            Some(Charset::Utf8),
            vec![QrWarning::MissingSeparator],
        ),
    ];
    for (text, separator, declared, warnings) in cases {
        let qr = parse_text(&text).unwrap_or_else(|e| panic!("{text}: {e:?}"));
        assert_eq!(qr.separator, separator, "{text}");
        assert_eq!(qr.declared_encoding, declared, "{text}");
        assert_eq!(qr.warnings, warnings, "{text}");
        assert_eq!(qr.version, "0001");
        assert_eq!(qr.search().account.as_deref(), Some("42"), "{text}");
    }
}

#[test]
fn fields_without_a_header_are_still_a_payment() {
    let qr = parse_text(BASE).unwrap();
    assert_eq!(qr.warnings.first(), Some(&QrWarning::MissingHeader));
    assert_eq!(qr.payee_inn.as_deref(), Some("7700000000"));
    let qr = parse_text(&format!("garbage ST00012|{BASE}")).unwrap();
    assert_eq!(
        qr.warnings,
        vec![QrWarning::IgnoredPrefix {
            text: "garbage ".into()
        }]
    );
}

#[test]
fn codes_that_are_not_gost_say_what_they_are() {
    let cases = [
        (
            "https://qr.nspk.ru/AS1000670LSS7DN18SJQDNP4B05KLJL2?type=01&bank=100000000001",
            NotGostKind::SbpLink,
        ),
        (
            "t=20261125T1504&s=1234.00&fn=9289000100302311&i=12345&fp=1234567890&n=1",
            NotGostKind::FiscalReceipt,
        ),
        ("https://www.gosuslugi.ru/pay", NotGostKind::Url),
        ("www.example.ru", NotGostKind::Url),
        ("bank100000000111://pay?x=1", NotGostKind::Url),
        ("Hello, world", NotGostKind::Other),
        ("ST0002|Name=x", NotGostKind::Other),
    ];
    for (text, kind) in cases {
        let err = parse_text(text).unwrap_err();
        assert_eq!(err, QrError::NotGost(kind), "{text}");
        assert!(!err.message_ru().is_empty());
    }
    assert!(QrError::NotGost(NotGostKind::FiscalReceipt)
        .message_ru()
        .starts_with("Это QR-код чека об оплате, а не квитанции."));
    assert!(QrError::NotGost(NotGostKind::SbpLink)
        .message_ru()
        .starts_with("Это ссылка для оплаты через СБП"));
}

#[test]
fn a_header_with_nothing_after_it_has_no_fields() {
    for text in ["ST00012", "ST00012|", "ST00012|||", "ST00012|just text"] {
        assert_eq!(parse_text(text), Err(QrError::NoFields), "{text}");
    }
}

#[test]
fn the_first_non_empty_duplicate_wins() {
    let qr = parse_text("ST00012|PersAcc=|Name=УК|persAcc=77|PersAcc=88").unwrap();
    assert_eq!(qr.pers_acc.as_deref(), Some("77"));
    let duplicates: Vec<&QrWarning> = qr
        .warnings
        .iter()
        .filter(|w| matches!(w, QrWarning::DuplicateKey { .. }))
        .collect();
    assert_eq!(duplicates.len(), 2, "{:?}", qr.warnings);
}

#[test]
fn values_are_cleaned_of_entities_and_placeholders() {
    let qr = parse_text(
        "ST00012|Name=ООО &quot;УК&quot; &amp; Ко|PayeeINN=7700000000|LastName=-|FirstName={NAME}|Purpose=A=B=C",
    )
    .unwrap();
    assert_eq!(qr.name.as_deref(), Some("ООО \"УК\" & Ко"));
    assert_eq!(qr.last_name, None);
    assert_eq!(qr.first_name, None);
    assert_eq!(qr.purpose.as_deref(), Some("A=B=C"));
    assert!(qr
        .warnings
        .contains(&QrWarning::HtmlEntities { key: "Name".into() }));
}

#[test]
fn search_takes_accounts_in_order_and_skips_blanks() {
    let qr = parse_text(
        "ST00012|Name=УК|PayeeINN=0000000000|PersonalAccount=0000|Contract=Д-1|Phone=79990000000|Sum=0|CounterId=M1",
    )
    .unwrap();
    let search = qr.search();
    assert_eq!(search.payee_inn, None, "zeroed INN");
    assert_eq!(
        search.account.as_deref(),
        Some("Д-1"),
        "zeroed account skipped"
    );
    assert_eq!(search.amount, None, "zero sum suggests nothing");
    assert_eq!(search.counter, None, "a meter without a reading");
}

#[test]
fn nothing_to_search_by_is_an_error_with_a_russian_sentence() {
    let err = parse_text("ST00012|BIC=044525225|Purpose=Оплата").unwrap_err();
    assert_eq!(err, QrError::NoPayee);
    assert!(err.message_ru().contains("получател"));
    for e in [
        QrError::Empty,
        QrError::NoFields,
        QrError::NotGost(NotGostKind::Url),
    ] {
        assert!(e.message_ru().ends_with('.'));
    }
}

#[test]
fn serialises_for_the_command_line() {
    let qr = parse_text("ST00011|Name=УК|persAcc=1|Sum=12345|PaymPeriod=0426").unwrap();
    let json = serde_json::to_value(&qr).unwrap();
    assert_eq!(json["sum"], "123.45");
    assert_eq!(json["paym_period"], "2026-04");
    assert_eq!(json["declared_encoding"], "windows-1251");
    assert_eq!(json["warnings"][0]["kind"], "key_case");
    let err = serde_json::to_value(QrError::NotGost(NotGostKind::SbpLink)).unwrap();
    assert_eq!(
        err,
        serde_json::json!({"error": "not_gost", "kind": "sbp_link"})
    );
    for w in &qr.warnings {
        assert!(!w.message_ru().is_empty());
    }
}
