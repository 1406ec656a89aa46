//! «Квитанция»: a Город account of the saved addresses and a month → the bill document laid out
//! as text (services, total, pay-by day) → «Получить дубликат на e-mail».

use dioxus::prelude::*;
use ofis_core::{BillView, Ofis};

use super::bill_form::{
    use_gorod_accounts, AccountSelect, DocsTopbar, EmailField, PeriodSelect, ServiceEntry,
};
use crate::components::{use_act, ActError, Failure, SupportLink};
use crate::route::Route;

/// «Квитанция» on the «Абоненту» list.
#[component]
pub fn BillEntry() -> Element {
    rsx! {
        ServiceEntry { id: "open-bill", title: "Квитанция", hint: "Единый платёжный документ за месяц и его дубликат на e-mail", to: Route::BillDocument {} }
    }
}

/// The «Квитанция» screen.
#[component]
pub fn BillScreen() -> Element {
    let ofis = use_context::<Ofis>();
    let (accounts, account) = use_gorod_accounts();
    let periods = ofis.office_periods();
    let first = periods.first().map(|p| p.value.clone());
    let period = use_signal(move || first.unwrap_or_default());
    let mut doc = use_signal(|| None::<BillView>);
    let act = use_act();
    let show = move |_| {
        let ofis = ofis.clone();
        doc.set(None);
        act.run(async move {
            let found = ofis
                .bill_document(&account(), &period())
                .await
                .map_err(Failure::from)?;
            doc.set(Some(found));
            Ok(())
        })
    };
    let has_accounts = !accounts.is_empty();
    rsx! {
        DocsTopbar { title: "Квитанция" }
        section { id: "bill", class: "office-docs",
            AccountSelect { accounts, chosen: account }
            if has_accounts {
                PeriodSelect { id: "bill-period", label: "Месяц", periods, chosen: period }
                button { id: "bill-show", class: "primary", r#type: "button", disabled: act.busy(), onclick: show, "Показать квитанцию" }
            }
            ActError { act, id: "bill-error", screen: "Квитанция" }
            if let Some(d) = doc() {
                BillDocument { doc: d.clone() }
                Duplicate { account: d.account, period: d.period }
            }
        }
    }
}

/// The document as text: the issuer, the address, each service with its charge, the total and
/// the day to pay by.
#[component]
fn BillDocument(doc: BillView) -> Element {
    rsx! {
        article { id: "bill-document", class: "bill-document", "aria-labelledby": "bill-title",
            h2 { id: "bill-title", "{doc.title}" }
            p { class: "meta", "{doc.issuer}. Лицевой счёт {doc.account}" }
            p { class: "meta", "{doc.address}" }
            ul { class: "bill-lines",
                for (i, l) in doc.lines.iter().enumerate() {
                    li { key: "{i}", class: "bill-line",
                        span { class: "bill-service",
                            span { class: "option-title", "{l.service}" }
                            span { class: "option-hint", "{l.provider}, л/с {l.account}" }
                        }
                        span { class: "amount", "{l.charged.display_rub()}" }
                    }
                }
            }
            p { id: "bill-total", class: "bill-line bill-total",
                span { "Итого к оплате" }
                span { class: "amount", "{doc.total.display_rub()}" }
            }
            p { id: "bill-pay-by", class: "meta", "Выставлена {doc.issued_on}. Оплатить до {doc.pay_by}." }
        }
    }
}

/// «Получить дубликат на e-mail» of the document shown.
#[component]
fn Duplicate(account: String, period: String) -> Element {
    let ofis = use_context::<Ofis>();
    let email = use_signal(String::new);
    let mut sent = use_signal(|| None::<String>);
    let act = use_act();
    let send = move |_| {
        let (ofis, account, period) = (ofis.clone(), account.clone(), period.clone());
        sent.set(None);
        act.run(async move {
            let to = ofis
                .email_bill_document(&account, &period, &email())
                .await
                .map_err(Failure::from)?;
            sent.set(Some(format!("Дубликат квитанции отправлен на {to}.")));
            Ok(())
        })
    };
    rsx! {
        form { class: "email-copy", onsubmit: move |e| e.prevent_default(),
            EmailField { id: "bill-email", label: "E-mail для дубликата", value: email, error: act.error() }
            SupportLink { act, id: "bill-email-error", screen: "Квитанция" }
            button { id: "bill-send-email", class: "primary", r#type: "button", disabled: act.busy(), onclick: send, "Получить дубликат на e-mail" }
            if let Some(text) = sent() {
                p { id: "bill-email-sent", class: "sent", role: "status", "{text}" }
            }
        }
    }
}
