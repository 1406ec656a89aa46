//! «История»: payments of this account (paid, in progress, declined) and spending per month.

use dioxus::prelude::*;
use ofis_core::{HistoryCursor, HistoryEntry, HistoryStatus, Ofis, HISTORY_PAGE};
use ofis_domain::tz;

use crate::components::{use_act, Failure};
use crate::route::Route;
use crate::views::history_search::{ReceiptSearch, SpendingSection};

/// The chip text and style of a status.
fn chip(status: HistoryStatus) -> (&'static str, &'static str) {
    match status {
        HistoryStatus::Paid => ("Оплачено", "chip paid"),
        HistoryStatus::Pending => ("В обработке", "chip pending"),
        HistoryStatus::Declined => ("Отклонено", "chip declined"),
        HistoryStatus::Cancelled => ("Не завершён", "chip cancelled"),
    }
}

/// The history screen: the spending chart on top, the receipt search, then the payments,
/// newest first, a page at a time («Показать ещё»).
#[component]
pub fn HistoryView() -> Element {
    let ofis = use_context::<Ofis>();
    let mut more: Signal<Vec<HistoryEntry>> = use_signal(Vec::new);
    let mut next: Signal<Option<HistoryCursor>> = use_signal(|| None);
    let first = use_resource(move || {
        let ofis = ofis.clone();
        async move {
            // The first page first: it keeps the server's receipts that the chart then counts.
            let page = ofis.history_page(None, HISTORY_PAGE).await?;
            more.set(Vec::new());
            next.set(page.next.clone());
            Ok::<_, ofis_core::CoreError>(page)
        }
    });
    let loaded = first.read().as_ref().is_some_and(|r| r.is_ok());
    let body = match &*first.read() {
        None => rsx! { p { class: "hint", "Загружаем историю…" } },
        Some(Err(e)) => crate::components::load_error("history-error", "История", e),
        Some(Ok(page)) => rsx! {
            if page.server_unavailable.is_some() {
                p { id: "history-offline", class: "notice", role: "status",
                    "Нет связи с сервером: показаны платежи, сохранённые на этом устройстве."
                }
            }
            SpendingSection { ready: loaded }
            ReceiptSearch {}
            PaymentsSection { first: page.entries.clone(), more, next }
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

/// The payments shown so far and «Показать ещё» while older ones are left.
#[component]
fn PaymentsSection(
    first: Vec<HistoryEntry>,
    more: Signal<Vec<HistoryEntry>>,
    next: Signal<Option<HistoryCursor>>,
) -> Element {
    let ofis = use_context::<Ofis>();
    let act = use_act();
    let show_more = move |_| {
        let ofis = ofis.clone();
        let Some(cursor) = next() else { return };
        act.run(async move {
            let page = ofis
                .history_page(Some(cursor), HISTORY_PAGE)
                .await
                .map_err(Failure::from)?;
            more.write().extend(page.entries);
            next.set(page.next);
            Ok(())
        })
    };
    rsx! {
        section { class: "history-list",
            h2 { "Платежи" }
            if first.is_empty() {
                p { id: "history-empty", class: "chart-empty", "Платежей пока нет." }
            }
            ul { id: "history-entries", class: "plain-list",
                for entry in first.iter().chain(more.read().iter()).cloned() {
                    EntryCard { key: "{entry.id}", entry }
                }
            }
            crate::components::ActError { act, id: "history-more-error", screen: "История" }
            if next.read().is_some() {
                button { id: "history-more", class: "secondary", disabled: act.busy(), onclick: show_more,
                    if act.busy() { "Загружаем…" } else { "Показать ещё" }
                }
            }
        }
    }
}

/// One payment: date, status, lines, total; a paid one opens its receipt.
#[component]
pub(super) fn EntryCard(entry: HistoryEntry) -> Element {
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
