//! An error message that leads somewhere: under it, «Написать в поддержку» opens the chat with a
//! message prefilled with what support needs (version, platform, screen, error code, order),
//! free of secrets ([`ofis_core::support_context`]). Not for maintenance, readings, nor for what
//! the person typed (the message says how to type it): [`ofis_core::messages::support_code`]
//! decides.

use dioxus::prelude::*;
use ofis_core::{support_context, ErrorReport};

use super::act::{Act, Failure};
use crate::route::Route;

/// The error `text` of screen `screen`, with «Написать в поддержку».
#[component]
pub fn ErrorNote(
    id: String,
    text: String,
    screen: String,
    #[props(default)] code: Option<String>,
    #[props(default)] order: Option<String>,
) -> Element {
    rsx! {
        div { class: "error-note",
            p { id: "{id}", class: "error", role: "alert", "{text}" }
            SupportButton { id: id.clone(), text: text.clone(), screen, code, order }
        }
    }
}

/// «Написать в поддержку» about the error `text` (its element is `id`).
#[component]
pub fn SupportButton(
    id: String,
    text: String,
    screen: String,
    code: Option<String>,
    order: Option<String>,
) -> Element {
    let nav = navigator();
    let report = ErrorReport {
        screen,
        code,
        order_id: order,
        message: Some(text),
    };
    rsx! {
        button {
            id: "{id}-support",
            class: "link",
            r#type: "button",
            onclick: move |_| {
                nav.push(Route::HelpWrite { context: support_context(&report) });
            },
            "Написать в поддержку"
        }
    }
}

/// A screen's error from the app service: its sentence, and «Написать в поддержку» when it is
/// worth writing about.
pub fn load_error(id: &str, screen: &str, e: &ofis_core::CoreError) -> Element {
    failure_note(id, screen, Failure::from(e))
}

/// `failure` as a sentence, with «Написать в поддержку» when it has a code for support.
pub fn failure_note(id: &str, screen: &str, failure: Failure) -> Element {
    let Failure { text, code } = failure;
    match code {
        Some(code) => rsx! {
            ErrorNote { id: id.to_string(), text, screen: screen.to_string(), code }
        },
        None => rsx! {
            p { id: "{id}", class: "error", role: "alert", "{text}" }
        },
    }
}

/// The last error of `act`, if any, as [`load_error`] shows it.
#[component]
pub fn ActError(act: Act, id: String, screen: String) -> Element {
    match act.failure() {
        Some(failure) => failure_note(&id, &screen, failure),
        None => rsx! {},
    }
}

/// Under a field that shows `act`'s error itself: only «Написать в поддержку», when the error is
/// worth writing about (the field's own message says what to type otherwise).
#[component]
pub fn SupportLink(act: Act, id: String, screen: String) -> Element {
    match act.failure() {
        Some(Failure {
            text,
            code: Some(code),
        }) => rsx! {
            SupportButton { id, text, screen, code: Some(code), order: None }
        },
        _ => rsx! {},
    }
}
