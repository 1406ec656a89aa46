//! «Вопрос-ответ»: the questions by category; typing searches them (any form of a word), and a
//! question opens its answer in place.

use dioxus::prelude::*;
use ofis_core::{FaqEntry, Ofis};

use crate::components::{use_live_search, BackButton, LiveSearch, SearchInput};
use crate::route::Route;

/// «Вопрос-ответ».
#[component]
pub fn FaqScreen() -> Element {
    let ofis = use_context::<Ofis>();
    let search = use_live_search::<FaqEntry>();
    let LiveSearch {
        query,
        results,
        error,
        ..
    } = search;
    let ofis_all = ofis.clone();
    let faq = use_resource(move || {
        let ofis = ofis_all.clone();
        async move { ofis.faq().await }
    });
    let on_input = move |e: FormEvent| {
        let ofis = ofis.clone();
        let text = search.typed(&e);
        async move { search.answer(&text, ofis.search_faq(&text).await) }
    };
    let typed = !query().trim().is_empty();
    rsx! {
        header { class: "topbar",
            BackButton { to: Route::Payments {} }
            h1 { "Вопрос-ответ" }
        }
        section { class: "faq",
            SearchInput { id: "faq-query", label: "Поиск по вопросам", placeholder: "Например: оплатил, показания", query, oninput: on_input }
            if let Some(failure) = error() {
                {crate::components::failure_note("faq-error", "Вопрос-ответ", failure)}
            }
            if typed {
                FaqResults { found: results() }
            } else {
                match &*faq.read() {
                    None => rsx! { p { class: "hint", "Загружаем…" } },
                    Some(Err(e)) => rsx! { {crate::components::load_error("faq-error", "Вопрос-ответ", e)} },
                    Some(Ok(faq)) => rsx! {
                        if let Some(note) = faq.offline {
                            p { id: "faq-offline", class: "notice", role: "status", "{note}" }
                        }
                        for category in faq.categories.iter() {
                            h2 { key: "{category.id}", class: "faq-category", "{category.title}" }
                            FaqList { entries: category.questions.clone() }
                        }
                    },
                }
            }
            WriteButton {}
        }
    }
}

/// «Написать» at the bottom of the list: the chat with support, with the unread answers said.
#[component]
fn WriteButton() -> Element {
    let ui = use_context::<crate::state::Ui>();
    let nav = navigator();
    let unread = (ui.snapshot)().support_unread;
    rsx! {
        p { class: "hint", "Не нашли ответа? Напишите в поддержку." }
        button { id: "open-chat", class: "secondary",
            onclick: move |_| { nav.push(Route::HelpWrite { context: String::new() }); },
            "Написать"
            crate::components::UnreadBadge { unread }
        }
    }
}

/// What the search found, or that it found nothing.
#[component]
fn FaqResults(found: Vec<FaqEntry>) -> Element {
    rsx! {
        if found.is_empty() {
            p { id: "faq-not-found", class: "hint", "Ничего не нашлось. Попробуйте другие слова." }
        } else {
            div { id: "faq-results", FaqList { entries: found } }
        }
    }
}

/// Questions whose answers open in place.
#[component]
pub fn FaqList(entries: Vec<FaqEntry>) -> Element {
    rsx! {
        ul { class: "faq-list",
            for entry in entries {
                li { key: "{entry.id}", FaqItem { entry: entry.clone(), open: false } }
            }
        }
    }
}

/// One question: a tap shows or hides the answer.
#[component]
pub fn FaqItem(entry: FaqEntry, open: bool) -> Element {
    let mut shown = use_signal(|| open);
    let id = entry.id.clone();
    rsx! {
        div { id: "faq-{id}", class: "faq-item",
            button {
                class: "faq-question",
                aria_expanded: "{shown()}",
                aria_controls: "faq-answer-{id}",
                onclick: move |_| shown.set(!shown()),
                "{entry.question}"
            }
            if shown() {
                p { id: "faq-answer-{id}", class: "faq-answer", "{entry.answer}" }
            }
        }
    }
}
