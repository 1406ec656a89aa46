//! A kept receipt opened from «История»: fiscal data, the fiscal QR, «Отправить на e-mail».

use dioxus::prelude::*;
use ofis_core::{Ofis, Receipt};
use ofis_domain::tz;

use crate::components::{Field, FiscalQr};
use crate::messages::core_error;
use crate::state::{Screen, Ui};

/// The receipt with its fiscal data and QR code.
#[component]
pub fn ReceiptDetail(receipt: Receipt) -> Element {
    let ui = use_context::<Ui>();
    let f = &receipt.fiscal;
    let issued = f
        .issued_at
        .with_timezone(&tz::offset())
        .format("%d.%m.%Y %H:%M")
        .to_string();
    let fee = receipt.fees;
    rsx! {
        header { class: "topbar",
            button { class: "back", aria_label: "Назад", onclick: move |_| ui.go(Screen::History), "‹" }
            h1 { "Чек" }
        }
        section { id: "receipt-detail", class: "receipt",
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
            if !fee.is_zero() {
                div { class: "receipt-line", span { "Комиссия" } span { class: "amount", "{fee.display_rub()}" } }
            }
            div { class: "receipt-total", span { "Итого" } strong { id: "detail-total", "{receipt.total.display_rub()}" } }
            dl { class: "fiscal",
                dt { "Дата" } dd { id: "detail-date", "{issued}" }
                dt { "ФН" } dd { id: "detail-fn", "{f.fn_number}" }
                dt { "ФД" } dd { id: "detail-fd", "{f.fd_number}" }
                dt { "ФП" } dd { id: "detail-fp", "{f.fp}" }
                dt { "Сумма" } dd { id: "detail-sum", "{f.sum.display_rub()}" }
            }
            FiscalQr { text: f.qr_text() }
            EmailCopy { receipt_id: receipt.id.clone() }
        }
    }
}

/// «Отправить на e-mail»: the address is checked here first; what was typed stays on errors.
#[component]
fn EmailCopy(receipt_id: String) -> Element {
    let ofis = use_context::<Ofis>();
    let email = use_signal(String::new);
    let mut error = use_signal(|| None::<String>);
    let mut sent = use_signal(|| None::<String>);
    let mut busy = use_signal(|| false);
    let send = move |_| {
        let (ofis, id) = (ofis.clone(), receipt_id.clone());
        async move {
            busy.set(true);
            error.set(None);
            sent.set(None);
            match ofis.email_receipt(&id, &email()).await {
                Ok(to) => sent.set(Some(format!("Копия чека отправлена на {to}."))),
                Err(e) => error.set(Some(core_error(&e))),
            }
            busy.set(false);
        }
    };
    rsx! {
        form { class: "email-copy", onsubmit: move |e| e.prevent_default(),
            Field { id: "receipt-email", label: "Отправить копию чека на e-mail", kind: "email", inputmode: "email", autocomplete: "email", placeholder: "name@mail.ru", value: email, error: error() }
            button { id: "send-email", class: "primary", r#type: "button", disabled: busy(), onclick: send, "Отправить на e-mail" }
            if let Some(text) = sent() {
                p { id: "email-sent", class: "sent", role: "status", "{text}" }
            }
        }
    }
}
