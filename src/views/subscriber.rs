//! «Абоненту»: the address chosen at the top, and «Подать показания ИПУ» — readings sent without
//! payment for the accounts Система «Город» bills (third-party ones only with a payment), with
//! the offline queue and each meter's history.

use std::collections::BTreeMap;

use dioxus::prelude::*;
use ofis_core::{AddressChoice, Ofis};

use super::reading_queue::ReadingQueue;
use crate::state::Ui;

/// The answer to one «отправить», shown under the meter.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Answer {
    Accepted(String),
    Queued(String),
    Refused(String),
}

/// The «Абоненту» tab.
#[component]
pub fn Subscriber() -> Element {
    let ofis = use_context::<Ofis>();
    let ui = use_context::<Ui>();
    let snapshot = (ui.snapshot)();
    let addresses = snapshot.addresses.clone();
    let chosen = use_signal(|| match addresses.as_slice() {
        [only] => Some(only.id.clone()),
        _ => None,
    });
    let mut open = use_signal(|| false);
    let mut reload = use_signal(|| 0u32);
    let titles = use_signal(BTreeMap::<String, String>::new);
    let mut answers = use_signal(BTreeMap::<String, Answer>::new);
    // While the tab is open: rounds of the queue, as often as core's retry policy says.
    let poll = ofis.clone();
    use_future(move || {
        let ofis = poll.clone();
        async move {
            loop {
                let round = ofis.reading_queue_round().await;
                if round.sent > 0 {
                    // What waited has gone: «нет связи» under a meter is no longer true.
                    answers
                        .write()
                        .retain(|_, a| !matches!(a, Answer::Queued(_)));
                    *reload.write() += 1;
                }
                tokio::time::sleep(round.retry_in).await;
            }
        }
    });
    let reminder = ofis.reading_reminder();
    let selected = chosen().filter(|id| addresses.iter().any(|a| &a.id == id));
    rsx! {
        header { class: "topbar",
            h1 { "Абоненту" }
            crate::components::HelpButton { section: ofis_core::HelpSection::Subscriber }
        }
        section { id: "subscriber", class: "readings",
            if let Some(text) = reminder {
                p { id: "reading-reminder", class: "notice", role: "status", "{text}" }
            }
            if addresses.is_empty() {
                p { id: "subscriber-no-address", class: "hint",
                    "Выберите адрес: добавьте его в «Мои платежи» через «+» → «Поиск по адресу»"
                }
            } else {
                AddressPicker { addresses: addresses.clone(), selected: selected.clone(), chosen }
            }
            h2 { class: "section-title", "Сервисы" }
            crate::views::office::SituationsEntry {}
            crate::views::office::BookingEntry {}
            crate::views::office::ApplicationEntry {}
            button {
                id: "submit-readings",
                class: "option",
                "aria-expanded": open(),
                onclick: move |_| open.set(!open()),
                span { class: "option-title", "Подать показания ИПУ" }
                span { class: "option-hint", "Без оплаты — по лицевым счетам АО «Система «Город»" }
            }
            if open() {
                match selected.clone() {
                    None if !addresses.is_empty() => rsx! {
                        p { id: "choose-address", class: "warning", "Выберите вверху адрес, по которому передаёте показания." }
                    },
                    None => rsx! {},
                    Some(address_id) => rsx! {
                        super::meter_list::MeterList { key: "{address_id}", address_id, reload, titles, answers }
                    },
                }
            }
            crate::views::office::BillEntry {}
            crate::views::office::ReceiptCopyEntry {}
            crate::views::office::EBillEntry {}
            crate::views::office::HouseEntry { address: selected.clone() }
            ReadingQueue { queue: snapshot.reading_queue.clone(), titles }
        }
    }
}

/// The addresses of «Мои платежи», one to choose.
#[component]
fn AddressPicker(
    addresses: Vec<AddressChoice>,
    selected: Option<String>,
    chosen: Signal<Option<String>>,
) -> Element {
    rsx! {
        h2 { class: "section-title", "Адрес" }
        div { id: "subscriber-addresses", role: "radiogroup",
            for a in addresses.iter() {
                button {
                    key: "{a.id}",
                    id: "address-{a.id}",
                    class: "option address-choice",
                    role: "radio",
                    "aria-checked": selected.as_deref() == Some(a.id.as_str()),
                    onclick: {
                        let id = a.id.clone();
                        move |_| chosen.set(Some(id.clone()))
                    },
                    span { class: "option-title", "{a.title}" }
                }
            }
        }
    }
}
