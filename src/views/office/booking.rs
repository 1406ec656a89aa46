//! «Предварительная запись»: an office, a topic (its documents to bring), a day, a free slot,
//! «Записаться»; a slot taken meanwhile offers the next free ones; once booked: the documents,
//! «Добавить в календарь» and «Сообщить, если освободится раньше». The entry on «Абоненту» and
//! the reminders' check on start and every minute live here too.

use dioxus::prelude::*;
use ofis_core::{Booking, BookingAnswer, BookingForm, FreeSlot, Ofis};

use super::booking_slots::{CalendarLink, Documents, SlotPicker, TakenOffer};
use crate::components::{use_act, BackButton};
use crate::route::Route;

/// The reminder the day before a visit: checked on start (the bookings read from the server
/// first) and then once a minute from what the device keeps.
pub fn use_booking_reminders() {
    /// How often a waiting waitlist entry is looked up.
    const WAITLIST_EVERY_MINUTES: u64 = 5;
    let ofis = use_context::<Ofis>();
    use_future(move || {
        let ofis = ofis.clone();
        async move {
            if let Err(e) = ofis.booking_reminders_on_start().await {
                tracing::debug!(error = %e, "booking reminders not checked on start");
            }
            for minute in 1u64.. {
                tokio::time::sleep(std::time::Duration::from_secs(60)).await;
                if let Err(e) = ofis.check_booking_reminders().await {
                    tracing::debug!(error = %e, "booking reminders not checked");
                }
                // The server is asked only while a waitlist entry waits, every few minutes.
                if minute % WAITLIST_EVERY_MINUTES == 0 {
                    if let Err(e) = ofis.check_waitlist().await {
                        tracing::debug!(error = %e, "waitlist not checked");
                    }
                }
            }
        }
    });
}

/// «Предварительная запись» on «Абоненту».
#[component]
pub fn BookingEntry() -> Element {
    let nav = navigator();
    rsx! {
        button {
            id: "open-booking",
            class: "option",
            onclick: move |_| { nav.push(Route::Booking { topic: String::new() }); },
            span { class: "option-title", "Предварительная запись" }
            span { class: "option-hint", "Запись на приём в абонентский отдел, «Мои записи»" }
        }
    }
}

/// The booking screen; `topic` is preselected when given.
#[component]
pub fn BookingScreen(topic: String) -> Element {
    let ofis = use_context::<Ofis>();
    let nav = navigator();
    let form = use_resource(move || {
        let ofis = ofis.clone();
        async move { ofis.booking_form().await }
    });
    let booked = use_signal(|| None::<Booking>);
    let shown = match &*form.read() {
        None => rsx! { p { class: "hint", "Загружаем…" } },
        Some(Err(e)) => crate::components::load_error("booking-error", "Предварительная запись", e),
        Some(Ok(f)) => match booked() {
            Some(b) => rsx! { Booked { booking: b } },
            None => rsx! { BookingSteps { form: f.clone(), topic: topic.clone(), booked } },
        },
    };
    rsx! {
        header { class: "topbar",
            BackButton { to: Route::Subscriber {} }
            h1 { "Предварительная запись" }
        }
        section { id: "booking", class: "booking",
            button { id: "open-bookings", class: "option", onclick: move |_| { nav.push(Route::Bookings {}); },
                span { class: "option-title", "Мои записи" }
                span { class: "option-hint", "Отменить или перенести запись" }
            }
            {shown}
        }
    }
}

