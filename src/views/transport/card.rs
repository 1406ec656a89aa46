//! A card: its balance as the transport system reports it (and when), what awaits crediting,
//! «Хватит на N поездок»; «Пополнение», «История», «Удалить»; its name and low-balance alert;
//! and its «История» by period.

mod settings;

use crate::components::Failure;
use dioxus::prelude::*;
use ofis_core::{parse_period, Ofis, TransportCard};

use crate::components::{use_act, BackButton, PeriodButton, PeriodPicker};
use crate::route::Route;
use settings::{CardAlert, CardRename};

/// The card screen.
#[component]
pub fn CardScreen(number: String) -> Element {
    let ofis = use_context::<Ofis>();
    let id = number.clone();
    let mut loaded = use_resource(move || {
        let (ofis, id) = (ofis.clone(), id.clone());
        async move { ofis.transport_card(&id).await }
    });
    let shown = match &*loaded.read() {
        None => rsx! { p { class: "hint", "Загружаем…" } },
        Some(Err(e)) => {
            rsx! { {crate::components::load_error("card-error", "Транспортная карта", e)} }
        }
        Some(Ok(card)) => rsx! {
            CardSummary { card: card.clone() }
            CardActions { card: card.clone() }
            div { class: "card-settings",
                CardRename { card: card.clone(), on_saved: move |_| loaded.restart() }
                CardAlert { card: card.clone(), on_saved: move |_| loaded.restart() }
            }
        },
    };
    rsx! {
        header { class: "topbar",
            BackButton { to: Route::Transport {} }
            h1 { "Транспортная карта" }
        }
        section { class: "schools", {shown} }
    }
}

/// Name, type, number, balance and what awaits crediting.
#[component]
fn CardSummary(card: TransportCard) -> Element {
    rsx! {
        div { id: "transport-card", class: "child-card",
            div { class: "child-name", "{card.name}" }
            div { class: "meta", "{card.type_name} · {card.grouped}" }
            div { class: "child-balance",
                span { "Баланс" }
                strong { id: "transport-balance", class: "amount", "{card.balance.display_rub()}" }
            }
            div { class: "meta", "{card.updated}" }
            if !card.pending.is_zero() {
                div { id: "transport-pending", class: "meta", "Ожидает зачисления: " span { class: "amount", "{card.pending.display_rub()}" } }
            }
            if let Some(t) = card.alert.filter(|t| card.balance < *t) {
                p { id: "transport-low-balance", class: "warning", "Баланс ниже порога уведомления ({t.display_rub()}). Пополните карту." }
            }
            if let Some(trips) = &card.trips_left { div { id: "transport-trips", class: "meta", "{trips}" } }
            if let Some(allows) = &card.allowances { div { class: "meta", "{allows}" } }
            if let Some(advice) = &card.advice { p { id: "transport-advice", class: "hint", "{advice}" } }
        }
    }
}

/// «Пополнение» (online cards), «История», «Удалить» after «подтвердить».
#[component]
fn CardActions(card: TransportCard) -> Element {
    let ofis = use_context::<Ofis>();
    let nav = navigator();
    let mut confirm = use_signal(|| false);
    let act = use_act();
    let (n1, n2, n3) = (
        card.number.clone(),
        card.number.clone(),
        card.number.clone(),
    );
    let remove = move |_| {
        let (ofis, number) = (ofis.clone(), n3.clone());
        act.run(async move {
            ofis.remove_card(&number).await.map_err(Failure::from)?;
            nav.replace(Route::Transport {});
            Ok(())
        })
    };
    rsx! {
        nav { class: "options", aria_label: "Действия с картой",
            if card.online {
                button { id: "open-card-top-up", class: "option", onclick: move |_| { nav.push(Route::CardTopUp { number: n1.clone() }); },
                    span { class: "option-title", "Пополнение" }
                }
            }
            button { id: "open-card-history", class: "option", onclick: move |_| { nav.push(Route::CardHistory { number: n2.clone(), from: String::new(), to: String::new() }); },
                span { class: "option-title", "История" }
            }
        }
        if confirm() {
            p { class: "hint", "Удалить карту из приложения? Её можно будет добавить снова." }
            div { class: "field-row",
                button { id: "card-remove-confirm", class: "danger", disabled: act.busy(), onclick: remove, "подтвердить" }
                button { class: "link", onclick: move |_| confirm.set(false), "отмена" }
            }
        } else {
            button { id: "card-remove", class: "secondary", onclick: move |_| confirm.set(true), "Удалить карту" }
        }
        crate::components::ActError { act, id: "card-remove-error", screen: "Транспортная карта" }
    }
}

/// «История» of a card for `from`..=`to` (both empty: the last week).
#[component]
pub fn CardHistoryScreen(number: String, from: String, to: String) -> Element {
    let ofis = use_context::<Ofis>();
    let picking = use_signal(|| false);
    let screen = Route::CardHistory {
        number: number.clone(),
        from: String::new(),
        to: String::new(),
    };
    let (card, start, end) = (number.clone(), from.clone(), to.clone());
    let history = use_resource(use_reactive!(|(card, start, end)| {
        let ofis = ofis.clone();
        async move {
            let period = parse_period(&start, &end)?;
            ofis.card_history(&card, period).await
        }
    }));
    let shown = match &*history.read() {
        None => rsx! { p { class: "hint", "Загружаем…" } },
        Some(Err(e)) => {
            rsx! { {crate::components::load_error("card-history-error", "История карты", e)} }
        }
        Some(Ok(h)) => rsx! {
            p { id: "card-history-period", class: "meta", "{h.period}" }
            if h.rows.is_empty() { p { class: "hint", "За этот период поездок и пополнений не было." } }
            ul { id: "card-history", class: "meal-rows",
                for (i, r) in h.rows.iter().enumerate() {
                    li { key: "{i}", class: if r.incoming { "meal-row top-up" } else { "meal-row" },
                        div { class: "meal-row-head",
                            span { "{r.title}" }
                            span { class: "amount", if r.incoming { "+{r.amount.display_rub()}" } else { "−{r.amount.display_rub()}" } }
                        }
                        div { class: "meta", "{r.when}" if let Some(state) = r.state { " · {state}" } }
                    }
                }
            }
        },
    };
    rsx! {
        header { class: "topbar",
            BackButton { to: Route::TransportCard { number: number.clone() } }
            h1 { "История" }
            PeriodButton { open: picking }
        }
        if picking() {
            PeriodPicker { screen, from: from.clone(), to: to.clone(), open: picking }
        }
        section { class: "meal-history", {shown} }
    }
}
