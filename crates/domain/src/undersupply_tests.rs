use super::*;
use chrono::NaiveDate;
use rust_decimal_macros::dec;

fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(y, m, d)
        .unwrap()
        .and_hms_opt(h, min, 0)
        .unwrap()
}

fn rub(v: Decimal) -> Money {
    Money::new(v).unwrap()
}

fn period(y: i32, m: u32) -> Period {
    Period::new(y, m).unwrap()
}

#[test]
fn acts_name_the_services_the_rules_measure() {
    let table = [
        ("Горячее водоснабжение", Some(Supply::HotWater)),
        ("Холодное водоснабжение", Some(Supply::ColdWater)),
        ("Электроснабжение", Some(Supply::Electricity)),
        ("Отопление", Some(Supply::Heating)),
        ("  газоснабжение ", Some(Supply::Gas)),
        ("Вывоз ТКО", None),
        ("Содержание жилья", None),
    ];
    for (name, want) in table {
        assert_eq!(Supply::of_act(name), want, "{name}");
    }
    for kind in [
        ServiceKind::HotWater,
        ServiceKind::ColdWater,
        ServiceKind::Electricity,
        ServiceKind::Heating,
        ServiceKind::Gas,
    ] {
        let supply = Supply::of_bill(kind).unwrap();
        assert_eq!(Supply::of_act(kind.label_ru()), Some(supply), "{kind:?}");
    }
    assert_eq!(Supply::of_bill(ServiceKind::Sewage), None);
    assert_eq!(Supply::of_bill(ServiceKind::Housing), None);
}

/// (case, supply, acts, charge, excess hours, percent, amount)
type Case = (
    &'static str,
    Supply,
    Vec<(NaiveDateTime, NaiveDateTime)>,
    Decimal,
    i64,
    Decimal,
    Decimal,
);

#[test]
fn the_estimate_follows_the_rules_table() {
    let cases: Vec<Case> = vec![
        (
            "hot water 81 h (the sandbox's act): 73 h beyond 8",
            Supply::HotWater,
            vec![(at(2026, 12, 1, 9, 0), at(2026, 12, 4, 18, 0))],
            dec!(1000.00),
            73,
            dec!(10.95),
            dec!(109.50),
        ),
        (
            "within the allowed 8 h: nothing",
            Supply::ColdWater,
            vec![(at(2026, 12, 1, 9, 0), at(2026, 12, 1, 17, 0))],
            dec!(500.00),
            0,
            dec!(0),
            dec!(0),
        ),
        (
            "8 h 59 min: a part of an hour is not an hour",
            Supply::ColdWater,
            vec![(at(2026, 12, 1, 9, 0), at(2026, 12, 1, 17, 59))],
            dec!(500.00),
            0,
            dec!(0),
            dec!(0),
        ),
        (
            "two cold-water acts of a month are summed: 6 h + 6 h = 4 h beyond",
            Supply::ColdWater,
            vec![
                (at(2026, 12, 1, 9, 0), at(2026, 12, 1, 15, 0)),
                (at(2026, 12, 10, 9, 0), at(2026, 12, 10, 15, 0)),
            ],
            dec!(333.33),
            4,
            dec!(0.60),
            dec!(2.00),
        ),
        (
            "electricity: 24 h allowed",
            Supply::Electricity,
            vec![(at(2026, 12, 2, 8, 0), at(2026, 12, 3, 17, 0))],
            dec!(1234.56),
            9,
            dec!(1.35),
            dec!(16.67),
        ),
        (
            "heating: 24 h allowed",
            Supply::Heating,
            vec![(at(2026, 12, 1, 9, 0), at(2026, 12, 4, 18, 0))],
            dec!(2456.84),
            57,
            dec!(8.55),
            dec!(210.06),
        ),
        (
            "gas: 4 h allowed",
            Supply::Gas,
            vec![(at(2026, 12, 1, 9, 0), at(2026, 12, 1, 19, 30))],
            dec!(83.40),
            6,
            dec!(0.90),
            dec!(0.75),
        ),
        (
            "across a month's end, each month allows its own 8 h",
            Supply::HotWater,
            vec![(at(2026, 11, 30, 9, 0), at(2026, 12, 1, 18, 0))],
            dec!(1000.00),
            (15 - 8) + (18 - 8),
            dec!(2.55),
            dec!(25.50),
        ),
        (
            "a month without the service at all: the cut stops at the whole charge",
            Supply::ColdWater,
            vec![(at(2026, 12, 1, 0, 0), at(2027, 1, 1, 0, 0))],
            dec!(437.10),
            31 * 24 - 8,
            dec!(100),
            dec!(437.10),
        ),
        (
            "an act ending before it starts counts nothing",
            Supply::HotWater,
            vec![(at(2026, 12, 4, 9, 0), at(2026, 12, 1, 9, 0))],
            dec!(1000.00),
            0,
            dec!(0),
            dec!(0),
        ),
    ];
    for (case, supply, acts, charge, excess, percent, amount) in cases {
        let r = recalculation(supply, &acts, &acts, rub(charge));
        assert_eq!(r.excess_hours(), excess, "{case}: hours");
        assert_eq!(r.percent, percent, "{case}: percent");
        assert_eq!(r.amount, rub(amount), "{case}: amount");
        assert_eq!(r.monthly_charge, rub(charge), "{case}: charge");
    }
}

#[test]
fn past_acts_of_the_month_count_against_its_allowance() {
    let now = (at(2026, 12, 20, 9, 0), at(2026, 12, 20, 14, 0)); // 5 h: within 8 alone
    let earlier = (at(2026, 12, 3, 9, 0), at(2026, 12, 3, 14, 0)); // 5 h more
    let last_month = (at(2026, 11, 3, 0, 0), at(2026, 11, 6, 0, 0)); // another month
    let r = recalculation(
        Supply::HotWater,
        &[now],
        &[now, earlier, last_month],
        rub(dec!(1000)),
    );
    assert_eq!(
        r.months,
        vec![MonthExcess {
            period: period(2026, 12),
            hours: 10,
            excess: 2
        }]
    );
    assert_eq!(r.amount, rub(dec!(3.00)));
}

#[test]
fn an_act_ending_at_midnight_does_not_touch_the_next_month() {
    let act = (at(2026, 11, 29, 0, 0), at(2026, 12, 1, 0, 0));
    let r = recalculation(Supply::HotWater, &[act], &[act], rub(dec!(100)));
    assert_eq!(r.months.len(), 1);
    assert_eq!(r.months[0].period, period(2026, 11));
    assert_eq!(r.months[0].hours, 48);
}
