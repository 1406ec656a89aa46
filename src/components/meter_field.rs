//! One meter with its field, the same on every readings screen: «предыдущее», the field, the
//! cost preview, the window warning, what stops it, and the confirmation a roll-over or a high
//! consumption asks for. What a screen adds under it (answers, buttons) comes as children.

use std::collections::{BTreeMap, BTreeSet};

use dioxus::prelude::*;
use ofis_core::{needs_confirmation, MeterCard, ReadingEntry};
use ofis_domain::readings::ReadingError;

/// A meter and its reading field.
#[component]
pub fn MeterField(
    card: MeterCard,
    /// «конечное» (with a payment) or «текущее» (without).
    label: &'static str,
    /// Whether to show the provider, account and serial number under the title.
    show_details: bool,
    mut typed: Signal<BTreeMap<String, String>>,
    error: Option<ReadingError>,
    confirmed: bool,
    on_confirm: EventHandler<bool>,
    children: Element,
) -> Element {
    let id = card.id.clone();
    let input_id = format!("reading-{id}");
    let value = typed.read().get(&id).cloned().unwrap_or_default();
    let preview = card.cost_preview(&value);
    let asks = needs_confirmation(error.as_ref()) || confirmed;
    let key = id.clone();
    rsx! {
        div { id: "meter-{id}", class: if error.is_some() { "meter invalid" } else { "meter" },
            div { class: "meter-title", "{card.title}" }
            if show_details {
                div { class: "meta", "{card.details}" }
            }
            div { id: "previous-{id}", class: "meter-previous", span { "предыдущее" } span { "{card.previous}" } }
            if let Some(reason) = &card.ban {
                p { class: "error", role: "status", "{reason}. Показания по этому счётчику не принимаются." }
            } else {
                div { class: "field",
                    label { r#for: "{input_id}", "{label}, {card.unit}" }
                    input {
                        id: "{input_id}",
                        inputmode: "decimal",
                        autocomplete: "off",
                        "aria-invalid": error.is_some().then_some("true"),
                        "aria-describedby": error.as_ref().map(|_| format!("{input_id}-error")),
                        initial_value: "{value}",
                        oninput: move |e| {
                            typed.write().insert(key.clone(), e.value());
                        },
                    }
                }
            }
            if let Some(p) = preview {
                p { class: "hint cost-preview", "{p}" }
            }
            if let Some(w) = &card.warning {
                p { class: "warning", "{w}" }
            }
            if let Some(e) = &error {
                p { id: "{input_id}-error", class: "error", role: "alert", "{e.message_ru()}" }
            }
            if asks {
                label { class: "confirm",
                    input {
                        id: "confirm-{card.id}",
                        r#type: "checkbox",
                        checked: confirmed,
                        onchange: move |e| on_confirm.call(e.checked()),
                    }
                    "Подтверждаю: показание введено верно"
                }
            }
            {children}
        }
    }
}

/// «Да, показание верное» (or not) for an unusual reading of meter `id`.
pub fn confirm_toggle(mut confirmed: Signal<BTreeSet<String>>, id: &str) -> EventHandler<bool> {
    let id = id.to_string();
    EventHandler::new(move |yes: bool| {
        if yes {
            confirmed.write().insert(id.clone());
        } else {
            confirmed.write().remove(&id);
        }
    })
}

/// What was typed for each meter, with whether an unusual reading was confirmed.
pub fn typed_entries(
    typed: Signal<BTreeMap<String, String>>,
    confirmed: Signal<BTreeSet<String>>,
) -> Vec<ReadingEntry> {
    typed
        .read()
        .iter()
        .map(|(m, t)| ReadingEntry {
            meter_id: m.clone(),
            typed: t.clone(),
            confirmed: confirmed.read().contains(m),
        })
        .collect()
}
