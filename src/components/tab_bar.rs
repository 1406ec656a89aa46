//! The bottom tab bar.

use dioxus::prelude::*;

use crate::route::Route;
use crate::state::Tab;

/// The four sections of the app.
#[component]
pub fn TabBar(active: Tab) -> Element {
    let nav = navigator();
    let tabs = [
        (
            Tab::Payments,
            "Мои платежи",
            "₽",
            Route::Payments {},
            "tab-payments",
        ),
        (
            Tab::Subscriber,
            "Абоненту",
            "⌂",
            Route::Subscriber {},
            "tab-subscriber",
        ),
        (
            Tab::Schools,
            "Школы и Сады",
            "✎",
            Route::Schools {},
            "tab-schools",
        ),
        (
            Tab::Transport,
            "Транспорт",
            "⇄",
            Route::Transport {},
            "tab-transport",
        ),
    ];
    rsx! {
        nav { class: "tabbar", aria_label: "Разделы",
            for (tab, label, icon, route, id) in tabs {
                button {
                    id,
                    class: if tab == active { "tab active" } else { "tab" },
                    "aria-current": if tab == active { "page" } else { "false" },
                    onclick: move |_| {
                        nav.push(route.clone());
                    },
                    span { class: "tab-icon", "aria-hidden": "true", "{icon}" }
                    span { class: "tab-label", "{label}" }
                }
            }
        }
    }
}
