//! The period a section shows: the last week by default; the «часы» button at the top right
//! opens «С» and «По» to pick another (manual, section 9). The period is in the screen's address,
//! so back and reload keep it.

use dioxus::prelude::*;
use ofis_core::{last_week, Ofis};

use super::Field;
use crate::route::Route;

/// The «часы» button of the top bar: opens and closes the period's dates.
#[component]
pub fn PeriodButton(open: Signal<bool>) -> Element {
    let mut open = open;
    rsx! {
        button {
            id: "pick-period",
            class: "period-button",
            aria_label: "Выбрать период",
            aria_expanded: "{open()}",
            onclick: move |_| open.toggle(),
            svg { width: "26", height: "26", view_box: "0 0 24 24", fill: "none", stroke: "currentColor", stroke_width: "2", stroke_linecap: "round", "aria-hidden": "true",
                circle { cx: "12", cy: "12", r: "9" }
                path { d: "M12 7v5l3 2" }
            }
        }
    }
}

/// «С» and «По» (`from`, `to` as in the address; empty: the last week), then «Показать» goes
/// to `screen` for the picked period.
#[component]
pub fn PeriodPicker(screen: Route, from: String, to: String, open: Signal<bool>) -> Element {
    let ofis = use_context::<Ofis>();
    let nav = navigator();
    let mut open = open;
    let (week_from, week_to) = last_week(ofis.today());
    let pick = |typed: &str, default: chrono::NaiveDate| {
        if typed.is_empty() {
            default.to_string()
        } else {
            typed.to_string()
        }
    };
    let start = use_signal(|| pick(&from, week_from));
    let end = use_signal(|| pick(&to, week_to));
    rsx! {
        form { id: "period", class: "period", onsubmit: move |e| e.prevent_default(),
            Field { id: "period-from", label: "С", kind: "date", value: start }
            Field { id: "period-to", label: "По", kind: "date", value: end }
            button {
                id: "period-show",
                class: "primary",
                r#type: "button",
                onclick: move |_| {
                    open.set(false);
                    nav.push(screen.clone().for_period(start(), end()));
                },
                "Показать"
            }
        }
    }
}
