//! An error message that leads somewhere: under it, «Написать в поддержку» opens the chat with a
//! message prefilled with what support needs (version, platform, screen, error code, order),
//! free of secrets ([`ofis_core::support_context`]). Not for maintenance nor for readings.

use dioxus::prelude::*;
use ofis_core::{support_context, ErrorReport};

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
    let nav = navigator();
    let report = ErrorReport {
        screen,
        code,
        order_id: order,
        message: Some(text.clone()),
    };
    rsx! {
        div { class: "error-note",
            p { id: "{id}", class: "error", role: "alert", "{text}" }
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
}
