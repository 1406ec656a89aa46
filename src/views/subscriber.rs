//! «Абоненту»: the address chosen at the top, and «Подать показания ИПУ» — readings sent without
//! payment for the accounts Система «Город» bills (third-party ones only with a payment), with
//! the offline queue and each meter's history.

use std::collections::{BTreeMap, BTreeSet};

use dioxus::prelude::*;
use ofis_core::{CoreError, MeterCard, Ofis, QueueRow, QueuedOutcome};
use ofis_domain::readings::{decimal_ru, ReadingError, RECOMMENDED_WINDOW};

use super::meter_history::MeterHistory;
use super::reading_queue::ReadingQueue;
use crate::components::MeterField;
use crate::messages::core_error;
use crate::state::Ui;

/// The answer to one «отправить», shown under the meter.
#[derive(Clone, Debug, PartialEq)]
enum Answer {
    Accepted(String),
    Queued(String),
    Refused(String),
}

/// The «Абоненту» tab.
#[component]
pub fn Subscriber() -> Element {
    let ofis = use_context::<Ofis>();
    let ui = use_context::<Ui>();
    let snapshot = (ui.snapshot)();
    let addresses = snapshot.addresses.clone();
    let mut chosen = use_signal(|| match addresses.as_slice() {
        [only] => Some(only.id.clone()),
        _ => None,
    });
    let mut open = use_signal(|| false);
    let mut reload = use_signal(|| 0u32);
    let mut queue = use_signal(Vec::<QueueRow>::new);
    let titles = use_signal(BTreeMap::<String, String>::new);
    let mut answers = use_signal(BTreeMap::<String, Answer>::new);
    // While the tab is open: rounds of the queue, as often as core's retry policy says.
    let poll = ofis.clone();
    use_future(move || {
        let ofis = poll.clone();
        async move {
            loop {
                let round = ofis.reading_queue_round().await;
                if round.sent > 0 {
                    // What waited has gone: «нет связи» under a meter is no longer true.
                    answers
                        .write()
                        .retain(|_, a| !matches!(a, Answer::Queued(_)));
                    *reload.write() += 1;
                }
                queue.set(round.rows);
                tokio::time::sleep(round.retry_in).await;
            }
        }
    });
    let reminder = ofis.reading_reminder();
    let selected = chosen().filter(|id| addresses.iter().any(|a| &a.id == id));
    rsx! {
        header { class: "topbar", h1 { "Абоненту" } }
        section { id: "subscriber", class: "readings",
            if let Some(text) = reminder {
                p { id: "reading-reminder", class: "notice", role: "status", "{text}" }
            }
            if addresses.is_empty() {
                p { id: "subscriber-no-address", class: "hint",
                    "Выберите адрес: добавьте его в «Мои платежи» через «+» → «Поиск по адресу»"
                }
            } else {
                h2 { style: "font-size: 15px; margin: 12px 0 4px;", "Адрес" }
                div { id: "subscriber-addresses", role: "radiogroup",
                    for a in addresses.iter() {
                        button {
                            key: "{a.id}",
                            id: "address-{a.id}",
                            class: "option address-choice",
                            role: "radio",
                            "aria-checked": selected.as_deref() == Some(a.id.as_str()),
                            style: if selected.as_deref() == Some(a.id.as_str()) { "border-color: var(--blue); box-shadow: inset 0 0 0 1px var(--blue);" } else { "" },
                            onclick: {
                                let id = a.id.clone();
                                move |_| chosen.set(Some(id.clone()))
                            },
                            span { class: "option-title", "{a.title}" }
                        }
                    }
                }
            }
            h2 { style: "font-size: 15px; margin: 16px 0 4px;", "Сервисы" }
            button {
                id: "submit-readings",
                class: "option",
                "aria-expanded": open(),
                onclick: move |_| open.set(!open()),
                span { class: "option-title", "Подать показания ИПУ" }
                span { class: "option-hint", "Без оплаты — по лицевым счетам АО «Система «Город»" }
            }
            if open() {
                match selected.clone() {
                    None if !addresses.is_empty() => rsx! {
                        p { id: "choose-address", class: "warning", "Выберите вверху адрес, по которому передаёте показания." }
                    },
                    None => rsx! {},
                    Some(address_id) => rsx! {
                        MeterList { key: "{address_id}", address_id, reload, queue, titles, answers }
                    },
                }
            }
            ReadingQueue { queue, titles }
        }
    }
}

