use std::str::FromStr;

use chrono::NaiveDate;
use ofis_domain::{Money, Period};

use super::*;
use crate::bills::{FeeDto, ServiceKindDto};
use crate::readings::{MeterKindDto, ReadingSource};

fn dec(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn bill(percent: &str) -> BillDto {
    BillDto {
        id: "b-1".into(),
        provider_id: "p".into(),
        provider_name: "П".into(),
        service: ServiceKindDto::Internet,
        service_name: String::new(),
        account: "1".into(),
        address_id: None,
        address_title: None,
        period: Period::new(2026, 11).unwrap(),
        amount_due: Money::from_whole_roubles(100),
        metered: false,
        billed_by_gorod: false,
        rules: PaymentRulesDto {
            fee: FeeDto {
                percent: dec(percent),
                min: Money::ZERO,
            },
            ..PaymentRulesDto::default()
        },
    }
}

pub(crate) fn meter(digits: (u8, u8), last: Option<&str>, max: &str) -> MeterDto {
    MeterDto {
        id: "m-1".into(),
        account: "1".into(),
        provider_id: "p".into(),
        provider_name: "П".into(),
        service: ServiceKindDto::ColdWater,
        kind: MeterKindDto::ColdWater,
        zone: None,
        serial: "1".into(),
        integer_digits: digits.0,
        fraction_digits: digits.1,
        last_value: last.map(dec),
        last_date: NaiveDate::from_ymd_opt(2026, 10, 20),
        max_monthly_consumption: dec(max),
        group: None,
        ban_reason: None,
        next_verification: None,
        window_from: 15,
        window_to: 25,
        payment_requires_readings: false,
        billed_by_gorod: true,
        unit: "м³".into(),
        tariff: None,
    }
}

#[test]
fn fees_from_zero_to_a_hundred_percent_are_taken() {
    for ok in ["0", "1.5", "0.0001", "100", "-0"] {
        assert_eq!(bill(ok).check(), Ok(()), "{ok}");
        assert!(ofis_domain::Bill::try_from(bill(ok)).is_ok(), "{ok}");
    }
    for bad in ["10000000000000000000000000000", "100.01", "-1", "-0.0001"] {
        assert_eq!(
            ofis_domain::Bill::try_from(bill(bad)),
            Err(WireError::FeePercent("b-1".into())),
            "{bad}"
        );
    }
    let bills = AddressBills {
        address: crate::AddressDto {
            id: "a".into(),
            title: "t".into(),
            city: "c".into(),
            street: "s".into(),
            house: "1".into(),
            flat: None,
        },
        period: Period::new(2026, 11).unwrap(),
        bills: vec![bill("1"), bill("1000")],
    };
    assert!(bills.check().is_err(), "one absurd bill refuses the answer");
}

#[test]
fn meters_beyond_any_display_are_refused() {
    assert_eq!(meter((5, 3), Some("12345.678"), "15").check(), Ok(()));
    assert_eq!(meter((15, 6), None, "0").check(), Ok(()));
    let digits = [(29, 0), (0, 0), (16, 0), (5, 7), (255, 255)];
    for d in digits {
        assert_eq!(
            meter(d, None, "15").check(),
            Err(WireError::MeterDigits("m-1".into())),
            "{d:?}"
        );
    }
    for (last, max) in [
        (Some("100000"), "15"),
        (Some("-1"), "15"),
        (None, "100001"),
        (None, "-5"),
        (Some("79228162514264337593543950335"), "15"),
    ] {
        assert_eq!(
            meter((5, 3), last, max).check(),
            Err(WireError::MeterValue("m-1".into())),
            "{last:?} {max}"
        );
    }
    for (from, to) in [(0, 25), (15, 32), (20, 10), (255, 255)] {
        let mut m = meter((5, 3), None, "15");
        (m.window_from, m.window_to) = (from, to);
        assert_eq!(m.check(), Err(WireError::MeterWindow("m-1".into())));
    }
    let mut m = meter((5, 3), None, "15");
    m.tariff = Some(TariffDto {
        provider_id: "p".into(),
        service: ServiceKindDto::ColdWater,
        unit: "м³".into(),
        price: dec("1000000.01"),
        zone: None,
    });
    assert_eq!(m.check(), Err(WireError::Price("m-1".into())));
}

#[test]
fn readings_are_not_negative_nor_beyond_fifteen_digits() {
    let reading = |v: &str| ReadingDto {
        id: "r".into(),
        meter_id: "m".into(),
        value: dec(v),
        date: NaiveDate::from_ymd_opt(2026, 11, 20).unwrap(),
        source: ReadingSource::WithPayment,
    };
    assert_eq!(reading("0").check(), Ok(()));
    assert_eq!(reading("999999999999999.999").check(), Ok(()));
    for bad in ["-0.1", "1000000000000000", "79228162514264337593543950335"] {
        assert_eq!(reading(bad).check(), Err(WireError::Reading("r".into())));
    }
}

#[test]
fn every_refusal_has_a_russian_sentence() {
    for e in [
        WireError::FeePercent("x".into()),
        WireError::MeterDigits("x".into()),
        WireError::MeterValue("x".into()),
        WireError::MeterWindow("x".into()),
        WireError::Price("x".into()),
        WireError::Reading("x".into()),
    ] {
        let text = e.message_ru();
        assert!(
            text.starts_with("Сервер прислал неверные данные ("),
            "{text}"
        );
    }
}
