//! The section's first screen: the children linked to the phone, or — with none — how to pay a
//! child's account from «Мои платежи» (the manual's fallback).

use dioxus::prelude::*;
use ofis_core::{ChildCard, Ofis};

use crate::route::Route;

/// «Школы и Сады».
#[component]
pub fn SchoolsHome() -> Element {
    let ofis = use_context::<Ofis>();
    let children = use_resource(move || {
        let ofis = ofis.clone();
        async move { ofis.children().await }
    });
    let shown = match &*children.read() {
        None => rsx! { p { class: "hint", "Загружаем…" } },
        Some(Err(e)) => {
            rsx! { {crate::components::load_error("schools-error", "Школы и Сады", e)} }
        }
        Some(Ok(list)) if list.is_empty() => rsx! { NoChildren {} },
        Some(Ok(list)) => rsx! {
            ul { id: "children", class: "children",
                for child in list.iter() {
                    ChildRow { key: "{child.id}", child: child.clone() }
                }
            }
        },
    };
    rsx! {
        header { class: "topbar",
            h1 { "Школы и Сады" }
            crate::components::HelpButton { section: ofis_core::HelpSection::Schools }
        }
        section { class: "schools", {shown} }
    }
}

/// One child in the list: a tap opens their card.
#[component]
fn ChildRow(child: ChildCard) -> Element {
    let nav = navigator();
    let id = child.id.clone();
    rsx! {
        li {
            button {
                id: "child-{child.id}",
                class: "option",
                onclick: move |_| {
                    nav.push(Route::Child { child: id.clone() });
                },
                span { class: "option-title", "{child.name}" }
                span { class: "option-hint", "{child.school}, {child.class_name} · л/с {child.meal_account}" }
                span { class: "amount", "{child.balance.display_rub()}" }
            }
        }
    }
}

/// Without linked accounts: the section is not available; the child's account is paid from
/// «Мои платежи» through «+» (manual, section 9).
#[component]
fn NoChildren() -> Element {
    let nav = navigator();
    rsx! {
        div { id: "no-children", class: "empty",
            p { "К вашему номеру телефона не привязаны лицевые счета школьного питания, поэтому раздел недоступен." }
            p { class: "hint", "Счёт ребёнка можно оплатить в «Мои платежи»: нажмите «+» и найдите услугу по лицевому счёту ребёнка." }
            button {
                id: "schools-pay-by-account",
                class: "primary",
                onclick: move |_| {
                    nav.push(Route::AddService {});
                },
                "Оплатить по лицевому счёту"
            }
        }
    }
}
