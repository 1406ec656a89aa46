//! «Электронная квитанция»: a Город account's bill by e-mail instead of on paper — «Подключить»
//! with an address, «Отключить» back to paper; the screen says from which month a change counts
//! (by the 20th: from this month's bill, later: from the next month's).

use dioxus::prelude::*;
use ofis_core::{EBillView, Ofis};

use super::bill_form::{use_gorod_accounts, AccountSelect, DocsTopbar, EmailField, ServiceEntry};
use crate::components::{load_error, use_act, ActError, Failure, SupportLink};
use crate::route::Route;

/// «Электронная квитанция» on the «Абоненту» list.
#[component]
pub fn EBillEntry() -> Element {
    rsx! {
        ServiceEntry { id: "open-e-bill", title: "Электронная квитанция", hint: "Квитанция на e-mail вместо бумажной", to: Route::EBill {} }
    }
}

/// The «Электронная квитанция» screen.
#[component]
pub fn EBillScreen() -> Element {
    let (accounts, account) = use_gorod_accounts();
    let has_accounts = !accounts.is_empty();
    rsx! {
        DocsTopbar { title: "Электронная квитанция" }
        section { id: "e-bill", class: "office-docs",
            AccountSelect { accounts, chosen: account }
            if has_accounts {
                EBillSetting { key: "{account}", account: account() }
            }
        }
    }
}

/// The setting of one account, with the way to change it.
#[component]
fn EBillSetting(account: String) -> Element {
    let ofis = use_context::<Ofis>();
    let mut changed = use_signal(|| None::<EBillView>);
    let email = use_signal(String::new);
    let act = use_act();
    let id = account.clone();
    let load = ofis.clone();
    let current = use_resource(move || {
        let (ofis, id) = (load.clone(), id.clone());
        async move { ofis.e_bill(&id).await }
    });
    let view = match (changed(), &*current.read()) {
        (Some(v), _) => v,
        (None, Some(Ok(v))) => v.clone(),
        (None, Some(Err(e))) => return load_error("e-bill-error", "Электронная квитанция", e),
        (None, None) => return rsx! { p { class: "hint", "Загружаем…" } },
    };
    let set = move |on: bool| {
        let (ofis, account) = (ofis.clone(), account.clone());
        act.run(async move {
            let typed = email();
            let next = ofis
                .set_e_bill(&account, on.then_some(typed.as_str()))
                .await
                .map_err(Failure::from)?;
            changed.set(Some(next));
            Ok(())
        })
    };
    let (on, off) = (set.clone(), set);
    rsx! {
        p { id: "e-bill-status", class: "notice", role: "status",
            span { "{view.status}" }
        }
        p { id: "e-bill-rule", class: "meta", "{view.rule}" }
        p { id: "e-bill-from", class: "meta", "{view.change_from}" }
        if view.enabled {
            ActError { act, id: "e-bill-change-error", screen: "Электронная квитанция" }
            button { id: "e-bill-off", class: "secondary", r#type: "button", disabled: act.busy(), onclick: move |_| off(false), "Отключить: получать на бумаге" }
        } else {
            form { class: "email-copy", onsubmit: move |e| e.prevent_default(),
                EmailField { id: "e-bill-email", label: "E-mail для квитанций", value: email, error: act.error() }
                SupportLink { act, id: "e-bill-email-error", screen: "Электронная квитанция" }
                button { id: "e-bill-on", class: "primary", r#type: "button", disabled: act.busy(), onclick: move |_| on(true), "Подключить электронную квитанцию" }
            }
        }
    }
}
