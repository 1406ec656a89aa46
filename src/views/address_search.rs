//! «Поиск по адресу»: suggestions as the user types; a tap adds the address's bills.

use dioxus::prelude::*;
use ofis_core::{AddressChoice, Ofis};

use crate::components::{use_live_search, LiveSearch};
use crate::messages::core_error;
use crate::state::{Screen, Ui};

/// The address search screen.
#[component]
pub fn AddressSearch() -> Element {
    let ofis = use_context::<Ofis>();
    let ui = use_context::<Ui>();
    let search = use_live_search::<AddressChoice>();
    let LiveSearch {
        query,
        results: suggestions,
        mut error,
        searched,
        ..
    } = search;
    let mut busy = use_signal(|| false);

    let ofis_typing = ofis.clone();
    let on_input = move |e: FormEvent| {
        let ofis = ofis_typing.clone();
        let text = search.typed(&e);
        async move { search.answer(&text, ofis.suggest_addresses(&text).await) }
    };

    let choose = move |address: AddressChoice| {
        let ofis = ofis.clone();
        async move {
            busy.set(true);
            let title = address.title.clone();
            match ofis.add_address(address).await {
                Ok((snapshot, 0)) => {
                    ui.show(snapshot);
                    ui.notify(format!("По адресу «{title}» пока нет выставленных счетов. Мы покажем их, когда поставщики их выставят."));
                    ui.go(Screen::Payments);
                }
                Ok((snapshot, n)) => {
                    ui.show(snapshot);
                    ui.notify(format!(
                        "Добавлено счетов по адресу: {n}. Проверьте общую сумму к оплате."
                    ));
                    ui.go(Screen::Payments);
                }
                Err(e) => error.set(Some(core_error(&e))),
            }
            busy.set(false);
        }
    };

    rsx! {
        header { class: "topbar",
            button { class: "back", aria_label: "Назад", onclick: move |_| ui.go(Screen::Payments), "‹" }
            h1 { "Поиск по адресу" }
        }
        section { class: "search",
            div { class: "field",
                label { r#for: "address-query", "Улица, дом, квартира" }
                input {
                    id: "address-query",
                    r#type: "search",
                    placeholder: "Например: Советская 12 5",
                    autocomplete: "off",
                    initial_value: "{query}",
                    oninput: on_input,
                }
            }
            if let Some(err) = error() {
                p { id: "address-error", class: "error", role: "alert", "{err}" }
            }
            if searched() && suggestions().is_empty() {
                p { id: "address-not-found", class: "hint", "Адрес не найден. Проверьте название улицы и номер дома." }
            }
            ul { class: "suggestions",
                for address in suggestions() {
                    li { key: "{address.id}",
                        button {
                            class: "suggestion",
                            disabled: busy(),
                            onclick: {
                                let choose = choose.clone();
                                let address = address.clone();
                                move |_| choose(address.clone())
                            },
                            "{address.title}"
                        }
                    }
                }
            }
        }
    }
}
