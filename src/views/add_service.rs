//! «Добавить услугу»: the ways to find a bill.

use dioxus::prelude::*;

use crate::route::Route;

/// The add-service sheet.
#[component]
pub fn AddService() -> Element {
    let nav = navigator();
    rsx! {
        header { class: "topbar",
            crate::components::BackButton { to: Route::Payments {} }
            h1 { "Добавить услугу" }
        }
        section { class: "sheet",
            button { id: "search-by-address", class: "option", onclick: move |_| { nav.push(Route::AddressSearch {}); },
                span { class: "option-title", "Поиск по адресу" }
                span { class: "option-hint", "Все счета по адресу — общий счёт" }
            }
            button { id: "search-by-account", class: "option", onclick: move |_| { nav.push(Route::AccountSearch {}); },
                span { class: "option-title", "Поиск по лицевому счёту" }
                span { class: "option-hint", "Один счёт — можно оплатить отдельно" }
            }
            button { id: "search-by-provider", class: "option", onclick: move |_| { nav.push(Route::ProviderSearch {}); },
                span { class: "option-title", "Поиск по названию услуги" }
                span { class: "option-hint", "Поставщик и ваш лицевой счёт, договор или телефон" }
            }
            button { id: "search-by-qr", class: "option", onclick: move |_| { nav.push(Route::QrSearch {}); },
                span { class: "option-title", "QR-код" }
                span { class: "option-hint", "Сфотографируйте QR-код на квитанции" }
            }
        }
    }
}
