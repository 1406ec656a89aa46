//! Arithmetic on what a server sends never panics: arbitrary `BillDto` and `MeterDto` values (a
//! fee of 10^28 %, meters of 29 digits, readings at `Decimal::MAX`…) go through the conversion
//! to the domain, the общий счёт (compose, amounts, fees, totals, freeze) and the readings
//! (validation, roll-over, plausible consumption, cost preview). Each ends in a valid result or
//! a typed error. Bills are also composed *unchecked*, as a cache written by an older version
//! could hold them. A bounded `proptest` run, part of the normal test run.

use chrono::NaiveDate;
use ofis_api::{
    BillDto, FeeDto, MeterDto, MeterKindDto, PaymentRulesDto, Plausible, ServiceKindDto, TariffDto,
};
use ofis_domain::readings::{
    check_value, cost_preview, parse_reading, ReadingContext, ReadingError,
};
use ofis_domain::{
    AccountNumber, Bill, BillId, CombinedBill, CombinedError, Money, Period, ProviderId,
    PAYMENT_LIMIT,
};
use proptest::prelude::*;
use rust_decimal::Decimal;

const CASES: u32 = 512;

fn hostile_decimal() -> impl Strategy<Value = Decimal> {
    prop_oneof![
        Just(Decimal::from_i128_with_scale(10i128.pow(28), 0)),
        Just(Decimal::MAX),
        Just(Decimal::MIN),
        Just(Decimal::ZERO),
        Just(Decimal::NEGATIVE_ONE),
        Just(Decimal::ONE_HUNDRED),
        Just(Decimal::new(15, 1)),
        Just(Decimal::new(1, 28)),
        (any::<i64>(), 0u32..=28).prop_map(|(n, s)| Decimal::new(n, s)),
        (
            any::<u32>(),
            any::<u32>(),
            any::<u32>(),
            any::<bool>(),
            0u32..=28
        )
            .prop_map(|(lo, mid, hi, neg, s)| Decimal::from_parts(lo, mid, hi, neg, s)),
    ]
}

fn money() -> impl Strategy<Value = Money> {
    prop_oneof![
        Just(Money::ZERO),
        Just(Money::from_whole_roubles(1_000_000_000)),
        Just(PAYMENT_LIMIT),
        (0u64..=100_000_000_000).prop_map(|k| Money::from_kopecks(k).unwrap()),
        (0u64..=100_000).prop_map(|k| Money::from_kopecks(k).unwrap()),
    ]
}

fn bill_dto() -> impl Strategy<Value = BillDto> {
    (
        (0u8..6, 0u8..3, 0u8..3, 1u32..=12),
        (
            hostile_decimal(),
            money(),
            prop::option::of(money()),
            prop::option::of(money()),
        ),
        (any::<bool>(), money(), any::<bool>()),
    )
        .prop_map(
            |((id, provider, account, month), (percent, fee_min, min, max), (full, due, addr))| {
                BillDto {
                    id: format!("b-{id}"),
                    provider_id: format!("p-{provider}"),
                    provider_name: "Поставщик".into(),
                    service: ServiceKindDto::Internet,
                    service_name: String::new(),
                    account: format!("{account}"),
                    address_id: addr.then(|| "a-1".to_string()),
                    address_title: addr.then(|| "Адрес".to_string()),
                    period: Period::new(2026, month).unwrap(),
                    amount_due: due,
                    metered: false,
                    billed_by_gorod: false,
                    rules: PaymentRulesDto {
                        min,
                        max,
                        pay_in_full: full,
                        fee: FeeDto {
                            percent,
                            min: fee_min,
                        },
                    },
                }
            },
        )
}

/// The domain bill without the check, as an old cache could hold it.
fn unchecked(b: &BillDto) -> Bill {
    Bill {
        id: BillId(b.id.clone()),
        provider_id: ProviderId(b.provider_id.clone()),
        provider_name: b.provider_name.clone(),
        service: b.service.into(),
        service_name: b.service_name.clone(),
        account: AccountNumber(b.account.clone()),
        address_id: None,
        address_title: None,
        period: b.period,
        amount_due: b.amount_due,
        metered: b.metered,
        billed_by_gorod: b.billed_by_gorod,
        rules: b.rules.into(),
    }
}

/// Composes, edits, totals and freezes; asserts what must hold whatever the bills.
fn exercise(bills: Vec<Bill>, amounts: &[Money]) -> Result<(), TestCaseError> {
    let mut cb = CombinedBill::new();
    cb.add_all(bills);
    let ids: Vec<BillId> = cb.lines().iter().map(|l| l.bill.id.clone()).collect();
    for (id, amount) in ids.iter().zip(amounts) {
        let _ = cb.set_amount(id, *amount);
    }
    for line in cb.lines() {
        let _ = line.fee();
        let _ = line.checked_fee();
    }
    let (subtotal, fees, total) = (cb.subtotal(), cb.fees(), cb.total());
    let _ = cb.groups();
    match cb.checked_total() {
        Ok(exact) => {
            prop_assert_eq!(exact, total, "no saturation when the exact total exists");
            prop_assert_eq!(Money::new(subtotal.value() + fees.value()), Ok(total));
        }
        Err(e) => prop_assert!(matches!(e, CombinedError::AmountOutOfRange(_)), "{e:?}"),
    }
    match cb.freeze() {
        Ok(order) => {
            prop_assert!(order.total() <= PAYMENT_LIMIT);
            prop_assert_eq!(
                order.total().value(),
                order.subtotal().value() + order.fees().value()
            );
        }
        Err(
            CombinedError::NothingToPay
            | CombinedError::Rule(_)
            | CombinedError::AmountOutOfRange(_),
        ) => {}
        Err(e) => prop_assert!(false, "unexpected {e:?}"),
    }
    for id in &ids {
        let _ = cb.freeze_line(id);
    }
    Ok(())
}

