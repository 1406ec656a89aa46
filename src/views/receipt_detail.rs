//! A kept receipt opened from «История»: fiscal data, the fiscal QR, «Отправить на e-mail».

use dioxus::prelude::*;
use ofis_core::{Ofis, Receipt};

use crate::components::{Field, ReceiptBody};
use crate::messages::core_error;
use crate::state::{Screen, Ui};

/// The receipt with its fiscal data and QR code.
#[component]
pub fn ReceiptDetail(receipt: Receipt) -> Element {
    let ui = use_context::<Ui>();
    let id = receipt.id.clone();
    rsx! {
        header { class: "topbar",
            button { class: "back", aria_label: "Назад", onclick: move |_| ui.go(Screen::History), "‹" }
            h1 { "Чек" }
        }
        section { id: "receipt-detail", class: "receipt",
            ReceiptBody { receipt, id_prefix: "detail" }
            EmailCopy { receipt_id: id }
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
