//! The period a section shows: the last week by default; the «часы» button at the top right
//! opens the dates to pick another (manual, section 9).

use chrono::NaiveDate;
use dioxus::prelude::*;

/// The period's two ends, kept by the screen that shows it.
#[derive(Clone, Copy, PartialEq)]
pub struct Period {
    pub from: Signal<NaiveDate>,
    pub to: Signal<NaiveDate>,
    open: Signal<bool>,
}

/// A period starting as `(from, to)`.
pub fn use_period(start: impl FnOnce() -> (NaiveDate, NaiveDate)) -> Period {
    let (from, to) = use_hook(start);
    Period {
        from: use_signal(|| from),
        to: use_signal(|| to),
        open: use_signal(|| false),
    }
}

/// The «часы» button of the top bar.
#[component]
pub fn PeriodButton(period: Period) -> Element {
    let mut open = period.open;
    rsx! {
        button {
            id: "period-button",
            class: "period-button",
            aria_label: "Выбрать период",
            "aria-expanded": open(),
            onclick: move |_| open.set(!open()),
            "🕓"
        }
    }
}

/// The period's dates, shown when the «часы» button opened them; always says which period is shown.
#[component]
pub fn PeriodFields(period: Period) -> Element {
    let Period {
        mut from,
        mut to,
        open,
    } = period;
    let label = format!(
        "{} — {}",
        from().format("%d.%m.%Y"),
        to().format("%d.%m.%Y")
    );
    rsx! {
        p { id: "period-shown", class: "hint", "Период: {label}" }
        if open() {
            div { class: "field-row period-fields",
                div { class: "field",
                    label { r#for: "period-from", "С" }
                    input { id: "period-from", r#type: "date", value: "{from}",
                        onchange: move |e| if let Ok(d) = e.value().parse() { from.set(d) } }
                }
                div { class: "field",
                    label { r#for: "period-to", "По" }
                    input { id: "period-to", r#type: "date", value: "{to}",
                        onchange: move |e| if let Ok(d) = e.value().parse() { to.set(d) } }
                }
            }
        }
    }
}
