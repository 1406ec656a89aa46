//! «Поиск по QR-коду»: a photo of the bill's QR code → what it says → the bills it names.

use base64::Engine;
use dioxus::prelude::*;
use ofis_core::{Ofis, QrFound};
use ofis_domain::qr_payload::PaymentQr;

use crate::components::{use_act, FoundBills};
use crate::messages::core_error;
use crate::route::Route;

/// Reads the chosen photo in the page and hands it over as base64 (desktop web view and browser
/// alike; the camera app fills the same input on phones).
const READ_PHOTO_JS: &str = r#"
const input = document.getElementById('qr-photo');
const file = input && input.files && input.files[0];
if (!file) { return null; }
if (file.size > 25 * 1024 * 1024) { return 'TOO_LARGE'; }
const bytes = new Uint8Array(await file.arrayBuffer());
let bin = '';
for (let i = 0; i < bytes.length; i += 0x8000) {
  bin += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
}
return btoa(bin);
"#;

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
            found.set(Some(looked.map_err(|e| core_error(&e))?));
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
            if let Some(err) = act.error() {
                p { id: "qr-error", class: "error", role: "alert", "{err}" }
            }
            if let Some(f) = found() {
                Understood { found: f.clone() }
                FoundBills { bills: f.bills.clone() }
            }
        }
    }
}

/// The chosen photo, read in the browser and decoded by core into a payment QR.
async fn read_photo(ofis: &Ofis) -> Result<PaymentQr, String> {
    const UNREADABLE: &str = "Не удалось прочитать фото. Попробуйте ещё раз.";
    let encoded: Option<String> = document::eval(READ_PHOTO_JS)
        .join()
        .await
        .map_err(|_| UNREADABLE.to_string())?;
    match encoded.as_deref() {
        None => Err("Фото не выбрано.".to_string()),
        Some("TOO_LARGE") => Err("Фото слишком большое: выберите снимок до 25 МБ.".to_string()),
        Some(b64) => {
            let photo = base64::engine::general_purpose::STANDARD
                .decode(b64)
                .map_err(|_| UNREADABLE.to_string())?;
            ofis.read_qr_photo(photo).await.map_err(|e| core_error(&e))
        }
    }
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
        }
    }
}
