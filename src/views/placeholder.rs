//! A section that is not built yet says so plainly.

use dioxus::prelude::*;

/// A section that comes in a later version.
#[component]
pub fn Placeholder(title: String, text: String) -> Element {
    rsx! {
        header { class: "topbar", h1 { "{title}" } }
        section { class: "placeholder",
            p { "{text}" }
        }
    }
}
