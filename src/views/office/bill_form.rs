//! Pieces the document screens share: the Город account and the month to choose, and the
//! e-mail field prefilled with the address typed last.

use dioxus::prelude::*;
use ofis_core::{GorodAccount, Ofis, PeriodChoice};

use crate::components::Field;

/// The Город accounts of the saved addresses; empty: a hint where to add an address.
pub(super) fn use_gorod_accounts() -> (Vec<GorodAccount>, Signal<String>) {
    let ofis = use_context::<Ofis>();
    let ui = use_context::<crate::state::Ui>();
    // Re-read when the addresses change.
    let _ = (ui.snapshot)().addresses;
    let accounts = ofis.gorod_accounts(None);
    let first = accounts.first().map(|a| a.account.clone());
    let chosen = use_signal(move || first.unwrap_or_default());
    (accounts, chosen)
}

/// «Лицевой счёт»: one of the Город accounts of the saved addresses.
#[component]
pub(super) fn AccountSelect(accounts: Vec<GorodAccount>, chosen: Signal<String>) -> Element {
    let mut chosen = chosen;
    if accounts.is_empty() {
        return rsx! {
            p { id: "office-no-account", class: "hint",
                "Нет лицевых счетов АО «Система «Город»: добавьте адрес в «Мои платежи» через «+» → «Поиск по адресу»."
            }
        };
    }
    let addresses = {
        let mut a: Vec<&str> = accounts.iter().map(|a| a.address_id.as_str()).collect();
        a.dedup();
        a.len()
    };
    rsx! {
        div { class: "field",
            label { r#for: "office-account", "Лицевой счёт" }
            select {
                id: "office-account",
                class: "choice",
                onchange: move |e| chosen.set(e.value()),
                for a in accounts.iter() {
                    option {
                        key: "{a.account}",
                        value: "{a.account}",
                        selected: chosen() == a.account,
                        if addresses > 1 { "{a.title}, {a.address_title}" } else { "{a.title}" }
                    }
                }
            }
        }
    }
}

/// A month of the last year; with `any_label`, an empty choice first.
#[component]
pub(super) fn PeriodSelect(
    id: String,
    label: String,
    periods: Vec<PeriodChoice>,
    chosen: Signal<String>,
    #[props(default)] any_label: Option<String>,
) -> Element {
    let mut chosen = chosen;
    rsx! {
        div { class: "field",
            label { r#for: "{id}", "{label}" }
            select {
                id: "{id}",
                class: "choice",
                onchange: move |e| chosen.set(e.value()),
                if let Some(any) = any_label {
                    option { value: "", selected: chosen().is_empty(), "{any}" }
                }
                for p in periods.iter() {
                    option { key: "{p.value}", value: "{p.value}", selected: chosen() == p.value, "{p.label}" }
                }
            }
        }
    }
}

/// An e-mail field prefilled with the address typed last on these forms (once it is read);
/// what the person types stays in `value`, on errors too.
#[component]
pub(super) fn EmailField(
    id: String,
    label: String,
    value: Signal<String>,
    error: Option<String>,
) -> Element {
    let ofis = use_context::<Ofis>();
    let mut value = value;
    let mut ready = use_signal(|| false);
    use_future(move || {
        let ofis = ofis.clone();
        async move {
            // Not kept: a store that cannot be read leaves the field empty to type into.
            if let Ok(Some(email)) = ofis.office_email().await {
                if value.peek().is_empty() {
                    value.set(email);
                }
            }
            ready.set(true);
        }
    });
    if !ready() {
        return rsx! {};
    }
    rsx! {
        Field { id, label, kind: "email", inputmode: "email", autocomplete: "email", placeholder: "name@mail.ru", value, error }
    }
}

/// One service of «Абоненту»: a button of the look of «Подать показания ИПУ» that opens it.
#[component]
pub(super) fn ServiceEntry(
    id: String,
    title: String,
    hint: String,
    to: crate::route::Route,
) -> Element {
    let nav = navigator();
    rsx! {
        button {
            id: "{id}",
            class: "option",
            onclick: move |_| {
                nav.push(to.clone());
            },
            span { class: "option-title", "{title}" }
            span { class: "option-hint", "{hint}" }
        }
    }
}

/// The top bar of a document screen: back to «Абоненту», the title, the section's help.
#[component]
pub(super) fn DocsTopbar(title: String) -> Element {
    rsx! {
        header { class: "topbar",
            crate::components::BackButton { to: crate::route::Route::Subscriber {} }
            h1 { "{title}" }
            crate::components::HelpButton { section: ofis_core::HelpSection::Subscriber }
        }
    }
}
