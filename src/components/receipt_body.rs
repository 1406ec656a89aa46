//! One receipt body for every screen that shows a receipt: the paid lines, the fee, the total,
//! the fiscal data and the fiscal QR code.

use dioxus::prelude::*;
use ofis_core::Receipt;
use ofis_domain::tz;

use super::FiscalQr;

/// The body of a receipt; ids are `{id_prefix}-total`, `-date`, `-fn`, `-fd`, `-fp`, `-sum`.
#[component]
pub fn ReceiptBody(receipt: Receipt, id_prefix: &'static str) -> Element {
    let f = &receipt.fiscal;
    let issued = f
        .issued_at
        .with_timezone(&tz::offset())
        .format("%d.%m.%Y %H:%M")
        .to_string();
    let fee = receipt.fees;
    rsx! {
        div { class: "paid-mark", "✓ Оплачено" }
        for line in receipt.lines.iter() {
            div { class: "receipt-line", key: "{line.bill_id}",
                div {
                    div { class: "service", "{line.service_name}" }
                    div { class: "meta", "{line.provider_name} · л/с {line.account}" }
                }
                span { class: "amount", "{line.amount.display_rub()}" }
            }
        }
        if !fee.is_zero() {
            div { class: "receipt-line", span { "Комиссия" } span { class: "amount", "{fee.display_rub()}" } }
        }
        div { class: "receipt-total", span { "Итого" } strong { id: "{id_prefix}-total", "{receipt.total.display_rub()}" } }
        dl { class: "fiscal",
            dt { "Дата" } dd { id: "{id_prefix}-date", "{issued}" }
            dt { "ФН" } dd { id: "{id_prefix}-fn", "{f.fn_number}" }
            dt { "ФД" } dd { id: "{id_prefix}-fd", "{f.fd_number}" }
            dt { "ФП" } dd { id: "{id_prefix}-fp", "{f.fp}" }
            dt { "Сумма" } dd { id: "{id_prefix}-sum", "{f.sum.display_rub()}" }
        }
        FiscalQr { text: f.qr_text() }
    }
}

/// A receipt kept on this device, by its id (as an address names it): loaded, then its body.
#[component]
pub fn KeptReceipt(id: String, id_prefix: &'static str) -> Element {
    let ofis = use_context::<ofis_core::Ofis>();
    let loaded = use_resource(move || {
        let (ofis, id) = (ofis.clone(), id.clone());
        async move { ofis.receipt(&id).await }
    });
    let shown = match &*loaded.read() {
        None => rsx! { p { class: "hint", "Загружаем чек…" } },
        Some(Ok(Some(receipt))) => rsx! { ReceiptBody { receipt: receipt.clone(), id_prefix } },
        Some(Ok(None)) => rsx! {
            p { id: "{id_prefix}-missing", class: "error", role: "alert", "Чек не найден на этом устройстве. Откройте «История»: чеки с сервера появятся там." }
        },
        Some(Err(e)) => super::load_error(&format!("{id_prefix}-missing"), "Чек", e),
    };
    shown
}
