//! The count of support's unread answers on the buttons that lead to them («Профиль»,
//! «Вопрос-ответ», «Написать»): a number for the eye, said in the button's accessible name.

use dioxus::prelude::*;

/// `label` with the unread answers said: «Вопрос-ответ, новых ответов поддержки: 1».
pub fn unread_label(label: &str, unread: u32) -> String {
    if unread == 0 {
        label.to_string()
    } else {
        format!("{label}, новых ответов поддержки: {unread}")
    }
}

/// The badge; nothing when all is read. Its number is read with a few words of explanation.
#[component]
pub fn UnreadBadge(unread: u32) -> Element {
    if unread == 0 {
        return rsx! {};
    }
    rsx! {
        span { class: "unread-badge", "{unread}" }
        span { class: "visually-hidden", " — новых ответов поддержки" }
    }
}
