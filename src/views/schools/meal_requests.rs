//! «Заявки по питанию»: the requests of the coming two weeks; order or cancel a day's meals
//! before the school's cut-off, «Болеет» for a range, «Отозвать»; a late one is refused with the
//! cut-off named.

use crate::components::Failure;
use dioxus::prelude::*;
use ofis_core::{parse_day, CoreError, MealRequestRow, Ofis};

use crate::components::{use_act, BackButton, Field};
use crate::route::Route;

/// What a request button asks.
#[derive(Clone, Copy, PartialEq)]
enum Ask {
    Order,
    Cancel,
    Sick,
}

/// The meal requests screen of `child`.
#[component]
pub fn MealRequestsScreen(child: String) -> Element {
    let ofis = use_context::<Ofis>();
    let changes = use_signal(|| 0u32);
    let id = child.clone();
    let list = use_resource(move || {
        let (ofis, id) = (ofis.clone(), id.clone());
        let _ = changes();
        async move { ofis.meal_requests(&id).await }
    });
    rsx! {
        header { class: "topbar",
            BackButton { to: Route::Child { child: child.clone() } }
            h1 { "Заявки по питанию" }
        }
        section { class: "meal-requests",
            NewRequest { child: child.clone(), changes }
            match &*list.read() {
                None => rsx! { p { class: "hint", "Загружаем…" } },
                Some(Err(e)) => rsx! { {crate::components::load_error("requests-error", "Заявки на питание", e)} },
                Some(Ok(rows)) if rows.is_empty() => rsx! { p { id: "requests-empty", class: "hint", "Заявок на ближайшие две недели нет." } },
                Some(Ok(rows)) => rsx! {
                    ul { id: "meal-requests", class: "request-rows",
                        for row in rows.iter() {
                            RequestRow { key: "{row.id}", child: child.clone(), row: row.clone(), changes }
                        }
                    }
                },
            }
        }
    }
}

/// A day (or, for «Болеет», a range) and the three requests.
#[component]
fn NewRequest(child: String, mut changes: Signal<u32>) -> Element {
    let ofis = use_context::<Ofis>();
    let next = ofis.next_meal_day().to_string();
    let from = use_signal(|| next.clone());
    let to = use_signal(|| next.clone());
    let mut done = use_signal(|| None::<String>);
    let act = use_act();
    let send = use_callback(move |ask: Ask| {
        let (ofis, child) = (ofis.clone(), child.clone());
        done.set(None);
        act.run(async move {
            let outcome = ask_for(&ofis, &child, ask, &from(), &to())
                .await
                .map_err(Failure::from)?;
            done.set(Some(outcome));
            changes += 1;
            Ok(())
        })
    });
    rsx! {
        form { id: "new-request", class: "request-form", onsubmit: move |e| e.prevent_default(),
            Field { id: "request-day", label: "День (для «Болеет» — с)", kind: "date", value: from }
            Field { id: "request-to", label: "По (только для «Болеет»)", kind: "date", value: to }
            div { class: "request-buttons",
                button { id: "request-order", class: "primary", r#type: "button", disabled: act.busy(), onclick: move |_| send(Ask::Order), "Заказать питание" }
                button { id: "request-cancel", class: "secondary", r#type: "button", disabled: act.busy(), onclick: move |_| send(Ask::Cancel), "Отменить питание" }
                button { id: "request-sick", class: "secondary", r#type: "button", disabled: act.busy(), onclick: move |_| send(Ask::Sick), "Болеет" }
            }
            crate::components::ActError { act, id: "request-error", screen: "Заявки на питание" }
            if let Some(text) = done() {
                p { id: "request-done", class: "sent", role: "status", "{text}" }
            }
        }
    }
}

async fn ask_for(
    ofis: &Ofis,
    child: &str,
    ask: Ask,
    from: &str,
    to: &str,
) -> Result<String, CoreError> {
    let day = parse_day(from)?;
    let outcome = match ask {
        Ask::Order => ofis.order_meals(child, day).await?,
        Ask::Cancel => ofis.cancel_meals(child, day).await?,
        Ask::Sick => ofis.report_sick(child, day, parse_day(to)?).await?,
    };
    Ok(outcome.message)
}

/// One day's request, with «Отозвать» before its cut-off.
#[component]
fn RequestRow(child: String, row: MealRequestRow, mut changes: Signal<u32>) -> Element {
    let ofis = use_context::<Ofis>();
    let act = use_act();
    let id = row.id.clone();
    let withdraw = move |_| {
        let (ofis, child, id) = (ofis.clone(), child.clone(), id.clone());
        act.run(async move {
            ofis.withdraw_meal_request(&child, &id)
                .await
                .map_err(Failure::from)?;
            changes += 1;
            Ok(())
        })
    };
    rsx! {
        li { class: "request-row", "data-day": "{row.day}",
            div { class: "meal-row-head",
                span { class: "meal-row-title", "{row.day_text}" }
                span { class: "chip", "{row.state}" }
            }
            div { "{row.what}" }
            div { class: "meta", "{row.cut_off}" }
            if row.can_withdraw {
                button { class: "link withdraw", disabled: act.busy(), onclick: withdraw, "Отозвать" }
            }
            crate::components::ActError { act, id: format!("withdraw-error-{}", row.id), screen: "Заявки на питание" }
        }
    }
}
