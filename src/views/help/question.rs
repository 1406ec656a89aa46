//! One question with its answer, opened by a link from a section's help.

use dioxus::prelude::*;
use ofis_core::Ofis;

use super::faq::FaqItem;
use crate::components::BackButton;
use crate::route::Route;

/// The question `id`, its answer shown.
#[component]
pub fn FaqQuestionScreen(id: String) -> Element {
    let ofis = use_context::<Ofis>();
    let nav = navigator();
    let wanted = id.clone();
    let entry = use_resource(use_reactive!(|wanted| {
        let ofis = ofis.clone();
        async move { ofis.faq_question(&wanted).await }
    }));
    let shown = match &*entry.read() {
        None => rsx! { p { class: "hint", "Загружаем…" } },
        Some(Err(e)) => {
            rsx! { {crate::components::load_error("faq-error", "Вопрос-ответ", e)} }
        }
        Some(Ok(None)) => {
            rsx! { p { id: "faq-missing", class: "hint", "Такого вопроса больше нет. Посмотрите все вопросы." } }
        }
        Some(Ok(Some(entry))) => rsx! {
            div { key: "{entry.id}",
                p { class: "hint faq-category-name", "{entry.category}" }
                FaqItem { entry: entry.clone(), open: true }
            }
        },
    };
    rsx! {
        header { class: "topbar",
            BackButton { to: Route::Help {} }
            h1 { "Вопрос-ответ" }
        }
        section { class: "faq",
            {shown}
            button { id: "all-questions", class: "link", onclick: move |_| { nav.push(Route::Help {}); }, "Все вопросы" }
        }
    }
}
