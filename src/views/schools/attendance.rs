//! «Посещаемость»: the lessons of the child's paid services that took place in a period (the
//! last week by default; «часы» picks another), each marked был / не был / болел.

use dioxus::prelude::*;
use ofis_core::{last_week, parse_period, Attended, Ofis};

use crate::components::{BackButton, PeriodButton, PeriodPicker};
use crate::route::Route;

/// The attendance screen of `child` for `from`..=`to` (both empty: the last week).
#[component]
pub fn AttendanceScreen(child: String, from: String, to: String) -> Element {
    let picking = use_signal(|| false);
    let screen = Route::Attendance {
        child: child.clone(),
        from: String::new(),
        to: String::new(),
    };
    rsx! {
        header { class: "topbar",
            BackButton { to: Route::Child { child: child.clone() } }
            h1 { "Посещаемость" }
            PeriodButton { open: picking }
        }
        if picking() {
            PeriodPicker { screen, from: from.clone(), to: to.clone(), open: picking }
        }
        section { class: "school-attendance", AttendanceRows { child, from, to } }
    }
}

/// The lessons of the period, oldest first.
#[component]
fn AttendanceRows(child: String, from: String, to: String) -> Element {
    let ofis = use_context::<Ofis>();
    // Reading the period's props subscribes: a new period in the address loads again.
    let days = use_resource(use_reactive!(|(child, from, to)| {
        let ofis = ofis.clone();
        async move {
            let (from, to) = parse_period(&from, &to)?.unwrap_or_else(|| last_week(ofis.today()));
            let days = ofis.attendance(&child, from, to).await?;
            Ok::<_, ofis_core::CoreError>((
                format!("{} — {}", from.format("%d.%m.%Y"), to.format("%d.%m.%Y")),
                days,
            ))
        }
    }));
    let shown = match &*days.read() {
        None => rsx! { p { class: "hint", "Загружаем…" } },
        Some(Err(e)) => {
            rsx! { {crate::components::load_error("attendance-error", "Посещаемость", e)} }
        }
        Some(Ok((period, list))) => rsx! {
            p { id: "attendance-period", class: "meta", "{period}" }
            if list.is_empty() {
                p { id: "attendance-empty", class: "hint", "За этот период занятий не было." }
            }
            ul { id: "attendance", class: "attendance",
                for (i, d) in list.iter().enumerate() {
                    li { key: "{i}", class: "attendance-row {mark_class(d.mark)}",
                        span { class: "entry-date", "{d.day.format(\"%d.%m\")}" }
                        span { class: "service", "{d.service_name}" }
                        span { class: "chip", "{d.mark.label_ru()}" }
                    }
                }
            }
        },
    };
    shown
}

fn mark_class(mark: Attended) -> &'static str {
    match mark {
        Attended::Present => "present",
        Attended::Absent => "absent",
        Attended::Sick => "sick",
    }
}
