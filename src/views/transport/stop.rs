//! A stop's next arrivals: route, headsign, the predicted time and the scheduled one struck
//! beside it when they differ, «по расписанию», «рейс отменён»; the banner when the schedule is
//! shown instead of live times; «★» to keep the stop as a favourite; on a favourite stop,
//! «Напомнить» on a bus. Refreshed once a minute (due reminders go out then).

use std::time::Duration;

use crate::components::Failure;
use dioxus::prelude::*;
use ofis_core::{ArrivalRow, Ofis, StopBoard, REMINDER_MINUTES};

use crate::components::{use_act, Act, BackButton};
use crate::route::Route;

/// How often the arrivals are asked again while the screen is open.
const REFRESH: Duration = Duration::from_secs(60);

/// The stop screen.
#[component]
pub fn StopScreen(id: String) -> Element {
    let ofis = use_context::<Ofis>();
    let stop_id = id.clone();
    let mut board = use_resource(move || {
        let (ofis, id) = (ofis.clone(), stop_id.clone());
        async move { ofis.stop_arrivals(&id).await }
    });
    use_future(move || async move {
        loop {
            tokio::time::sleep(REFRESH).await;
            board.restart();
        }
    });
    let act = use_act();
    let (title, favourite, shown) = match &*board.read() {
        None => (
            String::from("Остановка"),
            None,
            rsx! { p { class: "hint", "Загружаем…" } },
        ),
        Some(Err(e)) => (
            String::from("Остановка"),
            None,
            rsx! { {crate::components::load_error("stop-error", "Остановка", e)} },
        ),
        Some(Ok(b)) => (
            b.stop.name.clone(),
            Some(b.stop.favourite),
            rsx! { Board { board: b.clone(), act, on_change: move |_| board.restart() } },
        ),
    };
    rsx! {
        header { class: "topbar",
            BackButton { to: Route::TransportNetwork {} }
            h1 { "{title}" }
            if let Some(on) = favourite {
                FavouriteStar { id: id.clone(), on, act, on_change: move |_| board.restart() }
            }
        }
        section { class: "schools", {shown} }
    }
}

/// «★»: keeps the stop as a favourite, or no longer.
#[component]
fn FavouriteStar(id: String, on: bool, act: Act, on_change: EventHandler<()>) -> Element {
    let ofis = use_context::<Ofis>();
    let label = if on {
        "Убрать остановку из избранного"
    } else {
        "Добавить остановку в избранное"
    };
    let toggle = move |_| {
        let (ofis, id) = (ofis.clone(), id.clone());
        act.run(async move {
            ofis.set_favourite_stop(&id, !on)
                .await
                .map_err(Failure::from)?;
            on_change.call(());
            Ok(())
        })
    };
    rsx! {
        button { id: "stop-favourite", aria_label: label, aria_pressed: "{on}", disabled: act.busy(), onclick: toggle,
            if on { "★" } else { "☆" }
        }
    }
}

/// The banner and the arrivals.
#[component]
fn Board(board: StopBoard, act: Act, on_change: EventHandler<()>) -> Element {
    let favourite = board.stop.favourite;
    rsx! {
        if let Some(banner) = &board.banner {
            p { id: "arrivals-banner", class: "notice", role: "status", "{banner}" }
        }
        crate::components::ActError { act, id: "stop-act-error", screen: "Остановка" }
        if board.arrivals.is_empty() {
            p { id: "no-arrivals", class: "hint", "В ближайшие сутки рейсов нет." }
        } else {
            ul { id: "arrivals", class: "children", aria_label: "Ближайшие рейсы",
                for a in board.arrivals.clone() {
                    ArrivalItem { key: "{a.trip_id}-{a.service_day}", stop: board.stop.id.clone(), arrival: a, favourite, act, on_change }
                }
            }
        }
    }
}

/// One bus: «5 → Старый город», «10:29 10:22 опаздывает на 7 мин», «Напомнить».
#[component]
fn ArrivalItem(
    stop: String,
    arrival: ArrivalRow,
    favourite: bool,
    act: Act,
    on_change: EventHandler<()>,
) -> Element {
    let ofis = use_context::<Ofis>();
    let a = arrival.clone();
    let remind = move |_| {
        let (ofis, stop, a) = (ofis.clone(), stop.clone(), a.clone());
        let minutes = a.reminder.is_none().then_some(REMINDER_MINUTES);
        act.run(async move {
            ofis.remind_before(&stop, &a.trip_id, a.service_day, minutes)
                .await
                .map_err(Failure::from)?;
            on_change.call(());
            Ok(())
        })
    };
    let class = if arrival.cancelled {
        "arrival cancelled"
    } else {
        "arrival"
    };
    let remind_label = match arrival.reminder {
        Some(m) => format!("Напомню за {m} мин"),
        None => "Напомнить".to_string(),
    };
    rsx! {
        li { id: "arrival-{arrival.trip_id}", class,
            div { class: "arrival-head",
                span { class: "route-number", "{arrival.route}" }
                span { class: "arrival-headsign", "→ {arrival.headsign}" }
            }
            div { class: "arrival-times",
                strong { class: "arrival-time", "{arrival.predicted}" }
                if let Some(was) = &arrival.scheduled {
                    s { class: "arrival-scheduled", aria_label: "по расписанию {was}", "{was}" }
                }
                span { class: "meta", "{arrival.status}" }
            }
            if favourite && !arrival.cancelled {
                button { id: "remind-{arrival.trip_id}", class: "secondary remind", aria_pressed: "{arrival.reminder.is_some()}", disabled: act.busy(), onclick: remind, "{remind_label}" }
            }
        }
    }
}
