use super::*;
use proptest::prelude::*;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

fn p(year: i32, month: u32) -> Period {
    Period::new(year, month).unwrap()
}

fn rub(v: Decimal) -> Money {
    Money::new(v).unwrap()
}

fn spend(period: Period, service: &str, amount: Decimal) -> Spend {
    Spend {
        period,
        service: service.to_string(),
        amount: rub(amount),
    }
}

/// A month as `(period, [(service, amount)], total)` for compact tables.
type Row = (Period, Vec<(&'static str, Decimal)>, Decimal);
/// The same with owned names, to compare with what the function returns.
type Month = (Period, Vec<(String, Decimal)>, Decimal);
/// A case: its name, the spends, the last month, how many months, what is expected.
type Case = (&'static str, Vec<Spend>, Period, u32, Vec<Row>);

fn rows(months: &[MonthSpending]) -> Vec<Month> {
    months
        .iter()
        .map(|m| {
            (
                m.period,
                m.by_service
                    .iter()
                    .map(|(s, a)| (s.clone(), a.value()))
                    .collect(),
                m.total.value(),
            )
        })
        .collect()
}

fn expected(rows: Vec<Row>) -> Vec<Month> {
    rows.into_iter()
        .map(|(period, services, total)| {
            (
                period,
                services
                    .into_iter()
                    .map(|(s, a)| (s.to_string(), a))
                    .collect(),
                total,
            )
        })
        .collect()
}

#[test]
fn aggregates_spending_per_month_and_service() {
    let water = "Холодное водоснабжение";
    let power = "Электроэнергия";
    let heat = "Отопление";
    let cases: Vec<Case> = vec![
        (
            "no receipts: every month empty",
            vec![],
            p(2026, 11),
            2,
            vec![
                (p(2026, 10), vec![], dec!(0)),
                (p(2026, 11), vec![], dec!(0)),
            ],
        ),
        (
            "zero months asked: nothing",
            vec![spend(p(2026, 11), water, dec!(10))],
            p(2026, 11),
            0,
            vec![],
        ),
        (
            "two payments of one service in a month add up",
            vec![
                spend(p(2026, 11), water, dec!(100.10)),
                spend(p(2026, 11), water, dec!(0.90)),
            ],
            p(2026, 11),
            1,
            vec![(p(2026, 11), vec![(water, dec!(101.00))], dec!(101.00))],
        ),
        (
            "services ordered by their total over the range, biggest first",
            vec![
                spend(p(2026, 10), power, dec!(50)),
                spend(p(2026, 11), water, dec!(30)),
                spend(p(2026, 11), power, dec!(20)),
                spend(p(2026, 11), heat, dec!(60)),
            ],
            p(2026, 11),
            2,
            vec![
                (p(2026, 10), vec![(power, dec!(50))], dec!(50)),
                (
                    p(2026, 11),
                    vec![(power, dec!(20)), (heat, dec!(60)), (water, dec!(30))],
                    dec!(110),
                ),
            ],
        ),
        (
            "equal totals ordered by name",
            vec![
                spend(p(2026, 11), water, dec!(10)),
                spend(p(2026, 11), heat, dec!(10)),
            ],
            p(2026, 11),
            1,
            vec![(
                p(2026, 11),
                vec![(heat, dec!(10)), (water, dec!(10))],
                dec!(20),
            )],
        ),
        (
            "outside the range and zero amounts are left out",
            vec![
                spend(p(2026, 8), water, dec!(999)),
                spend(p(2026, 12), water, dec!(999)),
                spend(p(2026, 11), heat, dec!(0)),
                spend(p(2026, 10), water, dec!(5)),
            ],
            p(2026, 11),
            3,
            vec![
                (p(2026, 9), vec![], dec!(0)),
                (p(2026, 10), vec![(water, dec!(5))], dec!(5)),
                (p(2026, 11), vec![], dec!(0)),
            ],
        ),
        (
            "the range crosses a new year",
            vec![
                spend(p(2026, 12), power, dec!(1.5)),
                spend(p(2027, 1), power, dec!(2.25)),
            ],
            p(2027, 1),
            2,
            vec![
                (p(2026, 12), vec![(power, dec!(1.50))], dec!(1.50)),
                (p(2027, 1), vec![(power, dec!(2.25))], dec!(2.25)),
            ],
        ),
    ];
    for (name, spends, last, months, want) in cases {
        let got = spending_by_month(&spends, last, months);
        assert_eq!(rows(&got), expected(want), "case: {name}");
    }
}

#[test]
fn legend_lists_services_biggest_first_and_peak_is_the_biggest_month() {
    let months = spending_by_month(
        &[
            spend(p(2026, 10), "Домофон", dec!(45)),
            spend(p(2026, 11), "Отопление", dec!(1200.50)),
            spend(p(2026, 11), "Домофон", dec!(45)),
        ],
        p(2026, 11),
        3,
    );
    let legend: Vec<(String, Decimal)> = legend(&months)
        .into_iter()
        .map(|(s, m)| (s, m.value()))
        .collect();
    assert_eq!(
        legend,
        vec![
            ("Отопление".to_string(), dec!(1200.50)),
            ("Домофон".to_string(), dec!(90)),
        ]
    );
    assert_eq!(peak(&months).value(), dec!(1245.50));
    assert_eq!(peak(&[]), Money::ZERO);
}

proptest! {
    /// Nothing paid in the range is lost or counted twice, and each month is its services' sum.
    #[test]
    fn totals_add_up_to_what_was_paid_in_the_range(
        raw in proptest::collection::vec((0u32..6, 0usize..4, 0u64..100_000), 0..40),
        months in 1u32..8,
    ) {
        let services = ["Газоснабжение", "Отопление", "Домофон", "Интернет"];
        let last = p(2026, 11);
        let spends: Vec<Spend> = raw
            .iter()
            .map(|(back, s, k)| {
                let mut period = last;
                for _ in 0..*back {
                    period = period.previous();
                }
                Spend { period, service: services[*s].to_string(), amount: Money::from_kopecks(*k).unwrap() }
            })
            .collect();
        let got = spending_by_month(&spends, last, months);
        prop_assert_eq!(got.len(), months as usize);
        let first = got[0].period;
        let in_range: Money = spends
            .iter()
            .filter(|s| s.period >= first && s.period <= last)
            .map(|s| s.amount)
            .sum();
        prop_assert_eq!(got.iter().map(|m| m.total).sum::<Money>(), in_range);
        for month in &got {
            prop_assert_eq!(month.by_service.iter().map(|(_, a)| *a).sum::<Money>(), month.total);
            prop_assert!(month.by_service.iter().all(|(_, a)| !a.is_zero()));
        }
        prop_assert!(got.windows(2).all(|w| w[0].period.next() == w[1].period));
    }
}
