//! A paid receipt (чек) with its fiscal data, right after the payment.

use dioxus::prelude::*;
use ofis_core::Receipt;

use crate::components::ReceiptBody;
use crate::state::{Screen, Ui};

/// The receipt screen shown after a payment.
#[component]
pub fn ReceiptView(receipt: Receipt) -> Element {
    let ui = use_context::<Ui>();
    rsx! {
        header { class: "topbar", h1 { "Чек" } }
        section { id: "receipt", class: "receipt",
            ReceiptBody { receipt, id_prefix: "receipt" }
            button { id: "receipt-done", class: "primary", onclick: move |_| ui.go(Screen::Payments), "Готово" }
            button { id: "receipt-history", class: "link", onclick: move |_| ui.go(Screen::History), "История платежей" }
        }
    }
}
