//! Spending per month by service: what the paid receipts add up to, for the history chart.

use std::collections::BTreeMap;

use crate::money::Money;
use crate::period::Period;

/// One paid amount: a receipt line, placed in the month it was paid.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Spend {
    /// The month of the payment (in the service area's time zone).
    pub period: Period,
    /// The service as the receipt names it, e.g. «Холодное водоснабжение».
    pub service: String,
    pub amount: Money,
}

/// What was paid in one month, by service.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MonthSpending {
    pub period: Period,
    /// Services paid that month, in legend order (biggest over the whole range first); no zeros.
    pub by_service: Vec<(String, Money)>,
    /// The sum of `by_service`.
    pub total: Money,
}

/// Adds up `spends` per month and service for the `months` months that end with `last`,
/// oldest first. Every month of the range is present, empty ones with a zero total; spends
/// outside the range and zero amounts are left out.
pub fn spending_by_month(spends: &[Spend], last: Period, months: u32) -> Vec<MonthSpending> {
    if months == 0 {
        return Vec::new();
    }
    let mut periods = vec![last];
    for _ in 1..months {
        let earliest = *periods.last().expect("at least one period");
        periods.push(earliest.previous());
    }
    periods.reverse();
    let first = periods[0];

    let mut cells: BTreeMap<(Period, &str), Money> = BTreeMap::new();
    for spend in spends {
        if spend.amount.is_zero() || spend.period < first || spend.period > last {
            continue;
        }
        let cell = cells
            .entry((spend.period, spend.service.as_str()))
            .or_default();
        *cell = *cell + spend.amount;
    }
    let order: Vec<String> = ranked(cells.iter().map(|((_, s), m)| (*s, *m)))
        .into_iter()
        .map(|(s, _)| s)
        .collect();

    periods
        .into_iter()
        .map(|period| {
            let by_service: Vec<(String, Money)> = order
                .iter()
                .filter_map(|service| {
                    cells
                        .get(&(period, service.as_str()))
                        .map(|m| (service.clone(), *m))
                })
                .collect();
            let total = by_service.iter().map(|(_, m)| *m).sum();
            MonthSpending {
                period,
                by_service,
                total,
            }
        })
        .collect()
}

/// The services of a range with their totals, biggest first (ties by name): the chart's legend.
pub fn legend(months: &[MonthSpending]) -> Vec<(String, Money)> {
    ranked(
        months
            .iter()
            .flat_map(|m| m.by_service.iter().map(|(s, a)| (s.as_str(), *a))),
    )
}

/// The biggest monthly total of a range (zero when nothing was paid): the chart's scale.
pub fn peak(months: &[MonthSpending]) -> Money {
    months.iter().map(|m| m.total).max().unwrap_or_default()
}

/// Services with their summed amounts, biggest first, ties by name.
fn ranked<'a>(amounts: impl Iterator<Item = (&'a str, Money)>) -> Vec<(String, Money)> {
    let mut totals: BTreeMap<&str, Money> = BTreeMap::new();
    for (service, amount) in amounts {
        let sum = totals.entry(service).or_default();
        *sum = *sum + amount;
    }
    let mut list: Vec<(String, Money)> = totals
        .into_iter()
        .map(|(s, m)| (s.to_string(), m))
        .collect();
    list.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    list
}

#[cfg(test)]
#[path = "spending_tests.rs"]
mod tests;
