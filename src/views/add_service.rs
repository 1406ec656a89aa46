//! «Добавить услугу»: the ways to find a bill.

use dioxus::prelude::*;

use crate::state::{Screen, Ui};

/// The add-service sheet.
#[component]
pub fn AddService() -> Element {
    let ui = use_context::<Ui>();
    rsx! {
        header { class: "topbar",
            button { class: "back", aria_label: "Назад", onclick: move |_| ui.go(Screen::Payments), "‹" }
            h1 { "Добавить услугу" }
        }
        section { class: "sheet",
            button { id: "search-by-address", class: "option", onclick: move |_| ui.go(Screen::AddressSearch),
                span { class: "option-title", "Поиск по адресу" }
                span { class: "option-hint", "Все счета по адресу — общий счёт" }
            }
        }
    }
}
