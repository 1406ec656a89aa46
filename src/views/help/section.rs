//! A section's help, opened by its «?»: the steps of what can be done there, and links to the
//! questions about it.

use dioxus::prelude::*;
use ofis_core::{Guide, HelpSection, Ofis};

use crate::components::BackButton;
use crate::route::Route;

/// The help of the section named `section` (`payments`, `subscriber`, `schools`, `transport`).
#[component]
pub fn SectionHelpScreen(section: String) -> Element {
    let ofis = use_context::<Ofis>();
    let nav = navigator();
    let known = HelpSection::from_slug(&section);
    let help = use_resource(use_reactive!(|known| {
        let ofis = ofis.clone();
        async move {
            match known {
                Some(s) => ofis.help_section(s).await.map(Some),
                None => Ok(None),
            }
        }
    }));
    let shown = match &*help.read() {
        None => rsx! { p { class: "hint", "Загружаем…" } },
        Some(Err(e)) => {
            rsx! { {crate::components::load_error("help-error", "Справка раздела", e)} }
        }
        Some(Ok(None)) => rsx! { p { id: "not-found", "Такого раздела нет." } },
        Some(Ok(Some(help))) => rsx! {
            if let Some(note) = help.offline {
                p { id: "help-offline", class: "notice", role: "status", "{note}" }
            }
            for guide in help.guides.iter() {
                GuideSteps { key: "{guide.title}", guide: guide.clone() }
            }
            h2 { "Вопросы по разделу" }
            ul { id: "section-questions", class: "help-questions",
                for q in help.questions.iter() {
                    li { key: "{q.id}",
                        button {
                            id: "help-q-{q.id}",
                            class: "help-question-link",
                            onclick: {
                                let id = q.id.clone();
                                move |_| {
                                    nav.push(Route::HelpQuestion { id: id.clone() });
                                }
                            },
                            "{q.question}"
                        }
                    }
                }
            }
        },
    };
    let title = known.map_or("Помощь", HelpSection::title);
    rsx! {
        header { class: "topbar",
            BackButton { to: Route::Payments {} }
            h1 { "Помощь: {title}" }
        }
        section { class: "section-help",
            {shown}
            button { id: "all-questions", class: "link", onclick: move |_| { nav.push(Route::Help {}); }, "Все вопросы — «Вопрос-ответ»" }
        }
    }
}

/// One how-to with its numbered steps.
#[component]
fn GuideSteps(guide: Guide) -> Element {
    rsx! {
        h2 { "{guide.title}" }
        ol { class: "help-steps",
            for step in guide.steps.iter() {
                li { "{step}" }
            }
        }
    }
}
