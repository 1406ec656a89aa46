//! «Копия чека об оплате»: a Город account, a month and an amount (both may be left empty) →
//! the payments of every channel (cash desks, banks, post offices, this app) → «Получить копию
//! на e-mail» of one.

use dioxus::prelude::*;
use ofis_core::{Ofis, PaymentRow, PaymentSearch};

use super::bill_form::{
    use_gorod_accounts, AccountSelect, DocsTopbar, EmailField, PeriodSelect, ServiceEntry,
};
use crate::components::{use_act, Failure, Field, SupportLink};
use crate::route::Route;

/// «Копия чека об оплате» on the «Абоненту» list.
#[component]
pub fn ReceiptCopyEntry() -> Element {
    rsx! {
        ServiceEntry { id: "open-receipt-copy", title: "Копия чека об оплате", hint: "Платежи в кассах, банках, на почте и в приложении", to: Route::ReceiptCopy {} }
    }
}

/// The «Копия чека об оплате» screen.
#[component]
pub fn ReceiptCopyScreen() -> Element {
    let ofis = use_context::<Ofis>();
    let (accounts, account) = use_gorod_accounts();
    let periods = ofis.office_periods();
    let period = use_signal(String::new);
    let amount = use_signal(String::new);
    let mut found = use_signal(|| None::<Vec<PaymentRow>>);
    let act = use_act();
    let find = move |_| {
        let ofis = ofis.clone();
        let search = PaymentSearch {
            account: account(),
            period: period(),
            amount: amount(),
        };
        found.set(None);
        act.run(async move {
            let rows = ofis.find_payments(&search).await.map_err(Failure::from)?;
            found.set(Some(rows));
            Ok(())
        })
    };
    let has_accounts = !accounts.is_empty();
    rsx! {
        DocsTopbar { title: "Копия чека" }
        section { id: "receipt-copy", class: "office-docs",
            AccountSelect { accounts, chosen: account }
            if has_accounts {
                form { onsubmit: move |e| e.prevent_default(),
                    PeriodSelect { id: "payments-period", label: "За месяц", periods, chosen: period, any_label: "Любой месяц".to_string() }
                    Field { id: "payments-amount", label: "Сумма, ₽ (необязательно)", inputmode: "decimal", placeholder: "1 234,56", value: amount, error: act.error() }
                    SupportLink { act, id: "payments-amount-error", screen: "Копия чека об оплате" }
                    button { id: "payments-find", class: "primary", r#type: "button", disabled: act.busy(), onclick: find, "Найти платежи" }
                }
            }
            if let Some(rows) = found() {
                Payments { rows }
            }
        }
    }
}

/// The payments found, each with «Получить копию на e-mail».
#[component]
fn Payments(rows: Vec<PaymentRow>) -> Element {
    let ofis = use_context::<Ofis>();
    let email = use_signal(String::new);
    let mut sent = use_signal(|| None::<String>);
    let act = use_act();
    if rows.is_empty() {
        return rsx! {
            p { id: "payments-none", class: "hint", role: "status", "Платежей не найдено. Измените месяц или сумму." }
        };
    }
    let send = move |row: PaymentRow| {
        let ofis = ofis.clone();
        sent.set(None);
        act.run(async move {
            let to = ofis
                .email_payment_receipt(&row.id, &email())
                .await
                .map_err(Failure::from)?;
            sent.set(Some(format!(
                "Копия чека об оплате {} ({}) отправлена на {to}.",
                row.period,
                row.amount.display_rub()
            )));
            Ok(())
        })
    };
    rsx! {
        h2 { class: "section-title", "Найденные платежи" }
        form { class: "email-copy", onsubmit: move |e| e.prevent_default(),
            EmailField { id: "payments-email", label: "E-mail для копии чека", value: email, error: act.error() }
            SupportLink { act, id: "payments-email-error", screen: "Копия чека об оплате" }
            if let Some(text) = sent() {
                p { id: "payments-email-sent", class: "sent", role: "status", "{text}" }
            }
        }
        ul { id: "payments", class: "payment-records",
            for row in rows {
                li { key: "{row.id}", id: "payment-{row.id}", class: "payment-record",
                    p { class: "bill-line",
                        span { class: "option-title", "{row.channel} · {row.period}" }
                        span { class: "amount", "{row.amount.display_rub()}" }
                    }
                    p { class: "meta", "{row.paid_at}, {row.place}" }
                    button {
                        id: "copy-{row.id}",
                        class: "secondary",
                        r#type: "button",
                        disabled: act.busy(),
                        onclick: {
                            let (row, mut send) = (row.clone(), send.clone());
                            move |_| send(row.clone())
                        },
                        "Получить копию на e-mail"
                    }
                }
            }
        }
    }
}
