//! Spending per month by service: the app's bar chart, a piece per service, with a legend.

use std::collections::BTreeMap;

use dioxus::prelude::*;
use ofis_domain::spending::{legend, MonthSpending};
use ofis_domain::{Money, Period};
use rust_decimal::RoundingStrategy;

use super::bar_chart::{has_bars, BarChart, BarColumn, Piece};

/// One colour per service, in legend order; more services than colours reuse them.
const PALETTE: [&str; 12] = [
    "#1565c0", "#ef6c00", "#2e7d32", "#8e24aa", "#00838f", "#c62828", "#f9a825", "#6d4c41",
    "#3949ab", "#7cb342", "#d81b60", "#546e7a",
];

/// Whole roubles for the labels above the bars: «4 513 ₽».
fn whole_roubles(m: Money) -> String {
    let rounded = m
        .value()
        .round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero);
    let plain = Money::new(rounded).unwrap_or(m).display_plain();
    format!("{} ₽", plain.trim_end_matches(",00"))
}

fn colour_of(services: &[(String, Money)], service: &str) -> &'static str {
    let i = services.iter().position(|(s, _)| s == service).unwrap_or(0);
    PALETTE[i % PALETTE.len()]
}

/// A column per month, a piece per service in legend colours, the month's total above.
fn columns(months: &[MonthSpending], services: &[(String, Money)]) -> Vec<BarColumn> {
    months
        .iter()
        .map(|month| BarColumn {
            period: month.period,
            caption: None,
            label: (!month.total.is_zero()).then(|| whole_roubles(month.total)),
            pieces: month
                .by_service
                .iter()
                .map(|(service, amount)| Piece {
                    value: amount.value(),
                    color: colour_of(services, service),
                    title: format!("{service}: {}", amount.display_rub()),
                })
                .collect(),
        })
        .collect()
}

/// More months than this are drawn a column a year: 120 columns do not fit a phone.
const MONTH_COLUMNS_MAX: usize = 12;

/// A column a year (the months of each year added up), the year beneath, no label above (the
/// legend and each piece's title give the sums).
fn year_columns(months: &[MonthSpending], services: &[(String, Money)]) -> Vec<BarColumn> {
    let mut years: Vec<(Period, BTreeMap<&str, Money>)> = Vec::new();
    for m in months {
        if years
            .last()
            .is_none_or(|(p, _)| p.year() != m.period.year())
        {
            years.push((m.period, BTreeMap::new()));
        }
        if let Some((_, sums)) = years.last_mut() {
            for (service, amount) in &m.by_service {
                let sum = sums.entry(service.as_str()).or_insert(Money::ZERO);
                *sum = *sum + *amount;
            }
        }
    }
    years
        .into_iter()
        .map(|(period, sums)| BarColumn {
            period,
            caption: Some(period.year().to_string()),
            label: None,
            pieces: services
                .iter()
                .filter_map(|(service, _)| {
                    sums.get(service.as_str()).map(|amount| Piece {
                        value: amount.value(),
                        color: colour_of(services, service),
                        title: format!(
                            "{service}, {} год: {}",
                            period.year(),
                            amount.display_rub()
                        ),
                    })
                })
                .collect(),
        })
        .collect()
}

/// The chart, or a short note when nothing has been paid yet.
#[component]
pub fn SpendingChart(months: Vec<MonthSpending>) -> Element {
    let services = legend(&months);
    let columns = if months.len() > MONTH_COLUMNS_MAX {
        year_columns(&months, &services)
    } else {
        columns(&months, &services)
    };
    if !has_bars(&columns) {
        return rsx! {
            p { id: "spending-empty", class: "chart-empty",
                "Оплаченных чеков пока нет. Здесь появится график расходов по месяцам."
            }
        };
    }
    let first = months
        .first()
        .map(|m| m.period.label_ru())
        .unwrap_or_default();
    let last = months
        .last()
        .map(|m| m.period.label_ru())
        .unwrap_or_default();
    rsx! {
        figure { class: "spending",
            BarChart { id: "spending-chart", aria_label: "Расходы по месяцам: {first} — {last}", columns }
            ul { id: "spending-legend", class: "chart-legend",
                for (i, (service, amount)) in services.iter().enumerate() {
                    li { key: "{service}",
                        span { class: "swatch", style: "background: {PALETTE[i % PALETTE.len()]}" }
                        span { class: "legend-name", "{service}" }
                        span { class: "legend-amount", "{amount.display_rub()}" }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ofis_domain::spending::{spending_by_month, Spend};
    use ofis_domain::Period;
    use rust_decimal::Decimal;

    fn dec(text: &str) -> Decimal {
        text.parse().unwrap()
    }

    fn spend(month: u32, service: &str, amount: Decimal) -> Spend {
        Spend {
            period: Period::new(2026, month).unwrap(),
            service: service.into(),
            amount: Money::new(amount).unwrap(),
        }
    }

    #[test]
    fn a_column_a_month_a_piece_a_service_and_the_total_above() {
        let months = spending_by_month(
            &[
                spend(10, "Отопление", dec("300")),
                spend(11, "Отопление", dec("450")),
                spend(11, "Домофон", dec("150")),
            ],
            Period::new(2026, 11).unwrap(),
            3,
        );
        let services = legend(&months);
        let columns = columns(&months, &services);
        assert_eq!(columns.len(), 3);
        assert!(columns[0].pieces.is_empty(), "September: nothing paid");
        assert_eq!(columns[0].label, None);
        assert_eq!(columns[2].label.as_deref(), Some("600 ₽"));
        assert_eq!(columns[2].pieces.len(), 2);
        assert_eq!(
            columns[1].pieces[0].color, columns[2].pieces[0].color,
            "a service keeps its colour"
        );
    }

    #[test]
    fn ten_years_draw_a_column_a_year() {
        let months = spending_by_month(
            &[
                spend(1, "Отопление", dec("300")),
                spend(11, "Отопление", dec("450")),
                spend(11, "Домофон", dec("150")),
            ],
            Period::new(2026, 11).unwrap(),
            120,
        );
        let services = legend(&months);
        let years = year_columns(&months, &services);
        assert_eq!(years.len(), 11, "December 2016 to November 2026");
        assert_eq!(years[0].caption.as_deref(), Some("2016"));
        let last = years.last().unwrap();
        assert_eq!(last.caption.as_deref(), Some("2026"));
        let values: Vec<Decimal> = last.pieces.iter().map(|p| p.value).collect();
        assert_eq!(values, [dec("750"), dec("150")]);
        assert!(years[..10].iter().all(|c| c.pieces.is_empty()));
    }

    #[test]
    fn nothing_paid_draws_nothing() {
        let months = spending_by_month(&[], Period::new(2026, 11).unwrap(), 6);
        assert!(!has_bars(&columns(&months, &legend(&months))));
    }

    #[test]
    fn labels_round_to_whole_roubles() {
        assert_eq!(
            whole_roubles(Money::new(dec("4512.50")).unwrap()),
            "4\u{a0}513 ₽"
        );
        assert_eq!(whole_roubles(Money::new(dec("99.49")).unwrap()), "99 ₽");
    }
}
