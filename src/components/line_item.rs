//! One line of the общий счёт, with its menu: «не платить», «удалить», «оплатить», the amount.

use dioxus::prelude::*;
use ofis_core::{Ofis, PayScope};
use ofis_domain::Line;

use crate::messages::core_error;
use crate::state::{Screen, Ui};

#[derive(Clone, Copy, PartialEq, Eq)]
enum Menu {
    Closed,
    Open,
    ConfirmRemove,
    ConfirmSkip,
}

/// A line: provider, service, account, period and the amount to pay.
#[component]
pub fn LineItem(
    line: Line,
    paid: bool,
    awaiting: bool,
    #[props(default)] with_readings: bool,
) -> Element {
    let ofis = use_context::<Ofis>();
    let ui = use_context::<Ui>();
    let mut menu = use_signal(|| Menu::Closed);
    let mut amount_text = use_signal(|| line.amount.display_plain().replace('\u{a0}', " "));
    let mut error = use_signal(|| None::<String>);
    let bill = line.bill.clone();
    let id = bill.id.clone();
    let dom_id = format!("line-{}", bill.id);
    let period = bill.period.label_ru();
    let amount = line.amount.display_rub();
    let due = bill.amount_due.display_rub();
    let changed = line.amount != bill.amount_due;
    let metered = bill.metered;
    let fee = line.fee();
    let next_period = bill.period.next().label_ru();

    let act = move |what: &'static str| {
        let (ofis, id) = (ofis.clone(), id.clone());
        async move {
            let result = match what {
                "skip" => ofis.skip_line(&id).await,
                "remove" => ofis.remove_line(&id).await,
                _ => ofis.set_amount(&id, &amount_text()).await,
            };
            match result {
                Ok(s) => {
                    ui.show(s);
                    error.set(None);
                    menu.set(Menu::Closed);
                }
                Err(e) => error.set(Some(core_error(&e))),
            }
        }
    };
    let act_skip = act.clone();
    let act_remove = act.clone();
    let act_amount = act;
    let pay_id = bill.id.clone();
    let ofis_pay = use_context::<Ofis>();

    rsx! {
        div { id: "{dom_id}", class: if line.is_paid() { "line" } else { "line zero" },
            div { class: "line-row",
                button {
                    class: "star",
                    aria_label: "Меню услуги",
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
                    if awaiting {
                        div { class: "badge awaiting", "Счёт за {next_period} ещё не выставлен" }
                    }
                }
                div { class: "line-amount",
                    div { class: "amount", "{amount}" }
                    if paid {
                        div { class: "badge paid", "Оплачено" }
                    } else if changed {
                        div { class: "due", "начислено {due}" }
                    }
                    if !fee.is_zero() {
                        div { class: "due fee", "+ комиссия {fee.display_rub()}" }
                    }
                }
            }
            match menu() {
                Menu::Closed => rsx! {},
                Menu::Open => rsx! {
                    div { class: "line-menu",
                        div { class: "menu-actions",
                            button { class: "menu-skip", onclick: move |_| menu.set(Menu::ConfirmSkip), "не платить" }
                            button { class: "menu-remove", onclick: move |_| menu.set(Menu::ConfirmRemove), "удалить" }
                            button {
                                class: "menu-pay",
                                onclick: move |_| {
                                    let (ofis, id) = (ofis_pay.clone(), pay_id.clone());
                                    async move {
                                        // A metered line opens its readings first («конечное»).
                                        if metered {
                                            ui.go(Screen::LineReadings { bill_id: id, message: None });
                                            return;
                                        }
                                        let scope = PayScope::Line(id);
                                        match ofis.start_payment(scope.clone()).await {
                                            Ok(ticket) => ui.go(Screen::Checkout { scope, ticket }),
                                            Err(e) => error.set(Some(core_error(&e))),
                                        }
                                    }
                                },
                                "оплатить"
                            }
                            button { class: "menu-close", aria_label: "Закрыть меню", onclick: move |_| menu.set(Menu::Closed), "★" }
                        }
                        div { class: "amount-edit",
                            label { r#for: "{dom_id}-amount", "Сумма к оплате, ₽" }
                            input {
                                id: "{dom_id}-amount",
                                inputmode: "decimal",
                                initial_value: "{amount_text}",
                                oninput: move |e| amount_text.set(e.value()),
                            }
                            button { class: "menu-save", onclick: move |_| act_amount("amount"), "Сохранить" }
                        }
                    }
                },
                Menu::ConfirmRemove => rsx! {
                    div { class: "line-menu confirm",
                        p { "Удалить «{bill.service_title()}» из общего счёта? Его можно будет найти и добавить снова." }
                        button { class: "confirm-yes", onclick: move |_| act_remove("remove"), "подтвердить" }
                        button { class: "confirm-no", onclick: move |_| menu.set(Menu::Closed), "отмена" }
                    }
                },
                Menu::ConfirmSkip => rsx! {
                    div { class: "line-menu confirm",
                        p { "Не платить за «{bill.service_title()}» в этот раз? Услуга останется в списке с суммой 0." }
                        button { class: "confirm-yes", onclick: move |_| act_skip("skip"), "подтвердить" }
                        button { class: "confirm-no", onclick: move |_| menu.set(Menu::Closed), "отмена" }
                    }
                },
            }
            if let Some(err) = error() {
                p { class: "error", role: "alert", "{err}" }
            }
        }
    }
}
