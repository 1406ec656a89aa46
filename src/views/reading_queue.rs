//! The queue of readings sent without payment, as the person sees it: «в очереди»,
//! «отправлено», «отклонено: причина», newest first; and what the app does with it at start.

use std::collections::BTreeMap;

use dioxus::prelude::*;
use ofis_core::{Ofis, QueueEntry, QueueState};
use ofis_domain::readings::decimal_ru;

use crate::state::Ui;

/// At the start of the app: sends what waits in the reading queue and, when the recommended
/// window is open, puts the reminder into the notifications (once a month).
pub async fn readings_startup(ofis: &Ofis, ui: Ui) {
    if let Err(e) = ofis.flush_reading_queue().await {
        tracing::warn!(error = %e, "reading queue not sent");
    }
    if let Ok(Some(_)) = ofis.remind_readings().await {
        ui.show(ofis.snapshot());
    }
}

/// Every reading sent without payment and where it stands, newest first.
#[component]
pub fn ReadingQueue(
    queue: Signal<Vec<QueueEntry>>,
    titles: Signal<BTreeMap<String, String>>,
) -> Element {
    let entries = queue();
    if entries.is_empty() {
        return rsx! {};
    }
    let titles = titles();
    rsx! {
        h2 { style: "font-size: 15px; margin: 16px 0 4px;", "Отправленные показания" }
        ul { id: "reading-queue", style: "list-style: none; margin: 0; padding: 0;",
            for entry in entries.iter().rev() {
                {
                    let meter = &entry.reading.meter_id.0;
                    let title = titles.get(meter).cloned().unwrap_or_else(|| meter.clone());
                    let (class, chip, state) = match &entry.state {
                        QueueState::Queued => ("queued", "chip pending", "в очереди".to_string()),
                        QueueState::Sent { .. } => ("sent", "chip paid", "отправлено".to_string()),
                        QueueState::Refused { message } => ("refused", "chip declined", format!("отклонено: {message}")),
                    };
                    rsx! {
                        li {
                            key: "{entry.reading.idempotency_key}",
                            class: "queue-entry {class} entry-line",
                            "data-meter": "{meter}",
                            span { class: "entry-service", "{title}: {decimal_ru(entry.reading.value)}" }
                            span { class: "{chip}", "{state}" }
                        }
                    }
                }
            }
        }
    }
}
