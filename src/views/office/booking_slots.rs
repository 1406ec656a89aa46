//! The parts «Предварительная запись» and «Перенести» share: an office's days and free slots to
//! pick from, the answer to a slot taken meanwhile (the next free slots as buttons), and
//! «Добавить в календарь» (the server's `.ics` as a `data:` link to download).

use base64::Engine;
use dioxus::prelude::*;
use ofis_core::{FreeSlot, Ofis, SlotDay};

use crate::messages::core_error;

/// The element id of a slot's button: `slot-202612030900`.
pub(super) fn slot_id(slot: &FreeSlot) -> String {
    format!("slot-{}", slot.starts_at.format("%Y%m%d%H%M"))
}

/// An office's next two weeks: a day, then one of its free slots, into `chosen`. Asked again
/// whenever `reload` changes.
#[component]
pub(super) fn SlotPicker(
    office_id: String,
    chosen: Signal<Option<FreeSlot>>,
    reload: Signal<u32>,
) -> Element {
    let ofis = use_context::<Ofis>();
    let mut chosen = chosen;
    let days = use_resource(move || {
        let (ofis, id) = (ofis.clone(), office_id.clone());
        let _ = reload();
        async move { ofis.booking_days(&id).await }
    });
    let mut day = use_signal(|| None::<chrono::NaiveDate>);
    let shown = match &*days.read() {
        None => return rsx! { p { class: "hint", "Загружаем свободное время…" } },
        Some(Err(e)) => {
            return crate::components::load_error("booking-days-error", "Предварительная запись", e)
        }
        Some(Ok(d)) => d.clone(),
    };
    let open = day().and_then(|d| {
        shown
            .iter()
            .find(|s| s.day == d && s.unavailable.is_none())
            .cloned()
    });
    rsx! {
        h2 { class: "section-title", id: "booking-days-title", "День" }
        ul { id: "booking-days", class: "booking-grid", aria_labelledby: "booking-days-title",
            for d in shown.iter().cloned() {
                DayCell { key: "{d.day}", d: d.clone(), pressed: day() == Some(d.day), on_pick: move |picked| { day.set(Some(picked)); chosen.set(None); } }
            }
        }
        if let Some(d) = open {
            h2 { class: "section-title", id: "booking-slots-title", "Время, {d.label}" }
            ul { id: "booking-slots", class: "booking-grid", aria_labelledby: "booking-slots-title",
                for s in d.slots.iter().cloned() {
                    li { key: "{slot_id(&s)}",
                        button {
                            id: "{slot_id(&s)}",
                            class: "secondary booking-slot",
                            aria_pressed: "{chosen().as_ref() == Some(&s)}",
                            aria_label: "{s.time}, свободно мест: {s.places}",
                            onclick: { let s = s.clone(); move |_| chosen.set(Some(s.clone())) },
                            "{s.time}"
                        }
                    }
                }
            }
        }
    }
}

/// A day: a button when it has free slots, else its label and why not.
#[component]
fn DayCell(d: SlotDay, pressed: bool, on_pick: EventHandler<chrono::NaiveDate>) -> Element {
    match &d.unavailable {
        Some(why) => rsx! {
            li { class: "booking-day-off", "{d.label}: {why}" }
        },
        None => rsx! {
            li {
                button {
                    id: "day-{d.day}",
                    class: "secondary booking-day",
                    aria_pressed: "{pressed}",
                    onclick: move |_| on_pick.call(d.day),
                    "{d.label}"
                }
            }
        },
    }
}

/// A slot taken meanwhile: the server's words and the next free slots, each a button.
#[component]
pub(super) fn TakenOffer(
    message: String,
    next_free: Vec<FreeSlot>,
    busy: bool,
    verb: &'static str,
    on_pick: EventHandler<FreeSlot>,
) -> Element {
    rsx! {
        div { id: "slot-taken", class: "booking-taken", role: "alert",
            p { class: "booking-taken-message", "{message}" }
            if next_free.is_empty() {
                p { "Свободного времени рядом нет: выберите другой день." }
            } else {
                p { "Ближайшее свободное время:" }
                ul { class: "booking-actions",
                    for (n, s) in next_free.into_iter().enumerate() {
                        li { key: "{n}",
                            button { id: "next-free-{n}", class: "secondary", disabled: busy, onclick: { let s = s.clone(); move |_| on_pick.call(s.clone()) },
                                "{verb} {s.label}"
                            }
                        }
                    }
                }
            }
        }
    }
}

/// «Добавить в календарь»: the booking's `.ics` from the server, downloaded as `zapis.ics`.
#[component]
pub(super) fn CalendarLink(booking_id: String) -> Element {
    let ofis = use_context::<Ofis>();
    let id = booking_id.clone();
    let ics = use_resource(move || {
        let (ofis, id) = (ofis.clone(), id.clone());
        async move { ofis.booking_ics(&id).await }
    });
    let link = match &*ics.read() {
        None => rsx! { p { class: "hint", "Готовим файл для календаря…" } },
        Some(Err(e)) => {
            rsx! { p { class: "error", "Файл для календаря не получен. {core_error(e)}" } }
        }
        Some(Ok(text)) => {
            let b64 = base64::engine::general_purpose::STANDARD.encode(text.as_bytes());
            rsx! {
                a {
                    id: "ics-{booking_id}",
                    class: "secondary calendar-link",
                    download: "zapis.ics",
                    href: "data:text/calendar;charset=utf-8;base64,{b64}",
                    "Добавить в календарь"
                }
            }
        }
    };
    link
}

/// «Возьмите с собой»: the documents of a topic.
#[component]
pub(super) fn Documents(documents: Vec<String>) -> Element {
    rsx! {
        h3 { class: "booking-documents-title", "Возьмите с собой" }
        ul { class: "booking-documents",
            for (n, d) in documents.into_iter().enumerate() {
                li { key: "{n}", "{d}" }
            }
        }
    }
}
