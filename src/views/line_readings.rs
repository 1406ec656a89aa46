//! The line's «Оплатить» screen: each meter with «предыдущее» and «конечное»; «Сохранить» keeps the
//! readings for a later payment of the whole list, «Оплатить» pays this line alone with them.

use std::collections::{BTreeMap, BTreeSet};

use dioxus::prelude::*;
use ofis_core::{CoreError, LineMeters, MeterDto, Ofis, PayScope, ReadingEntry};
use ofis_domain::readings::{decimal_ru, window_warning, ReadingError, RECOMMENDED_WINDOW};
use ofis_domain::BillId;

use crate::components::meter_text::{cost_preview_text, needs_confirmation, previous_text};
use crate::messages::core_error;
use crate::state::{Screen, Ui};

/// The readings screen of one line.
#[component]
pub fn LineReadings(bill_id: BillId, message: Option<String>) -> Element {
    let ofis = use_context::<Ofis>();
    let id = bill_id.clone();
    let loaded = use_resource(move || {
        let (ofis, id) = (ofis.clone(), id.clone());
        async move { ofis.line_meters(&id).await.map_err(|e| core_error(&e)) }
    });
    let ui = use_context::<Ui>();
    rsx! {
        header { class: "topbar",
            button { class: "back", aria_label: "Назад", onclick: move |_| ui.go(Screen::Payments), "‹" }
            h1 { "Показания и оплата" }
        }
        section { class: "readings",
            if let Some(text) = message {
                p { id: "readings-required", class: "error", role: "alert", "{text}" }
            }
            match &*loaded.read() {
                None => rsx! { p { class: "hint", "Загружаем счётчики…" } },
                Some(Err(e)) => rsx! { p { id: "readings-error", class: "error", role: "alert", "{e}" } },
                Some(Ok(line)) => rsx! { ReadingsForm { line: line.clone() } },
            }
        }
    }
}

#[component]
fn ReadingsForm(line: LineMeters) -> Element {
    let ofis = use_context::<Ofis>();
    let ui = use_context::<Ui>();
    let saved: BTreeMap<String, String> = line
        .saved
        .iter()
        .map(|(m, v)| (m.0.clone(), decimal_ru(*v)))
        .collect();
    let typed = use_signal(|| saved.clone());
    let mut confirmed = use_signal(BTreeSet::<String>::new);
    let mut errors = use_signal(BTreeMap::<String, ReadingError>::new);
    let mut error = use_signal(|| None::<String>);
    let mut busy = use_signal(|| false);
    let bill = line.bill.clone();
    let meters = line.meters.clone();
    let today = line.today;

    let entries = move || -> Vec<ReadingEntry> {
        typed
            .read()
            .iter()
            .map(|(m, t)| ReadingEntry {
                meter_id: m.clone(),
                typed: t.clone(),
                confirmed: confirmed.read().contains(m),
            })
            .collect()
    };
    let act = {
        let (ofis, meters, bill_id) = (ofis.clone(), meters.clone(), bill.id.clone());
        move |pay: bool| {
            let (ofis, meters, bill_id) = (ofis.clone(), meters.clone(), bill_id.clone());
            async move {
                busy.set(true);
                errors.set(BTreeMap::new());
                error.set(None);
                let saved = ofis.save_line_readings(&bill_id, &meters, &entries()).await;
                let result = match saved {
                    Ok(snapshot) if !pay => {
                        ui.show(snapshot);
                        ui.notify("Показания сохранены: они уйдут поставщику вместе с оплатой.");
                        ui.go(Screen::Payments);
                        Ok(())
                    }
                    Ok(snapshot) => {
                        ui.show(snapshot);
                        let scope = PayScope::Line(bill_id.clone());
                        ofis.start_payment(scope.clone())
                            .await
                            .map(|ticket| ui.go(Screen::Checkout { scope, ticket }))
                    }
                    Err(e) => Err(e),
                };
                match result {
                    Ok(()) => {}
                    Err(CoreError::Reading { meter_id, error: e }) => {
                        errors.write().insert(meter_id, e);
                    }
                    Err(e) => error.set(Some(core_error(&e))),
                }
                busy.set(false);
            }
        }
    };
    let act_pay = act.clone();

    rsx! {
        div { class: "readings-line",
            div { class: "service", "{bill.service_title()}" }
            div { class: "provider", "{bill.provider_name} · л/с {bill.account}" }
            div { class: "meta", "{bill.period.label_ru()} · к оплате {bill.amount_due.display_rub()}" }
        }
        if meters.is_empty() {
            p { class: "hint", "У этой услуги нет индивидуальных приборов учёта." }
        } else {
            p { class: "hint",
                "Введите текущие показания в поле «конечное». Рекомендуем передавать их с {RECOMMENDED_WINDOW.first_day} по {RECOMMENDED_WINDOW.last_day} число. Показание «0» с оплатой передать нельзя (можно 0,1)."
            }
        }
        for meter in meters.iter() {
            MeterField {
                key: "{meter.id}",
                meter: meter.clone(),
                today,
                typed,
                error: errors.read().get(&meter.id).cloned(),
                confirmed: confirmed.read().contains(&meter.id),
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
            }
        }
        if let Some(err) = error() {
            p { id: "readings-error", class: "error", role: "alert", "{err}" }
        }
        div { class: "readings-actions",
            if !meters.is_empty() {
                button { id: "readings-save", class: "secondary", disabled: busy(), onclick: move |_| act(false), "Сохранить" }
            }
            button { id: "readings-pay", class: "primary", disabled: busy(), onclick: move |_| act_pay(true), "Оплатить" }
        }
    }
}

