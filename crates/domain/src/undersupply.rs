//! Under-supply of a utility service and the recalculation it brings: Правила № 354,
//! приложение 1 — for each hour a service is cut off beyond what the rules allow in a month, the
//! month's charge for it goes down by 0,15 %.
//!
//! What is allowed in a month, summed over the month (п. 4, 5, 9, 10, 15 приложения 1): hot and
//! cold water 8 h, gas 4 h, heating 24 h, electricity 24 h (with one power source; 2 h with two —
//! the app does not know the house's scheme and takes the lower estimate).

use chrono::{Duration, NaiveDateTime};
use rust_decimal::Decimal;

use crate::bill::ServiceKind;
use crate::money::Money;
use crate::period::Period;

/// The cut of the month's charge for each hour beyond the allowed ones, in percent.
pub const PERCENT_PER_HOUR: Decimal = Decimal::from_parts(15, 0, 0, false, 2);

/// A service whose interruption the rules measure in hours.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Supply {
    HotWater,
    ColdWater,
    Electricity,
    Heating,
    Gas,
}

impl Supply {
    /// The service an act names («Горячее водоснабжение», «Электроснабжение», …).
    pub fn of_act(service: &str) -> Option<Supply> {
        let s = service.trim().to_lowercase();
        let found = [
            ("горяч", Supply::HotWater),
            ("холодн", Supply::ColdWater),
            ("электр", Supply::Electricity),
            ("отоплен", Supply::Heating),
            ("газ", Supply::Gas),
        ]
        .into_iter()
        .find(|(word, _)| s.contains(word));
        found.map(|(_, supply)| supply)
    }

    /// The service a bill is for, when the rules measure its interruption.
    pub fn of_bill(kind: ServiceKind) -> Option<Supply> {
        match kind {
            ServiceKind::HotWater => Some(Supply::HotWater),
            ServiceKind::ColdWater => Some(Supply::ColdWater),
            ServiceKind::Electricity => Some(Supply::Electricity),
            ServiceKind::Heating => Some(Supply::Heating),
            ServiceKind::Gas => Some(Supply::Gas),
            _ => None,
        }
    }

    /// Hours of interruption the rules allow in a month, summed.
    pub fn allowed_hours(self) -> i64 {
        match self {
            Supply::HotWater | Supply::ColdWater => 8,
            Supply::Gas => 4,
            Supply::Heating | Supply::Electricity => 24,
        }
    }

    /// The point of приложение 1 that sets the rule.
    pub fn rule_point(self) -> &'static str {
        match self {
            Supply::ColdWater => "п. 4",
            Supply::HotWater => "п. 5",
            Supply::Electricity => "п. 9",
            Supply::Gas => "п. 10",
            Supply::Heating => "п. 15",
        }
    }
}

/// One month of the estimate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MonthExcess {
    pub period: Period,
    /// Whole hours without the service in the month (all acts of the service summed).
    pub hours: i64,
    /// Whole hours beyond the allowed ones.
    pub excess: i64,
}

/// The estimated recalculation of a month's charge for acts of one service.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Recalculation {
    pub supply: Supply,
    /// The months the acts touch, oldest first.
    pub months: Vec<MonthExcess>,
    /// The charge the percentage is taken of (one month's bill for the service).
    pub monthly_charge: Money,
    /// The cut, in percent of a month's charge, summed over the months (at most 100 % a month).
    pub percent: Decimal,
    /// «≈ N ₽ к перерасчёту».
    pub amount: Money,
}

impl Recalculation {
    /// Hours beyond the allowed ones, over every month.
    pub fn excess_hours(&self) -> i64 {
        self.months.iter().map(|m| m.excess).sum()
    }
}

/// Minutes of `[from, to)` inside the month `period`.
fn minutes_in(period: Period, from: NaiveDateTime, to: NaiveDateTime) -> i64 {
    let start = period.first_day().and_time(chrono::NaiveTime::MIN);
    let end = period.next().first_day().and_time(chrono::NaiveTime::MIN);
    let (a, b) = (from.max(start), to.min(end));
    if b > a {
        (b - a).num_minutes()
    } else {
        0
    }
}

/// The months `[from, to)` touches, oldest first.
fn months_of(from: NaiveDateTime, to: NaiveDateTime) -> Vec<Period> {
    let last = Period::of((to - Duration::minutes(1)).max(from).date());
    let mut months = vec![Period::of(from.date())];
    while months[months.len() - 1] < last {
        let next = months[months.len() - 1].next();
        months.push(next);
    }
    months
}

/// The recalculation the acts `counted` bring to the months the acts `around` touch: in each of
/// those months the hours of every counted act are summed, the allowed hours taken off, and each
/// whole hour left cuts 0,15 % of `monthly_charge` (at most the whole charge of a month).
/// `around` are the acts of interest (those going on now); `counted` are all the acts of the
/// service (those of interest among them). Intervals run from `.0` up to `.1`.
pub fn recalculation(
    supply: Supply,
    around: &[(NaiveDateTime, NaiveDateTime)],
    counted: &[(NaiveDateTime, NaiveDateTime)],
    monthly_charge: Money,
) -> Recalculation {
    let mut periods: Vec<Period> = around
        .iter()
        .filter(|(from, to)| to > from)
        .flat_map(|(from, to)| months_of(*from, *to))
        .collect();
    periods.sort();
    periods.dedup();
    let months: Vec<MonthExcess> = periods
        .into_iter()
        .map(|period| {
            let minutes: i64 = counted
                .iter()
                .map(|(from, to)| minutes_in(period, *from, *to))
                .sum();
            let hours = minutes / 60;
            let excess = ((minutes - supply.allowed_hours() * 60) / 60).max(0);
            MonthExcess {
                period,
                hours,
                excess,
            }
        })
        .collect();
    let percent: Decimal = months
        .iter()
        .map(|m| (PERCENT_PER_HOUR * Decimal::from(m.excess)).min(Decimal::ONE_HUNDRED))
        .sum();
    Recalculation {
        supply,
        months,
        monthly_charge,
        percent,
        amount: monthly_charge.percent(percent),
    }
}

#[cfg(test)]
#[path = "undersupply_tests.rs"]
mod tests;
