//! A child's card — name, school and class, photo, balance, today's limit — and what can be done
//! for them: «Школьное питание» and, where the school has them, «Платные образовательные услуги».

use dioxus::prelude::*;
use ofis_core::{ChildCard, Ofis};

use crate::components::BackButton;
use crate::route::Route;

/// The child's screen.
#[component]
pub fn ChildScreen(child: String) -> Element {
    let ofis = use_context::<Ofis>();
    let id = child.clone();
    let card = use_resource(move || {
        let (ofis, id) = (ofis.clone(), id.clone());
        async move { ofis.child(&id).await }
    });
    let shown = match &*card.read() {
        None => rsx! { p { class: "hint", "Загружаем…" } },
        Some(Err(e)) => {
            rsx! { {crate::components::load_error("child-error", "Карта ребёнка", e)} }
        }
        Some(Ok(card)) => rsx! {
            ChildSummary { card: card.clone() }
            ChildActions { card: card.clone() }
        },
    };
    rsx! {
        header { class: "topbar",
            BackButton { to: Route::Schools {} }
            h1 { "Школьное питание" }
        }
        section { class: "child-screen", {shown} }
    }
}

/// Who the child is and where the meal account stands.
#[component]
fn ChildSummary(card: ChildCard) -> Element {
    rsx! {
        div { id: "child-card", class: "child-card",
            div { class: "child-head",
                super::ChildPhotoImg { child: card.id.clone(), version: 0u32 }
                div {
                    div { class: "child-name", "{card.name}" }
                    div { class: "meta", "{card.school}, {card.class_name} · л/с {card.meal_account}" }
                }
            }
            div { class: "child-balance",
                span { "Баланс" }
                strong { id: "child-balance", class: "amount", "{card.balance.display_rub()}" }
            }
            if !card.processing.is_zero() {
                div { id: "child-processing", class: "meta", "В обработке: " span { class: "amount", "{card.processing.display_rub()}" } }
            }
            match (card.daily_limit, card.left_today) {
                (Some(limit), Some(left)) => rsx! {
                    div { id: "child-limit", class: "meta", "Лимит на день: " span { class: "amount", "{limit.display_rub()}" } ", осталось " span { class: "amount", "{left.display_rub()}" } }
                },
                _ => rsx! { div { id: "child-limit", class: "meta", "Лимит питания не установлен" } },
            }
        }
    }
}

/// What a parent can do for the child: «Школьное питание» (the card's photo and «Хватит на N
/// дней» first, then the manual's buttons).
#[component]
fn ChildActions(card: ChildCard) -> Element {
    let nav = navigator();
    let child = card.id.clone();
    let go = move |route: Route| {
        move |_| {
            nav.push(route.clone());
        }
    };
    let meals = [
        (
            "meal-history",
            "История операций",
            Route::MealHistory {
                child: child.clone(),
                from: String::new(),
                to: String::new(),
            },
        ),
        (
            "top-up",
            "Пополнить",
            Route::TopUp {
                child: child.clone(),
            },
        ),
        (
            "meal-limit",
            "Лимит питания",
            Route::MealLimit {
                child: child.clone(),
            },
        ),
        (
            "meal-requests",
            "Заявки по питанию",
            Route::MealRequests {
                child: child.clone(),
            },
        ),
        (
            "menu",
            "Меню",
            Route::Menu {
                child: child.clone(),
                day: String::new(),
            },
        ),
        (
            "photo",
            "Фотография",
            Route::ChildPhoto {
                child: child.clone(),
            },
        ),
    ];
    rsx! {
        div { class: "child-extras",
            super::MealOutlookLine { card: card.clone() }
        }
        nav { id: "child-actions", class: "options", aria_label: "Школьное питание",
            for (id, label, route) in meals {
                button { key: "{id}", id: "open-{id}", class: "option", onclick: go(route), span { class: "option-title", "{label}" } }
            }
        }
        if card.has_paid_services {
            ServiceActions { child: child.clone() }
        }
    }
}

/// «Платные образовательные услуги», where the school has them for the child.
#[component]
fn ServiceActions(child: String) -> Element {
    let nav = navigator();
    let services = Route::PaidServices {
        child: child.clone(),
    };
    let attendance = Route::Attendance {
        child,
        from: String::new(),
        to: String::new(),
    };
    rsx! {
        h2 { class: "section-title", "Платные образовательные услуги" }
        nav { id: "service-actions", class: "options", aria_label: "Платные образовательные услуги",
            button { id: "open-services", class: "option",
                onclick: move |_| { nav.push(services.clone()); },
                span { class: "option-title", "Оплата и заявки" }
                span { class: "option-hint", "Кружки и продлёнка: оплатить, записаться, отказаться" }
            }
            button { id: "open-attendance", class: "option",
                onclick: move |_| { nav.push(attendance.clone()); },
                span { class: "option-title", "Посещаемость" }
            }
        }
    }
}
