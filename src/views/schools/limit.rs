//! «Лимит питания»: the daily limit the canteen keeps (from the next purchase), and the
//! low-balance alert's threshold kept on this device.

use crate::components::Failure;
use dioxus::prelude::*;
use ofis_core::{MealLimit, Ofis};

use crate::components::{use_act, BackButton, Field};
use crate::messages::core_error;
use crate::route::Route;

/// The limit screen of `child`.
#[component]
pub fn MealLimitScreen(child: String) -> Element {
    let ofis = use_context::<Ofis>();
    let mut shown = use_signal(|| None::<MealLimit>);
    let typed = use_signal(String::new);
    let mut saved = use_signal(|| None::<String>);
    let act = use_act();
    let id = child.clone();
    let loader = ofis.clone();
    let loaded = use_resource(move || {
        let (ofis, id) = (loader.clone(), id.clone());
        async move { ofis.meal_limit(&id).await }
    });
    let target = child.clone();
    let save = move |_| {
        let (ofis, child) = (ofis.clone(), target.clone());
        saved.set(None);
        act.run(async move {
            let limit = ofis
                .set_meal_limit(&child, &typed())
                .await
                .map_err(Failure::from)?;
            shown.set(Some(limit));
            saved.set(Some(
                "Сохранено. Новый лимит действует со следующей покупки.".into(),
            ));
            Ok(())
        })
    };
    let current = shown().or_else(|| {
        loaded
            .read()
            .as_ref()
            .and_then(|r| r.as_ref().ok().cloned())
    });
    rsx! {
        header { class: "topbar",
            BackButton { to: Route::Child { child: child.clone() } }
            h1 { "Лимит питания" }
        }
        section { class: "meal-limit",
            if let Some(Err(e)) = &*loaded.read() {
                {crate::components::load_error("limit-load-error", "Лимит", e)}
            }
            if let Some(l) = current {
                p { id: "limit-now", class: "limit-now", "{l.summary}" }
                p { class: "meta", "Сегодня потрачено: " span { class: "amount", "{l.spent_today.display_rub()}" } }
            }
            form { class: "limit-form", onsubmit: move |e| e.prevent_default(),
                Field { id: "limit-amount", label: "Лимит на день, ₽ (пусто — без лимита)", inputmode: "decimal", placeholder: "300", value: typed, error: act.error() }
                crate::components::SupportLink { act, id: "limit-amount-error", screen: "Лимит питания" }
                button { id: "limit-save", class: "primary", r#type: "button", disabled: act.busy(), onclick: save, "Сохранить" }
            }
            if let Some(text) = saved() {
                p { id: "limit-saved", class: "sent", role: "status", "{text}" }
            }
            LowBalanceAlert { child }
        }
    }
}

/// «Уведомить, если баланс ниже»: one notification when the balance falls below it.
#[component]
fn LowBalanceAlert(child: String) -> Element {
    let ofis = use_context::<Ofis>();
    let typed = use_signal(String::new);
    let mut saved = use_signal(|| None::<String>);
    let act = use_act();
    let save = move |_| {
        let (ofis, child) = (ofis.clone(), child.clone());
        saved.set(None);
        act.run(async move {
            let set = ofis
                .set_low_balance_alert(&child, &typed())
                .await
                .map_err(Failure::from)?;
            saved.set(Some(match set {
                Some(t) => format!("Уведомим, когда баланс станет меньше {}.", t.display_rub()),
                None => "Уведомление о балансе выключено.".into(),
            }));
            Ok(())
        })
    };
    rsx! {
        form { class: "alert-form", onsubmit: move |e| e.prevent_default(),
            Field { id: "alert-threshold", label: "Уведомить, если баланс ниже, ₽ (пусто — не уведомлять)", inputmode: "decimal", placeholder: "200", value: typed, error: act.error() }
            crate::components::SupportLink { act, id: "alert-threshold-error", screen: "Лимит питания" }
            button { id: "alert-save", class: "secondary", r#type: "button", disabled: act.busy(), onclick: save, "Сохранить порог" }
        }
        if let Some(text) = saved() {
            p { id: "alert-saved", class: "sent", role: "status", "{text}" }
        }
    }
}

/// «Хватит на N дней» on the card; looking at the balance also runs the low-balance alert.
#[component]
pub fn MealOutlookLine(card: ofis_core::ChildCard) -> Element {
    let ofis = use_context::<Ofis>();
    let outlook = use_resource(move || {
        let (ofis, card) = (ofis.clone(), card.clone());
        async move { ofis.meal_outlook(&card).await }
    });
    let shown = match &*outlook.read() {
        Some(Ok(o)) => rsx! {
            if let Some(days) = &o.days_left {
                div { id: "child-days-left", class: "meta days-left", "{days}" }
            }
            if o.notified {
                p { id: "child-low-balance", class: "error", role: "alert", "Баланс ниже порога уведомления. Пополните счёт." }
            }
        },
        Some(Err(e)) => rsx! { p { class: "error", "{core_error(e)}" } },
        None => rsx! {},
    };
    shown
}
