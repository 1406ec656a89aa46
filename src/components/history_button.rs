//! The «История» button of the «Мои платежи» top bar.

use dioxus::prelude::*;

use crate::state::{Screen, Ui};

/// Opens the payment history.
#[component]
pub fn HistoryButton() -> Element {
    let ui = use_context::<Ui>();
    rsx! {
        button {
            id: "open-history",
            class: "history-button",
            aria_label: "История платежей",
            onclick: move |_| ui.go(Screen::History),
            "История"
        }
    }
}
