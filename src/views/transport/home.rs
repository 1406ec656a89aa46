//! The section's first screen: the saved cards with their balance («+» adds one), the way to
//! «Остановки и маршруты» and the favourite stops (kept on the device: shown without the server).

use dioxus::prelude::*;
use ofis_core::{Ofis, StopRow, TransportCard};

use super::network::StopButton;
use crate::route::Route;

/// «Транспорт».
#[component]
pub fn TransportHome() -> Element {
    let ofis = use_context::<Ofis>();
    let nav = navigator();
    let cards = use_resource(move || {
        let ofis = ofis.clone();
        async move { ofis.transport_cards().await }
    });
    let shown = match &*cards.read() {
        None => rsx! { p { class: "hint", "Загружаем…" } },
        Some(Err(e)) => {
            rsx! { {crate::components::load_error("cards-error", "Транспорт", e)} }
        }
        Some(Ok(list)) if list.is_empty() => rsx! {
            p { id: "no-cards", class: "hint", "Добавьте транспортную карту кнопкой «+»: номер из 19 цифр есть на обороте карты." }
        },
        Some(Ok(list)) => rsx! {
            ul { id: "cards", class: "children",
                for card in list.iter() {
                    CardRow { key: "{card.number}", card: card.clone() }
                }
            }
        },
    };
    rsx! {
        header { class: "topbar",
            h1 { "Транспорт" }
            crate::components::HelpButton { section: ofis_core::HelpSection::Transport }
            button { id: "add-card", class: "plus", aria_label: "Добавить карту", onclick: move |_| { nav.push(Route::AddCard {}); }, "+" }
        }
        section { class: "schools",
            {shown}
            nav { class: "options", aria_label: "Маршруты",
                button { id: "open-network", class: "option", onclick: move |_| { nav.push(Route::TransportNetwork {}); },
                    span { class: "option-title", "Остановки и маршруты" }
                    span { class: "option-hint", "Поиск, расписание и прибытие транспорта" }
                }
            }
            FavouriteStops {}
        }
    }
}

/// «Избранные остановки»: a tap opens a stop's arrivals.
#[component]
fn FavouriteStops() -> Element {
    let ofis = use_context::<Ofis>();
    let stops = use_resource(move || {
        let ofis = ofis.clone();
        async move { ofis.favourite_stops().await }
    });
    let list: Vec<StopRow> = match &*stops.read() {
        Some(Ok(list)) => list.clone(),
        Some(Err(e)) => {
            return rsx! { {crate::components::load_error("favourites-error", "Транспорт", e)} }
        }
        None => return rsx! {},
    };
    if list.is_empty() {
        return rsx! {};
    }
    rsx! {
        h2 { class: "section-title", "Избранные остановки" }
        ul { id: "favourite-stops", class: "children",
            for stop in list {
                li { key: "{stop.id}",
                    StopButton { stop, id_prefix: "favourite", hint: "Ближайшие рейсы".to_string() }
                }
            }
        }
    }
}

/// One card in the list: a tap opens it.
#[component]
fn CardRow(card: TransportCard) -> Element {
    let nav = navigator();
    let number = card.number.clone();
    rsx! {
        li {
            button {
                id: "card-{card.number}",
                class: "option",
                onclick: move |_| { nav.push(Route::TransportCard { number: number.clone() }); },
                span { class: "option-title", "{card.name}" }
                span { class: "option-hint", "{card.type_name} · {card.grouped}" }
                span { class: "amount", "{card.balance.display_rub()}" }
            }
        }
    }
}
