//! «Остановки и маршруты»: a route (by number or name) or a stop (by name), searched as typed.

use dioxus::prelude::*;
use ofis_core::{NetworkHit, Ofis, StopRow};

use crate::components::{use_live_search, BackButton, LiveSearch, SearchInput};
use crate::route::Route;

/// The search screen.
#[component]
pub fn NetworkScreen() -> Element {
    let ofis = use_context::<Ofis>();
    let search = use_live_search::<NetworkHit>();
    let LiveSearch {
        query,
        results,
        error,
        ..
    } = search;
    let on_input = move |e: FormEvent| {
        let ofis = ofis.clone();
        let text = search.typed(&e);
        async move { search.answer(&text, ofis.find_in_network(&text).await) }
    };
    let typed = !query().trim().is_empty();
    let found = results();
    rsx! {
        header { class: "topbar",
            BackButton { to: Route::Transport {} }
            h1 { "Остановки и маршруты" }
        }
        section { class: "schools",
            SearchInput { id: "network-query", label: "Маршрут или остановка", placeholder: "Например: 5 или Драмтеатр", query, oninput: on_input }
            if let Some(failure) = error() {
                {crate::components::failure_note("network-error", "Остановки и маршруты", failure)}
            }
            if typed && found.is_empty() && error().is_none() {
                p { id: "network-not-found", class: "hint", "Ничего не нашлось. Проверьте номер маршрута или название остановки." }
            }
            if !found.is_empty() {
                ul { id: "network-results", class: "children",
                    for hit in found {
                        HitRow { key: "{hit_key(&hit)}", hit: hit.clone() }
                    }
                }
            }
        }
    }
}

fn hit_key(hit: &NetworkHit) -> String {
    match hit {
        NetworkHit::Route { id, .. } => format!("route-{id}"),
        NetworkHit::Stop(s) => format!("stop-{}", s.id),
    }
}

/// A route or a stop: a tap opens it.
#[component]
fn HitRow(hit: NetworkHit) -> Element {
    let nav = navigator();
    let key = hit_key(&hit);
    let (to, title, hint) = match hit {
        NetworkHit::Route { id, number, name } => (
            Route::TransportLine { id },
            format!("Маршрут {number}"),
            name,
        ),
        NetworkHit::Stop(s) => {
            let hint = if s.favourite {
                "Остановка · в избранном"
            } else {
                "Остановка"
            };
            (Route::TransportStop { id: s.id }, s.name, hint.to_string())
        }
    };
    rsx! {
        li {
            button { id: "{key}", class: "option", onclick: move |_| { nav.push(to.clone()); },
                span { class: "option-title", "{title}" }
                span { class: "option-hint", "{hint}" }
            }
        }
    }
}

/// A stop in a list (a route's stops, the favourites): a tap opens its arrivals.
#[component]
pub(super) fn StopButton(stop: StopRow, id_prefix: &'static str, hint: String) -> Element {
    let nav = navigator();
    let to = Route::TransportStop {
        id: stop.id.clone(),
    };
    rsx! {
        button { id: "{id_prefix}-{stop.id}", class: "option", onclick: move |_| { nav.push(to.clone()); },
            span { class: "option-title",
                if stop.favourite { span { aria_hidden: "true", "★ " } }
                "{stop.name}"
            }
            if !hint.is_empty() {
                span { class: "option-hint", "{hint}" }
            }
        }
    }
}
