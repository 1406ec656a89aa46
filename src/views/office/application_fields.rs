//! One field of an application's form, drawn by its kind: a list to choose from, a date, digits
//! or a number (the phone's numeric keyboard), a short or a long text. The value lives in the
//! form's map, so nothing typed is lost on any error.

use std::collections::BTreeMap;

use dioxus::prelude::*;
use ofis_core::{FieldInput, FormErrors, FormField};

/// A labelled input of `field`, its hint and its error beneath it (gone once the value changes).
#[component]
pub fn FormInput(
    field: FormField,
    values: Signal<BTreeMap<String, String>>,
    mut errors: Signal<FormErrors>,
) -> Element {
    let error = errors.read().get(&field.id).cloned();
    let id = format!("field-{}", field.id);
    let error_id = format!("{id}-error");
    let hint_id = format!("{id}-hint");
    let described = match (&error, &field.hint) {
        (Some(_), Some(_)) => Some(format!("{error_id} {hint_id}")),
        (Some(_), None) => Some(error_id.clone()),
        (None, Some(_)) => Some(hint_id.clone()),
        (None, None) => None,
    };
    let invalid = error.is_some().then_some("true");
    let key = field.id.clone();
    let shown = values.peek().get(&key).cloned().unwrap_or_default();
    let mut set = move |v: String| {
        values.write().insert(key.clone(), v);
        if errors.peek().contains_key(&key) {
            errors.write().remove(&key);
        }
    };
    let input = match &field.input {
        FieldInput::Choice(options) => rsx! {
            select { id: "{id}", "aria-invalid": invalid, "aria-describedby": described,
                onchange: move |e| set(e.value()),
                option { value: "", selected: shown.is_empty(), "Выберите…" }
                for o in options.iter() {
                    option { key: "{o}", value: "{o}", selected: *o == shown, "{o}" }
                }
            }
        },
        FieldInput::LongText => rsx! {
            textarea { id: "{id}", rows: "3", "aria-invalid": invalid, "aria-describedby": described,
                initial_value: "{shown}", oninput: move |e| set(e.value()),
            }
        },
        FieldInput::Line {
            html_type,
            keyboard,
        } => rsx! {
            input { id: "{id}", r#type: *html_type, inputmode: *keyboard, autocomplete: "off",
                "aria-invalid": invalid, "aria-describedby": described,
                initial_value: "{shown}", oninput: move |e| set(e.value()),
            }
        },
    };
    rsx! {
        div { class: if error.is_some() { "field invalid" } else { "field" },
            label { r#for: "{id}", "{field.label}" }
            {input}
            if let Some(hint) = &field.hint {
                p { id: "{hint_id}", class: "hint field-note", "{hint}" }
            }
            if let Some(err) = &error {
                p { id: "{error_id}", class: "error", role: "alert", "{err}" }
            }
        }
    }
}