/// Office, topic, day and slot, then «Записаться».
#[component]
fn BookingSteps(form: BookingForm, topic: String, booked: Signal<Option<Booking>>) -> Element {
    let ofis = use_context::<Ofis>();
    let mut booked = booked;
    let preset = form
        .topics
        .iter()
        .any(|t| t.id == topic)
        .then(|| topic.clone());
    let mut office = use_signal(|| None::<String>);
    let mut topic_id = use_signal(move || preset);
    let mut chosen = use_signal(|| None::<FreeSlot>);
    let mut reload = use_signal(|| 0u32);
    let mut taken = use_signal(|| None::<(String, Vec<FreeSlot>)>);
    let act = use_act();
    let book = use_callback(move |slot: FreeSlot| {
        let (ofis, o, t) = (ofis.clone(), office(), topic_id());
        let (Some(o), Some(t)) = (o, t) else { return };
        act.run(async move {
            match ofis
                .book_visit(&o, &t, slot.starts_at)
                .await
                .map_err(crate::components::Failure::from)?
            {
                BookingAnswer::Booked(b) => booked.set(Some(b)),
                BookingAnswer::SlotTaken { message, next_free } => {
                    taken.set(Some((message, next_free)));
                    chosen.set(None);
                    *reload.write() += 1;
                }
            }
            Ok(())
        })
    });
    let topic_docs = form
        .topics
        .iter()
        .find(|t| Some(&t.id) == topic_id().as_ref())
        .cloned();
    rsx! {
        h2 { class: "section-title", id: "booking-offices-title", "Абонентский отдел" }
        div { role: "radiogroup", aria_labelledby: "booking-offices-title",
            for o in form.offices.iter().cloned() {
                button { key: "{o.id}", id: "office-{o.id}", class: "option", role: "radio", aria_checked: "{office().as_deref() == Some(o.id.as_str())}",
                    onclick: { let id = o.id.clone(); move |_| { office.set(Some(id.clone())); taken.set(None); } },
                    span { class: "option-title", "{o.address}" }
                    span { class: "option-hint", "{office_hint(&o)}" }
                }
            }
        }
        h2 { class: "section-title", id: "booking-topics-title", "Вопрос" }
        div { role: "radiogroup", aria_labelledby: "booking-topics-title",
            for t in form.topics.iter().cloned() {
                button { key: "{t.id}", id: "topic-{t.id}", class: "option", role: "radio", aria_checked: "{topic_id().as_deref() == Some(t.id.as_str())}",
                    onclick: { let id = t.id.clone(); move |_| topic_id.set(Some(id.clone())) },
                    span { class: "option-title", "{t.name}" }
                }
            }
        }
        if let Some(t) = topic_docs {
            Documents { documents: t.documents.clone() }
        }
        if let Some(o) = office() {
            SlotPicker { key: "{o}", office_id: o.clone(), chosen, reload }
        } else {
            p { id: "booking-choose-office", class: "hint", "Выберите отдел, чтобы увидеть свободное время." }
        }
        if let Some((message, next_free)) = taken() {
            TakenOffer { message, next_free, busy: act.busy(), verb: "Записаться на", on_pick: book }
        }
        crate::components::ActError { act, id: "booking-act-error", screen: "Предварительная запись" }
        ConfirmBooking { slot: chosen(), topic_chosen: topic_id().is_some(), busy: act.busy(), on_book: book }
    }
}

/// «Пн–Чт 08:00–17:00, Пт 08:00–16:00; Обед 12:00–13:00. Тел. …».
fn office_hint(o: &ofis_core::BookingOffice) -> String {
    format!("{}; {}. Тел. {}", o.hours.join(", "), o.lunch, o.phone)
}

/// «Записаться на …» once a slot and a topic are chosen, or what is still missing.
#[component]
fn ConfirmBooking(
    slot: Option<FreeSlot>,
    topic_chosen: bool,
    busy: bool,
    on_book: EventHandler<FreeSlot>,
) -> Element {
    match (slot, topic_chosen) {
        (None, _) => rsx! {},
        (Some(_), false) => rsx! {
            p { id: "booking-choose-topic", class: "warning", role: "status", "Выберите вверху, по какому вопросу вы придёте." }
        },
        (Some(s), true) => rsx! {
            div { class: "booking-confirm",
                button { id: "book", class: "primary", disabled: busy, onclick: { let s = s.clone(); move |_| on_book.call(s.clone()) },
                    "Записаться на {s.label}"
                }
            }
        },
    }
}

/// «Вы записаны»: when and where, the documents, the calendar file, the waitlist.
#[component]
fn Booked(booking: Booking) -> Element {
    let nav = navigator();
    let b = booking;
    rsx! {
        div { id: "booking-done", class: "booking-card", role: "status",
            h2 { "Вы записаны" }
            p { id: "booking-when", class: "booking-when", "{b.when}" }
            p { "{b.office}, {b.address}" }
            p { "{b.topic}" }
            Documents { documents: b.documents.clone() }
            div { class: "booking-actions",
                CalendarLink { booking_id: b.id.clone() }
                WaitlistButton { office_id: b.office_id.clone(), topic_id: b.topic_id.clone(), before: b.starts_at }
            }
        }
        button { id: "done-bookings", class: "link", onclick: move |_| { nav.push(Route::Bookings {}); }, "Мои записи" }
    }
}

/// «Сообщить, если освободится раньше», then where the request stands.
#[component]
fn WaitlistButton(office_id: String, topic_id: String, before: chrono::NaiveDateTime) -> Element {
    let ofis = use_context::<Ofis>();
    let act = use_act();
    let mut status = use_signal(|| None::<String>);
    let join = move |_| {
        let (ofis, o, t) = (ofis.clone(), office_id.clone(), topic_id.clone());
        act.run(async move {
            let row = ofis
                .wait_for_earlier(&o, &t, before)
                .await
                .map_err(crate::components::Failure::from)?;
            status.set(Some(row.status));
            Ok(())
        })
    };
    rsx! {
        match status() {
            Some(s) => rsx! { p { id: "waitlist-status", class: "notice", role: "status", "Сообщим, если освободится раньше. {s}." } },
            None => rsx! {
                button { id: "join-waitlist", class: "secondary", disabled: act.busy(), onclick: join, "Сообщить, если освободится раньше" }
            },
        }
        crate::components::ActError { act, id: "waitlist-error", screen: "Предварительная запись" }
    }
}
