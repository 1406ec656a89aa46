//! «Электронное заявление»: the kinds the office takes (`kind` empty), or the form of one kind
//! as the server describes it. Life situations link here with the kind preselected.

use dioxus::prelude::*;
use ofis_core::Ofis;

use super::application_form::ApplicationForm;
use crate::components::BackButton;
use crate::route::Route;

/// «Электронное заявление».
#[component]
pub fn NewApplicationScreen(kind: String) -> Element {
    let ofis = use_context::<Ofis>();
    let kinds = use_resource(move || {
        let ofis = ofis.clone();
        async move { ofis.application_kinds().await }
    });
    let (title, back) = if kind.is_empty() {
        ("Электронное заявление", Route::Subscriber {})
    } else {
        (
            "Заявление",
            Route::NewApplication {
                kind: String::new(),
            },
        )
    };
    let shown = match &*kinds.read() {
        None => rsx! { p { class: "hint", role: "status", "Загружаем…" } },
        Some(Err(e)) => rsx! {
            {crate::components::load_error("application-kinds-error", "Электронное заявление", e)}
        },
        Some(Ok(list)) if kind.is_empty() => rsx! { KindList { kinds: list.clone() } },
        Some(Ok(list)) => match list.iter().find(|k| k.id == kind) {
            Some(k) => rsx! { ApplicationForm { key: "{k.id}", kind: k.clone() } },
            None => rsx! {
                p { id: "application-kind-unknown", class: "error", role: "alert",
                    "Такого вида заявления нет. Выберите вид из списка."
                }
                KindList { kinds: list.clone() }
            },
        },
    };
    rsx! {
        header { class: "topbar",
            BackButton { to: back }
            h1 { "{title}" }
            crate::components::HelpButton { section: ofis_core::HelpSection::Subscriber }
        }
        section { id: "new-application", class: "schools", {shown} }
    }
}

/// The kinds of application, each opening its form; and «Мои заявления».
#[component]
fn KindList(kinds: Vec<ofis_core::ApplicationKind>) -> Element {
    let nav = navigator();
    rsx! {
        nav { id: "application-kinds", class: "options", aria_label: "Виды заявлений",
            for k in kinds {
                button {
                    key: "{k.id}",
                    id: "kind-{k.id}",
                    class: "option",
                    onclick: {
                        let id = k.id.clone();
                        move |_| { nav.push(Route::NewApplication { kind: id.clone() }); }
                    },
                    span { class: "option-title", "{k.name}" }
                    span { class: "option-hint", "{k.description}" }
                }
            }
        }
        button {
            id: "open-my-applications",
            class: "secondary",
            onclick: move |_| { nav.push(Route::MyApplications {}); },
            "Мои заявления"
        }
    }
}

/// «Электронное заявление» in the «Сервисы» list of «Абоненту».
#[component]
pub fn ApplicationEntry() -> Element {
    let nav = navigator();
    rsx! {
        button {
            id: "open-applications",
            class: "option",
            onclick: move |_| { nav.push(Route::NewApplication { kind: String::new() }); },
            span { class: "option-title", "Электронное заявление" }
            span { class: "option-hint", "Перерасчёт, смена собственника, поверка счётчика, отключение услуги; «Мои заявления»" }
        }
    }
}
