//! Tables of reading cases: the manual's «0» rule, precision, roll-over, plausibility, bans,
//! groups, multi-tariff registers, windows and the cost preview.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

use super::*;

pub(super) fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

pub(super) fn today() -> NaiveDate {
    day(2026, 11, 20)
}

/// A cold-water meter: 5 digits before the comma, 3 after, last read a month ago at 123.456.
pub(super) fn water() -> Meter {
    Meter {
        id: MeterId::from("m-cold"),
        kind: MeterKind::ColdWater,
        zone: None,
        serial: "12345678".into(),
        precision: Precision {
            integer_digits: 5,
            fraction_digits: 3,
        },
        last: Some(LastReading {
            value: dec!(123.456),
            date: day(2026, 10, 20),
        }),
        max_monthly_consumption: dec!(15),
        group: None,
        ban: None,
        next_verification: Some(day(2030, 1, 1)),
        window: RECOMMENDED_WINDOW,
        payment_requires_readings: false,
    }
}

/// One register of a two- or three-tariff electricity meter, whole kWh only.
pub(super) fn electricity(zone: TariffZone, last: Decimal) -> Meter {
    Meter {
        id: MeterId(format!("m-el-{zone:?}")),
        kind: MeterKind::Electricity,
        zone: Some(zone),
        serial: "0456789".into(),
        precision: Precision {
            integer_digits: 6,
            fraction_digits: 0,
        },
        last: Some(LastReading {
            value: last,
            date: day(2026, 10, 22),
        }),
        max_monthly_consumption: dec!(600),
        group: Some("el-0456789".into()),
        window: AcceptanceWindow {
            first_day: 20,
            last_day: 26,
        },
        ..water()
    }
}

#[test]
fn typed_readings_parse_like_people_write_them() {
    let cases = [
        ("123,45", Ok(dec!(123.45))),
        ("123.45", Ok(dec!(123.45))),
        ("0,1", Ok(dec!(0.1))),
        (" 1 234,5 ", Ok(dec!(1234.5))),
        ("0", Ok(dec!(0))),
        (",5", Ok(dec!(0.5))),
        ("", Err(ReadingError::Empty)),
        ("   ", Err(ReadingError::Empty)),
        ("-1", Err(ReadingError::Negative)),
        ("12,3,4", Err(ReadingError::NotANumber)),
        ("12a", Err(ReadingError::NotANumber)),
        ("1e5", Err(ReadingError::NotANumber)),
        (",", Err(ReadingError::NotANumber)),
        ("1234567890123456789012345", Err(ReadingError::NotANumber)),
    ];
    for (typed, expected) in cases {
        assert_eq!(parse_reading(typed), expected, "{typed:?}");
    }
}

#[test]
fn reading_cases_for_a_water_meter() {
    let pay = ReadingContext::with_payment(today());
    let free = ReadingContext::without_payment(today());
    let water_from = |last: Option<Decimal>| Meter {
        last: last.map(|value| LastReading {
            value,
            date: day(2026, 10, 20),
        }),
        ..water()
    };
    type Case = (
        &'static str,
        Meter,
        &'static str,
        ReadingContext,
        Result<Decimal, ReadingError>,
    );
    let cases: Vec<Case> = vec![
        (
            "the manual's «0» rule",
            water_from(None),
            "0",
            pay,
            Err(ReadingError::ZeroWithPayment),
        ),
        (
            "«0,1» goes with a payment",
            water_from(None),
            "0,1",
            pay,
            Ok(dec!(0.1)),
        ),
        (
            "0 without payment for a new meter",
            water_from(None),
            "0",
            free,
            Ok(dec!(0)),
        ),
        (
            "same value as last time",
            water(),
            "123,456",
            pay,
            Ok(dec!(123.456)),
        ),
        ("a month's usage", water(), "130", pay, Ok(dec!(130))),
        (
            "trailing zeros are not precision",
            water(),
            "130,4500",
            pay,
            Ok(dec!(130.45)),
        ),
        (
            "too many decimals",
            water(),
            "130,4567",
            pay,
            Err(ReadingError::TooPrecise { max: 3 }),
        ),
        (
            "too many digits",
            water(),
            "123456",
            pay,
            Err(ReadingError::TooManyDigits { max: 5 }),
        ),
        (
            "below the previous one",
            water(),
            "100",
            pay,
            Err(ReadingError::NeedsRolloverConfirmation {
                previous: dec!(123.456),
            }),
        ),
        (
            "zero below the previous one without payment",
            water(),
            "0",
            free,
            Err(ReadingError::NeedsRolloverConfirmation {
                previous: dec!(123.456),
            }),
        ),
        (
            "above the plausible month",
            water(),
            "200",
            pay,
            Err(ReadingError::NeedsConfirmation {
                consumption: dec!(76.544),
                plausible: dec!(15),
            }),
        ),
        (
            "confirmed high usage",
            water(),
            "200",
            pay.high_consumption_confirmed(),
            Ok(dec!(200)),
        ),
        (
            "not a number",
            water(),
            "сто",
            pay,
            Err(ReadingError::NotANumber),
        ),
    ];
    for (name, meter, typed, ctx, expected) in cases {
        let got = validate_reading(&meter, typed, ctx).map(|v| v.value);
        assert_eq!(got, expected, "{name}");
    }
}

