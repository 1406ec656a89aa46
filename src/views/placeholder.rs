//! A section that is not built yet says so plainly; so does an address the app does not know.

use dioxus::prelude::*;

use crate::route::Route;

/// A section that comes in a later version; `help` is its «?».
#[component]
pub fn Placeholder(title: String, text: String, help: Option<ofis_core::HelpSection>) -> Element {
    rsx! {
        header { class: "topbar",
            h1 { "{title}" }
            if let Some(section) = help {
                crate::components::HelpButton { section }
            }
        }
        section { class: "placeholder",
            p { "{text}" }
        }
    }
}

/// An address the app does not know (an old or mistyped link).
#[component]
pub fn NotFound(rest: Vec<String>) -> Element {
    let nav = navigator();
    let _ = rest;
    rsx! {
        header { class: "topbar", h1 { "Нет такой страницы" } }
        section { class: "placeholder",
            p { id: "not-found", "Ссылка устарела или набрана с ошибкой." }
            button {
                class: "primary",
                onclick: move |_| {
                    nav.replace(Route::Payments {});
                },
                "Мои платежи"
            }
        }
    }
}
