//! A route's stops in order; a tap on a stop opens its arrivals.

use dioxus::prelude::*;
use ofis_core::Ofis;

use super::network::StopButton;
use crate::components::BackButton;
use crate::route::Route;

/// The route screen.
#[component]
pub fn RouteScreen(id: String) -> Element {
    let ofis = use_context::<Ofis>();
    let line = use_resource(move || {
        let (ofis, id) = (ofis.clone(), id.clone());
        async move { ofis.route_line(&id).await }
    });
    let (title, shown) = match &*line.read() {
        None => (
            "Маршрут".to_string(),
            rsx! { p { class: "hint", "Загружаем…" } },
        ),
        Some(Err(e)) => (
            "Маршрут".to_string(),
            rsx! { {crate::components::load_error("route-error", "Маршрут", e)} },
        ),
        Some(Ok(line)) => (
            format!("Маршрут {}", line.number),
            rsx! {
                p { class: "hint", "{line.name}" }
                ol { id: "route-stops", class: "children",
                    for stop in line.stops.clone() {
                        li { key: "{stop.id}",
                            StopButton { stop, id_prefix: "stop", hint: String::new() }
                        }
                    }
                }
            },
        ),
    };
    rsx! {
        header { class: "topbar",
            BackButton { to: Route::TransportNetwork {} }
            h1 { "{title}" }
        }
        section { class: "schools", {shown} }
    }
}
