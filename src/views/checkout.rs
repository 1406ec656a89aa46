//! The card form of a frozen order. Card data goes to the bank gateway and nowhere else.

use dioxus::prelude::*;
use ofis_core::{CoreError, Ofis, PayScope, PaymentStep, PaymentTicket};

use crate::components::Field;
use crate::messages::{card_error, card_field, core_error, CardField};
use crate::state::{Screen, Ui};

/// Card number, expiry, CVC, and «Оплатить».
#[component]
pub fn Checkout(scope: PayScope, ticket: PaymentTicket) -> Element {
    let ofis = use_context::<Ofis>();
    let ui = use_context::<Ui>();
    let number = use_signal(String::new);
    let expiry = use_signal(String::new);
    let cvc = use_signal(String::new);
    // With a PIN lock the app's PIN is asked before the card goes to the bank.
    let pin_asked = ofis.pin_enabled();
    let pin = use_signal(String::new);
    let mut pin_error = use_signal(|| None::<String>);
    let mut field_error = use_signal(|| None::<(CardField, String)>);
    let mut error = use_signal(|| None::<String>);
    let mut busy = use_signal(|| false);
    // After a refusal the order is final: the next press creates a new one, same composition.
    let mut current = use_signal(|| Some(ticket.clone()));

    let total = ticket.total.display_rub();
    let lines = ticket.lines.clone();
    let fees: ofis_domain::Money = lines.iter().map(|l| l.fee()).sum();
    let scope_pay = scope.clone();

    let pay = move |_| {
        let (ofis, scope) = (ofis.clone(), scope_pay.clone());
        async move {
            busy.set(true);
            field_error.set(None);
            error.set(None);
            pin_error.set(None);
            let ticket = match current() {
                Some(t) => t,
                None => match ofis.start_payment(scope.clone()).await {
                    Ok(t) => {
                        current.set(Some(t.clone()));
                        t
                    }
                    Err(e) => {
                        error.set(Some(core_error(&e)));
                        busy.set(false);
                        return;
                    }
                },
            };
            if pin_asked {
                match ofis.confirm_payment_pin(&ticket.key, &pin()).await {
                    Ok(()) => {}
                    Err(e @ CoreError::PinLockedOut) => {
                        ui.signed_out(ofis.snapshot(), Some(core_error(&e)));
                        return;
                    }
                    Err(e) => {
                        pin_error.set(Some(core_error(&e)));
                        busy.set(false);
                        return;
                    }
                }
            }
            match ofis
                .submit_card(&ticket.key, &number(), &expiry(), &cvc())
                .await
            {
                Ok(PaymentStep::Paid(receipt)) => {
                    ui.show(ofis.snapshot());
                    ui.go(Screen::Receipt(receipt));
                }
                Ok(PaymentStep::Challenge) => ui.go(Screen::ThreeDs { scope, ticket }),
                Ok(PaymentStep::Declined(message)) => {
                    current.set(None);
                    error.set(Some(format!("{message} Деньги не списаны.")));
                }
                Err(CoreError::Card(c)) => {
                    field_error.set(Some((card_field(&c), card_error(&c).to_string())))
                }
                Err(e) => error.set(Some(core_error(&e))),
            }
            busy.set(false);
        }
    };
    let err_for = move |f: CardField| field_error().filter(|(g, _)| *g == f).map(|(_, m)| m);

    rsx! {
        header { class: "topbar",
            button { class: "back", aria_label: "Назад", onclick: move |_| ui.go(Screen::Payments), "‹" }
            h1 { "Оплата картой" }
        }
        section { class: "checkout",
            div { class: "frozen",
                p { class: "hint", "Состав платежа зафиксирован." }
                for line in lines {
                    div { class: "frozen-line", key: "{line.bill.id}",
                        span { "{line.bill.service_title()} · {line.bill.provider_name}" }
                        span { class: "amount", "{line.amount.display_rub()}" }
                    }
                }
                if !fees.is_zero() {
                    div { class: "frozen-line fees",
                        span { "Комиссия поставщиков" }
                        span { id: "checkout-fees", "{fees.display_rub()}" }
                    }
                }
                div { class: "frozen-total", span { "Итого" } strong { id: "checkout-total", "{total}" } }
            }
            form { class: "card-form", autocomplete: "off", onsubmit: move |e| e.prevent_default(),
                Field { id: "card-number", label: "Номер карты", inputmode: "numeric", autocomplete: "cc-number", placeholder: "0000 0000 0000 0000", value: number, secret: true, error: err_for(CardField::Number) }
                div { class: "field-row",
                    Field { id: "card-expiry", label: "Срок действия", inputmode: "numeric", autocomplete: "cc-exp", placeholder: "ММ/ГГ", value: expiry, secret: true, error: err_for(CardField::Expiry) }
                    Field { id: "card-cvc", label: "CVC", kind: "password", inputmode: "numeric", autocomplete: "cc-csc", placeholder: "123", value: cvc, secret: true, error: err_for(CardField::Cvc) }
                }
                if pin_asked {
                    Field { id: "payment-pin", label: "ПИН-код приложения", kind: "password", inputmode: "numeric", autocomplete: "off", value: pin, secret: true, error: pin_error() }
                }
                p { class: "hint", "Данные карты передаются напрямую банку и не сохраняются в приложении." }
                if let Some(err) = error() {
                    p { id: "pay-error", class: "error", role: "alert", "{err}" }
                }
                button { id: "card-pay", class: "primary", r#type: "button", disabled: busy(), onclick: pay, "Оплатить {total}" }
            }
        }
    }
}