/// One meter: «предыдущее», «конечное», the cost preview, and what stops or warns.
#[component]
fn MeterField(
    meter: MeterDto,
    today: chrono::NaiveDate,
    mut typed: Signal<BTreeMap<String, String>>,
    error: Option<ReadingError>,
    confirmed: bool,
    on_confirm: EventHandler<bool>,
) -> Element {
    let domain = meter.to_domain();
    let title = domain.title_ru();
    let input_id = format!("reading-{}", meter.id);
    let value = typed.read().get(&meter.id).cloned().unwrap_or_default();
    let previous = previous_text(&meter);
    let preview = cost_preview_text(&meter, &value);
    let ban = domain.ban_reason(today);
    let warning = window_warning(&domain, today).map(|w| w.message_ru());
    let needs_confirmation = needs_confirmation(&error);
    let meter_id = meter.id.clone();
    rsx! {
        div { class: if error.is_some() { "meter invalid" } else { "meter" },
            div { class: "meter-title", "{title}" }
            div { class: "meter-previous", span { "предыдущее" } span { "{previous}" } }
            if let Some(reason) = &ban {
                p { class: "error", "{reason}. Показания по этому счётчику не принимаются." }
            } else {
                div { class: "field",
                    label { r#for: "{input_id}", "конечное, {meter.unit}" }
                    input {
                        id: "{input_id}",
                        inputmode: "decimal",
                        autocomplete: "off",
                        initial_value: "{value}",
                        oninput: move |e| {
                            typed.write().insert(meter_id.clone(), e.value());
                        },
                    }
                }
            }
            if let Some(p) = preview {
                p { class: "hint cost-preview", "{p}" }
            }
            if let Some(w) = warning {
                p { class: "warning", "{w}" }
            }
            if let Some(e) = &error {
                p { id: "{input_id}-error", class: "error", role: "alert", "{e.message_ru()}" }
            }
            if needs_confirmation || confirmed {
                label { class: "confirm",
                    input {
                        id: "confirm-{meter.id}",
                        r#type: "checkbox",
                        checked: confirmed,
                        onchange: move |e| on_confirm.call(e.checked()),
                    }
                    "Подтверждаю: показание введено верно"
                }
            }
        }
    }
}
