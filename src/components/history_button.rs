//! The «История» button of the «Мои платежи» top bar.

use dioxus::prelude::*;

use crate::route::Route;

/// Opens the payment history.
#[component]
pub fn HistoryButton() -> Element {
    let nav = navigator();
    rsx! {
        button {
            id: "open-history",
            class: "history-button",
            aria_label: "История платежей",
            onclick: move |_| {
                nav.push(Route::History {});
            },
            "История"
        }
    }
}
