//! «‹»: back a screen, as the browser's or the phone's back button would.

use dioxus::prelude::*;

use crate::route::Route;

/// Goes back a screen; on the first screen of a visit (opened by a link), to `to` instead.
#[component]
pub fn BackButton(to: Route) -> Element {
    let nav = navigator();
    rsx! {
        button {
            class: "back",
            aria_label: "Назад",
            onclick: move |_| {
                if nav.can_go_back() {
                    nav.go_back();
                } else {
                    nav.replace(to.clone());
                }
            },
            "‹"
        }
    }
}
