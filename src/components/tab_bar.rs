//! The bottom tab bar.

use dioxus::prelude::*;

use crate::state::{Screen, Tab, Ui};

/// The four sections of the app.
#[component]
pub fn TabBar(active: Tab) -> Element {
    let ui = use_context::<Ui>();
    let tabs = [
        (
            Tab::Payments,
            "Мои платежи",
            "₽",
            Screen::Payments,
            "tab-payments",
        ),
        (
            Tab::Subscriber,
            "Абоненту",
            "⌂",
            Screen::Subscriber,
            "tab-subscriber",
        ),
        (
            Tab::Schools,
            "Школы и Сады",
            "✎",
            Screen::Schools,
            "tab-schools",
        ),
        (
            Tab::Transport,
            "Транспорт",
            "⇄",
            Screen::Transport,
            "tab-transport",
        ),
    ];
    rsx! {
        nav { class: "tabbar",
            for (tab, label, icon, screen, id) in tabs {
                button {
                    id,
                    class: if tab == active { "tab active" } else { "tab" },
                    onclick: move |_| ui.go(screen.clone()),
                    span { class: "tab-icon", "{icon}" }
                    span { class: "tab-label", "{label}" }
                }
            }
        }
    }
}
