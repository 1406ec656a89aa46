//! Expectations for the corpus lines taken from other GOST parsers' test suites.

use super::corpus_tests::*;
use super::*;

/// Lines from if0ne, aserdobintsev, ofstudio, ayazzali, QRCoder and condo, by SOURCE.
pub(super) fn libraries() -> Vec<Expectation> {
    vec![
        ("#decoding_string_test", |p| {
            let qr = ok(p);
            assert_eq!(qr.name, s("ООО «Три кита»"));
            assert_eq!(qr.personal_acc, s("40702810138250123017"));
            assert_eq!(qr.bank_name, s("ОАО \"БАНК\""));
            assert_eq!(qr.bic, s("044525225"));
            assert_eq!(qr.corresp_acc, s("30101810400000000225"));
            assert_eq!(qr.declared_encoding, Some(Charset::Utf8));
            assert_eq!(qr.separator, '|');
            assert!(qr.warnings.is_empty(), "{:?}", qr.warnings);
        }),
        ("#decoding_example_test", |p| {
            let qr = ok(p);
            assert_eq!(qr.sum, rub("1000"));
            assert_eq!(qr.payer_address, s("г.Рязань ул.Ленина д.10 кв.15"));
            assert_eq!(qr.middle_name, s("Иванович"));
            assert_eq!(qr.search().payee_inn, s("6200098765"));
            assert!(qr.warnings.is_empty(), "{:?}", qr.warnings);
        }),
        ("#wrong_order_test", |p| {
            // A strict parser refuses this; the payment is perfectly clear, so it is read.
            let qr = ok(p);
            assert_eq!(qr.name, s("ООО «Три кита»"));
            assert_eq!(qr.personal_acc, s("40702810138250123017"));
            assert_eq!(qr.warnings, vec![QrWarning::RequiredOutOfOrder]);
        }),
        ("#strict_parser_test", |p| {
            // Only the bank's details: nothing names the payee or the payer's account.
            assert_eq!(p, &Err(QrError::NoPayee));
        }),
        ("#loose_parser_test", |p| {
            let qr = ok(p);
            assert_eq!(qr.name, s("ООО «Три кита»"));
            assert_eq!(qr.other, vec![("Тест".to_string(), "42".to_string())]);
            warns(qr, QrWarning::EmptySegment);
            warns(qr, QrWarning::TrailingSeparator);
            warns(
                qr,
                QrWarning::SegmentWithoutKey {
                    text: "fasfdsfsdfs".into(),
                },
            );
            for w in missing(&["PersonalAcc", "BankName", "BIC", "CorrespAcc"]) {
                warns(qr, w);
            }
        }),
        ("#testEndsWithSeparatorReturnNotNil", |p| {
            let qr = ok(p);
            assert_eq!(qr.corresp_acc, s("30101810400000000601"));
            assert_eq!(qr.warnings, vec![QrWarning::TrailingSeparator]);
        }),
        ("#testOtherFields", |p| {
            let qr = ok(p);
            assert_eq!(qr.pens_acc, s("116-973-385 89"));
            warns(
                qr,
                QrWarning::AliasKey {
                    found: "PensAccNo".into(),
                    key: "PensAcc".into(),
                },
            );
            assert_eq!(qr.paym_period, month(2015, 6), "MYYYY «62015»");
            assert_eq!(qr.personal_account, s("343-34-34"));
            assert_eq!(qr.payer_id_num, s("4666.1126"));
            assert_eq!(qr.class_num, s("5А"));
            assert_eq!(qr.add_amount, s("14155"));
            assert_eq!(qr.tech_code, s("5"));
            let search = qr.search();
            assert_eq!(search.account, s("40101810500000010001"), "PersAcc first");
            assert_eq!(search.counter, Some(("11".into(), "678".into())));
        }),
        ("#testCaseInsensitiveSubscriptFieldKeysNotNil", |p| {
            let qr = ok(p);
            assert_eq!(qr.name, s("ООО \"Ромашка\""));
            assert_eq!(qr.personal_acc, s("12345678901234567890"));
            assert_eq!(qr.corresp_acc, s("30101810400000000601"));
            assert_eq!(qr.last_name, s("Иванов И.И"));
            assert_eq!(qr.sum, rub("4567.89"));
            warns(qr, key_case("peRSonALacC", "PersonalAcc"));
            warns(qr, key_case("sUM", "Sum"));
            assert_eq!(qr.warnings.len(), 8, "{:?}", qr.warnings);
        }),
        ("win1251.txt", |p| {
            let qr = ok(p);
            assert_eq!(qr.declared_encoding, Some(Charset::Windows1251));
            assert_eq!(qr.sum, rub("1000"));
            assert!(qr.warnings.is_empty(), "{:?}", qr.warnings);
        }),
        ("#ExamplePayment_String", |p| {
            let qr = ok(p);
            assert_eq!(qr.name, s("АНО \"Танцующий Петербург\""));
            assert_eq!(qr.bank_name, s("ПАО \"БАНК \"САНКТ-ПЕТЕРБУРГ\""));
            assert_eq!(
                qr.purpose,
                s("Оплата за участие в Swing & Snow 2022 REG 6821320/1106")
            );
            assert_eq!(qr.kpp, s("780201001"));
            assert_eq!(qr.sum, rub("2250"));
        }),
        ("ayazzali/", |p| {
            let qr = ok(p);
            assert_eq!(qr.payee_inn, s("6200098765"));
            assert_eq!(qr.payer_address, s("г.Рязань ул.Ленина д.10, кв.15"));
            assert_eq!(qr.bank_name, s("OAO «БAHК»"), "values are not normalised");
            warns(
                qr,
                QrWarning::LookAlikeKey {
                    found: "PayeelNN".into(),
                    key: "PayeeINN".into(),
                },
            );
            warns(
                qr,
                QrWarning::LookAlikeKey {
                    found: "РауегАddress".into(),
                    key: "PayerAddress".into(),
                },
            );
            assert_eq!(qr.other, vec![("SomeNewReq".into(), "100".into())]);
            assert_eq!(
                qr.search().account,
                s("79101234567"),
                "Phone as the account"
            );
        }),
        ("#mandatory_fields", |p| {
            let qr = ok(p);
            assert_eq!(qr.corresp_acc, s("30101810965770000413"));
            assert_eq!(qr.warnings, vec![QrWarning::TrailingSeparator]);
        }),
        ("#some_additional_fields", |p| {
            let qr = ok(p);
            assert_eq!(
                qr.bank_name,
                s("=ОАО \"БАНК\""),
                "split at the first '=' only"
            );
            assert_eq!(qr.sum, rub("1250"));
            assert_eq!(qr.first_name, s("Raffael"));
        }),
        ("#all_additional_fields_pt1", |p| {
            let qr = ok(p);
            assert_eq!(qr.sum, rub("12.50"));
            assert_eq!(qr.cbc, s("CBC1"));
            assert_eq!(qr.child_fio, s("J Doe"));
            assert_eq!(qr.search().account, s("99"), "Contract when no PersAcc");
        }),
        ("#all_additional_fields_pt3", |p| {
            let qr = ok(p);
            assert_eq!(qr.payee_inn, s("INN1"));
            assert_eq!(qr.search().payee_inn, None, "not an INN's shape");
            assert_eq!(qr.pens_acc, s("SNILS_NO"));
            assert_eq!(qr.paym_period, None);
            warns(qr, QrWarning::InvalidPeriod { value: "12".into() });
        }),
        ("#all_additional_fields_pt4", |p| {
            let qr = ok(p);
            assert_eq!(
                qr.search().account,
                s("2222"),
                "PersAcc before PersonalAccount"
            );
            assert_eq!(qr.quitt_date, s("01.02.2021"));
        }),
        (
            "condo:apps/condo/domains/billing/utils/receiptQRCodeUtils.spec.js#TEST_STRING",
            |p| {
                let qr = ok(p);
                let search = qr.search();
                assert_eq!(search.payee_inn, s("0524967340"));
                assert_eq!(search.account, s("5018435412"));
                assert_eq!(search.amount, rub("123.51"));
                assert_eq!(qr.payer_address, s("ул.Ивана Спатара, д.14, кв.32"));
                warns(qr, key_case("persAcc", "PersAcc"));
            },
        ),
    ]
}
