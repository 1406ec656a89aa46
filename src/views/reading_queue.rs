//! The queue of readings sent without payment, as the person sees it: «в очереди»,
//! «отправлено», «отклонено: причина», newest first.

use std::collections::BTreeMap;

use dioxus::prelude::*;
use ofis_core::{QueueRow, QueueRowState};
use ofis_domain::readings::decimal_ru;

/// Every reading sent without payment and where it stands, newest first.
#[component]
pub fn ReadingQueue(queue: Vec<QueueRow>, titles: Signal<BTreeMap<String, String>>) -> Element {
    let entries = queue;
    if entries.is_empty() {
        return rsx! {};
    }
    let titles = titles();
    rsx! {
        h2 { class: "section-title", "Отправленные показания" }
        ul { id: "reading-queue", class: "plain-list",
            for entry in entries.iter().rev() {
                {
                    let meter = &entry.meter_id;
                    let title = titles.get(meter).cloned().unwrap_or_else(|| meter.clone());
                    let (class, chip, state) = match &entry.state {
                        QueueRowState::Queued => ("queued", "chip pending", "в очереди".to_string()),
                        QueueRowState::Sent { .. } => ("sent", "chip paid", "отправлено".to_string()),
                        QueueRowState::Refused { message } => ("refused", "chip declined", format!("отклонено: {message}")),
                    };
                    rsx! {
                        li {
                            key: "{entry.key}",
                            class: "queue-entry {class} entry-line",
                            "data-meter": "{meter}",
                            span { class: "entry-service", "{title}: {decimal_ru(entry.value)}" }
                            span { class: "{chip}", "{state}" }
                        }
                    }
                }
            }
        }
    }
}