fn meter_dto() -> impl Strategy<Value = MeterDto> {
    (
        (
            prop_oneof![0u8..=30, any::<u8>()],
            prop_oneof![0u8..=8, any::<u8>()],
        ),
        (prop::option::of(hostile_decimal()), hostile_decimal()),
        (
            any::<u8>(),
            any::<u8>(),
            prop::option::of(hostile_decimal()),
        ),
        (0i64..4000, any::<bool>()),
    )
        .prop_map(
            |((int, frac), (last, max), (from, to, price), (days_ago, banned))| MeterDto {
                id: "m-1".into(),
                account: "1".into(),
                provider_id: "p".into(),
                provider_name: "П".into(),
                service: ServiceKindDto::ColdWater,
                kind: MeterKindDto::ColdWater,
                zone: None,
                serial: "1".into(),
                integer_digits: int,
                fraction_digits: frac,
                last_value: last,
                last_date: Some(today() - chrono::Days::new(days_ago as u64)),
                max_monthly_consumption: max,
                group: None,
                ban_reason: banned.then(|| "Истёк срок поверки".to_string()),
                next_verification: None,
                window_from: from,
                window_to: to,
                payment_requires_readings: false,
                billed_by_gorod: true,
                unit: "м³".into(),
                tariff: price.map(|price| TariffDto {
                    provider_id: "p".into(),
                    service: ServiceKindDto::ColdWater,
                    unit: "м³".into(),
                    price,
                    zone: None,
                }),
            },
        )
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 20).unwrap()
}

fn typed_reading() -> impl Strategy<Value = String> {
    prop_oneof![
        "[0-9]{1,30}([.,][0-9]{0,10})?",
        Just("79228162514264337593543950335".to_string()),
        Just("0".to_string()),
        Just("0,1".to_string()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(CASES))]

    #[test]
    fn arbitrary_bills_convert_compose_total_and_freeze_without_panic(
        dtos in prop::collection::vec(bill_dto(), 0..8),
        amounts in prop::collection::vec(money(), 0..8),
    ) {
        let mut checked = Vec::new();
        for dto in &dtos {
            match Bill::try_from(dto.clone()) {
                Ok(bill) => {
                    prop_assert_eq!(dto.check(), Ok(()));
                    checked.push(bill);
                }
                Err(e) => prop_assert!(!e.message_ru().is_empty()),
            }
        }
        // Converted bills: every fee is money (at most 100 % of at most 10^9).
        for bill in &checked {
            let line = ofis_domain::Line::new(bill.clone());
            prop_assert!(line.checked_fee().is_ok(), "{:?}", bill.rules.fee);
        }
        exercise(checked, &amounts)?;
        exercise(dtos.iter().map(unchecked).collect(), &amounts)?;
    }

    #[test]
    fn arbitrary_meters_validate_readings_and_costs_without_panic(
        dto in meter_dto(),
        typed in typed_reading(),
        raw in hostile_decimal(),
        confirmed in any::<(bool, bool, bool)>(),
    ) {
        let plausible = dto.check().is_ok();
        let meter = dto.to_domain();
        let rollover = meter.precision.rollover_at();
        prop_assert_eq!(rollover.is_some(), meter.precision.integer_digits <= 28);
        let (with_payment, rolled, high) = confirmed;
        let mut ctx = if with_payment {
            ReadingContext::with_payment(today())
        } else {
            ReadingContext::without_payment(today())
        };
        if rolled { ctx = ctx.rollover_confirmed(); }
        if high { ctx = ctx.high_consumption_confirmed(); }
        let values = [parse_reading(&typed).ok(), Some(raw)];
        for value in values.into_iter().flatten() {
            let result = check_value(&meter, value, ctx);
            if plausible {
                // A meter the client lets through is always computable.
                prop_assert!(!matches!(result, Err(ReadingError::MeterOutOfRange)), "{result:?}");
            }
            match result {
                Ok(valid) => {
                    let used = valid.consumption.unwrap_or(value);
                    prop_assert!(!used.is_sign_negative() || used.is_zero());
                    if let Some(t) = &dto.tariff {
                        let _ = cost_preview(used, t.price);
                    }
                }
                Err(e) => prop_assert!(!e.message_ru().is_empty()),
            }
        }
        if let (Some(last), Some(t)) = (dto.last_value, &dto.tariff) {
            let _ = cost_preview(raw, t.price);
            let _ = raw.checked_sub(last).map(|c| cost_preview(c, t.price));
        }
    }
}
