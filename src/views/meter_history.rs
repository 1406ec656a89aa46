//! «История показаний» of one meter: the accepted readings and a consumption-by-month chart,
//! drawn by the app as SVG. Geometry is computed in `Decimal` and printed as SVG numbers.

use dioxus::prelude::*;
use ofis_core::{consumption_by_month, MeterDto, MonthUse, Ofis, ReadingSource};
use ofis_domain::readings::decimal_ru;
use rust_decimal::{Decimal, RoundingStrategy};

use crate::messages::core_error;

/// The chart's drawing units; the SVG scales to the screen's width.
const WIDTH: Decimal = Decimal::from_parts(320, 0, 0, false, 0);
const TOP: Decimal = Decimal::from_parts(16, 0, 0, false, 0);
const PLOT: Decimal = Decimal::from_parts(100, 0, 0, false, 0);
const HEIGHT: u32 = 140;
const MAX_BAR: Decimal = Decimal::from_parts(32, 0, 0, false, 0);
/// Months shown in the chart, the latest last.
const CHART_MONTHS: usize = 12;
/// Readings listed under the chart, newest first.
const LISTED: usize = 12;

const MONTHS_SHORT: [&str; 12] = [
    "янв", "фев", "мар", "апр", "май", "июн", "июл", "авг", "сен", "окт", "ноя", "дек",
];

/// One month's bar.
#[derive(Clone, Debug, PartialEq)]
struct Bar {
    x: Decimal,
    y: Decimal,
    width: Decimal,
    height: Decimal,
    centre: Decimal,
    label: String,
    month: &'static str,
    title: String,
}

fn px(v: Decimal) -> Decimal {
    v.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
        .normalize()
}

/// Bars of the last months: heights are each month's share of the biggest one.
fn bars(months: &[MonthUse], unit: &str) -> Vec<Bar> {
    let shown = &months[months.len().saturating_sub(CHART_MONTHS)..];
    let peak = shown.iter().map(|m| m.used).max().unwrap_or_default();
    if shown.is_empty() || peak.is_zero() {
        return Vec::new();
    }
    let slot = WIDTH / Decimal::from(shown.len());
    let width = (slot * Decimal::new(6, 1)).min(MAX_BAR);
    let base = TOP + PLOT;
    shown
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let x = slot * Decimal::from(i) + (slot - width) / Decimal::TWO;
            let height = px(m.used / peak * PLOT);
            Bar {
                x: px(x),
                y: base - height,
                width: px(width),
                height,
                centre: px(x + width / Decimal::TWO),
                label: decimal_ru(m.used),
                month: MONTHS_SHORT[(m.period.month() - 1) as usize],
                title: format!("{}: {} {unit}", m.period.label_ru(), decimal_ru(m.used)),
            }
        })
        .collect()
}

/// The readings and the chart of one meter, loaded when opened.
#[component]
pub fn MeterHistory(meter: MeterDto) -> Element {
    let ofis = use_context::<Ofis>();
    let id = meter.id.clone();
    let history = use_resource(move || {
        let (ofis, id) = (ofis.clone(), id.clone());
        async move { ofis.meter_history(&id).await.map_err(|e| core_error(&e)) }
    });
    let body = match &*history.read() {
        None => rsx! { p { class: "hint", "Загружаем историю показаний…" } },
        Some(Err(e)) => rsx! { p { class: "error", role: "alert", "{e}" } },
        Some(Ok(readings)) if readings.is_empty() => {
            rsx! { p { class: "hint", "Показаний по этому счётчику пока нет." } }
        }
        Some(Ok(readings)) => {
            let months = consumption_by_month(&meter, readings);
            let bars = bars(&months, &meter.unit);
            let recent: Vec<_> = readings.iter().rev().take(LISTED).cloned().collect();
            rsx! {
                if !bars.is_empty() {
                    ConsumptionChart { meter_id: meter.id.clone(), unit: meter.unit.clone(), bars }
                }
                ul { class: "meter-readings", style: "list-style: none; margin: 8px 0 0; padding: 0; font-size: 14px;",
                    for r in recent {
                        li { key: "{r.id}", class: "entry-line",
                            span { "{r.date.format(\"%d.%m.%Y\")}" }
                            span { class: "amount", "{decimal_ru(r.value)} {meter.unit}" }
                            span { class: "meta",
                                match r.source {
                                    ReadingSource::WithPayment => "с оплатой",
                                    ReadingSource::WithoutPayment => "без оплаты",
                                }
                            }
                        }
                    }
                }
            }
        }
    };
    rsx! {
        div { id: "meter-history-{meter.id}", class: "meter-history",
            h3 { style: "font-size: 15px; margin: 12px 0 6px;", "История показаний" }
            {body}
        }
    }
}

#[component]
fn ConsumptionChart(meter_id: String, unit: String, bars: Vec<Bar>) -> Element {
    let label_y = TOP + PLOT + Decimal::from(16);
    rsx! {
        figure { class: "spending",
            svg {
                id: "consumption-chart-{meter_id}",
                class: "consumption-chart",
                xmlns: "http://www.w3.org/2000/svg",
                view_box: "0 0 {WIDTH} {HEIGHT}",
                role: "img",
                "aria-label": "Расход по месяцам, {unit}",
                line { x1: "0", x2: "{WIDTH}", y1: "{TOP + PLOT}", y2: "{TOP + PLOT}", stroke: "#c9d1dc", stroke_width: "1" }
                for bar in bars {
                    g { class: "chart-month",
                        rect { class: "bar-segment", x: "{bar.x}", y: "{bar.y}", width: "{bar.width}", height: "{bar.height}", fill: "#00838f",
                            title { "{bar.title}" }
                        }
                        text { class: "bar-total", x: "{bar.centre}", y: "{bar.y - Decimal::from(4)}", text_anchor: "middle", "{bar.label}" }
                        text { class: "bar-month", x: "{bar.centre}", y: "{label_y}", text_anchor: "middle", "{bar.month}" }
                    }
                }
            }
            figcaption { class: "hint", "Расход по месяцам, {unit}" }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ofis_domain::Period;

    fn used(month: u32, text: &str) -> MonthUse {
        MonthUse {
            period: Period::new(2026, month).unwrap(),
            used: text.parse().unwrap(),
        }
    }

    #[test]
    fn the_biggest_month_fills_the_plot_and_the_others_are_in_proportion() {
        let bars = bars(&[used(9, "2.5"), used(10, "5"), used(11, "0")], "м³");
        assert_eq!(bars.len(), 3);
        assert_eq!(bars[1].height, PLOT);
        assert_eq!(bars[1].y, TOP);
        assert_eq!(bars[0].height, PLOT / Decimal::TWO);
        assert_eq!(bars[2].height, Decimal::ZERO);
        assert_eq!(bars[0].label, "2,5");
        assert_eq!(bars[2].month, "ноя");
        assert!(bars[2].x + bars[2].width <= WIDTH, "fits the drawing");
    }

    #[test]
    fn nothing_used_draws_nothing_and_only_the_last_months_are_shown() {
        assert!(bars(&[used(11, "0")], "м³").is_empty());
        let year: Vec<MonthUse> = (0..15)
            .map(|i| MonthUse {
                period: Period::new(2025 + (i + 8) / 12, ((i + 8) % 12 + 1) as u32).unwrap(),
                used: Decimal::from(i + 1),
            })
            .collect();
        let shown = bars(&year, "м³");
        assert_eq!(shown.len(), CHART_MONTHS);
        assert_eq!(shown.last().unwrap().label, "15");
    }
}
