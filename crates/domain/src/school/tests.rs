//! Tables of cases for the school rules.

use chrono::{DateTime, NaiveDate, NaiveTime, TimeZone, Utc};
use rust_decimal_macros::dec;

use super::*;
use crate::{tz, Money};

fn d(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

/// A local time in Asia/Yekaterinburg.
fn at(day: &str, hh: u32, mm: u32) -> DateTime<Utc> {
    tz::offset()
        .from_local_datetime(&d(day).and_hms_opt(hh, mm, 0).unwrap())
        .single()
        .unwrap()
        .to_utc()
}

fn rub(value: rust_decimal::Decimal) -> Money {
    Money::new(value).unwrap()
}

#[test]
fn school_days_are_monday_to_friday() {
    // 2026-11-23 is a Monday.
    let week: Vec<bool> = d("2026-11-23")
        .iter_days()
        .take(7)
        .map(is_school_day)
        .collect();
    assert_eq!(week, [true, true, true, true, true, false, false]);
    assert_eq!(previous_school_day(d("2026-11-30")), Some(d("2026-11-27")));
    assert_eq!(previous_school_day(d("2026-11-29")), Some(d("2026-11-27")));
    assert_eq!(next_school_day(d("2026-11-27")), Some(d("2026-11-30")));
    assert_eq!(school_days(d("2026-11-27"), d("2026-11-30")).count(), 2);
    assert_eq!(school_days(d("2026-11-30"), d("2026-11-27")).count(), 0);
}

#[test]
fn the_cut_off_is_ten_of_the_previous_school_day() {
    let rule = CutOffRule::default();
    for (day, cut_off) in [
        ("2026-11-24", at("2026-11-23", 10, 0)), // Tuesday: Monday 10:00
        ("2026-11-30", at("2026-11-27", 10, 0)), // Monday: Friday 10:00
        ("2026-12-01", at("2026-11-30", 10, 0)),
        ("2027-01-01", at("2026-12-31", 10, 0)), // no holidays in the rule itself
    ] {
        assert_eq!(rule.cut_off(d(day)), Some(cut_off), "{day}");
    }
    let same_day = CutOffRule {
        time: NaiveTime::from_hms_opt(8, 0, 0).unwrap(),
        school_days_before: 0,
    };
    assert_eq!(
        same_day.cut_off(d("2026-11-24")),
        Some(at("2026-11-24", 8, 0))
    );
    assert_eq!(
        at("2026-11-23", 10, 0).to_rfc3339(),
        "2026-11-23T05:00:00+00:00"
    );
}

#[test]
fn a_request_is_taken_until_the_cut_off_and_refused_naming_it() {
    let rule = CutOffRule::default();
    let tuesday = d("2026-11-24");
    assert_eq!(
        rule.check(tuesday, at("2026-11-23", 9, 59)),
        Ok(at("2026-11-23", 10, 0))
    );
    let late = rule.check(tuesday, at("2026-11-23", 10, 0)).unwrap_err();
    assert_eq!(
        late,
        MealRequestError::PastCutOff {
            day: tuesday,
            cut_off: at("2026-11-23", 10, 0)
        }
    );
    assert_eq!(
        late.message_ru(),
        "Заявку на 24.11.2026 нужно было подать до 10:00 23.11.2026"
    );
    assert!(
        rule.check(tuesday, at("2026-11-24", 8, 0)).is_err(),
        "the day itself"
    );
    assert_eq!(
        rule.check(d("2026-11-28"), at("2026-11-20", 8, 0)),
        Err(MealRequestError::NotSchoolDay(d("2026-11-28")))
    );
}

#[test]
fn one_sick_cancel_covers_the_school_days_still_open() {
    let rule = CutOffRule::default();
    // Wednesday 09:00: Wednesday is past its cut-off, Thursday's is at 10:00 today.
    let now = at("2026-11-25", 9, 0);
    let plan = plan_sick_cancel(&rule, d("2026-11-25"), d("2026-12-01"), now).unwrap();
    let open: Vec<NaiveDate> = plan.open.iter().map(|(day, _)| *day).collect();
    assert_eq!(
        open,
        ["2026-11-26", "2026-11-27", "2026-11-30", "2026-12-01"].map(d)
    );
    assert_eq!(plan.late, [(d("2026-11-25"), at("2026-11-24", 10, 0))]);

    let cases = [
        ("2026-11-28", "2026-11-29", "нет учебных дней"),
        ("2026-11-30", "2026-11-27", "раньше даты начала"),
        ("2026-11-01", "2026-12-15", "длиннее 31 дней"),
        ("2026-11-20", "2026-11-25", "до 10:00 24.11.2026"),
    ];
    for (from, to, says) in cases {
        let refused = plan_sick_cancel(&rule, d(from), d(to), now).unwrap_err();
        assert!(
            refused.message_ru().contains(says),
            "{from}..{to}: {refused:?}"
        );
    }
}

#[test]
fn the_canteen_refuses_what_passes_the_limit_or_the_balance() {
    let limit = Some(rub(dec!(300)));
    let cases = [
        (dec!(100), dec!(1000), limit, dec!(200), Ok(())),
        (dec!(100.01), dec!(1000), limit, dec!(200), Err("лимит")),
        (dec!(300), dec!(1000), limit, dec!(0), Ok(())),
        (dec!(50), dec!(1000), None, dec!(5000), Ok(())),
        (dec!(50), dec!(49.99), None, dec!(0), Err("Недостаточно")),
        (dec!(50), dec!(50), limit, dec!(250), Ok(())),
    ];
    for (price, balance, limit, spent, expected) in cases {
        let got = check_purchase(rub(price), rub(balance), limit, rub(spent));
        match (got, expected) {
            (Ok(()), Ok(())) => {}
            (Err(e), Err(says)) => assert!(e.message_ru().contains(says), "{e:?}"),
            (got, _) => panic!("{price} {balance} {limit:?} {spent}: {got:?}"),
        }
    }
    assert_eq!(left_today(limit, rub(dec!(120))), Some(rub(dec!(180))));
    assert_eq!(left_today(limit, rub(dec!(400))), Some(Money::ZERO));
    assert_eq!(validate_limit(Some(Money::ZERO)), Err(LimitError::Zero));
    assert_eq!(
        validate_limit(Some(rub(dec!(10000.01)))),
        Err(LimitError::TooHigh)
    );
    assert_eq!(validate_limit(None), Ok(None));
}

#[test]
fn days_left_divide_the_balance_by_the_average_school_day() {
    let today = d("2026-11-30"); // Monday; the window is 2026-11-02 .. 2026-11-29, 20 school days
    let every_school_day = |amount| {
        school_days(d("2026-11-02"), d("2026-11-29"))
            .map(move |day| (day, rub(amount)))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        days_left(rub(dec!(1000)), every_school_day(dec!(100)), today),
        Some(10)
    );
    assert_eq!(
        days_left(rub(dec!(1099.99)), every_school_day(dec!(100)), today),
        Some(10)
    );
    assert_eq!(
        days_left(Money::ZERO, every_school_day(dec!(100)), today),
        Some(0)
    );
    // Ten days of 200 over twenty school days: 100 a day on average.
    let half: Vec<_> = every_school_day(dec!(200)).into_iter().take(10).collect();
    assert_eq!(days_left(rub(dec!(1000)), half, today), Some(10));
    // Weekends, today and days before the window do not count.
    let outside = [
        (d("2026-11-28"), rub(dec!(500))),
        (today, rub(dec!(500))),
        (d("2026-11-01"), rub(dec!(500))),
    ];
    assert_eq!(days_left(rub(dec!(1000)), outside, today), None);
    assert_eq!(days_left(rub(dec!(1000)), [], today), None);
}

#[test]
fn the_low_balance_alert_fires_once_until_a_top_up_posts() {
    let mut alert = LowBalanceAlert::new(rub(dec!(200)));
    let seen: Vec<bool> = [dec!(500), dec!(199.99), dec!(150), dec!(250), dec!(100)]
        .into_iter()
        .map(|b| alert.observe(rub(b)))
        .collect();
    assert_eq!(seen, [false, true, false, false, false]);
    alert.top_up_posted();
    assert!(!alert.observe(rub(dec!(700))));
    assert!(alert.observe(rub(dec!(180))), "re-armed by the top-up");
    assert!(!alert.observe(rub(dec!(180))));
}
