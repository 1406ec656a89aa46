//! «Мои платежи»: the общий счёт grouped by address, the total, and «Оплатить».

use dioxus::prelude::*;
use ofis_core::{CoreError, Ofis, PayScope};
use ofis_domain::AddressId;

use crate::components::{use_act, LineItem};
use crate::messages::core_error;
use crate::route::Route;
use crate::state::Ui;

/// The payments screen.
#[component]
pub fn Payments() -> Element {
    let ui = use_context::<Ui>();
    let nav = navigator();
    let snapshot = (ui.snapshot)();
    let groups = snapshot.combined.groups();
    crate::first_frame::use_first_frame_mark(!groups.is_empty());
    let profile_label = crate::components::unread_label("Профиль", snapshot.support_unread);
    rsx! {
        header { class: "topbar",
            h1 { "Мои платежи" }
            crate::components::HistoryButton {}
            button { id: "open-profile", class: "profile-button", aria_label: "{profile_label}",
                onclick: move |_| { nav.push(Route::Profile {}); },
                "☺"
                crate::components::UnreadBadge { unread: snapshot.support_unread }
            }
            crate::components::HelpButton { section: ofis_core::HelpSection::Payments }
            button { id: "add-service", class: "plus", aria_label: "Добавить услугу", onclick: move |_| { nav.push(Route::AddService {}); }, "+" }
        }
        Notices {}
        if snapshot.from_cache && !snapshot.combined.is_empty() {
            p { class: "hint", "Показаны сохранённые счета, обновляем…" }
        }
        if groups.is_empty() {
            section { class: "empty",
                p { "Здесь будет ваш общий счёт. Найдите счета по адресу — и каждый месяц они будут собираться здесь." }
                button { id: "empty-add-address", class: "primary", onclick: move |_| { nav.push(Route::AddressSearch {}); }, "Поиск по адресу" }
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
                                scanned: snapshot.scanned.as_ref() == Some(&line.bill.id),
                            }
                            crate::views::office::BillActs { line: line.clone() }
                        }
                    }
                }
            }
            PayBar {}
        }
    }
}

/// The notice of the last action (e.g. «По адресу нет счетов») and the in-app notifications.
#[component]
fn Notices() -> Element {
    let ofis = use_context::<Ofis>();
    let mut ui = use_context::<Ui>();
    let notifications = (ui.snapshot)().notifications;
    rsx! {
        if let Some(text) = (ui.notice)() {
            div { id: "notice", class: "notice", role: "status",
                span { "{text}" }
                button { class: "notice-close", aria_label: "Закрыть", onclick: move |_| ui.notice.set(None), "×" }
                if let Some(code) = (ui.notice_code)() {
                    crate::components::SupportButton { id: "notice", text, screen: "Мои платежи", code, order: None }
                }
            }
        }
        if !notifications.is_empty() {
            div { id: "notifications", class: "notifications", role: "status",
                for (i, text) in notifications.iter().enumerate() {
                    p { key: "{i}", class: "notification", "{text}" }
                }
                button {
                    class: "link",
                    onclick: move |_| {
                        ofis.dismiss_notifications();
                    },
                    "Понятно"
                }
            }
        }
    }
}

/// The fees, «Итого к оплате» and «Оплатить» (with «Оплатить ещё раз?» for bills found paid).
#[component]
fn PayBar() -> Element {
    let ofis = use_context::<Ofis>();
    let ui = use_context::<Ui>();
    let nav = navigator();
    let maintenance = use_context::<crate::components::Maintenance>();
    let snapshot = (ui.snapshot)();
    let (total, fees) = (snapshot.total(), snapshot.combined.fees());
    let mut paid_again = use_signal(|| None::<String>);
    let act = use_act();
    let mut pay = move |again: bool| {
        let ofis = ofis.clone();
        paid_again.set(None);
        act.run(async move {
            let started = if again {
                ofis.start_payment_again(PayScope::All).await
            } else {
                ofis.start_payment(PayScope::All).await
            };
            match started {
                Ok(ticket) => {
                    nav.push(Route::Checkout { order: ticket.key });
                }
                // The provider wants readings: straight to that line's «конечное» (manual, section 8).
                Err(CoreError::ReadingsRequired { bill_id, message }) => {
                    nav.push(Route::LineReadings {
                        bill_id,
                        why: message,
                    });
                }
                Err(e) if maintenance.report(&e) => {}
                // «оплачено … — оплатить ещё раз?»: asked, never assumed.
                Err(e @ CoreError::AlreadyPaid(_)) => paid_again.set(Some(core_error(&e))),
                Err(e) => ui.fail(e.into()),
            }
            Ok(())
        })
    };
    let mut pay_again = pay.clone();
    rsx! {
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
            button { id: "pay", class: "primary", disabled: act.busy() || total.is_zero(), onclick: move |_| pay(false), "Оплатить" }
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
                Ok(_) => {}
                Err(e) => ui.fail(e.into()),
            }
            menu.set(false);
        }
    };
    let exclude = act.clone();
    rsx! {
        div { class: "address",
            div { class: "address-head",
                button { class: "address-menu-button", aria_label: "Меню адреса «{title}»", "aria-expanded": menu(), onclick: move |_| menu.set(!menu()), "⋮" }
                div { class: "address-title", "{title}" }
                div { class: "subtotal", "{subtotal}" }
            }
            if menu() {
                div { class: "address-menu", role: "group", aria_label: "Действия с адресом",
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
