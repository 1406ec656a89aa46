//! «Поиск по названию услуги»: a provider, then the account, contract or phone it asks for.

use dioxus::prelude::*;
use ofis_core::{Ofis, ProviderChoice};

use crate::components::Field;
use crate::components::{use_live_search, LiveSearch};
use crate::messages::core_error;
use crate::state::{Screen, Ui};

/// The provider search screen.
#[component]
pub fn ProviderSearch() -> Element {
    let ofis = use_context::<Ofis>();
    let ui = use_context::<Ui>();
    let search = use_live_search::<ProviderChoice>();
    let LiveSearch {
        query,
        results: providers,
        mut error,
        searched,
        ..
    } = search;
    let mut chosen = use_signal(|| None::<ProviderChoice>);
    let account = use_signal(String::new);
    let mut busy = use_signal(|| false);

    let ofis_typing = ofis.clone();
    let on_input = move |e: FormEvent| {
        let ofis = ofis_typing.clone();
        let text = search.typed(&e);
        async move { search.answer(&text, ofis.search_providers(&text).await) }
    };

    let save = move |_| {
        let ofis = ofis.clone();
        async move {
            let Some(provider) = chosen() else { return };
            busy.set(true);
            let result = match ofis.find_at_provider(&provider.id, &account()).await {
                Ok(bills) => ofis.add_bills(bills).await,
                Err(e) => Err(e),
            };
            match result {
                Ok((snapshot, added)) => {
                    ui.show(snapshot);
                    if added == 0 {
                        ui.notify("Этот счёт уже есть в общем счёте.");
                    } else {
                        ui.notify(format!("Счёт «{}» добавлен в общий счёт.", provider.name));
                    }
                    ui.go(Screen::Payments);
                }
                Err(e) => error.set(Some(core_error(&e))),
            }
            busy.set(false);
        }
    };

    rsx! {
        header { class: "topbar",
            button { class: "back", aria_label: "Назад", onclick: move |_| ui.go(Screen::AddService), "‹" }
            h1 { "Поиск по названию услуги" }
        }
        section { class: "search",
            match chosen() {
                None => rsx! {
                    div { class: "field",
                        label { r#for: "provider-query", "Поставщик услуги или ИНН" }
                        input {
                            id: "provider-query",
                            r#type: "search",
                            placeholder: "Например: Водоканал",
                            autocomplete: "off",
                            initial_value: "{query}",
                            oninput: on_input,
                        }
                    }
                    if let Some(err) = error() {
                        p { class: "error", role: "alert", "{err}" }
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
                },
                Some(provider) => rsx! {
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
                        error: error(),
                    }
                    p { class: "hint field-hint", "{provider.field_hint}" }
                    button { id: "provider-save", class: "primary", disabled: busy(), onclick: save, "Сохранить" }
                },
            }
        }
    }
}
