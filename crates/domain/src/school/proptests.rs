//! Invariants of the school rules over generated dates, times and amounts.

use chrono::{DateTime, Days, NaiveDate, NaiveTime, Utc};
use proptest::prelude::*;

use super::*;
use crate::Money;

fn date() -> impl Strategy<Value = NaiveDate> {
    (0u64..3000).prop_map(|n| NaiveDate::from_ymd_opt(2024, 1, 1).unwrap() + Days::new(n))
}

fn instant() -> impl Strategy<Value = DateTime<Utc>> {
    (0i64..3000 * 86_400).prop_map(|s| {
        DateTime::from_timestamp(1_704_067_200 + s, 0).unwrap() // from 2024-01-01
    })
}

fn rule() -> impl Strategy<Value = CutOffRule> {
    (0u32..24, 0u32..60, 0u8..4).prop_map(|(h, m, before)| CutOffRule {
        time: NaiveTime::from_hms_opt(h, m, 0).unwrap(),
        school_days_before: before,
    })
}

fn money(max_kopecks: u64) -> impl Strategy<Value = Money> {
    (0..=max_kopecks).prop_map(|k| Money::from_kopecks(k).unwrap())
}

proptest! {
    #[test]
    fn a_request_is_taken_exactly_before_its_cut_off(rule in rule(), day in date(), now in instant()) {
        match rule.check(day, now) {
            Ok(cut_off) => prop_assert!(now < cut_off),
            Err(MealRequestError::PastCutOff { cut_off, .. }) => prop_assert!(now >= cut_off),
            Err(MealRequestError::NotSchoolDay(_)) => prop_assert!(!is_school_day(day)),
            Err(other) => prop_assert!(false, "{other:?}"),
        }
        if is_school_day(day) && rule.school_days_before > 0 {
            let cut_off = rule.cut_off(day).unwrap();
            // Always before the day starts, on a school day.
            prop_assert!(crate::tz::local_date(cut_off) < day);
            prop_assert!(is_school_day(crate::tz::local_date(cut_off)));
        }
    }

    #[test]
    fn a_sick_cancel_splits_the_school_days_of_its_range(
        rule in rule(), from in date(), len in 0u64..31, now in instant()
    ) {
        let to = from + Days::new(len);
        let all: Vec<NaiveDate> = school_days(from, to).collect();
        match plan_sick_cancel(&rule, from, to, now) {
            Ok(plan) => {
                let mut both: Vec<NaiveDate> =
                    plan.open.iter().chain(&plan.late).map(|(d, _)| *d).collect();
                both.sort();
                prop_assert_eq!(&both, &all);
                prop_assert!(plan.open.iter().all(|(_, c)| now < *c));
                prop_assert!(plan.late.iter().all(|(_, c)| now >= *c));
                prop_assert!(!plan.open.is_empty());
            }
            Err(MealRequestError::NoSchoolDays { .. }) => prop_assert!(all.is_empty()),
            Err(MealRequestError::PastCutOff { .. }) => {
                prop_assert!(all.iter().all(|d| rule.check(*d, now).is_err()));
            }
            Err(other) => prop_assert!(false, "{other:?}"),
        }
    }

    #[test]
    fn accepted_purchases_never_pass_the_limit_or_the_balance(
        limit in proptest::option::of(money(100_000)),
        balance in money(200_000),
        prices in proptest::collection::vec(money(30_000), 0..20),
    ) {
        let (mut left, mut spent) = (balance, Money::ZERO);
        for price in prices {
            if check_purchase(price, left, limit, spent).is_ok() {
                left = left.checked_sub(price).unwrap();
                spent = spent.checked_add(price).unwrap();
            }
        }
        prop_assert!(limit.is_none_or(|l| spent <= l));
        prop_assert_eq!(left.checked_add(spent), Some(balance));
    }

    #[test]
    fn days_left_times_the_average_fit_the_balance(
        balance in money(5_000_000),
        spends in proptest::collection::vec((0u64..28, money(100_000)), 1..40),
    ) {
        let today = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
        let spends: Vec<(NaiveDate, Money)> = spends
            .into_iter()
            .map(|(back, m)| (today - Days::new(back + 1), m))
            .collect();
        let school_total: Money = spends.iter().filter(|(d, _)| is_school_day(*d)).map(|s| s.1).sum();
        let got = days_left(balance, spends, today);
        if school_total.is_zero() {
            prop_assert_eq!(got, None);
        } else {
            let n = rust_decimal::Decimal::from(got.unwrap());
            let average = school_total.value() / rust_decimal::Decimal::from(20);
            prop_assert!(n * average <= balance.value());
            prop_assert!(balance.value() < (n + rust_decimal::Decimal::ONE) * average);
        }
    }

    #[test]
    fn the_alert_fires_at_most_once_between_top_ups_and_only_below_the_threshold(
        threshold in money(100_000),
        events in proptest::collection::vec(proptest::option::of(money(200_000)), 0..40),
    ) {
        let mut alert = LowBalanceAlert::new(threshold);
        let mut fired_since_top_up = 0;
        for event in events {
            match event {
                Some(balance) => {
                    if alert.observe(balance) {
                        prop_assert!(balance < threshold);
                        fired_since_top_up += 1;
                    }
                }
                None => {
                    alert.top_up_posted();
                    fired_since_top_up = 0;
                }
            }
            prop_assert!(fired_since_top_up <= 1);
        }
    }
}
