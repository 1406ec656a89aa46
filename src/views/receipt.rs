//! A paid receipt (чек) with its fiscal data.

use dioxus::prelude::*;
use ofis_core::Receipt;

use crate::state::{Screen, Ui};

/// The receipt screen shown after a payment.
#[component]
pub fn ReceiptView(receipt: Receipt) -> Element {
    let ui = use_context::<Ui>();
    let f = &receipt.fiscal;
    let issued = f
        .issued_at
        .with_timezone(&ofis_domain::tz::offset())
        .format("%d.%m.%Y %H:%M")
        .to_string();
    let qr = f.qr_text();
    rsx! {
        header { class: "topbar", h1 { "Чек" } }
        section { id: "receipt", class: "receipt",
            div { class: "paid-mark", "✓ Оплачено" }
            for line in receipt.lines.iter() {
                div { class: "receipt-line", key: "{line.bill_id}",
                    div {
                        div { class: "service", "{line.service_name}" }
                        div { class: "meta", "{line.provider_name} · л/с {line.account}" }
                    }
                    span { class: "amount", "{line.amount.display_rub()}" }
                }
            }
            div { class: "receipt-total", span { "Итого" } strong { id: "receipt-total", "{receipt.total.display_rub()}" } }
            dl { class: "fiscal",
                dt { "Дата" } dd { "{issued}" }
                dt { "ФН" } dd { id: "fiscal-fn", "{f.fn_number}" }
                dt { "ФД" } dd { id: "fiscal-fd", "{f.fd_number}" }
                dt { "ФП" } dd { id: "fiscal-fp", "{f.fp}" }
                dt { "Сумма" } dd { "{f.sum.display_rub()}" }
            }
            p { class: "qr-text", "{qr}" }
            button { id: "receipt-done", class: "primary", onclick: move |_| ui.go(Screen::Payments), "Готово" }
            button { id: "receipt-history", class: "link", onclick: move |_| ui.go(Screen::History), "История платежей" }
        }
    }
}
