//! «?» at the top right of a tab's first screen: that section's instructions.

use dioxus::prelude::*;
use ofis_core::HelpSection;

use crate::route::Route;

/// Opens the help of `section`.
#[component]
pub fn HelpButton(section: HelpSection) -> Element {
    let nav = navigator();
    rsx! {
        button {
            id: "section-help",
            class: "help-button",
            aria_label: "Помощь по разделу",
            onclick: move |_| {
                nav.push(Route::SectionHelp { section: section.slug().to_string() });
            },
            "?"
        }
    }
}
