//! «Мои платежи»: the общий счёт grouped by address, the total, and «Оплатить».

use dioxus::prelude::*;
use ofis_core::{CoreError, Ofis, PayScope};
use ofis_domain::AddressId;

use crate::components::{use_act, LineItem};
use crate::messages::core_error;
use crate::route::Route;
use crate::state::Ui;

/// Bills rendered in the screen's first frame: a tall phone shows five below the top bar.
const FIRST_SCREEN_LINES: usize = 6;

/// Keeps the first `lines` bills of `groups`, in order, and the groups they belong to; true if
/// nothing was left out.
fn first_screen<G, L>(
    groups: &mut Vec<G>,
    lines: usize,
    lines_of: impl Fn(&mut G) -> &mut Vec<L>,
) -> bool {
    let mut left = lines;
    let mut complete = true;
    groups.retain_mut(|group| {
        if left == 0 {
            complete = false;
            return false;
        }
        let group_lines = lines_of(group);
        if group_lines.len() > left {
            group_lines.truncate(left);
            complete = false;
        }
        left -= group_lines.len();
        true
    });
    complete
}

/// The payments screen.
#[component]
pub fn Payments() -> Element {
    let ui = use_context::<Ui>();
    let nav = navigator();
    let snapshot = (ui.snapshot)();
    let mut groups = snapshot.combined.groups();
    // The first screenful first: the bills below it are laid out once it is painted (issue 17,
    // item 1). The total and «Оплатить» always count every bill.
    let mut whole = use_signal(|| false);
    use_effect(move || {
        if !whole() {
            spawn(async move {
                let mut painted = document::eval(
                    "requestAnimationFrame(() => requestAnimationFrame(() => dioxus.send(true)));",
                );
                // Whether the page answered or not, the rest is shown.
                let _ = painted.recv::<bool>().await;
                whole.set(true);
            });
        }
    });
    let complete = whole() || first_screen(&mut groups, FIRST_SCREEN_LINES, |g| &mut g.lines);
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
            section { class: "combined", aria_busy: "{!complete}",
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

#[cfg(test)]
mod tests {
    use super::first_screen;

    fn groups(sizes: &[usize]) -> Vec<(usize, Vec<usize>)> {
        let mut n = 0;
        sizes
            .iter()
            .enumerate()
            .map(|(g, &size)| {
                let lines = (n..n + size).collect();
                n += size;
                (g, lines)
            })
            .collect()
    }

    #[test]
    fn the_first_screen_keeps_the_first_bills_in_order_and_their_addresses() {
        let mut shown = groups(&[4, 3, 5]);
        assert!(!first_screen(&mut shown, 6, |g| &mut g.1));
        assert_eq!(shown, vec![(0, vec![0, 1, 2, 3]), (1, vec![4, 5])]);
    }

    #[test]
    fn an_address_that_ends_the_first_screen_does_not_leave_an_empty_address_after_it() {
        let mut shown = groups(&[3, 3, 2]);
        assert!(!first_screen(&mut shown, 6, |g| &mut g.1));
        assert_eq!(shown, vec![(0, vec![0, 1, 2]), (1, vec![3, 4, 5])]);
    }

    #[test]
    fn a_short_list_is_shown_whole_at_once() {
        let mut shown = groups(&[2, 4]);
        assert!(first_screen(&mut shown, 6, |g| &mut g.1));
        assert_eq!(shown, groups(&[2, 4]));
        let mut none = groups(&[]);
        assert!(first_screen(&mut none, 6, |g| &mut g.1));
    }
}
