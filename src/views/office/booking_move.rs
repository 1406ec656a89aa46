//! «Перенести»: another free slot of the same office for a coming visit; a slot taken meanwhile
//! offers the next free ones.

use dioxus::prelude::*;
use ofis_core::{Booking, BookingAnswer, FreeSlot, Ofis};

use super::booking_slots::{SlotPicker, TakenOffer};
use crate::components::{use_act, BackButton};
use crate::route::Route;

/// The reschedule screen of booking `id`.
#[component]
pub fn RescheduleScreen(id: String) -> Element {
    let ofis = use_context::<Ofis>();
    let booking_id = id.clone();
    let current = use_resource(move || {
        let (ofis, id) = (ofis.clone(), booking_id.clone());
        async move { ofis.my_booking(&id).await }
    });
    let shown = match &*current.read() {
        None => rsx! { p { class: "hint", "Загружаем…" } },
        Some(Err(e)) => crate::components::load_error("move-error", "Перенести запись", e),
        Some(Ok(b)) if !b.coming => {
            let status = b.status.to_lowercase();
            rsx! { p { id: "move-not-coming", class: "hint", "Запись {status}: перенести её нельзя." } }
        }
        Some(Ok(b)) => rsx! { Move { booking: b.clone() } },
    };
    rsx! {
        header { class: "topbar",
            BackButton { to: Route::Bookings {} }
            h1 { "Перенести запись" }
        }
        section { id: "reschedule", class: "booking", {shown} }
    }
}

/// The current time, the picker, «Перенести на …».
#[component]
fn Move(booking: Booking) -> Element {
    let ofis = use_context::<Ofis>();
    let nav = navigator();
    let mut chosen = use_signal(|| None::<FreeSlot>);
    let mut reload = use_signal(|| 0u32);
    let mut taken = use_signal(|| None::<(String, Vec<FreeSlot>)>);
    let mut moved = use_signal(|| None::<Booking>);
    let act = use_act();
    let id = booking.id.clone();
    let go = use_callback(move |slot: FreeSlot| {
        let (ofis, id) = (ofis.clone(), id.clone());
        act.run(async move {
            match ofis
                .reschedule_visit(&id, slot.starts_at)
                .await
                .map_err(crate::components::Failure::from)?
            {
                BookingAnswer::Booked(b) => moved.set(Some(b)),
                BookingAnswer::SlotTaken { message, next_free } => {
                    taken.set(Some((message, next_free)));
                    chosen.set(None);
                    *reload.write() += 1;
                }
            }
            Ok(())
        })
    });
    if let Some(b) = moved() {
        return rsx! {
            p { id: "move-done", class: "notice", role: "status", "Запись перенесена на {b.when}." }
            button { id: "moved-bookings", class: "link", onclick: move |_| { nav.replace(Route::Bookings {}); }, "Мои записи" }
        };
    }
    rsx! {
        p { id: "move-current", "{booking.topic}: сейчас {booking.when}, {booking.office}, {booking.address}." }
        SlotPicker { office_id: booking.office_id.clone(), chosen, reload }
        if let Some((message, next_free)) = taken() {
            TakenOffer { message, next_free, busy: act.busy(), verb: "Перенести на", on_pick: go }
        }
        crate::components::ActError { act, id: "move-act-error", screen: "Перенести запись" }
        if let Some(s) = chosen() {
            div { class: "booking-confirm",
                button { id: "move-confirm", class: "primary", disabled: act.busy(), onclick: move |_| go.call(s.clone()), "Перенести на {s.label}" }
            }
        }
    }
}
