//! The meters of the address chosen in «Абоненту»: each Город-billed meter with its field,
//! «отправить» and its history; the third-party ones say they take readings only with payment.

use std::collections::{BTreeMap, BTreeSet};

use dioxus::prelude::*;
use ofis_core::{AddressMeters, CoreError, MeterCard, Ofis, QueuedOutcome};
use ofis_domain::readings::{decimal_ru, ReadingError, RECOMMENDED_WINDOW};

use super::meter_history::MeterHistory;
use super::subscriber::Answer;
use crate::components::{confirm_toggle, MeterField};
use crate::messages::core_error;

/// The meters of the chosen address.
#[component]
pub(super) fn MeterList(
    address_id: String,
    reload: Signal<u32>,
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
    let sender = Sender {
        ofis: ofis.clone(),
        typed: use_signal(BTreeMap::new),
        confirmed: use_signal(BTreeSet::new),
        errors: use_signal(BTreeMap::new),
        busy: use_signal(|| None),
        answers,
        reload,
    };

    let loaded = meters.read();
    let Some(result) = &*loaded else {
        return rsx! { p { class: "hint", "Загружаем счётчики…" } };
    };
    let list = match result {
        Ok(list) => list,
        Err(e) => return rsx! { {crate::components::load_error("meters-error", "Счётчики", e)} },
    };
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
                    typed: sender.typed,
                    error: sender.errors.read().get(&meter.id).cloned(),
                    answer: answers.read().get(&meter.id).cloned(),
                    confirmed: sender.confirmed.read().contains(&meter.id),
                    busy: (sender.busy)().is_some(),
                    on_confirm: confirm_toggle(sender.confirmed, &meter.id),
                    on_send: {
                        let (sender, meter) = (sender.clone(), meter.clone());
                        move |_| {
                            spawn(sender.clone().send(meter.clone()));
                        }
                    },
                }
            }
            ThirdPartyMeters { list: list.clone() }
        }
    }
}

/// Meters of providers that take readings only with a payment.
#[component]
fn ThirdPartyMeters(list: AddressMeters) -> Element {
    let only_with_payment = core_error(&CoreError::OnlyWithPayment(String::new()));
    rsx! {
        if !list.third_party.is_empty() {
            h2 { class: "section-title", "Только вместе с оплатой" }
        }
        for meter in list.third_party.iter() {
            div { key: "{meter.id}", id: "third-party-{meter.id}", class: "meter third-party",
                div { class: "meter-title", "{meter.title}" }
                div { class: "meta", "{meter.details}" }
                p { class: "meta only-with-payment", "{only_with_payment}" }
            }
        }
    }
}

/// What «отправить» reads and writes: the typed readings, the confirmations of unusual ones,
/// each meter's error and answer; one send at a time.
#[derive(Clone)]
struct Sender {
    ofis: Ofis,
    typed: Signal<BTreeMap<String, String>>,
    confirmed: Signal<BTreeSet<String>>,
    errors: Signal<BTreeMap<String, ReadingError>>,
    busy: Signal<Option<String>>,
    answers: Signal<BTreeMap<String, Answer>>,
    reload: Signal<u32>,
}

impl Sender {
    /// Sends (or queues) the reading typed for `meter`, and shows the answer under it.
    async fn send(mut self, meter: MeterCard) {
        let id = meter.id.clone();
        self.busy.set(Some(id.clone()));
        self.errors.write().remove(&id);
        self.answers.write().remove(&id);
        let text = self.typed.read().get(&id).cloned().unwrap_or_default();
        let sure = self.confirmed.read().contains(&id);
        match self.ofis.send_reading(&meter, &text, sure).await {
            Ok(QueuedOutcome::Sent { value, .. }) => {
                let text = format!("Показание {} {} отправлено", decimal_ru(value), meter.unit);
                self.answers
                    .write()
                    .insert(id.clone(), Answer::Accepted(text));
                self.forget(&id);
                *self.reload.write() += 1;
            }
            Ok(QueuedOutcome::Queued { message }) => {
                self.answers
                    .write()
                    .insert(id.clone(), Answer::Queued(message));
                // Kept in the queue: the field empties when it has gone.
                self.forget(&id);
            }
            Ok(QueuedOutcome::Refused { message }) => {
                self.answers
                    .write()
                    .insert(id.clone(), Answer::Refused(message));
            }
            Err(CoreError::Reading { error, .. }) => {
                self.errors.write().insert(id.clone(), error);
            }
            Err(e) => {
                self.answers
                    .write()
                    .insert(id.clone(), Answer::Refused(core_error(&e)));
            }
        }
        self.busy.set(None);
    }

    /// Empties the field of a reading that has gone (or waits in the queue).
    fn forget(&mut self, id: &str) {
        self.typed.write().remove(id);
        self.confirmed.write().remove(id);
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
                Some(Answer::Accepted(text)) => rsx! { p { id: "answer-{id}", class: "sent", role: "status", "{text}" } },
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
