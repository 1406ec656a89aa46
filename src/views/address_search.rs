//! «Поиск по адресу»: suggestions as the user types; a tap adds the address's bills.

use crate::components::Failure;
use dioxus::prelude::*;
use ofis_core::{AddressChoice, Ofis};

use crate::components::{use_act, use_live_search, LiveSearch, SearchInput};
use crate::route::Route;
use crate::state::Ui;

/// The address search screen.
#[component]
pub fn AddressSearch() -> Element {
    let ofis = use_context::<Ofis>();
    let ui = use_context::<Ui>();
    let nav = navigator();
    let search = use_live_search::<AddressChoice>();
    let LiveSearch {
        query,
        results: suggestions,
        error,
        searched,
        ..
    } = search;

    let ofis_typing = ofis.clone();
    let on_input = move |e: FormEvent| {
        let ofis = ofis_typing.clone();
        let text = search.typed(&e);
        async move { search.answer(&text, ofis.suggest_addresses(&text).await) }
    };

    let add = use_act();
    let choose = move |address: AddressChoice| {
        let ofis = ofis.clone();
        add.run(async move {
            let title = address.title.clone();
            let (_, added) = ofis.add_address(address).await.map_err(Failure::from)?;
            ui.home(nav, match added {
                0 => format!("По адресу «{title}» пока нет выставленных счетов. Мы покажем их, когда поставщики их выставят."),
                n => format!("Добавлено счетов по адресу: {n}. Проверьте общую сумму к оплате."),
            });
            Ok(())
        })
    };

    rsx! {
        header { class: "topbar",
            crate::components::BackButton { to: Route::Payments {} }
            h1 { "Поиск по адресу" }
        }
        section { class: "search",
            SearchInput { id: "address-query", label: "Улица, дом, квартира", placeholder: "Например: Советская 12 5", query, oninput: on_input }
            if let Some(failure) = error() {
                {crate::components::failure_note("address-error", "Поиск по адресу", failure)}
            } else {
                crate::components::ActError { act: add, id: "address-error", screen: "Поиск по адресу" }
            }
            if searched() && suggestions().is_empty() {
                p { id: "address-not-found", class: "hint", "Адрес не найден. Проверьте название улицы и номер дома." }
            }
            ul { class: "suggestions",
                for address in suggestions() {
                    li { key: "{address.id}",
                        button {
                            class: "suggestion",
                            disabled: add.busy(),
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
