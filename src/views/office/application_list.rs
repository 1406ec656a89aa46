//! «Мои заявления»: each application with its number, status (принято → в работе → выполнено /
//! отказано), the days each status came, and the office's answer; those waiting on the phone to
//! be sent first. Opening the screen or «Обновить» asks the server (and announces changes).

use dioxus::prelude::*;
use ofis_core::{status_label, ApplicationRow, ApplicationStage, Ofis, RowStatus};

use crate::components::BackButton;
use crate::route::Route;

/// «Мои заявления».
#[component]
pub fn MyApplicationsScreen() -> Element {
    let ofis = use_context::<Ofis>();
    let nav = navigator();
    let mut list = use_resource(move || {
        let ofis = ofis.clone();
        async move { ofis.my_applications().await }
    });
    let shown = match &*list.read() {
        None => rsx! { p { class: "hint", role: "status", "Загружаем…" } },
        Some(Err(e)) => rsx! {
            {crate::components::load_error("applications-error", "Мои заявления", e)}
        },
        Some(Ok(mine)) => rsx! {
            if let Some(offline) = mine.offline {
                p { id: "applications-offline", class: "notice", role: "status", "{offline}" }
            }
            if mine.rows.is_empty() {
                p { id: "applications-empty", class: "hint", "Заявлений пока нет." }
            }
            ul { id: "applications", class: "children",
                for row in mine.rows.iter() {
                    ApplicationItem { key: "{row.id}", row: row.clone() }
                }
            }
        },
    };
    rsx! {
        header { class: "topbar",
            BackButton { to: Route::NewApplication { kind: String::new() } }
            h1 { "Мои заявления" }
            crate::components::HelpButton { section: ofis_core::HelpSection::Subscriber }
        }
        section { id: "my-applications", class: "schools",
            {shown}
            div { class: "application-actions",
                button { id: "applications-refresh", class: "secondary", r#type: "button",
                    onclick: move |_| list.restart(), "Обновить"
                }
                button { id: "applications-new", class: "primary", r#type: "button",
                    onclick: move |_| { nav.push(Route::NewApplication { kind: String::new() }); },
                    "Новое заявление"
                }
            }
        }
    }
}

/// The class of a status's badge.
fn badge(status: &RowStatus) -> &'static str {
    match status.stage() {
        ApplicationStage::Pending => "badge pending",
        ApplicationStage::InWork => "badge info",
        ApplicationStage::Done => "badge paid",
        ApplicationStage::Refused => "badge warn",
    }
}

/// One application.
#[component]
fn ApplicationItem(row: ApplicationRow) -> Element {
    let local = row.submitted_at.with_timezone(&ofis_domain::tz::offset());
    let when = local.format("%d.%m.%Y %H:%M").to_string();
    let title = row
        .number
        .clone()
        .unwrap_or_else(|| "Без номера".to_string());
    let history: Vec<(String, &str)> = row
        .history
        .iter()
        .map(|(status, on)| (on.format("%d.%m.%Y").to_string(), status_label(*status)))
        .collect();
    rsx! {
        li { class: "application", id: "application-{row.id}",
            div { class: "application-head",
                span { class: "application-number", "{title}" }
                span { class: badge(&row.status), "{row.status.label()}" }
            }
            p { class: "application-kind", "{row.kind_name}" }
            p { class: "hint", "Подано {when}; файлов: {row.files}" }
            if let RowStatus::NotSent(why) = &row.status {
                p { class: "error", "{why}" }
            }
            if !history.is_empty() {
                ol { class: "application-history", aria_label: "История статусов",
                    for (on, label) in history {
                        li { key: "{on}-{label}", "{on} — {label}" }
                    }
                }
            }
            if let Some(answer) = &row.answer {
                p { class: "application-answer", strong { "Ответ: " } "{answer}" }
            }
        }
    }
}
