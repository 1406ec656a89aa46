//! «Посещаемость»: the lessons of the child's paid services that took place in a period (the
//! last week by default; «часы» picks another), each marked был / не был / болел.

use dioxus::prelude::*;
use ofis_core::{last_week, Attended, Ofis};

use crate::components::{use_period, BackButton, PeriodButton, PeriodFields};
use crate::messages::core_error;
use crate::route::Route;

/// The attendance screen of a child.
#[component]
pub fn AttendanceScreen(child: String) -> Element {
    let ofis = use_context::<Ofis>();
    let period = use_period(|| last_week(ofis.today()));
    let id = child.clone();
    let days = use_resource(move || {
        let (ofis, id) = (ofis.clone(), id.clone());
        let (from, to) = ((period.from)(), (period.to)());
        async move { ofis.attendance(&id, from, to).await }
    });
    let shown = match &*days.read() {
        None => rsx! { p { class: "hint", "Загружаем…" } },
        Some(Err(e)) => {
            rsx! { p { id: "attendance-error", class: "error", role: "alert", "{core_error(e)}" } }
        }
        Some(Ok(list)) if list.is_empty() => {
            rsx! { p { id: "attendance-empty", class: "hint", "За этот период занятий не было." } }
        }
        Some(Ok(list)) => rsx! {
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
    rsx! {
        header { class: "topbar",
            BackButton { to: Route::Child { child: child.clone() } }
            h1 { "Посещаемость" }
            PeriodButton { period }
        }
        section { class: "school-attendance",
            PeriodFields { period }
            {shown}
        }
    }
}

fn mark_class(mark: Attended) -> &'static str {
    match mark {
        Attended::Present => "present",
        Attended::Absent => "absent",
        Attended::Sick => "sick",
    }
}