#[test]
fn a_confirmed_rollover_counts_from_the_top_of_the_display() {
    let meter = Meter {
        last: Some(LastReading {
            value: dec!(99990),
            date: day(2026, 10, 20),
        }),
        ..water()
    };
    let ctx = ReadingContext::with_payment(today()).rollover_confirmed();
    let valid = validate_reading(&meter, "4,5", ctx).unwrap();
    assert!(valid.rolled_over);
    assert_eq!(valid.consumption, Some(dec!(14.5)));
    // A "roll-over" that means 99 990 m³ in a month is a typo: it still asks.
    let typo = validate_reading(&water(), "100", ctx).unwrap_err();
    assert!(
        matches!(typo, ReadingError::NeedsConfirmation { .. }),
        "{typo:?}"
    );
}

#[test]
fn plausible_consumption_grows_with_the_months_since_the_last_reading() {
    let quarter_ago = Meter {
        last: Some(LastReading {
            value: dec!(100),
            date: day(2026, 8, 15),
        }),
        ..water()
    };
    let ctx = ReadingContext::with_payment(today());
    assert!(
        validate_reading(&quarter_ago, "140", ctx).is_ok(),
        "40 ≤ 3 × 15"
    );
    assert!(
        validate_reading(&quarter_ago, "150", ctx).is_err(),
        "50 > 3 × 15"
    );
}

#[test]
fn banned_meters_and_overdue_verification_refuse_entry_with_the_reason() {
    let ctx = ReadingContext::with_payment(today());
    let banned = Meter {
        ban: Some("Истёк срок поверки".into()),
        ..water()
    };
    let err = validate_reading(&banned, "130", ctx).unwrap_err();
    assert_eq!(
        err,
        ReadingError::Banned {
            reason: "Истёк срок поверки".into()
        }
    );
    assert!(err.message_ru().contains("Истёк срок поверки"));
    let overdue = Meter {
        next_verification: Some(day(2026, 11, 1)),
        ..water()
    };
    let err = validate_reading(&overdue, "130", ctx).unwrap_err();
    assert_eq!(
        err.message_ru(),
        "Показания по этому счётчику не принимаются: Истёк срок поверки (01.11.2026)"
    );
}

#[test]
fn messages_are_russian_sentences() {
    let errors = [
        ReadingError::Empty,
        ReadingError::NotANumber,
        ReadingError::Negative,
        ReadingError::ZeroWithPayment,
        ReadingError::TooManyDigits { max: 5 },
        ReadingError::TooPrecise { max: 3 },
        ReadingError::TooPrecise { max: 1 },
        ReadingError::NeedsRolloverConfirmation {
            previous: dec!(123.456),
        },
        ReadingError::NeedsConfirmation {
            consumption: dec!(76.5),
            plausible: dec!(15),
        },
    ];
    for e in errors {
        let m = e.message_ru();
        assert!(m.chars().any(|c| ('а'..='я').contains(&c)), "{m}");
    }
    assert!(ReadingError::ZeroWithPayment.message_ru().contains("«0,1»"));
    assert_eq!(
        ReadingError::TooPrecise { max: 1 }.message_ru(),
        "У этого счётчика не больше 1 цифры после запятой"
    );
    assert!(ReadingError::NeedsRolloverConfirmation {
        previous: dec!(123.456)
    }
    .message_ru()
    .contains("123,456"));
}

proptest::proptest! {
    #[test]
    fn parsing_never_panics(s in ".{0,40}") {
        let _ = parse_reading(&s);
        let _ = validate_reading(&water(), &s, ReadingContext::with_payment(today()));
    }

    #[test]
    fn an_accepted_reading_never_goes_below_the_previous_unless_rolled_over(
        thousandths in 0u64..99_999_999,
        with_payment: bool,
        confirm: bool,
    ) {
        let value = Decimal::new(thousandths as i64, 3);
        let mut ctx = if with_payment {
            ReadingContext::with_payment(today())
        } else {
            ReadingContext::without_payment(today())
        };
        if confirm {
            ctx = ctx.rollover_confirmed().high_consumption_confirmed();
        }
        let typed = decimal_ru(value);
        if let Ok(valid) = validate_reading(&water(), &typed, ctx) {
            proptest::prop_assert_eq!(valid.value, value);
            proptest::prop_assert!(!(with_payment && value.is_zero()));
            let used = valid.consumption.unwrap();
            proptest::prop_assert!(used >= Decimal::ZERO);
            proptest::prop_assert_eq!(valid.rolled_over, value < dec!(123.456));
            proptest::prop_assert!(confirm || used <= dec!(15));
        }
    }
}
