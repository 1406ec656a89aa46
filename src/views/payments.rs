//! «Мои платежи»: the общий счёт grouped by address, the total, and «Оплатить».

use dioxus::prelude::*;
use ofis_core::{Ofis, PayScope};
use ofis_domain::AddressId;

use crate::components::LineItem;
use crate::messages::core_error;
use crate::state::{Screen, Ui};

/// The payments screen.
#[component]
pub fn Payments() -> Element {
    let ofis = use_context::<Ofis>();
    let mut ui = use_context::<Ui>();
    let maintenance = use_context::<crate::components::Maintenance>();
    let snapshot = (ui.snapshot)();
    let mut busy = use_signal(|| false);
    let total = snapshot.total();
    let fees = snapshot.combined.fees();
    let groups = snapshot.combined.groups();
    let notifications = snapshot.notifications.clone();
    let ofis_dismiss = ofis.clone();
    let notice = (ui.notice)();

    let mut paid_again = use_signal(|| None::<String>);
    let pay = move |again: bool| {
        let ofis = ofis.clone();
        async move {
            busy.set(true);
            paid_again.set(None);
            let started = if again {
                ofis.start_payment_again(PayScope::All).await
            } else {
                ofis.start_payment(PayScope::All).await
            };
            match started {
                Ok(ticket) => ui.go(Screen::Checkout {
                    scope: PayScope::All,
                    ticket,
                }),
                // The provider wants readings: straight to that line's «конечное» (manual, section 8).
                Err(ofis_core::CoreError::ReadingsRequired { bill_id, message }) => {
                    ui.go(Screen::LineReadings {
                        bill_id,
                        message: Some(message),
                    })
                }
                Err(e) if maintenance.report(&e) => {}
                // «оплачено … — оплатить ещё раз?»: asked, never assumed.
                Err(e @ ofis_core::CoreError::AlreadyPaid(_)) => {
                    paid_again.set(Some(core_error(&e)))
                }
                Err(e) => ui.notify(core_error(&e)),
            }
            busy.set(false);
        }
    };
    let pay_again = pay.clone();

    rsx! {
        header { class: "topbar",
            h1 { "Мои платежи" }
            crate::components::HistoryButton {}
            button { id: "open-profile", class: "profile-button", aria_label: "Профиль", onclick: move |_| ui.go(Screen::Profile), "☺" }
            button { id: "add-service", class: "plus", aria_label: "Добавить услугу", onclick: move |_| ui.go(Screen::AddService), "+" }
        }
        if let Some(text) = notice {
            div { id: "notice", class: "notice", role: "status",
                span { "{text}" }
                button { class: "notice-close", aria_label: "Закрыть", onclick: move |_| ui.notice.set(None), "×" }
            }
        }
        if !notifications.is_empty() {
            div { id: "notifications", class: "notifications", role: "status",
                for (i, text) in notifications.iter().enumerate() {
                    p { key: "{i}", class: "notification", "{text}" }
                }
                button {
                    class: "link",
                    onclick: move |_| ui.show(ofis_dismiss.dismiss_notifications()),
                    "Понятно"
                }
            }
        }
        if snapshot.from_cache && !snapshot.combined.is_empty() {
            p { class: "hint", "Показаны сохранённые счета, обновляем…" }
        }
        if groups.is_empty() {
            section { class: "empty",
                p { "Здесь будет ваш общий счёт. Найдите счета по адресу — и каждый месяц они будут собираться здесь." }
                button { id: "empty-add-address", class: "primary", onclick: move |_| ui.go(Screen::AddressSearch), "Поиск по адресу" }
            }
        } else {
            section { class: "combined",
                for group in groups {
                    AddressBlock {
                        key: "{group.title}",
                        address_id: group.address_id.cloned(),
                        title: group.title.clone(),
                        subtotal: group.subtotal.display_rub(),
                        for line in group.lines {
                            LineItem {
                                key: "{line.bill.id}",
                                line: line.clone(),
                                paid: snapshot.paid.contains(&line.bill.id),
                                awaiting: snapshot.awaiting.contains(&line.bill.id),
                                with_readings: snapshot.with_readings.contains(&line.bill.id),
                            }
                        }
                    }
                }
            }
            footer { class: "paybar",
                if !fees.is_zero() {
                    div { class: "fees",
                        span { "в т.ч. комиссия поставщиков" }
                        span { id: "fees", "{fees.display_rub()}" }
                    }
                }
                div { class: "total",
                    span { "Итого к оплате" }
                    strong { id: "total", "{total.display_rub()}" }
                }
                if let Some(question) = paid_again() {
                    div { id: "already-paid", class: "line-menu confirm", role: "alertdialog",
                        p { "{question}" }
                        button { id: "pay-again", class: "confirm-yes", onclick: move |_| pay_again(true), "Оплатить ещё раз" }
                        button { class: "confirm-no", onclick: move |_| paid_again.set(None), "Отмена" }
                    }
                }
                button { id: "pay", class: "primary", disabled: busy() || total.is_zero(), onclick: move |_| pay(false), "Оплатить" }
            }
        }
    }
}

/// An address with its subtotal and menu («Исключить из оплаты…», «Удалить все…», «ОТМЕНА»).
#[component]
fn AddressBlock(
    address_id: Option<AddressId>,
    title: String,
    subtotal: String,
    children: Element,
) -> Element {
    let ofis = use_context::<Ofis>();
    let ui = use_context::<Ui>();
    let mut menu = use_signal(|| false);
    let act = move |remove: bool| {
        let (ofis, address) = (ofis.clone(), address_id.clone());
        async move {
            let result = if remove {
                ofis.remove_address(address).await
            } else {
                ofis.exclude_address(address).await
            };
            match result {
                Ok(s) => ui.show(s),
                Err(e) => ui.notify(core_error(&e)),
            }
            menu.set(false);
        }
    };
    let exclude = act.clone();
    rsx! {
        div { class: "address",
            div { class: "address-head",
                button { class: "address-menu-button", aria_label: "Меню адреса", onclick: move |_| menu.set(!menu()), "⋮" }
                div { class: "address-title", "{title}" }
                div { class: "subtotal", "{subtotal}" }
            }
            if menu() {
                div { class: "address-menu", role: "menu",
                    p { "Выберите действие" }
                    button { class: "exclude-address", onclick: move |_| exclude(false), "Исключить из оплаты все услуги на адресе" }
                    button { class: "remove-address", onclick: move |_| act(true), "Удалить все услуги на адресе" }
                    button { class: "cancel", onclick: move |_| menu.set(false), "ОТМЕНА" }
                }
            }
            {children}
        }
    }
}
