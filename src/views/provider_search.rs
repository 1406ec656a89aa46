//! «Поиск по названию услуги»: a provider, then the account, contract or phone it asks for.

use crate::components::Failure;
use dioxus::prelude::*;
use ofis_core::{Ofis, ProviderChoice};

use crate::components::{use_act, use_live_search, Field, LiveSearch, SearchInput};
use crate::route::Route;
use crate::state::Ui;

/// The provider search screen.
#[component]
pub fn ProviderSearch() -> Element {
    // Kept here, so «Выбрать другого поставщика» comes back to the same search.
    let search = use_live_search::<ProviderChoice>();
    let chosen = use_signal(|| None::<ProviderChoice>);
    rsx! {
        header { class: "topbar",
            crate::components::BackButton { to: Route::AddService {} }
            h1 { "Поиск по названию услуги" }
        }
        section { class: "search",
            match chosen() {
                None => rsx! { ProviderPicker { search, chosen } },
                Some(provider) => rsx! { ProviderAccount { provider, chosen } },
            }
        }
    }
}

/// The provider's name or INN, and the providers found for it.
#[component]
fn ProviderPicker(
    search: LiveSearch<ProviderChoice>,
    chosen: Signal<Option<ProviderChoice>>,
) -> Element {
    let ofis = use_context::<Ofis>();
    let LiveSearch {
        query,
        results: providers,
        mut error,
        searched,
        ..
    } = search;
    let on_input = move |e: FormEvent| {
        let ofis = ofis.clone();
        let text = search.typed(&e);
        async move { search.answer(&text, ofis.search_providers(&text).await) }
    };
    rsx! {
        SearchInput { id: "provider-query", label: "Поставщик услуги или ИНН", placeholder: "Например: Водоканал", query, oninput: on_input }
        if let Some(failure) = error() {
            {crate::components::failure_note("provider-error", "Поиск по названию услуги", failure)}
        }
        if searched() && providers().is_empty() {
            p { id: "provider-not-found", class: "hint", "Поставщик не найден. Попробуйте другое название или ИНН." }
        }
        ul { class: "suggestions",
            for provider in providers() {
                li { key: "{provider.id}",
                    button {
                        class: "provider",
                        onclick: {
                            let provider = provider.clone();
                            move |_| {
                                error.set(None);
                                chosen.set(Some(provider.clone()));
                            }
                        },
                        span { class: "option-title", "{provider.name}" }
                        span { class: "option-hint", "ИНН {provider.inn}" }
                    }
                }
            }
        }
    }
}

/// The account (or contract, or phone) the chosen provider asks for, and «Сохранить».
#[component]
fn ProviderAccount(provider: ProviderChoice, chosen: Signal<Option<ProviderChoice>>) -> Element {
    let ofis = use_context::<Ofis>();
    let ui = use_context::<Ui>();
    let nav = navigator();
    let account = use_signal(String::new);
    let add = use_act();
    let (id, name) = (provider.id.clone(), provider.name.clone());
    let save = move |_| {
        let (ofis, id, name) = (ofis.clone(), id.clone(), name.clone());
        add.run(async move {
            let bills = ofis
                .find_at_provider(&id, &account())
                .await
                .map_err(Failure::from)?;
            let (_, added) = ofis.add_bills(bills).await.map_err(Failure::from)?;
            ui.home(
                nav,
                match added {
                    0 => "Этот счёт уже есть в общем счёте.".to_string(),
                    _ => format!("Счёт «{name}» добавлен в общий счёт."),
                },
            );
            Ok(())
        })
    };
    rsx! {
        div { class: "chosen-provider",
            div { class: "option-title", "{provider.name}" }
            div { class: "option-hint", "ИНН {provider.inn}" }
            button { class: "link", onclick: move |_| chosen.set(None), "Выбрать другого поставщика" }
        }
        Field {
            id: "provider-account",
            label: provider.field_label.clone(),
            placeholder: provider.field_example.clone(),
            value: account,
            error: add.error(),
        }
        crate::components::SupportLink { act: add, id: "provider-account-error", screen: "Поиск по названию услуги" }
        p { class: "hint field-hint", "{provider.field_hint}" }
        button { id: "provider-save", class: "primary", disabled: add.busy(), onclick: save, "Сохранить" }
    }
}
