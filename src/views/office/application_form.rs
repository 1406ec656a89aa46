//! The form of one kind of application: its fields, its attachments (photos or PDF, checked by
//! count, size and type), «Отправить». Every mistake shows under its field and nothing typed or
//! chosen is lost; without a connection the application is kept and sent later.

use std::collections::BTreeMap;

use dioxus::prelude::*;
use ofis_core::{
    ApplicationKind, ApplicationOutcome, ChosenFile, FormErrors, Ofis, ATTACHMENTS_FIELD,
};

use super::application_fields::FormInput;
use crate::components::{read_chosen_photo, use_act};
use crate::route::Route;

/// The form of `kind`.
#[component]
pub fn ApplicationForm(kind: ApplicationKind) -> Element {
    let ofis = use_context::<Ofis>();
    let nav = navigator();
    let values = use_signal(BTreeMap::<String, String>::new);
    let files = use_signal(Vec::<ChosenFile>::new);
    let mut errors = use_signal(FormErrors::new);
    let act = use_act();
    let sent_kind = kind.clone();
    let send = move |_| {
        let (ofis, kind) = (ofis.clone(), sent_kind.clone());
        act.run(async move {
            let outcome = ofis
                .send_application(&kind, &values(), &files())
                .await
                .map_err(crate::components::Failure::from)?;
            match outcome {
                // «Мои заявления» shows it at the top: its number and «Принято», or «Ждёт
                // отправки» while there is no connection.
                ApplicationOutcome::Sent { .. } | ApplicationOutcome::Queued { .. } => {
                    nav.replace(Route::MyApplications {});
                }
                ApplicationOutcome::Invalid(found) => {
                    let general = found.get("").cloned();
                    errors.set(found);
                    if let Some(message) = general {
                        return Err(message.into());
                    }
                    return Err("Исправьте отмеченные поля".into());
                }
            }
            Ok(())
        })
    };
    rsx! {
        h2 { id: "application-title", class: "section-title", "{kind.name}" }
        p { class: "hint", "{kind.description}" }
        form { id: "application-form", class: "card-form", onsubmit: move |e| e.prevent_default(),
            for field in kind.fields.iter() {
                FormInput {
                    key: "{field.id}",
                    field: field.clone(),
                    values,
                    errors,
                }
            }
            Attachments { legend: kind.files_legend.clone(), files, errors }
            crate::components::ActError { act, id: "application-error", screen: "Электронное заявление" }
            button { id: "application-send", class: "primary", r#type: "button",
                disabled: act.busy(), onclick: send,
                if act.busy() { "Отправляем…" } else { "Отправить" }
            }
        }
        p { class: "hint",
            "Удобнее прийти лично? "
            button { id: "application-book", class: "link", r#type: "button",
                onclick: {
                    let topic = kind.topic_id.clone();
                    move |_| { nav.push(format!("/subscriber/booking?topic={topic}")); }
                },
                "Записаться на приём"
            }
        }
    }
}

/// The files chosen for the application under `legend`, «Приложить файл» and «Убрать» for each.
#[component]
fn Attachments(
    legend: String,
    mut files: Signal<Vec<ChosenFile>>,
    mut errors: Signal<FormErrors>,
) -> Element {
    let error = errors.read().get(ATTACHMENTS_FIELD).cloned();
    let mut problem = use_signal(|| None::<String>);
    let pick = move |_| async move {
        match read_chosen_photo("application-file").await {
            Ok(bytes) => {
                let n = files.peek().len() + 1;
                let kind = ofis_core::file_type(&bytes).map_or("файл", |t| match t {
                    "application/pdf" => "PDF",
                    "image/png" => "PNG",
                    _ => "JPEG",
                });
                files.write().push(ChosenFile {
                    name: format!("Файл {n} ({kind})"),
                    bytes,
                });
                problem.set(None);
            }
            Err(e) => problem.set(Some(e)),
        }
    };
    let message = problem().or(error);
    let described = message.as_ref().map(|_| "application-files-error");
    rsx! {
        fieldset { id: "application-files", class: "files",
            legend { "{legend}" }
            p { class: "hint", "Фото (JPEG, PNG) или PDF, каждый файл до 2 МиБ." }
            ul { id: "application-file-list", class: "children",
                for (i, f) in files().into_iter().enumerate() {
                    li { key: "{i}-{f.name}", class: "file-row",
                        span { "{f.name}, {f.bytes.len() / 1024 + 1} КиБ" }
                        button { class: "link", r#type: "button",
                            aria_label: "Убрать {f.name}",
                            onclick: move |_| { files.write().remove(i); },
                            "Убрать"
                        }
                    }
                }
            }
            label { r#for: "application-file", class: "secondary file-button", "Приложить файл" }
            input { id: "application-file", class: "visually-hidden", r#type: "file",
                accept: "image/jpeg,image/png,application/pdf",
                "aria-describedby": described, onchange: pick,
            }
            if let Some(m) = message {
                p { id: "application-files-error", class: "error", role: "alert", "{m}" }
            }
        }
    }
}
