//! The card's own settings on its screen: the name the person gives it (kept by the server) and
//! the low-balance alert (kept on this device).

use crate::components::Failure;
use dioxus::prelude::*;
use ofis_core::{Ofis, TransportCard};

use crate::components::{use_act, Field};

/// «Переименовать»: a field with the current name, «Сохранить»; `on_saved` re-reads the card.
#[component]
pub fn CardRename(card: TransportCard, on_saved: EventHandler<()>) -> Element {
    let ofis = use_context::<Ofis>();
    let mut open = use_signal(|| false);
    let mut typed = use_signal(String::new);
    let name = card.name.clone();
    let act = use_act();
    let number = card.number.clone();
    let save = move |_| {
        let (ofis, number) = (ofis.clone(), number.clone());
        act.run(async move {
            ofis.rename_card(&number, &typed())
                .await
                .map_err(Failure::from)?;
            open.set(false);
            on_saved.call(());
            Ok(())
        })
    };
    if !open() {
        return rsx! {
            button { id: "card-rename", class: "secondary", onclick: move |_| { typed.set(name.clone()); open.set(true) }, "Переименовать карту" }
        };
    }
    rsx! {
        form { class: "alert-form", onsubmit: move |e| e.prevent_default(),
            Field { id: "card-name", label: "Название карты (пусто — по типу карты)", autocomplete: "off", value: typed, error: act.error() }
            crate::components::SupportLink { act, id: "card-name-error", screen: "Транспортная карта" }
            div { class: "field-row",
                button { id: "card-name-save", class: "primary", r#type: "button", disabled: act.busy(), onclick: save, "Сохранить" }
                button { class: "link", r#type: "button", onclick: move |_| open.set(false), "отмена" }
            }
        }
    }
}

/// «Уведомить, если баланс ниже»: one notification when the balance falls below it, again
/// after a top-up is credited.
#[component]
pub fn CardAlert(card: TransportCard, on_saved: EventHandler<()>) -> Element {
    let ofis = use_context::<Ofis>();
    let shown = card.alert.map_or(String::new(), |t| t.display_plain());
    let typed = use_signal(move || shown);
    let mut saved = use_signal(|| None::<String>);
    let act = use_act();
    let number = card.number.clone();
    let save = move |_| {
        let (ofis, number) = (ofis.clone(), number.clone());
        saved.set(None);
        act.run(async move {
            let set = ofis
                .set_card_alert(&number, &typed())
                .await
                .map_err(Failure::from)?;
            saved.set(Some(match set {
                Some(t) => format!("Уведомим, когда баланс станет меньше {}.", t.display_rub()),
                None => "Уведомление о балансе выключено.".into(),
            }));
            on_saved.call(());
            Ok(())
        })
    };
    rsx! {
        form { class: "alert-form", onsubmit: move |e| e.prevent_default(),
            Field { id: "card-alert", label: "Уведомить, если баланс ниже, ₽ (пусто — не уведомлять)", inputmode: "decimal", placeholder: "100", value: typed, error: act.error() }
            crate::components::SupportLink { act, id: "card-alert-error", screen: "Транспортная карта" }
            button { id: "card-alert-save", class: "secondary", r#type: "button", disabled: act.busy(), onclick: save, "Сохранить порог" }
        }
        if let Some(text) = saved() {
            p { id: "card-alert-saved", class: "sent", role: "status", "{text}" }
        }
    }
}