/// The meters of the chosen address.
#[component]
fn MeterList(
    address_id: String,
    reload: Signal<u32>,
    queue: Signal<Vec<QueueRow>>,
    titles: Signal<BTreeMap<String, String>>,
    mut answers: Signal<BTreeMap<String, Answer>>,
) -> Element {
    let ofis = use_context::<Ofis>();
    let loader = ofis.clone();
    let meters = use_resource(move || {
        let (ofis, id) = (loader.clone(), address_id.clone());
        let _ = reload();
        async move { ofis.address_meters(&id).await }
    });
    // The queue names each reading by its meter's title.
    let mut titles = titles;
    use_effect(move || {
        if let Some(Ok(list)) = &*meters.read() {
            let fresh: Vec<(String, String)> = list
                .gorod
                .iter()
                .chain(&list.third_party)
                .map(|m| (m.id.clone(), m.title.clone()))
                .filter(|(id, title)| titles.peek().get(id) != Some(title))
                .collect();
            if !fresh.is_empty() {
                titles.write().extend(fresh);
            }
        }
    });
    let typed = use_signal(BTreeMap::<String, String>::new);
    let mut confirmed = use_signal(BTreeSet::<String>::new);
    let mut errors = use_signal(BTreeMap::<String, ReadingError>::new);
    let mut busy = use_signal(|| None::<String>);

    let send = move |meter: MeterCard| {
        let ofis = ofis.clone();
        let mut typed = typed;
        async move {
            let id = meter.id.clone();
            busy.set(Some(id.clone()));
            errors.write().remove(&id);
            answers.write().remove(&id);
            let text = typed.read().get(&id).cloned().unwrap_or_default();
            let sure = confirmed.read().contains(&id);
            match ofis.send_reading(&meter, &text, sure).await {
                Ok(QueuedOutcome::Sent { value, .. }) => {
                    let text = format!("Показание {} {} отправлено", decimal_ru(value), meter.unit);
                    answers.write().insert(id.clone(), Answer::Accepted(text));
                    typed.write().remove(&id);
                    confirmed.write().remove(&id);
                    *reload.write() += 1;
                }
                Ok(QueuedOutcome::Queued { message }) => {
                    answers.write().insert(id.clone(), Answer::Queued(message));
                    // Kept in the queue: the field empties when it has gone.
                    typed.write().remove(&id);
                    confirmed.write().remove(&id);
                }
                Ok(QueuedOutcome::Refused { message }) => {
                    answers.write().insert(id.clone(), Answer::Refused(message));
                }
                Err(CoreError::Reading { error, .. }) => {
                    errors.write().insert(id.clone(), error);
                }
                Err(e) => {
                    answers
                        .write()
                        .insert(id.clone(), Answer::Refused(core_error(&e)));
                }
            }
            if let Ok(entries) = ofis.reading_queue().await {
                queue.set(entries);
            }
            busy.set(None);
        }
    };

    let loaded = meters.read();
    let Some(result) = &*loaded else {
        return rsx! { p { class: "hint", "Загружаем счётчики…" } };
    };
    let list = match result {
        Ok(list) => list,
        Err(e) => {
            return rsx! { p { id: "meters-error", class: "error", role: "alert", "{core_error(e)}" } }
        }
    };
    let only_with_payment = core_error(&CoreError::OnlyWithPayment(String::new()));
    rsx! {
        div { id: "meter-list",
            if list.gorod.is_empty() && list.third_party.is_empty() {
                p { id: "no-meters", class: "hint",
                    "По этому адресу в «Мои платежи» нет услуг с приборами учёта."
                }
            }
            if !list.gorod.is_empty() {
                p { class: "hint",
                    "Выберите счётчик, введите показание и нажмите «отправить». Рекомендуем передавать показания {RECOMMENDED_WINDOW.label_ru()}."
                }
            }
            for meter in list.gorod.iter() {
                GorodMeter {
                    key: "{meter.id}-{meter.previous}",
                    meter: meter.clone(),
                    typed,
                    error: errors.read().get(&meter.id).cloned(),
                    answer: answers.read().get(&meter.id).cloned(),
                    confirmed: confirmed.read().contains(&meter.id),
                    busy: busy().is_some(),
                    on_confirm: {
                        let id = meter.id.clone();
                        move |yes: bool| {
                            if yes {
                                confirmed.write().insert(id.clone());
                            } else {
                                confirmed.write().remove(&id);
                            }
                        }
                    },
                    on_send: {
                        let (send, meter) = (send.clone(), meter.clone());
                        move |_| {
                            spawn(send(meter.clone()));
                        }
                    },
                }
            }
            if !list.third_party.is_empty() {
                h2 { style: "font-size: 15px; margin: 16px 0 4px;", "Только вместе с оплатой" }
            }
            for meter in list.third_party.iter() {
                div { key: "{meter.id}", id: "third-party-{meter.id}", class: "meter third-party",
                    div { class: "meter-title", "{meter.title}" }
                    div { class: "meta", "{meter.details}" }
                    p { class: "meta only-with-payment", style: "margin: 6px 0 0; font-size: 14px;", "{only_with_payment}" }
                }
            }
        }
    }
}

/// One meter a reading may be sent for without payment.
#[component]
fn GorodMeter(
    meter: MeterCard,
    typed: Signal<BTreeMap<String, String>>,
    error: Option<ReadingError>,
    answer: Option<Answer>,
    confirmed: bool,
    busy: bool,
    on_confirm: EventHandler<bool>,
    on_send: EventHandler<()>,
) -> Element {
    let mut history = use_signal(|| false);
    let id = meter.id.clone();
    let banned = meter.ban.is_some();
    rsx! {
        MeterField { card: meter.clone(), label: "текущее", show_details: true, typed, error, confirmed, on_confirm,
            match &answer {
                Some(Answer::Accepted(text)) => rsx! { p { id: "answer-{id}", class: "sent", role: "status", style: "color: var(--green); font-size: 14px; margin: 6px 0;", "{text}" } },
                Some(Answer::Queued(text)) => rsx! { p { id: "answer-{id}", class: "warning queued", role: "status", "{text}" } },
                Some(Answer::Refused(text)) => rsx! { p { id: "answer-{id}", class: "error refused", role: "alert", "{text}" } },
                None => rsx! {},
            }
            div { class: "readings-actions",
                button {
                    id: "history-{id}",
                    class: "secondary",
                    "aria-expanded": history(),
                    onclick: move |_| history.set(!history()),
                    "История показаний"
                }
                if !banned {
                    button { id: "send-{id}", class: "primary", disabled: busy, onclick: move |_| on_send.call(()), "отправить" }
                }
            }
            if history() {
                MeterHistory { meter: meter.clone() }
            }
        }
    }
}
