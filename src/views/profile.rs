//! «Профиль»: who is signed in, the optional PIN lock, and «Выйти».

use dioxus::prelude::*;
use ofis_core::{CoreError, Ofis};

use crate::components::Field;
use crate::messages::core_error;
use crate::state::{Screen, Ui};

/// The phone, «ПИН-код» (set or turn off) and «Выйти» (after «подтвердить»).
#[component]
pub fn Profile() -> Element {
    let ofis = use_context::<Ofis>();
    let ui = use_context::<Ui>();
    let phone = (ui.snapshot)().phone.unwrap_or_default();
    let mut pin_on = use_signal(|| ofis.pin_enabled());
    let first = use_signal(String::new);
    let again = use_signal(String::new);
    let current = use_signal(String::new);
    let mut pin_error = use_signal(|| None::<String>);
    let mut pin_done = use_signal(|| None::<&'static str>);
    let mut confirm_exit = use_signal(|| false);
    let mut exit_error = use_signal(|| None::<String>);
    let mut busy = use_signal(|| false);

    let ofis_set = ofis.clone();
    let set_pin = move |_| {
        let ofis = ofis_set.clone();
        async move {
            busy.set(true);
            pin_done.set(None);
            match ofis.set_pin(&first(), &again()).await {
                Ok(()) => {
                    pin_error.set(None);
                    pin_done.set(Some(
                        "ПИН-код установлен: он будет запрашиваться при входе и перед оплатой.",
                    ));
                    pin_on.set(true);
                }
                Err(e) => pin_error.set(Some(core_error(&e))),
            }
            busy.set(false);
        }
    };
    let ofis_off = ofis.clone();
    let remove_pin = move |_| {
        let ofis = ofis_off.clone();
        async move {
            busy.set(true);
            pin_done.set(None);
            match ofis.remove_pin(&current()).await {
                Ok(()) => {
                    pin_error.set(None);
                    pin_done.set(Some("ПИН-код отключён."));
                    pin_on.set(false);
                }
                Err(e @ CoreError::PinLockedOut) => {
                    ui.signed_out(ofis.snapshot(), Some(core_error(&e)))
                }
                Err(e) => pin_error.set(Some(core_error(&e))),
            }
            busy.set(false);
        }
    };
    let sign_out = move |_| {
        let ofis = ofis.clone();
        async move {
            busy.set(true);
            match ofis.sign_out().await {
                Ok(snapshot) => ui.signed_out(
                    snapshot,
                    Some("Вы вышли. Данные на этом устройстве удалены.".into()),
                ),
                Err(e) => exit_error.set(Some(core_error(&e))),
            }
            busy.set(false);
        }
    };

    rsx! {
        header { class: "topbar",
            button { class: "back", aria_label: "Назад", onclick: move |_| ui.go(Screen::Payments), "‹" }
            h1 { "Профиль" }
        }
        section { class: "profile",
            p { id: "profile-phone", class: "hint", "Вход выполнен: {phone}" }
            h2 { style: "font-size: 15px; margin: 16px 0 4px;", "ПИН-код" }
            if pin_on() {
                p { class: "hint", "ПИН-код запрашивается при входе в приложение и перед оплатой." }
                Field { id: "current-pin", label: "Текущий ПИН-код", kind: "password", inputmode: "numeric", autocomplete: "off", value: current, secret: true, error: pin_error() }
                button { id: "remove-pin", class: "secondary", disabled: busy(), onclick: remove_pin, "Отключить ПИН-код" }
            } else {
                p { class: "hint", "Четыре цифры, которые будут запрашиваться при входе и перед оплатой." }
                Field { id: "new-pin", label: "Новый ПИН-код", kind: "password", inputmode: "numeric", autocomplete: "off", value: first, secret: true, error: pin_error() }
                Field { id: "new-pin-again", label: "Повторите ПИН-код", kind: "password", inputmode: "numeric", autocomplete: "off", value: again, secret: true }
                button { id: "set-pin", class: "primary", disabled: busy(), onclick: set_pin, "Установить ПИН-код" }
            }
            if let Some(text) = pin_done() {
                p { id: "pin-done", class: "notice", role: "status", "{text}" }
            }
            h2 { style: "font-size: 15px; margin: 24px 0 4px;", "Выход" }
            if confirm_exit() {
                p { class: "hint", "Выйти? Сохранённые услуги, чеки и показания на этом устройстве будут удалены. Платежи в обработке будут доведены до конца." }
                div { class: "field-row",
                    button { id: "sign-out-confirm", class: "danger", disabled: busy(), onclick: sign_out, "подтвердить" }
                    button { id: "sign-out-cancel", class: "link", onclick: move |_| confirm_exit.set(false), "отмена" }
                }
            } else {
                button { id: "sign-out", class: "secondary", onclick: move |_| confirm_exit.set(true), "Выйти" }
            }
            if let Some(err) = exit_error() {
                p { id: "sign-out-error", class: "error", role: "alert", "{err}" }
            }
        }
    }
}
