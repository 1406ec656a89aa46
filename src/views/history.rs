//! «История»: payments of this account (paid, in progress, declined) and spending per month.

use dioxus::prelude::*;
use ofis_core::{HistoryEntry, HistoryStatus, Ofis, SPENDING_MONTHS};
use ofis_domain::tz;

use crate::components::SpendingChart;
use crate::route::Route;

/// The chip text and style of a status.
fn chip(status: HistoryStatus) -> (&'static str, &'static str) {
    match status {
        HistoryStatus::Paid => ("Оплачено", "chip paid"),
        HistoryStatus::Pending => ("В обработке", "chip pending"),
        HistoryStatus::Declined => ("Отклонено", "chip declined"),
        HistoryStatus::Cancelled => ("Не завершён", "chip cancelled"),
    }
}

/// The history screen: the chart on top, then every payment, newest first.
#[component]
pub fn HistoryView() -> Element {
    let ofis = use_context::<Ofis>();
    let data = use_resource(move || {
        let ofis = ofis.clone();
        async move {
            // History first: it keeps the server's receipts that the chart then counts.
            let history = ofis.history().await?;
            let spending = ofis.spending_by_month(SPENDING_MONTHS).await?;
            Ok::<_, ofis_core::CoreError>((history, spending))
        }
    });
    let body = match &*data.read() {
        None => rsx! { p { class: "hint", "Загружаем историю…" } },
        Some(Err(e)) => crate::components::load_error("history-error", "История", e),
        Some(Ok((history, spending))) => rsx! {
            if history.server_unavailable.is_some() {
                p { id: "history-offline", class: "notice", role: "status",
                    "Нет связи с сервером: показаны платежи, сохранённые на этом устройстве."
                }
            }
            section { class: "history-chart",
                h2 { "Расходы по месяцам" }
                SpendingChart { months: spending.clone() }
            }
            section { class: "history-list",
                h2 { "Платежи" }
                if history.entries.is_empty() {
                    p { id: "history-empty", class: "chart-empty", "Платежей пока нет." }
                }
                ul { class: "plain-list",
                    for entry in history.entries.iter().cloned() {
                        EntryCard { key: "{entry.id}", entry }
                    }
                }
            }
        },
    };
    rsx! {
        header { class: "topbar",
            crate::components::BackButton { to: Route::Payments {} }
            h1 { "История" }
        }
        div { id: "history", class: "history", {body} }
    }
}

/// One payment: date, status, lines, total; a paid one opens its receipt.
#[component]
fn EntryCard(entry: HistoryEntry) -> Element {
    let nav = navigator();
    let (label, chip_class) = chip(entry.status);
    let when = entry
        .at
        .with_timezone(&tz::offset())
        .format("%d.%m.%Y %H:%M")
        .to_string();
    let receipt = entry.receipt.clone();
    let fee = entry.fee();
    let opens = receipt.is_some();
    let status_class = match entry.status {
        HistoryStatus::Paid => "paid",
        HistoryStatus::Pending => "pending",
        HistoryStatus::Declined => "declined",
        HistoryStatus::Cancelled => "cancelled",
    };
    let class = if opens {
        format!("history-entry {status_class} opens")
    } else {
        format!("history-entry {status_class}")
    };
    // One that opens its receipt is a button (keyboard and screen readers included); its
    // content is phrasing content, as a button's must be.
    let body = rsx! {
        span { class: "entry-head",
            span { class: "entry-date", "{when}" }
            span { class: "{chip_class}", "{label}" }
        }
        for (i, line) in entry.lines.iter().enumerate() {
            span { class: "entry-line", key: "{i}",
                span { class: "entry-service",
                    span { class: "service", "{line.service}" }
                    span { class: "meta", "{line.provider} · л/с {line.account}" }
                }
                span { class: "amount", "{line.amount.display_rub()}" }
            }
        }
        if !fee.is_zero() {
            span { class: "entry-line fee",
                span { "Комиссия" }
                span { class: "amount", "{fee.display_rub()}" }
            }
        }
        if let Some(failure) = &entry.failure {
            span { class: "entry-failure", "{failure}" }
        }
        span { class: "entry-total",
            span { "Итого" }
            strong { "{entry.total.display_rub()}" }
        }
        if opens {
            span { class: "entry-open", "Чек ›" }
        }
    };
    rsx! {
        li {
            if let Some(r) = receipt {
                button {
                    class,
                    onclick: move |_| {
                        nav.push(Route::ReceiptDetail { id: r.id.clone() });
                    },
                    {body}
                }
            } else {
                div { class, {body} }
            }
        }
    }
}
