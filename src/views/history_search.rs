//! «История»'s spending chart over a chosen period («6 месяцев», «Год», «10 лет») and its
//! receipt search.

use dioxus::prelude::*;
use ofis_core::{HistoryEntry, Ofis, SPENDING_MONTHS};

use crate::components::{use_live_search, LiveSearch, SearchInput, SpendingChart};
use crate::views::history::EntryCard;

/// The periods the chart can cover: months, and the button's words.
const PERIODS: [(u32, &str); 3] = [(SPENDING_MONTHS, "6 месяцев"), (12, "Год"), (120, "10 лет")];

/// The chart of spending over the chosen period; read once the first page of payments is in
/// (`ready`), since that page keeps the server's receipts the chart counts.
#[component]
pub(super) fn SpendingSection(ready: bool) -> Element {
    let ofis = use_context::<Ofis>();
    let mut months = use_signal(|| SPENDING_MONTHS);
    let spending = use_resource(move || {
        let ofis = ofis.clone();
        let months = months();
        async move {
            if !ready {
                return Ok(None);
            }
            ofis.spending_by_month(months).await.map(Some)
        }
    });
    let chart = match &*spending.read() {
        Some(Ok(Some(m))) => rsx! { SpendingChart { months: m.clone() } },
        Some(Err(e)) => crate::components::load_error("spending-error", "История", e),
        _ => rsx! { p { class: "hint", "Считаем расходы…" } },
    };
    rsx! {
        section { class: "history-chart",
            h2 { "Расходы по месяцам" }
            div { id: "spending-period", class: "day-chips", role: "group", aria_label: "Период графика",
                for (n, label) in PERIODS {
                    button {
                        key: "{n}",
                        id: "spending-{n}",
                        class: "chip day-chip",
                        aria_pressed: "{months() == n}",
                        onclick: move |_| months.set(n),
                        "{label}"
                    }
                }
            }
            {chart}
        }
    }
}

/// «Поиск по чекам»: kept receipts by provider, service, account or address, newest first.
#[component]
pub(super) fn ReceiptSearch() -> Element {
    let ofis = use_context::<Ofis>();
    let search = use_live_search::<HistoryEntry>();
    let LiveSearch {
        query,
        results,
        error,
        searched,
    } = search;
    let on_input = move |e: FormEvent| {
        let ofis = ofis.clone();
        let text = search.typed(&e);
        async move { search.answer(&text, ofis.search_receipts(&text).await) }
    };
    let typed = !query.read().trim().is_empty();
    rsx! {
        section { class: "history-search search",
            SearchInput { id: "receipt-query", label: "Поиск по чекам", placeholder: "Услуга, поставщик или л/с", query, oninput: on_input }
            if let Some(failure) = error() {
                {crate::components::failure_note("receipt-search-error", "История", failure)}
            } else if typed && searched() && results.read().is_empty() {
                p { id: "receipt-not-found", class: "hint", role: "status",
                    "Чеки не найдены. Проверьте название услуги, поставщика или номер лицевого счёта."
                }
            }
            if typed && !results.read().is_empty() {
                ul { id: "receipt-results", class: "plain-list",
                    for entry in results.read().iter().cloned() {
                        EntryCard { key: "found-{entry.id}", entry }
                    }
                }
            }
        }
    }
}
