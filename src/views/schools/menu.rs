//! «Меню»: the dishes of a day with prices, and the allergens and energy value where the school
//! gives them; today and the coming school week, one tap each (the day is in the address).

use dioxus::prelude::*;
use ofis_core::{parse_day, MenuDish, Ofis};

use crate::components::BackButton;
use crate::route::Route;

/// The menu screen of `child` on `day` (empty: today).
#[component]
pub fn MenuScreen(child: String, day: String) -> Element {
    let ofis = use_context::<Ofis>();
    let nav = navigator();
    let days = ofis.menu_days();
    let chosen = if day.is_empty() {
        ofis.today().to_string()
    } else {
        day.clone()
    };
    rsx! {
        header { class: "topbar",
            BackButton { to: Route::Child { child: child.clone() } }
            h1 { "Меню" }
        }
        nav { id: "menu-days", class: "day-chips", aria_label: "День меню",
            for d in days {
                button {
                    key: "{d.day}",
                    class: "chip day-chip",
                    "aria-pressed": "{d.day.to_string() == chosen}",
                    onclick: {
                        let (child, day) = (child.clone(), d.day.to_string());
                        move |_| { nav.replace(Route::Menu { child: child.clone(), day: day.clone() }); }
                    },
                    "{d.label}"
                }
            }
        }
        section { class: "menu",
            DayMenuView { child, day: chosen.clone() }
        }
    }
}

/// The day's dishes by meal.
#[component]
fn DayMenuView(child: String, day: ReadSignal<String>) -> Element {
    let ofis = use_context::<Ofis>();
    // Reading the day subscribes: another day in the address loads again.
    let menu = use_resource(move || {
        let (ofis, child, day) = (ofis.clone(), child.clone(), day());
        async move { ofis.day_menu(&child, parse_day(&day)?).await }
    });
    let shown = match &*menu.read() {
        None => rsx! { p { class: "hint", "Загружаем…" } },
        Some(Err(e)) => {
            rsx! { {crate::components::load_error("menu-error", "Меню", e)} }
        }
        Some(Ok(m)) => rsx! {
            h2 { id: "menu-title", "{m.title}" }
            if m.sections.is_empty() {
                p { id: "menu-empty", class: "hint", "В этот день питания нет." }
            }
            for section in m.sections.iter() {
                h3 { key: "{section.title}", class: "menu-meal", "{section.title}" }
                ul { class: "menu-dishes",
                    for dish in section.dishes.iter() {
                        Dish { key: "{dish.name}", dish: dish.clone() }
                    }
                }
            }
        },
    };
    shown
}

/// One dish: name and price, allergens and kcal where given, and whether the stop-list blocks it.
#[component]
fn Dish(dish: MenuDish) -> Element {
    rsx! {
        li { class: if dish.blocked { "dish blocked" } else { "dish" },
            div { class: "meal-row-head",
                span { class: "dish-name", "{dish.name}" }
                span { class: "amount", "{dish.price.display_rub()}" }
            }
            if let Some(kcal) = &dish.kcal { span { class: "meta", "{kcal}" } }
            if let Some(allergens) = &dish.allergens { div { class: "meta allergens", "{allergens}" } }
            if dish.blocked { div { class: "meta", "В стоп-листе: в столовой не продадут" } }
        }
    }
}
