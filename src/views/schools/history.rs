//! «История операций»: a child's purchases and top-ups, last week by default; the «часы» button
//! at the top right picks another period (its dates are in the address, so back and reload keep
//! it).

use dioxus::prelude::*;
use ofis_core::{parse_period, MealHistoryRow, MealRowKind, Ofis};

use crate::components::{BackButton, PeriodButton, PeriodPicker};
use crate::route::Route;

/// The history screen of `child` for `from`..=`to` (both empty: the last week).
#[component]
pub fn MealHistoryScreen(child: String, from: String, to: String) -> Element {
    let picking = use_signal(|| false);
    rsx! {
        header { class: "topbar",
            BackButton { to: Route::Child { child: child.clone() } }
            h1 { "История операций" }
            PeriodButton { open: picking }
        }
        if picking() {
            PeriodPicker { screen: Route::MealHistory { child: child.clone(), from: String::new(), to: String::new() }, from: from.clone(), to: to.clone(), open: picking }
        }
        section { class: "meal-history",
            HistoryRows { child, from, to }
        }
    }
}

/// The operations of the period, newest first.
#[component]
fn HistoryRows(child: String, from: ReadSignal<String>, to: ReadSignal<String>) -> Element {
    let ofis = use_context::<Ofis>();
    // Reading the period's props subscribes: a new period in the address loads again.
    let history = use_resource(move || {
        let (ofis, child, from, to) = (ofis.clone(), child.clone(), from(), to());
        async move {
            let period = parse_period(&from, &to)?;
            ofis.meal_history(&child, period).await
        }
    });
    let shown = match &*history.read() {
        None => rsx! { p { class: "hint", "Загружаем…" } },
        Some(Err(e)) => {
            rsx! { {crate::components::load_error("meal-history-error", "История питания", e)} }
        }
        Some(Ok(h)) => rsx! {
            p { id: "meal-history-period", class: "meta", "{h.period}" }
            p { class: "meta", "Потрачено: " span { class: "amount", "{h.spent.display_rub()}" } " · пополнено: " span { class: "amount", "{h.topped_up.display_rub()}" } }
            if h.rows.is_empty() {
                p { id: "meal-history-empty", class: "hint", "За этот период операций нет." }
            }
            ul { id: "meal-history", class: "meal-rows",
                for row in h.rows.iter() {
                    HistoryRow { key: "{row.id}", row: row.clone() }
                }
            }
        },
    };
    shown
}

/// One purchase (what, where, when) or top-up (processing or posted).
#[component]
fn HistoryRow(row: MealHistoryRow) -> Element {
    let class = match row.kind {
        MealRowKind::Purchase => "meal-row purchase",
        MealRowKind::TopUpProcessing => "meal-row top-up processing",
        MealRowKind::TopUpPosted => "meal-row top-up posted",
    };
    let sign = if row.incoming { "+" } else { "−" };
    rsx! {
        li { class: "{class}",
            div { class: "meal-row-head",
                span { class: "meal-row-title", "{row.title}" }
                span { class: "amount", "{sign}{row.amount.display_rub()}" }
            }
            div { class: "meta", "{row.when}" }
            if !row.state.is_empty() {
                span { class: "chip", "{row.state}" }
            }
            if !row.items.is_empty() {
                ul { class: "meal-items",
                    for item in row.items.iter() {
                        li { "{item}" }
                    }
                }
            }
        }
    }
}
