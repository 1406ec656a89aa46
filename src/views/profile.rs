//! «Профиль»: who is signed in, the optional PIN lock, and «Выйти».

use crate::components::Failure;
use dioxus::prelude::*;
use ofis_core::{CoreError, Ofis};

use crate::components::{use_act, Field};
use crate::messages::core_error;
use crate::route::Route;
use crate::state::Ui;

/// The phone, «ПИН-код» (set or turn off) and «Выйти» (after «подтвердить»).
#[component]
pub fn Profile() -> Element {
    let ui = use_context::<Ui>();
    let nav = navigator();
    let unread = (ui.snapshot)().support_unread;
    rsx! {
        header { class: "topbar",
            crate::components::BackButton { to: Route::Payments {} }
            h1 { "Профиль" }
        }
        section { class: "profile",
            if let Some(phone) = (ui.snapshot)().phone {
                p { id: "profile-phone", class: "hint", "Вход выполнен: {phone}" }
            }
            button { id: "open-faq", class: "option",
                onclick: move |_| { nav.push(Route::Help {}); },
                "Вопрос-ответ"
                crate::components::UnreadBadge { unread }
            }
            h2 { class: "section-title", "ПИН-код" }
            PinSettings {}
            h2 { class: "section-title", "Выход" }
            SignOut {}
        }
    }
}

/// Set a PIN (typed twice), or turn it off with the current one.
#[component]
fn PinSettings() -> Element {
    let ofis = use_context::<Ofis>();
    let ui = use_context::<Ui>();
    let mut pin_on = use_signal(|| ofis.pin_enabled());
    let (first, again, current) = (
        use_signal(String::new),
        use_signal(String::new),
        use_signal(String::new),
    );
    let mut done = use_signal(|| None::<&'static str>);
    let act = use_act();

    let ofis_set = ofis.clone();
    let set_pin = move |_| {
        let ofis = ofis_set.clone();
        done.set(None);
        act.run(async move {
            ofis.set_pin(&first(), &again())
                .await
                .map_err(Failure::from)?;
            done.set(Some(
                "ПИН-код установлен: он будет запрашиваться при входе и перед оплатой.",
            ));
            pin_on.set(true);
            Ok(())
        })
    };
    let remove_pin = move |_| {
        let ofis = ofis.clone();
        done.set(None);
        act.run(async move {
            match ofis.remove_pin(&current()).await {
                Ok(()) => {
                    done.set(Some("ПИН-код отключён."));
                    pin_on.set(false);
                }
                Err(e @ CoreError::PinLockedOut) => ui.signed_out(Some(core_error(&e))),
                Err(e) => return Err(Failure::from(e)),
            }
            Ok(())
        })
    };
    rsx! {
        if pin_on() {
            p { class: "hint", "ПИН-код запрашивается при входе в приложение и перед оплатой." }
            Field { id: "current-pin", label: "Текущий ПИН-код", kind: "password", inputmode: "numeric", autocomplete: "off", value: current, secret: true, error: act.error() }
            crate::components::SupportLink { act, id: "current-pin-error", screen: "Профиль: ПИН-код" }
            button { id: "remove-pin", class: "secondary", disabled: act.busy(), onclick: remove_pin, "Отключить ПИН-код" }
        } else {
            p { class: "hint", "Четыре цифры, которые будут запрашиваться при входе и перед оплатой." }
            Field { id: "new-pin", label: "Новый ПИН-код", kind: "password", inputmode: "numeric", autocomplete: "off", value: first, secret: true, error: act.error() }
            crate::components::SupportLink { act, id: "new-pin-error", screen: "Профиль: ПИН-код" }
            Field { id: "new-pin-again", label: "Повторите ПИН-код", kind: "password", inputmode: "numeric", autocomplete: "off", value: again, secret: true }
            button { id: "set-pin", class: "primary", disabled: act.busy(), onclick: set_pin, "Установить ПИН-код" }
        }
        if let Some(text) = done() {
            p { id: "pin-done", class: "notice", role: "status", "{text}" }
        }
    }
}

/// «Выйти», after «подтвердить».
#[component]
fn SignOut() -> Element {
    let ofis = use_context::<Ofis>();
    let ui = use_context::<Ui>();
    let mut confirm = use_signal(|| false);
    let act = use_act();
    let sign_out = move |_| {
        let ofis = ofis.clone();
        act.run(async move {
            ofis.sign_out().await.map_err(Failure::from)?;
            ui.signed_out(Some("Вы вышли. Данные на этом устройстве удалены.".into()));
            Ok(())
        })
    };
    rsx! {
        if confirm() {
            p { class: "hint", "Выйти? Сохранённые услуги, чеки и показания на этом устройстве будут удалены. Платежи в обработке будут доведены до конца." }
            div { class: "field-row",
                button { id: "sign-out-confirm", class: "danger", disabled: act.busy(), onclick: sign_out, "подтвердить" }
                button { id: "sign-out-cancel", class: "link", onclick: move |_| confirm.set(false), "отмена" }
            }
        } else {
            button { id: "sign-out", class: "secondary", onclick: move |_| confirm.set(true), "Выйти" }
        }
        crate::components::ActError { act, id: "sign-out-error", screen: "Профиль" }
    }
}
