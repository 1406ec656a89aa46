//! A paid receipt (чек) with its fiscal data, right after the payment.

use dioxus::prelude::*;

use crate::components::KeptReceipt;
use crate::route::Route;

/// The receipt screen shown after a payment.
#[component]
pub fn ReceiptView(id: String) -> Element {
    let nav = navigator();
    rsx! {
        header { class: "topbar", h1 { "Чек" } }
        section { id: "receipt", class: "receipt",
            KeptReceipt { id, id_prefix: "receipt" }
            button { id: "receipt-done", class: "primary", onclick: move |_| { nav.replace(Route::Payments {}); }, "Готово" }
            button { id: "receipt-history", class: "link", onclick: move |_| { nav.push(Route::History {}); }, "История платежей" }
        }
    }
}
