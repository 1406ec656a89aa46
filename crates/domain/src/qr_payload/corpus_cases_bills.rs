//! Expectations for the corpus lines taken from real bills, apps and their tests.

use super::corpus_tests::*;
use super::*;

/// Lines from real bills and the apps that scan them, by SOURCE.
pub(super) fn bills() -> Vec<Expectation> {
    vec![
        ("71475528770) receipt.test.ts#REAL_QR", |p| {
            let qr = ok(p);
            assert_eq!(qr.payer_inn, None);
            warns(
                qr,
                QrWarning::EmptyValue {
                    key: "PayerINN".into(),
                },
            );
            assert_eq!(qr.paym_period, month(2026, 4), "MMYYYY");
            assert_eq!(qr.category, s("001"));
            let search = qr.search();
            assert_eq!(search.account, s("987654331"));
            assert_eq!(search.amount, rub("3816.30"));
        }),
        ("70887309332", |p| {
            let search = ok(p).search();
            assert_eq!(search.payee_inn, s("6163123641"));
            assert_eq!(search.account, s("550016912"));
            assert_eq!(search.amount, rub("2500"));
        }),
        ("19071131653", |p| {
            let qr = ok(p);
            assert_eq!(qr.name, s("ООО \"ИВЦ-Ижевск\""));
            assert_eq!(qr.paym_period, month(2021, 5), "MMYY");
            assert_eq!(qr.uin, s("20МВ875415-07-1051"));
            assert_eq!(qr.tech_code, s("02"));
            assert_eq!(qr.search().account, s("210042076"));
            assert_eq!(qr.sum, rub("2994.41"));
        }),
        (
            "48133929138) Yii2 qrcode widget demo [Мосэнергосбыт",
            |p| {
                let qr = ok(p);
                assert_eq!(qr.paym_period, month(2021, 2));
                assert_eq!(qr.reg_type, s("6"));
                assert_eq!(qr.tech_code, s("02"));
                assert_eq!(qr.search().account, s("2287008779"));
                assert_eq!(qr.sum, rub("610.69"));
            },
        ),
        ("6683593613", |p| {
            let qr = ok(p);
            assert_eq!(qr.purpose, s("лс 110110581 ЭЭ"));
            warns(
                qr,
                QrWarning::ValueWhitespace {
                    key: "Purpose".into(),
                },
            );
            let vendor: Vec<&str> = qr.other.iter().map(|(k, _)| k.as_str()).collect();
            assert_eq!(vendor, ["KSK_PeriodPok", "KSK_Type", "Amount"]);
            assert_eq!(qr.sum, rub("666.71"), "vendor Amount does not override Sum");
            assert_eq!(qr.paym_period, None, "vendor period key is not PaymPeriod");
        }),
        ("3924191682) separatedStringWithAbNum", |p| {
            let qr = ok(p);
            assert_eq!(qr.other, vec![("numAbo".into(), "33694934".into())]);
            assert_eq!(qr.search().account, s("33694934"));
        }),
        ("3924191682) separatedString", |p| {
            let qr = ok(p);
            assert_eq!(qr.search().account, s("33694934"), "Contract");
            assert_eq!(qr.service_name, s("114323159985"));
            assert!(qr.warnings.is_empty(), "{:?}", qr.warnings);
        }),
        ("3993726613", |p| {
            let qr = ok(p);
            assert_eq!(qr.corresp_acc, s("0"), "treasury payees write 0");
            assert!(!qr
                .warnings
                .iter()
                .any(|w| matches!(w, QrWarning::Malformed { .. })));
            assert_eq!(qr.uin, s("0349347501810000000132623"));
            assert_eq!(qr.contract, s("1069-ДО"));
            assert_eq!(qr.child_fio, s("Калинин Никита Васильевич"));
            assert_eq!(qr.drawer_status, s("24"));
            assert_eq!(qr.oktmo, s("45396000"));
            assert_eq!(qr.search().account, s("09020"), "PersAcc before Contract");
            warns(qr, key_case("uin", "UIN"));
        }),
        ("17552750358", |p| {
            let qr = ok(p);
            warns(
                qr,
                QrWarning::ScannerPrefix {
                    prefix: "\\000026".into(),
                    eci: Some(26),
                },
            );
            assert_eq!(qr.name, s("Рога и копыта"));
            assert_eq!(qr.sum, rub("123"));
            assert_eq!(qr.search().payee_inn, None, "a zeroed INN is a blank");
            warns(
                qr,
                QrWarning::Malformed {
                    key: "BIC".into(),
                    value: "00000000".into(),
                },
            );
        }),
        ("QRCode.qrPersAcc", |p| {
            let qr = ok(p);
            assert_eq!(qr.bank_name, s("АО  \"АЛЬФА-БАНК\" г. Москва"));
            assert_eq!(qr.last_name, None);
            warns(
                qr,
                QrWarning::EmptyValue {
                    key: "LastName".into(),
                },
            );
            assert_eq!(qr.paym_period, month(2024, 1), "MM.YYYY");
            assert_eq!(qr.add_amount, s("0"));
            assert_eq!(qr.search().account, s("502045019"));
        }),
        ("QRCode.qrPhone", |p| {
            let search = ok(p).search();
            assert_eq!(search.account, s("+79995554433"));
            assert_eq!(search.amount, rub("3832.96"));
        }),
        ("QRResolverTests qr1", |p| {
            let qr = ok(p);
            assert_eq!(qr.search().payee_inn, s("1234567890"));
            assert_eq!(qr.service_name, s("3006"));
            for w in missing(&["Name", "PersonalAcc", "BankName", "BIC", "CorrespAcc"]) {
                warns(qr, w);
            }
        }),
        ("qrResolveURLCustom1", |p| {
            let qr = ok(p);
            assert_eq!(
                qr.name,
                s("АО Управляющая орг"),
                "cut at the last whole letter"
            );
            assert_eq!(qr.decoded_as, Some(Charset::Utf8));
            warns(qr, QrWarning::PercentEncoded);
            warns(qr, QrWarning::Truncated);
        }),
        ("35985980938) Laravel routes/web.php [ИП", |p| {
            let qr = ok(p);
            assert_eq!(qr.payee_inn, s("502712853694"), "12-digit INN");
            assert_eq!(qr.search().payee_inn, s("502712853694"));
            assert_eq!(qr.sum, rub("3500"));
        }),
        ("СКБ Контур", |p| {
            let qr = ok(p);
            assert_eq!(qr.last_name, None);
            assert_eq!(qr.payer_address, None);
            for key in ["LastName", "FirstName", "MiddleName", "PayerAddress"] {
                warns(
                    qr,
                    QrWarning::Placeholder {
                        key: key.into(),
                        value: ".".into(),
                    },
                );
            }
            assert_eq!(qr.sum, rub("1400"));
            assert_eq!(qr.search().account, s("1993016789"));
        }),
        ("BankName >45 chars", |p| {
            let qr = ok(p);
            warns(
                qr,
                QrWarning::TooLong {
                    key: "BankName".into(),
                    len: 84,
                    max: 45,
                },
            );
            assert_eq!(qr.payer_address, s("Москва, Оболенский пер.10 стр1"));
            assert_eq!(qr.kpp, s("01001"));
        }),
        ("48318544374", |p| {
            let qr = ok(p);
            assert_eq!(qr.paym_period, month(2021, 3), "«Март, 2021 г.»");
            assert_eq!(qr.purpose, s("Оплата за март 2021 г.ВН"));
            assert_eq!(qr.oktmo, None);
            warns(
                qr,
                QrWarning::AliasKey {
                    found: "OKATO".into(),
                    key: "OKTMO".into(),
                },
            );
            assert_eq!(qr.personal_acc, s("03224643450000007300"));
            assert_eq!(qr.corresp_acc, s("40102810545370000003"));
            assert_eq!(qr.class_num, s("Веселые нотки"));
            assert!(!qr
                .warnings
                .iter()
                .any(|w| matches!(w, QrWarning::Malformed { .. })));
        }),
        ("48614569872", |p| {
            let qr = ok(p);
            assert_eq!(qr.personal_acc, s("03224643450000007300"), "first wins");
            warns(
                qr,
                QrWarning::DuplicateKey {
                    key: "PersonalAcc".into(),
                    ignored: "0322464345".into(),
                },
            );
            assert_eq!(qr.oktmo, s("45367000"), "Cyrillic ОКТМО");
            warns(
                qr,
                QrWarning::LookAlikeKey {
                    found: "ОКТМО".into(),
                    key: "OKTMO".into(),
                },
            );
            assert_eq!(qr.search().account, None);
        }),
        ("Name > 160 chars", |p| {
            let qr = ok(p);
            assert_eq!(qr.name.as_ref().map(|n| n.chars().count()), Some(164));
            warns(
                qr,
                QrWarning::TooLong {
                    key: "Name".into(),
                    len: 164,
                    max: 160,
                },
            );
            assert_eq!(qr.personal_acc, s("03224643450000007300"));
        }),
        ("#filled [26-digit UIN]", |p| {
            let qr = ok(p);
            assert_eq!(qr.uin, s("78123456789120004090125050"));
            assert_eq!(qr.sum, rub("1000"));
        }),
        ("#empty [all required keys present, empty values]", |p| {
            assert_eq!(p, &Err(QrError::NoPayee));
        }),
        ("Sum with decimal point", |p| {
            let qr = ok(p);
            assert_eq!(qr.sum, rub("3816.30"), "roubles, not 38.16");
            warns(
                qr,
                QrWarning::SumInRoubles {
                    value: "3816.30".into(),
                },
            );
            assert_eq!(qr.search().payee_name, s("УК"));
        }),
        ("16899512407", |p| {
            let qr = ok(p);
            assert_eq!(qr.personal_acc, s("40102810145370000048"));
            warns(
                qr,
                QrWarning::KeyWhitespace {
                    key: "PersonalAcc".into(),
                },
            );
            assert_eq!(qr.corresp_acc, s("00000000000000000000"));
            assert_eq!(qr.payer_id_type, s("ПАСПОРТ РФ"));
            assert_eq!(qr.last_name, None, "template slot [PLAT]");
            assert_eq!(qr.sum, None, "template slot [SUMMA]");
        }),
        ("70421957170", |p| {
            let search = ok(p).search();
            assert_eq!(search.payee_name, s("ООО \"УК Пример\""));
            assert_eq!(search.payee_inn, s("7700000000"));
            assert_eq!(search.account, s("12345678"));
            assert_eq!(search.amount, rub("5123.45"));
            assert_eq!(search.period, month(2026, 9));
        }),
        ("391727751", |p| {
            let qr = ok(p);
            assert_eq!(qr.sum, rub("969932"));
            assert_eq!(qr.last_name, s("Иванов Иван Иванович"));
            warns(qr, key_case("SUM", "Sum"));
        }),
        ("68409811961", |p| {
            let qr = ok(p);
            assert_eq!(qr.search().account, s("8899001122"));
            assert_eq!(qr.search().payee_name, s("ООО УК СЕВЕРНЫЙ ВЕТЕР"));
            for w in missing(&["BankName", "CorrespAcc"]) {
                warns(qr, w);
            }
        }),
        ("71531765755", |p| {
            let qr = ok(p);
            assert_eq!(qr.search().account, s("0000000012"));
            assert_eq!(qr.name, s("Демо-УК"));
        }),
        ("34677612124", |p| {
            let qr = ok(p);
            assert_eq!(qr.payer_address, s("Цветочная"));
            assert_eq!(qr.sum, rub("3540.45"));
            assert_eq!(qr.search().payee_inn, s("524926002383"));
        }),
        ("61304637334", |p| {
            let qr = ok(p);
            assert_eq!(qr.personal_acc, s("40802810168000012345"));
            assert_eq!(qr.warnings, missing(&["BankName", "BIC", "CorrespAcc"]));
        }),
    ]
}
