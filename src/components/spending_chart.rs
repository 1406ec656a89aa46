//! Spending per month by service: stacked bars drawn by the app as SVG, with a legend.
//!
//! Geometry is computed in `Decimal` from money ratios and printed as SVG numbers; money itself
//! is never a float.

use dioxus::prelude::*;
use ofis_domain::spending::{legend, peak, MonthSpending};
use ofis_domain::Money;
use rust_decimal::{Decimal, RoundingStrategy};

/// The chart's drawing units; the SVG scales to the screen's width (fits 360 px phones).
const WIDTH: Decimal = Decimal::from_parts(340, 0, 0, false, 0);
const TOP: Decimal = Decimal::from_parts(18, 0, 0, false, 0);
const PLOT: Decimal = Decimal::from_parts(140, 0, 0, false, 0);
const HEIGHT: u32 = 184;
const MAX_BAR: Decimal = Decimal::from_parts(36, 0, 0, false, 0);

/// One colour per service, in legend order; more services than colours reuse them.
const PALETTE: [&str; 12] = [
    "#1565c0", "#ef6c00", "#2e7d32", "#8e24aa", "#00838f", "#c62828", "#f9a825", "#6d4c41",
    "#3949ab", "#7cb342", "#d81b60", "#546e7a",
];

const MONTHS_SHORT: [&str; 12] = [
    "янв", "фев", "мар", "апр", "май", "июн", "июл", "авг", "сен", "окт", "ноя", "дек",
];

/// One coloured piece of a bar.
#[derive(Clone, Debug, PartialEq)]
struct Segment {
    x: Decimal,
    y: Decimal,
    width: Decimal,
    height: Decimal,
    color: &'static str,
    title: String,
}

/// One month's column: its segments, its total above, its name beneath.
#[derive(Clone, Debug, PartialEq)]
struct Column {
    centre: Decimal,
    top: Decimal,
    total: Option<String>,
    month: String,
    segments: Vec<Segment>,
}

fn px(v: Decimal) -> Decimal {
    v.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
        .normalize()
}

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

/// Where a label centred over a bar stays inside the drawing (about 6 units a character).
fn label_x(centre: Decimal, label: &str) -> Decimal {
    let half = Decimal::from(label.chars().count() * 3);
    centre.max(half).min(WIDTH - half)
}

/// Lays the bars out: heights are each amount's share of the biggest month.
fn layout(months: &[MonthSpending], services: &[(String, Money)]) -> Vec<Column> {
    let top_total = peak(months).value();
    if months.is_empty() || top_total.is_zero() {
        return Vec::new();
    }
    let slot = WIDTH / Decimal::from(months.len());
    let bar = (slot * Decimal::new(6, 1)).min(MAX_BAR);
    let base = TOP + PLOT;
    months
        .iter()
        .enumerate()
        .map(|(i, month)| {
            let x = slot * Decimal::from(i) + (slot - bar) / Decimal::TWO;
            let mut below = Decimal::ZERO;
            let mut segments = Vec::new();
            for (service, amount) in &month.by_service {
                // Cumulative edges, so rounding never leaves a gap between pieces.
                let bottom = base - px(below / top_total * PLOT);
                below += amount.value();
                let upper = base - px(below / top_total * PLOT);
                segments.push(Segment {
                    x: px(x),
                    y: upper,
                    width: px(bar),
                    height: bottom - upper,
                    color: colour_of(services, service),
                    title: format!("{service}: {}", amount.display_rub()),
                });
            }
            Column {
                centre: px(x + bar / Decimal::TWO),
                top: base - px(below / top_total * PLOT),
                total: (!month.total.is_zero()).then(|| whole_roubles(month.total)),
                month: MONTHS_SHORT[(month.period.month() - 1) as usize].to_string(),
                segments,
            }
        })
        .collect()
}

/// The chart, or a short note when nothing has been paid yet.
#[component]
pub fn SpendingChart(months: Vec<MonthSpending>) -> Element {
    let services = legend(&months);
    let columns = layout(&months, &services);
    if columns.is_empty() {
        return rsx! {
            p { id: "spending-empty", class: "chart-empty",
                "Оплаченных чеков пока нет. Здесь появится график расходов по месяцам."
            }
        };
    }
    let label_y = TOP + PLOT + Decimal::from(16);
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
            svg {
                id: "spending-chart",
                xmlns: "http://www.w3.org/2000/svg",
                view_box: "0 0 {WIDTH} {HEIGHT}",
                role: "img",
                "aria-label": "Расходы по месяцам: {first} — {last}",
                line { x1: "0", x2: "{WIDTH}", y1: "{TOP + PLOT}", y2: "{TOP + PLOT}", stroke: "#c9d1dc", stroke_width: "1" }
                for column in columns {
                    g { class: "chart-month",
                        for seg in column.segments {
                            rect { class: "bar-segment", x: "{seg.x}", y: "{seg.y}", width: "{seg.width}", height: "{seg.height}", fill: "{seg.color}",
                                title { "{seg.title}" }
                            }
                        }
                        if let Some(total) = column.total {
                            text { class: "bar-total", x: "{label_x(column.centre, &total)}", y: "{column.top - Decimal::from(4)}", text_anchor: "middle", "{total}" }
                        }
                        text { class: "bar-month", x: "{column.centre}", y: "{label_y}", text_anchor: "middle", "{column.month}" }
                    }
                }
            }
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
    fn bars_are_proportional_to_money_and_the_biggest_month_fills_the_plot() {
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
        let columns = layout(&months, &services);
        assert_eq!(columns.len(), 3);
        assert!(columns[0].segments.is_empty(), "September: nothing paid");
        assert_eq!(columns[0].total, None);
        let oct: Decimal = columns[1].segments.iter().map(|s| s.height).sum();
        let nov: Decimal = columns[2].segments.iter().map(|s| s.height).sum();
        assert_eq!(nov, PLOT, "the biggest month fills the plot");
        assert_eq!(oct, PLOT / Decimal::TWO, "300 ₽ is half of 600 ₽");
        assert_eq!(columns[2].top, TOP);
        assert_eq!(columns[2].total.as_deref(), Some("600 ₽"));
        assert_eq!(columns[2].month, "ноя");
        let right = columns[2].segments[0].x + columns[2].segments[0].width;
        assert!(right <= WIDTH, "fits the drawing");
    }

    #[test]
    fn a_wide_label_over_the_last_bar_stays_inside() {
        assert_eq!(label_x(dec("311.67"), "1\u{a0}234\u{a0}567 ₽"), dec("307"));
        assert_eq!(label_x(dec("170"), "600 ₽"), dec("170"));
        assert_eq!(label_x(dec("5"), "600 ₽"), dec("15"));
    }

    #[test]
    fn nothing_paid_draws_nothing() {
        let months = spending_by_month(&[], Period::new(2026, 11).unwrap(), 6);
        assert!(layout(&months, &legend(&months)).is_empty());
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
