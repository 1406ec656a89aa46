//! «Жизненные ситуации»: the list, and a situation's steps, each step's button opening the
//! service of «Абоненту» that does it (by its path: a booking on the right topic, the right
//! application, readings, the bill…).

use dioxus::prelude::*;
use ofis_core::{Ofis, Situation};

use crate::components::BackButton;
use crate::route::Route;

/// «Жизненные ситуации» in the «Сервисы» of «Абоненту».
#[component]
pub fn SituationsEntry() -> Element {
    let nav = navigator();
    rsx! {
        button {
            id: "open-situations",
            class: "option",
            onclick: move |_| { nav.push(Route::Situations {}); },
            span { class: "option-title", "Жизненные ситуации" }
            span { class: "option-hint", "Переезд, покупка квартиры, новый жилец — что сделать и где" }
        }
    }
}

/// The situations, loaded (with «Повторить» on an error).
fn use_situations() -> Resource<Result<Vec<Situation>, ofis_core::CoreError>> {
    let ofis = use_context::<Ofis>();
    use_resource(move || {
        let ofis = ofis.clone();
        async move { ofis.life_situations().await }
    })
}

/// The list of situations.
#[component]
pub fn SituationsScreen() -> Element {
    let nav = navigator();
    let mut loaded = use_situations();
    let shown = match &*loaded.read() {
        None => rsx! { p { class: "hint", role: "status", "Загружаем…" } },
        Some(Err(e)) => {
            rsx! {
                {crate::components::load_error("situations-error", "Жизненные ситуации", e)}
                button { id: "situations-retry", class: "secondary", onclick: move |_| loaded.restart(), "Повторить" }
            }
        }
        Some(Ok(all)) => rsx! {
            nav { id: "situations", class: "options", aria_label: "Жизненные ситуации",
                for s in all.iter() {
                    button {
                        key: "{s.id}",
                        id: "situation-{s.id}",
                        class: "option",
                        onclick: {
                            let id = s.id.clone();
                            move |_| { nav.push(Route::Situation { id: id.clone() }); }
                        },
                        span { class: "option-title", "{s.title}" }
                        span { class: "option-hint", "{s.summary}" }
                    }
                }
            }
        },
    };
    rsx! {
        header { class: "topbar",
            BackButton { to: Route::Subscriber {} }
            h1 { "Жизненные ситуации" }
        }
        section { class: "situations", {shown} }
    }
}

/// A situation's steps, each with the button of its service.
#[component]
pub fn SituationScreen(id: String) -> Element {
    let mut loaded = use_situations();
    let found = match &*loaded.read() {
        Some(Ok(all)) => Some(all.iter().find(|s| s.id == id).cloned()),
        _ => None,
    };
    let title = match &found {
        Some(Some(s)) => s.title.clone(),
        _ => "Жизненная ситуация".to_string(),
    };
    let shown = match (&*loaded.read(), found) {
        (None, _) => rsx! { p { class: "hint", role: "status", "Загружаем…" } },
        (Some(Err(e)), _) => {
            rsx! {
                {crate::components::load_error("situations-error", "Жизненные ситуации", e)}
                button { id: "situations-retry", class: "secondary", onclick: move |_| loaded.restart(), "Повторить" }
            }
        }
        (_, Some(Some(s))) => rsx! { Steps { situation: s } },
        _ => rsx! {
            p { id: "situation-missing", class: "error", role: "alert", "Такой жизненной ситуации нет. Вернитесь к списку." }
        },
    };
    rsx! {
        header { class: "topbar",
            BackButton { to: Route::Situations {} }
            h1 { "{title}" }
        }
        section { class: "situations", {shown} }
    }
}

/// The summary and the numbered steps.
#[component]
fn Steps(situation: Situation) -> Element {
    let nav = navigator();
    rsx! {
        p { class: "situation-summary", "{situation.summary}" }
        ol { id: "situation-steps", class: "situation-steps",
            for (i, step) in situation.steps.iter().enumerate() {
                li { key: "{i}", id: "step-{i + 1}", class: "situation-step",
                    p { "{step.text}" }
                    if let Some(link) = step.link.clone() {
                        button {
                            id: "step-{i + 1}-go",
                            class: "secondary situation-go",
                            onclick: move |_| { nav.push(link.path.clone()); },
                            "{link.label}"
                        }
                    }
                }
            }
        }
    }
}
