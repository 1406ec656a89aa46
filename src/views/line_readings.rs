//! The line's «Оплатить» screen: each meter with «предыдущее» and «конечное»; «Сохранить» keeps the
//! readings for a later payment of the whole list, «Оплатить» pays this line alone with them.

use std::collections::{BTreeMap, BTreeSet};

use dioxus::prelude::*;
use ofis_core::{CoreError, LineMeters, Ofis, PayScope, ReadingEntry};
use ofis_domain::readings::{decimal_ru, ReadingError, RECOMMENDED_WINDOW};
use ofis_domain::BillId;

use crate::components::MeterField;
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
                card: meter.clone(),
                label: "конечное",
                show_details: false,
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
