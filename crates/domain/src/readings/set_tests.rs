//! Tables of cases over sets of readings and around them: multi-tariff registers sent together,
//! groups, providers that require readings, acceptance windows and the cost preview.

use rust_decimal::Decimal;
use rust_decimal_macros::dec;

use super::tests::{day, electricity, today, water};
use super::*;

#[test]
fn multi_tariff_registers_are_validated_each_and_sent_together() {
    let t1 = electricity(TariffZone::T1, dec!(5210));
    let t2 = electricity(TariffZone::T2, dec!(2104));
    let t3 = electricity(TariffZone::T3, dec!(880));
    let ctx = ReadingContext::with_payment(today());
    assert_eq!(
        validate_reading(&t1, "5400", ctx).unwrap().consumption,
        Some(dec!(190))
    );
    assert_eq!(
        validate_reading(&t2, "2104", ctx).unwrap().consumption,
        Some(dec!(0))
    );
    assert_eq!(
        validate_reading(&t2, "2200,5", ctx),
        Err(ReadingError::TooPrecise { max: 0 })
    );
    assert_eq!(
        ReadingError::TooPrecise { max: 0 }.message_ru(),
        "Этот счётчик показывает только целые числа, без запятой"
    );
    assert_eq!(t2.title_ru(), "Электроэнергия T2 (ночь) № 0456789");

    let meters = [t1.clone(), t2.clone(), t3.clone()];
    let ids = |ms: &[&Meter]| ms.iter().map(|m| m.id.clone()).collect::<Vec<_>>();
    assert_eq!(
        check_entries(&meters, &ids(&[&t1, &t2, &t3]), today(), true),
        Ok(())
    );
    assert_eq!(
        check_entries(&meters, &[], today(), true),
        Ok(()),
        "none of a group is fine"
    );
    let err = check_entries(&meters, &ids(&[&t1]), today(), true).unwrap_err();
    let EntryError::GroupIncomplete { group, missing } = &err else {
        panic!("{err:?}")
    };
    assert_eq!(group, "el-0456789");
    assert_eq!(
        missing.iter().map(|m| m.id.clone()).collect::<Vec<_>>(),
        ids(&[&t2, &t3])
    );
    assert!(
        err.message_ru().contains("T3 (полупик)"),
        "{}",
        err.message_ru()
    );
}

#[test]
fn set_rules_cover_required_readings_strangers_duplicates_and_banned_group_members() {
    let required = Meter {
        payment_requires_readings: true,
        ..water()
    };
    let banned_required = Meter {
        id: MeterId::from("m-old"),
        ban: Some("Истёк срок поверки".into()),
        payment_requires_readings: true,
        ..water()
    };
    let meters = [required.clone(), banned_required];
    let err = check_entries(&meters, &[], today(), true).unwrap_err();
    assert_eq!(
        err,
        EntryError::ReadingsRequired {
            missing: vec![MissingMeter {
                id: required.id.clone(),
                title: "ХВС № 12345678".into()
            }]
        },
        "a banned meter is never required"
    );
    assert!(err
        .message_ru()
        .starts_with("Поставщик принимает оплату только с показаниями"));
    assert_eq!(
        check_entries(&meters, &[], today(), false),
        Ok(()),
        "without payment nothing is required"
    );
    assert_eq!(
        check_entries(&meters, std::slice::from_ref(&required.id), today(), true),
        Ok(())
    );
    assert_eq!(
        check_entries(&meters, &[MeterId::from("elsewhere")], today(), false),
        Err(EntryError::UnknownMeter(MeterId::from("elsewhere")))
    );
    assert_eq!(
        check_entries(
            &meters,
            &[required.id.clone(), required.id.clone()],
            today(),
            true
        ),
        Err(EntryError::Duplicate(required.id.clone()))
    );
    // A banned member does not make its group impossible to send.
    let kitchen = Meter {
        group: Some("water".into()),
        ..water()
    };
    let bath = Meter {
        id: MeterId::from("m-bath"),
        ban: Some("Пломба нарушена".into()),
        ..kitchen.clone()
    };
    assert_eq!(
        check_entries(
            &[kitchen.clone(), bath],
            std::slice::from_ref(&kitchen.id),
            today(),
            true
        ),
        Ok(())
    );
}

#[test]
fn outside_the_window_is_a_warning_with_the_recommended_window() {
    let t1 = electricity(TariffZone::T1, dec!(5210));
    let early = ReadingContext::with_payment(day(2026, 11, 5));
    let valid = validate_reading(&t1, "5300", early).unwrap();
    assert_eq!(
        valid.warnings,
        [ReadingWarning::OutsideWindow {
            window: AcceptanceWindow {
                first_day: 20,
                last_day: 26
            }
        }]
    );
    assert_eq!(
        valid.warnings[0].message_ru(),
        "Поставщик принимает показания с 20 по 26 число; переданные сегодня показания могут быть не учтены. \
         Рекомендуем передавать показания с 15 по 25 число"
    );
    assert!(
        validate_reading(&t1, "5300", ReadingContext::with_payment(day(2026, 11, 26)))
            .unwrap()
            .warnings
            .is_empty()
    );
    assert_eq!(window_warning(&water(), day(2026, 11, 25)), None);
    assert!(window_warning(&water(), day(2026, 11, 26)).is_some());
    assert!(AcceptanceWindow::WHOLE_MONTH.contains(day(2026, 2, 28)));
}

#[test]
fn cost_preview_rounds_to_the_kopeck() {
    let cases = [
        (dec!(6.544), dec!(43.71), "286.04"),
        (dec!(190), dec!(6.18), "1174.20"),
        (dec!(0), dec!(6.18), "0.00"),
        (dec!(0.005), dec!(1), "0.01"),
    ];
    for (consumption, price, expected) in cases {
        assert_eq!(
            cost_preview(consumption, price).unwrap().to_string(),
            expected
        );
    }
    assert!(cost_preview(Decimal::MAX, dec!(2)).is_err());
    assert!(cost_preview(dec!(-1), dec!(2)).is_err());
}
