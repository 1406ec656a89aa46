//! One line of the общий счёт, with its menu: «не платить», «удалить», «оплатить», the amount.

use crate::components::Failure;
use dioxus::prelude::*;
use ofis_core::{Ofis, PayScope};
use ofis_domain::Line;

use super::{use_act, Act};
use crate::route::Route;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Menu {
    Closed,
    Open,
    ConfirmRemove,
    ConfirmSkip,
}

impl Menu {
    /// What a confirmation asks about the service.
    fn question(self, service: &str) -> String {
        match self {
            Menu::ConfirmRemove => format!(
                "Удалить «{service}» из общего счёта? Его можно будет найти и добавить снова."
            ),
            _ => format!(
                "Не платить за «{service}» в этот раз? Услуга останется в списке с суммой 0."
            ),
        }
    }
}

/// A line: provider, service, account, period and the amount to pay; «★» opens its menu.
#[component]
pub fn LineItem(
    line: Line,
    paid: bool,
    awaiting: bool,
    #[props(default)] with_readings: bool,
    /// The bill whose paper QR code was scanned last.
    #[props(default)]
    scanned: bool,
) -> Element {
    let mut menu = use_signal(|| Menu::Closed);
    let act = use_act();
    let bill = &line.bill;
    let period = bill.period.label_ru();
    let changed = line.amount != bill.amount_due;
    let fee = line.fee();
    rsx! {
        div { id: "line-{bill.id}", class: if line.is_paid() { "line" } else { "line zero" },
            div { class: "line-row",
                button {
                    class: "star",
                    aria_label: "Меню услуги «{bill.service_title()}»",
                    "aria-expanded": menu() != Menu::Closed,
                    onclick: move |_| menu.set(if menu() == Menu::Closed { Menu::Open } else { Menu::Closed }),
                    "★"
                }
                div { class: "line-main", onclick: move |_| menu.set(Menu::Open),
                    div { class: "service", "{bill.service_title()}" }
                    div { class: "provider", "{bill.provider_name}" }
                    div { class: "meta", "л/с {bill.account} · {period}" }
                    if with_readings {
                        div { class: "badge readings", "Показания сохранены" }
                    }
                    if scanned {
                        div { class: "badge scanned", "По квитанции" }
                    }
                    if awaiting {
                        div { class: "badge awaiting", "Счёт за {bill.period.next().label_ru()} ещё не выставлен" }
                    }
                }
                div { class: "line-amount",
                    div { class: "amount", "{line.amount.display_rub()}" }
                    if paid {
                        div { class: "badge paid", "Оплачено" }
                    } else if changed {
                        div { class: "due", "начислено {bill.amount_due.display_rub()}" }
                    }
                    if !fee.is_zero() {
                        div { class: "due fee", "+ комиссия {fee.display_rub()}" }
                    }
                }
            }
            if menu() != Menu::Closed {
                LineMenu { line: line.clone(), menu, act }
            }
            crate::components::ActError { act, id: format!("line-error-{}", line.bill.id), screen: "Мои платежи" }
        }
    }
}

/// The line's menu, and the confirmations of «удалить» and «не платить».
#[component]
fn LineMenu(line: Line, menu: Signal<Menu>, act: Act) -> Element {
    let ofis = use_context::<Ofis>();
    let nav = navigator();
    let mut amount_text = use_signal(|| line.amount.display_plain().replace('\u{a0}', " "));
    let bill = line.bill.clone();
    let amount_id = format!("line-{}-amount", bill.id);

    let edit = {
        let (ofis, id) = (ofis.clone(), bill.id.clone());
        move |what: Menu| {
            let (ofis, id) = (ofis.clone(), id.clone());
            act.run(async move {
                let edited = match what {
                    Menu::ConfirmSkip => ofis.skip_line(&id).await,
                    Menu::ConfirmRemove => ofis.remove_line(&id).await,
                    _ => ofis.set_amount(&id, &amount_text()).await,
                };
                edited.map_err(Failure::from)?;
                menu.set(Menu::Closed);
                Ok(())
            })
        }
    };
    let (id, metered) = (bill.id.clone(), bill.metered);
    let pay = move |_| {
        // A metered line opens its readings first («конечное»).
        if metered {
            nav.push(Route::readings(id.clone()));
            return;
        }
        let (ofis, scope) = (ofis.clone(), PayScope::Line(id.clone()));
        act.run(async move {
            let ticket = ofis
                .start_payment(scope.clone())
                .await
                .map_err(Failure::from)?;
            nav.push(Route::Checkout { order: ticket.key });
            Ok(())
        })
    };
    let (edit_amount, edit_confirmed) = (edit.clone(), edit);
    let question = menu().question(bill.service_title());
    rsx! {
        if menu() == Menu::Open {
            div { class: "line-menu",
                div { class: "menu-actions",
                    button { class: "menu-skip", onclick: move |_| menu.set(Menu::ConfirmSkip), "не платить" }
                    button { class: "menu-remove", onclick: move |_| menu.set(Menu::ConfirmRemove), "удалить" }
                    button { class: "menu-pay", onclick: pay, "оплатить" }
                    button { class: "menu-close", aria_label: "Закрыть меню", onclick: move |_| menu.set(Menu::Closed), "★" }
                }
                div { class: "amount-edit",
                    label { r#for: "{amount_id}", "Сумма к оплате, ₽" }
                    input {
                        id: "{amount_id}",
                        inputmode: "decimal",
                        initial_value: "{amount_text}",
                        oninput: move |e| amount_text.set(e.value()),
                    }
                    button { class: "menu-save", onclick: move |_| edit_amount(Menu::Open), "Сохранить" }
                }
            }
        } else {
            div { class: "line-menu confirm",
                p { "{question}" }
                button { class: "confirm-yes", onclick: move |_| edit_confirmed(menu()), "подтвердить" }
                button { class: "confirm-no", onclick: move |_| menu.set(Menu::Closed), "отмена" }
            }
        }
    }
}
