//! «Поиск по QR-коду»: a photo of the bill's QR code → what it says → the bills it names.

use crate::components::Failure;
use dioxus::prelude::*;
use ofis_core::{Ofis, QrFound};
use ofis_domain::qr_payload::PaymentQr;

use crate::components::{read_chosen_photo, use_act};
use crate::route::Route;
use crate::state::Ui;

/// The QR search screen.
#[component]
pub fn QrSearch() -> Element {
    let ofis = use_context::<Ofis>();
    let mut status = use_signal(|| None::<String>);
    let mut found = use_signal(|| None::<QrFound>);
    let act = use_act();

    let on_photo = move |_| {
        let ofis = ofis.clone();
        found.set(None);
        act.run(async move {
            status.set(Some("Распознаём QR-код…".into()));
            let read = read_photo(&ofis).await;
            status.set(None);
            let qr = read?;
            status.set(Some("Ищем счета…".into()));
            let looked = ofis.find_by_qr(&qr).await;
            status.set(None);
            found.set(Some(looked.map_err(Failure::from)?));
            Ok(())
        })
    };

    rsx! {
        header { class: "topbar",
            crate::components::BackButton { to: Route::AddService {} }
            h1 { "Поиск по QR-коду" }
        }
        section { class: "search qr",
            p { class: "hint", "Сфотографируйте QR-код на квитанции или выберите снимок: найдём счёт по лицевому счёту из кода." }
            label { class: "primary file-button", r#for: "qr-photo", "Сфотографировать или выбрать фото" }
            input {
                id: "qr-photo",
                class: "visually-hidden",
                r#type: "file",
                accept: "image/*",
                capture: "environment",
                onchange: on_photo,
            }
            if let Some(text) = status() {
                p { id: "qr-status", class: "hint", role: "status", "{text}" }
            }
            crate::components::ActError { act, id: "qr-error", screen: "Поиск по QR-коду" }
            if let Some(f) = found() {
                Understood { found: f.clone() }
                QrBills { found: f.clone() }
            }
        }
    }
}

/// The chosen photo, read in the browser and decoded by core into a payment QR.
async fn read_photo(ofis: &Ofis) -> Result<PaymentQr, Failure> {
    let photo = read_chosen_photo("qr-photo").await?;
    ofis.read_qr_photo(photo).await.map_err(Failure::from)
}

/// What the code says, before the bills it leads to.
#[component]
fn Understood(found: QrFound) -> Element {
    let s = &found.search;
    rsx! {
        dl { id: "qr-understood", class: "fiscal understood",
            if let Some(name) = &s.payee_name { dt { "Получатель" } dd { "{name}" } }
            if let Some(inn) = &s.payee_inn { dt { "ИНН" } dd { "{inn}" } }
            if let Some(account) = &s.account { dt { "Лицевой счёт" } dd { "{account}" } }
            if let Some(period) = &s.period { dt { "Период" } dd { "{period.label_ru()}" } }
            if let Some(amount) = &s.amount { dt { "Сумма по квитанции" } dd { "{amount.display_rub()}" } }
            if let Some((_, now)) = found.sums_differ() {
                dt { "К оплате сейчас" } dd { id: "qr-due-now", "{now.display_rub()}" }
            }
        }
        if found.sums_differ().is_some() {
            p { id: "qr-sums-differ", class: "hint", "Сумма по квитанции отличается от начисленной сейчас (квитанция за прошлый период или после неё была оплата): к оплате будет предложена текущая сумма." }
        }
    }
}

/// The bills the code leads to: the whole address (the scanned one marked), or the scanned bill
/// alone, with why; «Добавить» puts them in the общий счёт.
#[component]
fn QrBills(found: QrFound) -> Element {
    let ofis = use_context::<Ofis>();
    let ui = use_context::<Ui>();
    let nav = navigator();
    let act = use_act();
    let scanned = found.scanned.clone();
    let (title, add_label) = match &found.address {
        Some(a) => (
            format!("Счета по адресу {}: {}", a.title, found.bills.len()),
            "Добавить все счета адреса",
        ),
        None => (
            "Этот поставщик не привязан к адресу в Системе «Город»: добавится только этот счёт."
                .to_string(),
            "Добавить",
        ),
    };
    let to_add = found.clone();
    let add = move |_| {
        let (ofis, found) = (ofis.clone(), to_add.clone());
        act.run(async move {
            let added = ofis.add_found_by_qr(found).await.map_err(Failure::from)?;
            ui.home(
                nav,
                match added {
                    0 => "Эти счета уже есть в общем счёте.".to_string(),
                    n => format!("Добавлено счетов: {n}. Счёт по квитанции отмечен в общем счёте."),
                },
            );
            Ok(())
        })
    };
    rsx! {
        p { id: "qr-bills-title", class: "hint", "{title}" }
        ul { class: "found",
            for bill in found.bills.iter() {
                li { key: "{bill.id}", class: if bill.id == scanned { "found-bill scanned" } else { "found-bill" },
                    div { class: "service", "{bill.service_title()}" }
                    div { class: "provider", "{bill.provider_name}" }
                    div { class: "meta", "л/с {bill.account} · {bill.period.label_ru()}" }
                    div { class: "amount", "{bill.amount_due.display_rub()}" }
                    if bill.id == scanned { span { class: "badge scanned", "по квитанции" } }
                }
            }
        }
        crate::components::ActError { act, id: "qr-add-error", screen: "Поиск по QR-коду" }
        button { id: "qr-add", class: "primary", disabled: act.busy(), onclick: add, "{add_label}" }
    }
}
