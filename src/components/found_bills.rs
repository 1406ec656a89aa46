//! Bills found by a search; a tap adds one to the общий счёт.

use crate::components::Failure;
use dioxus::prelude::*;
use ofis_core::Ofis;
use ofis_domain::Bill;

use crate::state::Ui;

/// The list of found bills.
#[component]
pub fn FoundBills(bills: Vec<Bill>) -> Element {
    let ofis = use_context::<Ofis>();
    let ui = use_context::<Ui>();
    let nav = navigator();
    let act = super::use_act();
    let add = move |bill: Bill| {
        let ofis = ofis.clone();
        act.run(async move {
            let title = format!("{} · {}", bill.service_title(), bill.provider_name);
            let (_, added) = ofis.add_bills(vec![bill]).await.map_err(Failure::from)?;
            ui.home(
                nav,
                match added {
                    0 => format!("«{title}» уже есть в общем счёте."),
                    _ => format!("«{title}» добавлен в общий счёт."),
                },
            );
            Ok(())
        })
    };
    rsx! {
        crate::components::ActError { act, id: "found-error", screen: "Поиск услуги" }
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
