//! «Пополнить»: the amount, within the account's rules, then the app's card form (the same
//! payment engine as bills: 3-D Secure, the receipt, «История»).

use crate::components::Failure;
use dioxus::prelude::*;
use ofis_core::{Ofis, TopUpForm};

use crate::components::{use_act, BackButton, Field};
use crate::route::Route;

/// The top-up screen of `child`.
#[component]
pub fn TopUpScreen(child: String) -> Element {
    let ofis = use_context::<Ofis>();
    let nav = navigator();
    let amount = use_signal(String::new);
    let act = use_act();
    let id = child.clone();
    let form = use_resource({
        let ofis = ofis.clone();
        move || {
            let (ofis, id) = (ofis.clone(), id.clone());
            async move { ofis.top_up_form(&id).await }
        }
    });
    let target = child.clone();
    let pay = move |_| {
        let (ofis, child) = (ofis.clone(), target.clone());
        act.run(async move {
            let ticket = ofis
                .top_up(&child, &amount())
                .await
                .map_err(Failure::from)?;
            nav.push(Route::Checkout { order: ticket.key });
            Ok(())
        })
    };
    rsx! {
        header { class: "topbar",
            BackButton { to: Route::Child { child: child.clone() } }
            h1 { "Пополнить" }
        }
        section { class: "top-up",
            match &*form.read() {
                None => rsx! { p { class: "hint", "Загружаем…" } },
                Some(Err(e)) => rsx! { {crate::components::load_error("top-up-load-error", "Пополнение", e)} },
                Some(Ok(f)) => rsx! { AccountNow { form: f.clone() } },
            }
            form { class: "top-up-form", onsubmit: move |e| e.prevent_default(),
                Field { id: "top-up-amount", label: "Сумма пополнения, ₽", inputmode: "decimal", placeholder: "500", value: amount, error: act.error() }
                crate::components::SupportLink { act, id: "top-up-amount-error", screen: "Пополнение счёта ребёнка" }
                button { id: "top-up-pay", class: "primary", r#type: "button", disabled: act.busy(), onclick: pay, "Оплатить" }
            }
        }
    }
}

/// The account, its balance and what is still processing, and the amounts it takes.
#[component]
fn AccountNow(form: TopUpForm) -> Element {
    rsx! {
        div { id: "top-up-account", class: "child-card",
            div { class: "meta", "Лицевой счёт {form.meal_account}" }
            div { class: "child-balance",
                span { "Баланс" }
                strong { class: "amount", "{form.balance.display_rub()}" }
            }
            if !form.processing.is_zero() {
                div { class: "meta", "В обработке: " span { class: "amount", "{form.processing.display_rub()}" } }
            }
            if let Some(hint) = &form.hint {
                p { id: "top-up-hint", class: "hint", "{hint}" }
            }
        }
    }
}
