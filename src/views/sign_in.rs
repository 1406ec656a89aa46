//! Sign-in by phone number and SMS code.

use dioxus::prelude::*;
use ofis_core::Ofis;

use crate::components::{use_act, Field};
use crate::messages::core_error;

/// Phone, then the SMS code.
#[component]
pub fn SignIn(notice: Option<String>, on_signed_in: EventHandler<()>) -> Element {
    let ofis = use_context::<Ofis>();
    let phone = use_signal(String::new);
    let code = use_signal(String::new);
    let mut code_sent = use_signal(|| None::<String>);
    let (ask, enter) = (use_act(), use_act());

    let ofis_sms = ofis.clone();
    let request_code = move |_| {
        let ofis = ofis_sms.clone();
        ask.run(async move {
            let sent = ofis
                .request_code(&phone())
                .await
                .map_err(|e| core_error(&e))?;
            code_sent.set(Some(sent.phone));
            Ok(())
        })
    };
    let sign_in = move |_| {
        let ofis = ofis.clone();
        enter.run(async move {
            ofis.sign_in(&phone(), &code())
                .await
                .map_err(|e| core_error(&e))?;
            on_signed_in.call(());
            Ok(())
        })
    };

    rsx! {
        section { class: "sign-in",
            div { class: "brand",
                h1 { "ОФИС" }
                p { "Оплата ЖКУ, показания счётчиков, школьное питание и транспортные карты" }
            }
            if let Some(text) = notice {
                p { id: "sign-in-notice", class: "notice", role: "status", "{text}" }
            }
            match code_sent() {
                None => rsx! {
                    Field {
                        id: "phone",
                        label: "Номер мобильного телефона",
                        kind: "tel",
                        inputmode: "tel",
                        autocomplete: "tel",
                        placeholder: "+7 9XX XXX-XX-XX",
                        value: phone,
                        error: ask.error(),
                    }
                    button { id: "get-code", class: "primary", disabled: ask.busy(), onclick: request_code, "Получить код" }
                },
                Some(sent_to) => rsx! {
                    p { class: "hint", "Код отправлен в СМС на номер {sent_to}" }
                    Field {
                        id: "sms-code",
                        label: "Код из СМС",
                        inputmode: "numeric",
                        autocomplete: "one-time-code",
                        value: code,
                        error: enter.error(),
                    }
                    button { id: "sign-in", class: "primary", disabled: enter.busy(), onclick: sign_in, "Войти" }
                    button { id: "change-phone", class: "link", onclick: move |_| code_sent.set(None), "Изменить номер" }
                },
            }
        }
    }
}
