//! «Информация по дому»: for an address of «Мои платежи», the under-supply acts (service,
//! from–to, reason, whether it goes on now), the common-house meters by month, and the
//! organisations serving the house with their phones (`tel:` links) and hours.

use dioxus::prelude::*;
use ofis_core::{ActRow, AddressChoice, HouseInfo, HouseMeter, Ofis, Organisation};

use crate::components::BackButton;
use crate::route::Route;
use crate::state::Ui;

/// Months of a meter shown before «Все месяцы».
const MONTHS_SHOWN: usize = 3;

/// «Информация по дому» in the «Сервисы» of «Абоненту», for the address chosen at the top.
#[component]
pub fn HouseEntry(address: Option<String>) -> Element {
    let nav = navigator();
    rsx! {
        button {
            id: "open-house",
            class: "option",
            onclick: move |_| {
                nav.push(Route::HouseInfo { address: address.clone().unwrap_or_default() });
            },
            span { class: "option-title", "Информация по дому" }
            span { class: "option-hint", "Отключения и акты о недопоставке, общедомовые счётчики, телефоны обслуживающих организаций" }
        }
    }
}

/// The screen; `address` empty: the only address of «Мои платежи», or a choice of them.
#[component]
pub fn HouseScreen(address: String) -> Element {
    let ui = use_context::<Ui>();
    let addresses = (ui.snapshot)().addresses;
    let chosen = match (address.is_empty(), addresses.as_slice()) {
        (false, _) => Some(address.clone()),
        (true, [only]) => Some(only.id.clone()),
        (true, _) => None,
    };
    rsx! {
        header { class: "topbar",
            BackButton { to: Route::Subscriber {} }
            h1 { "Информация по дому" }
        }
        section { id: "house", class: "house",
            match chosen {
                Some(id) => rsx! { House { key: "{id}", address_id: id.clone() } },
                None if addresses.is_empty() => rsx! {
                    p { id: "house-no-address", class: "hint",
                        "Добавьте адрес в «Мои платежи» через «+» → «Поиск по адресу»: здесь появится информация по его дому."
                    }
                },
                None => rsx! { HouseAddresses { addresses } },
            }
        }
    }
}

/// The addresses to choose one of.
#[component]
fn HouseAddresses(addresses: Vec<AddressChoice>) -> Element {
    let nav = navigator();
    rsx! {
        h2 { class: "section-title", "Выберите адрес" }
        nav { id: "house-addresses", class: "options", aria_label: "Адреса",
            for a in addresses {
                button {
                    key: "{a.id}",
                    id: "house-address-{a.id}",
                    class: "option",
                    onclick: {
                        let id = a.id.clone();
                        move |_| { nav.replace(Route::HouseInfo { address: id.clone() }); }
                    },
                    span { class: "option-title", "{a.title}" }
                }
            }
        }
    }
}

/// The house of one address, loaded.
#[component]
fn House(address_id: String) -> Element {
    let ofis = use_context::<Ofis>();
    let id = address_id.clone();
    let mut loaded = use_resource(move || {
        let (ofis, id) = (ofis.clone(), id.clone());
        async move { ofis.house_info(&id).await }
    });
    let shown = match &*loaded.read() {
        None => rsx! { p { class: "hint", role: "status", "Загружаем…" } },
        Some(Err(e)) => rsx! {
            {crate::components::load_error("house-error", "Информация по дому", e)}
            button { id: "house-retry", class: "secondary", onclick: move |_| loaded.restart(), "Повторить" }
        },
        Some(Ok(info)) => rsx! { HouseBody { info: info.clone() } },
    };
    shown
}

/// Acts, meters, organisations.
#[component]
fn HouseBody(info: HouseInfo) -> Element {
    rsx! {
        p { id: "house-title", class: "house-title", "{info.house}" }
        h2 { class: "section-title", "Акты о недопоставке услуг" }
        if info.acts.is_empty() {
            p { class: "hint", "Актов о недопоставке по дому нет." }
        }
        ul { id: "house-acts", class: "plain-list",
            for act in info.acts.iter() {
                Act { key: "{act.id}", act: act.clone() }
            }
        }
        h2 { class: "section-title", "Общедомовые счётчики" }
        for meter in info.meters.iter() {
            Meter { key: "{meter.service}", meter: meter.clone() }
        }
        h2 { class: "section-title", "Обслуживающие организации" }
        ul { id: "house-organisations", class: "plain-list",
            for (i, org) in info.organisations.iter().enumerate() {
                Org { key: "{i}", org: org.clone() }
            }
        }
    }
}

/// An under-supply act.
#[component]
fn Act(act: ActRow) -> Element {
    rsx! {
        li { id: "act-{act.id}", class: if act.active { "house-card act active" } else { "house-card act" },
            div { class: "house-card-head",
                span { class: "service", "{act.service}" }
                if act.active {
                    span { class: "chip act-active", "действует" }
                }
            }
            div { class: "meta", "{act.when}" }
            div { "{act.reason}" }
        }
    }
}

/// A common-house meter: the latest months, all on request.
#[component]
fn Meter(meter: HouseMeter) -> Element {
    let mut all = use_signal(|| false);
    let slug = meter.service.replace(' ', "-").to_lowercase();
    let shown = if all() {
        meter.rows.len()
    } else {
        MONTHS_SHOWN
    };
    rsx! {
        div { class: "house-card meter-card",
            h3 { class: "house-meter-title", "{meter.service}, {meter.unit}" }
            ul { class: "plain-list house-meter-rows", id: "meter-{slug}",
                for row in meter.rows.iter().take(shown) {
                    li { key: "{row.month}", class: "house-meter-row",
                        span { class: "house-month", "{row.month}" }
                        span { "показание {row.reading}" }
                        span { class: "amount", "расход {row.consumption}" }
                    }
                }
            }
            if meter.rows.len() > MONTHS_SHOWN {
                button {
                    class: "link house-more",
                    "aria-expanded": all(),
                    onclick: move |_| all.set(!all()),
                    if all() { "Свернуть" } else { "Все месяцы ({meter.rows.len()})" }
                }
            }
        }
    }
}

/// An organisation, its phone as a `tel:` link.
#[component]
fn Org(org: Organisation) -> Element {
    rsx! {
        li { class: "house-card org",
            div { class: "meta", "{org.role}" }
            div { class: "service", "{org.name}" }
            a { class: "tel-link", href: "tel:{org.dial}", "Позвонить: {org.phone}" }
            div { class: "meta", "{org.hours}" }
        }
    }
}
