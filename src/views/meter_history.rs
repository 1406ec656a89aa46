//! «История показаний» of one meter: the accepted readings and a consumption-by-month chart
//! (the app's one bar chart).

use dioxus::prelude::*;
use ofis_core::{MeterCard, MonthUse, Ofis};
use ofis_domain::readings::decimal_ru;

use crate::components::{has_bars, BarChart, BarColumn, Piece};

/// Months shown in the chart, the latest last.
const CHART_MONTHS: usize = 12;
/// Readings listed under the chart, newest first.
const LISTED: usize = 12;
/// The colour of consumption bars.
const COLOUR: &str = "#00838f";

/// A column a month of the last months, labelled with what was used.
fn columns(months: &[MonthUse], unit: &str) -> Vec<BarColumn> {
    months[months.len().saturating_sub(CHART_MONTHS)..]
        .iter()
        .map(|m| BarColumn {
            period: m.period,
            caption: None,
            label: Some(decimal_ru(m.used)),
            pieces: vec![Piece {
                value: m.used,
                color: COLOUR,
                title: format!("{}: {} {unit}", m.period.label_ru(), decimal_ru(m.used)),
            }],
        })
        .collect()
}

/// The readings and the chart of one meter, loaded when opened.
#[component]
pub fn MeterHistory(meter: MeterCard) -> Element {
    let ofis = use_context::<Ofis>();
    let card = meter.clone();
    let history = use_resource(move || {
        let (ofis, card) = (ofis.clone(), card.clone());
        async move { ofis.meter_history(&card).await }
    });
    let body = match &*history.read() {
        None => rsx! { p { class: "hint", "Загружаем историю показаний…" } },
        Some(Err(e)) => crate::components::load_error(
            &format!("meter-history-error-{}", meter.id),
            "История показаний",
            e,
        ),
        Some(Ok(h)) if h.readings.is_empty() => {
            rsx! { p { class: "hint", "Показаний по этому счётчику пока нет." } }
        }
        Some(Ok(h)) => {
            let columns = columns(&h.months, &meter.unit);
            let recent: Vec<_> = h.readings.iter().take(LISTED).cloned().collect();
            rsx! {
                if has_bars(&columns) {
                    figure { class: "spending",
                        BarChart { id: "consumption-chart-{meter.id}", aria_label: "Расход по месяцам, {meter.unit}", columns }
                        figcaption { class: "hint", "Расход по месяцам, {meter.unit}" }
                    }
                }
                ul { class: "meter-readings plain-list",
                    for r in recent {
                        li { key: "{r.id}", class: "entry-line",
                            span { "{r.date}" }
                            span { class: "amount", "{r.value}" }
                            span { class: "meta", "{r.source}" }
                        }
                    }
                }
            }
        }
    };
    rsx! {
        div { id: "meter-history-{meter.id}", class: "meter-history",
            h3 { "История показаний" }
            {body}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ofis_domain::Period;
    use rust_decimal::Decimal;

    fn used(month: u32, text: &str) -> MonthUse {
        MonthUse {
            period: Period::new(2026, month).unwrap(),
            used: text.parse().unwrap(),
        }
    }

    #[test]
    fn a_column_a_month_labelled_with_what_was_used() {
        let columns = columns(&[used(9, "2.5"), used(10, "5"), used(11, "0")], "м³");
        assert_eq!(columns.len(), 3);
        assert_eq!(columns[0].label.as_deref(), Some("2,5"));
        assert_eq!(columns[1].pieces[0].value, Decimal::from(5));
        assert_eq!(columns[1].pieces[0].title, "октябрь 2026: 5 м³");
        assert!(has_bars(&columns));
    }

    #[test]
    fn nothing_used_draws_nothing_and_only_the_last_months_are_shown() {
        assert!(!has_bars(&columns(&[used(11, "0")], "м³")));
        let year: Vec<MonthUse> = (0..15)
            .map(|i| MonthUse {
                period: Period::new(2025 + (i + 8) / 12, ((i + 8) % 12 + 1) as u32).unwrap(),
                used: Decimal::from(i + 1),
            })
            .collect();
        let shown = columns(&year, "м³");
        assert_eq!(shown.len(), CHART_MONTHS);
        assert_eq!(shown.last().unwrap().label.as_deref(), Some("15"));
    }
}
