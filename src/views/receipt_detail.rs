//! A kept receipt opened from «История»: fiscal data, the fiscal QR, «Отправить на e-mail».

use crate::components::Failure;
use dioxus::prelude::*;
use ofis_core::Ofis;

use crate::components::{use_act, Field, KeptReceipt};
use crate::route::Route;

/// The receipt with its fiscal data and QR code.
#[component]
pub fn ReceiptDetail(id: String) -> Element {
    rsx! {
        header { class: "topbar",
            crate::components::BackButton { to: Route::History {} }
            h1 { "Чек" }
        }
        section { id: "receipt-detail", class: "receipt",
            KeptReceipt { id: id.clone(), id_prefix: "detail" }
            EmailCopy { receipt_id: id }
        }
    }
}

/// «Отправить на e-mail»: the address is checked here first; what was typed stays on errors.
#[component]
fn EmailCopy(receipt_id: String) -> Element {
    let ofis = use_context::<Ofis>();
    let email = use_signal(String::new);
    let mut sent = use_signal(|| None::<String>);
    let act = use_act();
    let send = move |_| {
        let (ofis, id) = (ofis.clone(), receipt_id.clone());
        sent.set(None);
        act.run(async move {
            let to = ofis
                .email_receipt(&id, &email())
                .await
                .map_err(Failure::from)?;
            sent.set(Some(format!("Копия чека отправлена на {to}.")));
            Ok(())
        })
    };
    rsx! {
        form { class: "email-copy", onsubmit: move |e| e.prevent_default(),
            Field { id: "receipt-email", label: "Отправить копию чека на e-mail", kind: "email", inputmode: "email", autocomplete: "email", placeholder: "name@mail.ru", value: email, error: act.error() }
            crate::components::SupportLink { act, id: "receipt-email-error", screen: "Чек" }
            button { id: "send-email", class: "primary", r#type: "button", disabled: act.busy(), onclick: send, "Отправить на e-mail" }
            if let Some(text) = sent() {
                p { id: "email-sent", class: "sent", role: "status", "{text}" }
            }
        }
    }
}
