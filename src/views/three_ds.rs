//! The 3-D Secure code the bank sends by SMS.

use crate::components::Failure;
use dioxus::prelude::*;
use ofis_core::{Ofis, PaymentStep, PaymentTicket};

use crate::components::{use_act, Field};
use crate::messages::core_error;
use crate::route::Route;

/// Asks for the bank's confirmation code.
#[component]
pub fn ThreeDs(order: String) -> Element {
    let ofis = use_context::<Ofis>();
    match ofis.payment_ticket(&order) {
        Ok(ticket) => rsx! { Challenge { ticket } },
        Err(e) => rsx! { super::checkout::PaymentGone { text: core_error(&e) } },
    }
}

/// The 3-D Secure code of a frozen order.
#[component]
fn Challenge(ticket: PaymentTicket) -> Element {
    let ofis = use_context::<Ofis>();
    let nav = navigator();
    let code = use_signal(String::new);
    let act = use_act();
    let total = ticket.total.display_rub();
    let (key, cancel_key) = (ticket.key.clone(), ticket.key.clone());
    let ofis_cancel = ofis.clone();

    // Paid (also when a cancel found the bank had charged already): its receipt is the answer.
    let settled = move |step: PaymentStep| {
        match step {
            PaymentStep::Paid(receipt) => nav.replace(Route::Paid { id: receipt.id }),
            _ => nav.replace(Route::Payments {}),
        };
    };

    // The cancel reaches the bank, so the bills are free again.
    let cancel = move |_| {
        let (ofis, key) = (ofis_cancel.clone(), cancel_key.clone());
        act.run(async move {
            let step = ofis.cancel_payment(&key).await.map_err(Failure::from)?;
            settled(step);
            Ok(())
        })
    };

    let confirm = move |_| {
        let (ofis, key) = (ofis.clone(), key.clone());
        act.run(async move {
            match ofis
                .confirm_3ds(&key, &code())
                .await
                .map_err(Failure::from)?
            {
                PaymentStep::Challenge => {
                    Err("Банк снова запросил код. Введите новый код из СМС.".into())
                }
                PaymentStep::Declined(message) => {
                    Err(format!("{message} Деньги не списаны.").into())
                }
                paid => {
                    settled(paid);
                    Ok(())
                }
            }
        })
    };

    rsx! {
        header { class: "topbar", h1 { "Подтверждение платежа" } }
        section { class: "three-ds",
            p { "Банк отправил код подтверждения в СМС. Сумма платежа: " strong { "{total}" } }
            Field { id: "three-ds-code", label: "Код из СМС банка", inputmode: "numeric", autocomplete: "one-time-code", value: code, secret: true, error: act.error() }
            crate::components::SupportLink { act, id: "three-ds-code-error", screen: "Код 3-D Secure" }
            button { id: "three-ds-submit", class: "primary", disabled: act.busy(), onclick: confirm, "Подтвердить" }
            button { id: "three-ds-cancel", class: "link", disabled: act.busy(), onclick: cancel, "Отменить и вернуться к счетам" }
        }
    }
}
