//! The card form of a frozen order. Card data goes to the bank gateway and nowhere else.

use crate::components::Failure;
use dioxus::prelude::*;
use ofis_core::{CoreError, Ofis, PayScope, PaymentStep, PaymentTicket};

use crate::components::{use_act, ErrorNote, Field};
use crate::messages::{card_error, card_field, core_error, CardField};
use crate::route::Route;
use crate::state::Ui;

/// Card number, expiry, CVC, and «Оплатить».
#[component]
pub fn Checkout(order: String) -> Element {
    let ofis = use_context::<Ofis>();
    match ofis.payment_ticket(&order) {
        Ok(ticket) => rsx! { CardPayment { ticket } },
        Err(e) => rsx! { PaymentGone { text: core_error(&e) } },
    }
}

/// A payment the address names that is no longer waiting (paid, declined, or from another run).
#[component]
pub fn PaymentGone(text: String) -> Element {
    let nav = navigator();
    rsx! {
        header { class: "topbar", h1 { "Оплата картой" } }
        section { class: "placeholder",
            p { id: "payment-gone", class: "error", role: "alert", "{text}" }
            button {
                class: "primary",
                onclick: move |_| {
                    nav.replace(Route::Payments {});
                },
                "Мои платежи"
            }
        }
    }
}

/// The card form of a frozen order.
#[component]
fn CardPayment(ticket: PaymentTicket) -> Element {
    let ofis = use_context::<Ofis>();
    let ui = use_context::<Ui>();
    let nav = navigator();
    let (number, expiry, cvc) = (
        use_signal(String::new),
        use_signal(String::new),
        use_signal(String::new),
    );
    // With a PIN lock the app's PIN is asked before the card goes to the bank.
    let pin_asked = ofis.pin_enabled();
    let pin = use_signal(String::new);
    let mut pin_error = use_signal(|| None::<String>);
    let mut field_error = use_signal(|| None::<(CardField, String)>);
    let act = use_act();
    // After a refusal the order is final: the next press creates a new one, same composition.
    let mut current = use_signal(|| Some(ticket.clone()));
    // The error code and the order of the last failure, for «Написать в поддержку».
    let mut failed = use_signal(|| None::<(&'static str, String)>);
    let total = ticket.total.display_rub();

    let same_bills = ticket.again();
    let pay = move |_| {
        let (ofis, again) = (ofis.clone(), same_bills.clone());
        field_error.set(None);
        pin_error.set(None);
        failed.set(None);
        act.run(async move {
            let ticket = match current() {
                Some(t) => t,
                None => refreeze(&ofis, again, current).await?,
            };
            if pin_asked && !pin_passes(&ofis, ui, &ticket.key, pin(), pin_error).await {
                return Ok(());
            }
            match ofis
                .submit_card(&ticket.key, &number(), &expiry(), &cvc())
                .await
            {
                Ok(PaymentStep::Paid(receipt)) => {
                    nav.replace(Route::Paid { id: receipt.id });
                }
                Ok(PaymentStep::Challenge) => {
                    nav.replace(Route::ThreeDs { order: ticket.key });
                }
                Ok(PaymentStep::Declined(message)) => {
                    failed.set(Some(("payment_declined", ticket.order_id.clone())));
                    current.set(None);
                    return Err(format!("{message} Деньги не списаны.").into());
                }
                Err(CoreError::Card(c)) => {
                    field_error.set(Some((card_field(&c), card_error(&c).to_string())))
                }
                Err(e) => {
                    // Maintenance says when to come back; support cannot help with it.
                    if crate::messages::maintenance_of(&e).is_none() {
                        failed.set(Some(("payment_error", ticket.order_id.clone())));
                    }
                    return Err(core_error(&e).into());
                }
            }
            Ok(())
        })
    };
    rsx! {
        header { class: "topbar",
            crate::components::BackButton { to: Route::Payments {} }
            h1 { "Оплата картой" }
        }
        section { class: "checkout",
            FrozenOrder { ticket }
            form { class: "card-form", autocomplete: "off", onsubmit: move |e| e.prevent_default(),
                CardFields { number, expiry, cvc, field_error }
                if pin_asked {
                    Field { id: "payment-pin", label: "ПИН-код приложения", kind: "password", inputmode: "numeric", autocomplete: "off", value: pin, secret: true, error: pin_error() }
                }
                p { class: "hint", "Данные карты передаются напрямую банку и не сохраняются в приложении." }
                if let Some(err) = act.error() {
                    if let Some((code, order)) = failed() {
                        ErrorNote { id: "pay-error", text: err, screen: "Оплата картой", code: code.to_string(), order }
                    } else {
                        p { id: "pay-error", class: "error", role: "alert", "{err}" }
                    }
                }
                button { id: "card-pay", class: "primary", r#type: "button", disabled: act.busy(), onclick: pay, "Оплатить {total}" }
            }
        }
    }
}

/// After a refusal: the same composition frozen into a new order.
async fn refreeze(
    ofis: &Ofis,
    scope: PayScope,
    mut current: Signal<Option<PaymentTicket>>,
) -> Result<PaymentTicket, Failure> {
    let ticket = ofis.start_payment(scope).await.map_err(Failure::from)?;
    current.set(Some(ticket.clone()));
    Ok(ticket)
}

/// The app's PIN, checked before the card leaves: a wrong one is said under its field; too many
/// sign the person out.
async fn pin_passes(
    ofis: &Ofis,
    ui: Ui,
    key: &str,
    pin: String,
    mut pin_error: Signal<Option<String>>,
) -> bool {
    match ofis.confirm_payment_pin(key, &pin).await {
        Ok(()) => true,
        Err(e @ CoreError::PinLockedOut) => {
            ui.signed_out(Some(core_error(&e)));
            false
        }
        Err(e) => {
            pin_error.set(Some(core_error(&e)));
            false
        }
    }
}

/// What the order pays, frozen: its lines, the providers' fees, the total.
#[component]
fn FrozenOrder(ticket: PaymentTicket) -> Element {
    let fees = ticket.fees();
    rsx! {
        div { class: "frozen",
            p { class: "hint", "Состав платежа зафиксирован." }
            for line in ticket.lines.iter() {
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
            div { class: "frozen-total", span { "Итого" } strong { id: "checkout-total", "{ticket.total.display_rub()}" } }
        }
    }
}

/// The card's number, expiry and CVC, each with its own error; never kept beyond this screen.
#[component]
fn CardFields(
    number: Signal<String>,
    expiry: Signal<String>,
    cvc: Signal<String>,
    field_error: Signal<Option<(CardField, String)>>,
) -> Element {
    let err_for = move |f: CardField| field_error().filter(|(g, _)| *g == f).map(|(_, m)| m);
    rsx! {
        Field { id: "card-number", label: "Номер карты", inputmode: "numeric", autocomplete: "cc-number", placeholder: "0000 0000 0000 0000", value: number, secret: true, error: err_for(CardField::Number) }
        div { class: "field-row",
            Field { id: "card-expiry", label: "Срок действия", inputmode: "numeric", autocomplete: "cc-exp", placeholder: "ММ/ГГ", value: expiry, secret: true, error: err_for(CardField::Expiry) }
            Field { id: "card-cvc", label: "Код CVC", kind: "password", inputmode: "numeric", autocomplete: "cc-csc", placeholder: "123", value: cvc, secret: true, error: err_for(CardField::Cvc) }
        }
    }
}
