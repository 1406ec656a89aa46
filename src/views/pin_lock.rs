//! «Введите ПИН-код»: the lock screen when a PIN is set, before anything personal shows.

use dioxus::prelude::*;
use ofis_core::{CoreError, Ofis};

use crate::components::{use_act, Field};
use crate::messages::core_error;
use crate::messages::SESSION_EXPIRED;
use crate::state::{Gate, Ui};

/// The PIN, «Войти», and «Выйти» for a forgotten PIN.
#[component]
pub fn PinLock() -> Element {
    let ofis = use_context::<Ofis>();
    let mut ui = use_context::<Ui>();
    let pin = use_signal(String::new);
    let act = use_act();

    // A session the server no longer knows needs the SMS code, not the PIN.
    let ofis_resume = ofis.clone();
    use_future(move || {
        let ofis = ofis_resume.clone();
        async move {
            if let Ok(false) = ofis.resume_session().await {
                ui.signed_out(Some(SESSION_EXPIRED.into()));
            }
        }
    });
    let ofis_unlock = ofis.clone();
    let unlock = move |_| {
        let ofis = ofis_unlock.clone();
        act.run(async move {
            match ofis.unlock(&pin()).await {
                Ok(_) => ui.gate.set(Gate::Open),
                Err(e @ CoreError::PinLockedOut) => ui.signed_out(Some(core_error(&e))),
                Err(e) => return Err(core_error(&e).into()),
            }
            Ok(())
        })
    };
    let mut confirm_exit = use_signal(|| false);
    let forgot = move |_| {
        let ofis = ofis.clone();
        act.run(async move {
            ofis.sign_out().await.map_err(|e| core_error(&e))?;
            ui.signed_out(Some("Выполнен выход. Войдите по номеру телефона и установите новый ПИН-код в «Профиле».".into()));
            Ok(())
        })
    };

    rsx! {
        section { class: "sign-in pin-lock",
            div { class: "brand",
                h1 { "ОФИС" }
                p { "Введите ПИН-код приложения" }
            }
            Field { id: "unlock-pin", label: "ПИН-код", kind: "password", inputmode: "numeric", autocomplete: "off", value: pin, secret: true, error: act.error() }
            button { id: "unlock", class: "primary", disabled: act.busy(), onclick: unlock, "Войти" }
            if confirm_exit() {
                p { class: "hint", "Выйти? Сохранённые услуги, чеки и показания на этом устройстве будут удалены; войти снова можно по номеру телефона." }
                div { class: "field-row",
                    button { id: "forgot-pin-confirm", class: "danger", disabled: act.busy(), onclick: forgot, "подтвердить" }
                    button { id: "forgot-pin-cancel", class: "link", onclick: move |_| confirm_exit.set(false), "отмена" }
                }
            } else {
                button { id: "forgot-pin", class: "link", disabled: act.busy(), onclick: move |_| confirm_exit.set(true), "Забыли ПИН-код? Выйти" }
            }
        }
    }
}
