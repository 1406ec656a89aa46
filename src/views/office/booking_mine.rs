//! «Мои записи»: the coming visits (documents, «Добавить в календарь», «Перенести»,
//! «Отменить»), the requests «Сообщить, если освободится раньше» with their status, and the past
//! and cancelled visits.

use dioxus::prelude::*;
use ofis_core::{Booking, MyBookings, Ofis, WaitlistRow};

use super::booking_slots::{CalendarLink, Documents};
use crate::components::{use_act, BackButton};
use crate::route::Route;

/// The «Мои записи» screen.
#[component]
pub fn MyBookingsScreen() -> Element {
    let ofis = use_context::<Ofis>();
    let nav = navigator();
    let mut mine = use_resource(move || {
        let ofis = ofis.clone();
        async move { ofis.my_bookings().await }
    });
    let shown = match &*mine.read() {
        None => rsx! { p { class: "hint", "Загружаем…" } },
        Some(Err(e)) => crate::components::load_error("bookings-error", "Мои записи", e),
        Some(Ok(m)) => rsx! { Lists { mine: m.clone(), on_change: move |_| mine.restart() } },
    };
    rsx! {
        header { class: "topbar",
            BackButton { to: Route::Subscriber {} }
            h1 { "Мои записи" }
        }
        section { id: "bookings", class: "booking",
            button { id: "new-booking", class: "option", onclick: move |_| { nav.push(Route::Booking { topic: String::new() }); },
                span { class: "option-title", "Записаться на приём" }
                span { class: "option-hint", "Предварительная запись" }
            }
            {shown}
        }
    }
}

/// The coming visits, the waitlist and the past visits.
#[component]
fn Lists(mine: MyBookings, on_change: EventHandler<()>) -> Element {
    rsx! {
        h2 { class: "section-title", "Предстоящие" }
        if mine.coming.is_empty() {
            p { id: "no-coming", class: "hint", "Предстоящих записей нет." }
        }
        ul { id: "coming-bookings", class: "children",
            for b in mine.coming.iter().cloned() {
                ComingCard { key: "{b.id}", booking: b, on_change }
            }
        }
        if !mine.waitlist.is_empty() {
            h2 { class: "section-title", "Сообщить, если освободится раньше" }
            ul { id: "waitlist", class: "children",
                for w in mine.waitlist.iter().cloned() {
                    WaitlistItem { key: "{w.id}", row: w }
                }
            }
        }
        if !mine.past.is_empty() {
            h2 { class: "section-title", "Прошедшие и отменённые" }
            ul { id: "past-bookings", class: "children",
                for b in mine.past.iter().cloned() {
                    li { key: "{b.id}", id: "booking-{b.id}", class: "booking-card past",
                        p { class: "booking-topic", "{b.topic}" }
                        p { "{b.when}" }
                        p { class: "meta", "{b.status}" }
                    }
                }
            }
        }
    }
}

/// A request for an earlier slot and where it stands.
#[component]
fn WaitlistItem(row: WaitlistRow) -> Element {
    let class = if row.freed.is_some() {
        "booking-card waitlist freed"
    } else {
        "booking-card waitlist"
    };
    rsx! {
        li { id: "waitlist-{row.id}", class,
            p { class: "booking-topic", "{row.topic}" }
            p { "{row.office}, {row.before}" }
            p { class: "booking-status", "{row.status}" }
        }
    }
}

/// A coming visit with what can be done about it.
#[component]
fn ComingCard(booking: Booking, on_change: EventHandler<()>) -> Element {
    let ofis = use_context::<Ofis>();
    let nav = navigator();
    let act = use_act();
    let mut confirming = use_signal(|| false);
    let b = booking;
    let id = b.id.clone();
    let cancel = move |_| {
        let (ofis, id) = (ofis.clone(), id.clone());
        act.run(async move {
            ofis.cancel_visit(&id)
                .await
                .map_err(crate::components::Failure::from)?;
            on_change.call(());
            Ok(())
        })
    };
    let move_to = Route::RescheduleBooking { id: b.id.clone() };
    rsx! {
        li { id: "booking-{b.id}", class: "booking-card",
            p { class: "booking-topic", "{b.topic}" }
            p { class: "booking-when", "{b.when}" }
            p { "{b.office}, {b.address}" }
            p { a { href: "tel:{b.phone}", class: "link inline-link", "Тел. {b.phone}" } }
            Documents { documents: b.documents.clone() }
            crate::components::ActError { act, id: "cancel-error", screen: "Мои записи" }
            div { class: "booking-actions",
                CalendarLink { booking_id: b.id.clone() }
                button { id: "move-{b.id}", class: "secondary", onclick: move |_| { nav.push(move_to.clone()); }, "Перенести" }
                if confirming() {
                    p { role: "status", "Отменить запись на {b.when}?" }
                    button { id: "cancel-yes-{b.id}", class: "danger", disabled: act.busy(), onclick: cancel, "Да, отменить" }
                    button { id: "cancel-no-{b.id}", class: "secondary", onclick: move |_| confirming.set(false), "Не отменять" }
                } else {
                    button { id: "cancel-{b.id}", class: "secondary", onclick: move |_| confirming.set(true), "Отменить" }
                }
            }
        }
    }
}
