//! The 3-D Secure code the bank sends by SMS.

use dioxus::prelude::*;
use ofis_core::{Ofis, PayScope, PaymentStep, PaymentTicket};

use crate::components::Field;
use crate::messages::core_error;
use crate::state::{Screen, Ui};

/// Asks for the bank's confirmation code.
#[component]
pub fn ThreeDs(scope: PayScope, ticket: PaymentTicket) -> Element {
    let ofis = use_context::<Ofis>();
    let ui = use_context::<Ui>();
    let code = use_signal(String::new);
    let mut error = use_signal(|| None::<String>);
    let mut busy = use_signal(|| false);
    let total = ticket.total.display_rub();
    let key = ticket.key.clone();
    let cancel_key = ticket.key.clone();
    let ofis_cancel = ofis.clone();

    // The cancel reaches the bank, so the bills are free again; should the bank have charged
    // already, its receipt is the answer.
    let cancel = move |_| {
        let (ofis, key) = (ofis_cancel.clone(), cancel_key.clone());
        async move {
            busy.set(true);
            match ofis.cancel_payment(&key).await {
                Ok(PaymentStep::Paid(receipt)) => {
                    ui.show(ofis.snapshot());
                    ui.go(Screen::Receipt(receipt));
                }
                Ok(_) => {
                    ui.show(ofis.snapshot());
                    ui.go(Screen::Payments);
                }
                Err(e) => error.set(Some(core_error(&e))),
            }
            busy.set(false);
        }
    };

    let confirm = move |_| {
        let (ofis, key, scope, ticket) = (ofis.clone(), key.clone(), scope.clone(), ticket.clone());
        async move {
            busy.set(true);
            match ofis.confirm_3ds(&key, &code()).await {
                Ok(PaymentStep::Paid(receipt)) => {
                    ui.show(ofis.snapshot());
                    ui.go(Screen::Receipt(receipt));
                }
                Ok(PaymentStep::Challenge) => error.set(Some(
                    "Банк снова запросил код. Введите новый код из СМС.".into(),
                )),
                Ok(PaymentStep::Declined(message)) => {
                    error.set(Some(format!("{message} Деньги не списаны.")));
                    let _ = (scope, ticket);
                }
                Err(e) => error.set(Some(core_error(&e))),
            }
            busy.set(false);
        }
    };

    rsx! {
        header { class: "topbar", h1 { "Подтверждение платежа" } }
        section { class: "three-ds",
            p { "Банк отправил код подтверждения в СМС. Сумма платежа: " strong { "{total}" } }
            Field { id: "three-ds-code", label: "Код из СМС банка", inputmode: "numeric", autocomplete: "one-time-code", value: code, secret: true, error: error() }
            button { id: "three-ds-submit", class: "primary", disabled: busy(), onclick: confirm, "Подтвердить" }
            button { id: "three-ds-cancel", class: "link", disabled: busy(), onclick: cancel, "Отменить и вернуться к счетам" }
        }
    }
}
