//! A labelled text field with its error message beneath it.

use dioxus::prelude::*;

/// A labelled input; the value lives in the caller's signal, so nothing typed is lost on errors.
#[component]
pub fn Field(
    id: String,
    label: String,
    mut value: Signal<String>,
    #[props(default = "text".to_string())] kind: String,
    #[props(default)] placeholder: String,
    #[props(default)] inputmode: String,
    #[props(default)] autocomplete: String,
    #[props(default)] error: Option<String>,
    // Card data and PINs: the typed text stays in the input and in `value` (Rust side), and is
    // never written back to the page, where it would become the DOM's `value` attribute.
    #[props(default)] secret: bool,
) -> Element {
    let error_id = format!("{id}-error");
    // Not `value`: a re-render lagging behind fast typing must never overwrite what was typed.
    // (`initial_value` is the DOM's `value` attribute: never for secrets.)
    let shown = (!secret).then(|| value.peek().clone());
    // The error is said with the field when it is focused, not only when it appears.
    let invalid = error.is_some().then_some("true");
    let described = error.as_ref().map(|_| error_id.clone());
    rsx! {
        div { class: if error.is_some() { "field invalid" } else { "field" },
            label { r#for: "{id}", "{label}" }
            input {
                id: "{id}",
                r#type: "{kind}",
                placeholder: "{placeholder}",
                inputmode: "{inputmode}",
                autocomplete: "{autocomplete}",
                "aria-invalid": invalid,
                "aria-describedby": described,
                initial_value: shown,
                oninput: move |e| value.set(e.value()),
            }
            if let Some(err) = &error {
                p { id: "{error_id}", class: "error", role: "alert", "{err}" }
            }
        }
    }
}
