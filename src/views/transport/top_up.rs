//! «Пополнение»: «Сумма за пополнение» (the type's minimum and maximum) → «Оплатить» → the
//! confirmation «Ок» → the card form, through the one payment engine.

use crate::components::Failure;
use dioxus::prelude::*;
use ofis_core::Ofis;

use crate::components::{use_act, BackButton, Field};
use crate::route::Route;

/// The top-up screen of a card.
#[component]
pub fn CardTopUpScreen(number: String) -> Element {
    let ofis = use_context::<Ofis>();
    let nav = navigator();
    let amount = use_signal(String::new);
    let mut asking = use_signal(|| false);
    let act = use_act();
    let id = number.clone();
    let card = use_resource(move || {
        let (ofis, id) = (ofis.clone(), id.clone());
        async move { ofis.transport_card(&id).await }
    });
    let hint = match &*card.read() {
        Some(Ok(c)) => c
            .top_up_limits
            .map(|(min, max)| format!("от {} до {}", min.display_rub(), max.display_rub())),
        _ => None,
    };
    let title = match &*card.read() {
        Some(Ok(c)) => format!("{} · {}", c.name, c.grouped),
        _ => String::new(),
    };
    let ofis_pay = use_context::<Ofis>();
    let pay = move |_| {
        let (ofis, number) = (ofis_pay.clone(), number.clone());
        asking.set(false);
        act.run(async move {
            let ticket = ofis
                .top_up_card(&number, &amount())
                .await
                .map_err(Failure::from)?;
            nav.push(Route::Checkout { order: ticket.key });
            Ok(())
        })
    };
    rsx! {
        header { class: "topbar",
            BackButton { to: Route::Transport {} }
            h1 { "Пополнение" }
        }
        section { class: "schools",
            p { class: "meta", "{title}" }
            Field { id: "transport-amount", label: "Сумма за пополнение", inputmode: "decimal", placeholder: hint.clone().unwrap_or_default(), value: amount, error: act.error() }
            crate::components::SupportLink { act, id: "transport-amount-error", screen: "Пополнение транспортной карты" }
            if let Some(h) = hint { p { class: "hint", "Сумма: {h}" } }
            if asking() {
                div { id: "top-up-confirm", class: "line-menu confirm", role: "alertdialog",
                    p { "Пополнить карту на {amount} ₽?" }
                    button { id: "top-up-ok", class: "confirm-yes", disabled: act.busy(), onclick: pay, "Ок" }
                    button { class: "confirm-no", onclick: move |_| asking.set(false), "Отмена" }
                }
            } else {
                button { id: "top-up-pay", class: "primary", disabled: act.busy(), onclick: move |_| asking.set(true), "Оплатить" }
            }
        }
    }
}
