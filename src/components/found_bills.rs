//! Bills found by a search; a tap adds one to the общий счёт.

use dioxus::prelude::*;
use ofis_core::Ofis;
use ofis_domain::Bill;

use crate::messages::core_error;
use crate::state::{Screen, Ui};

/// The list of found bills.
#[component]
pub fn FoundBills(bills: Vec<Bill>) -> Element {
    let ofis = use_context::<Ofis>();
    let ui = use_context::<Ui>();
    let mut error = use_signal(|| None::<String>);
    let add = move |bill: Bill| {
        let ofis = ofis.clone();
        async move {
            let title = format!("{} · {}", bill.service_title(), bill.provider_name);
            match ofis.add_bills(vec![bill]).await {
                Ok((snapshot, 0)) => {
                    ui.show(snapshot);
                    ui.notify(format!("«{title}» уже есть в общем счёте."));
                    ui.go(Screen::Payments);
                }
                Ok((snapshot, _)) => {
                    ui.show(snapshot);
                    ui.notify(format!("«{title}» добавлен в общий счёт."));
                    ui.go(Screen::Payments);
                }
                Err(e) => error.set(Some(core_error(&e))),
            }
        }
    };
    rsx! {
        if let Some(err) = error() {
            p { class: "error", role: "alert", "{err}" }
        }
        ul { class: "found",
            for bill in bills {
                li { key: "{bill.id}",
                    button {
                        class: "found-bill",
                        onclick: {
                            let add = add.clone();
                            let bill = bill.clone();
                            move |_| add(bill.clone())
                        },
                        div { class: "service", "{bill.service_title()}" }
                        div { class: "provider", "{bill.provider_name}" }
                        div { class: "meta",
                            "л/с {bill.account} · {bill.period.label_ru()}"
                            if let Some(address) = &bill.address_title { " · {address}" }
                        }
                        div { class: "amount", "{bill.amount_due.display_rub()}" }
                        span { class: "found-add", "Добавить" }
                    }
                }
            }
        }
    }
}
