//! The line's «Оплатить» screen: each meter with «предыдущее» and «конечное»; «Сохранить» keeps the
//! readings for a later payment of the whole list, «Оплатить» pays this line alone with them.

use std::collections::{BTreeMap, BTreeSet};

use crate::components::Failure;
use dioxus::prelude::*;
use ofis_core::{CoreError, LineMeters, Ofis, PayScope};
use ofis_domain::readings::{decimal_ru, ReadingError, RECOMMENDED_WINDOW};
use ofis_domain::{Bill, BillId};

use crate::components::{confirm_toggle, typed_entries, use_act, MeterField};
use crate::route::Route;
use crate::state::Ui;

/// The readings screen of one line.
#[component]
pub fn LineReadings(bill_id: BillId, why: String) -> Element {
    let ofis = use_context::<Ofis>();
    let id = bill_id.clone();
    let loaded = use_resource(move || {
        let (ofis, id) = (ofis.clone(), id.clone());
        async move { ofis.line_meters(&id).await }
    });
    rsx! {
        header { class: "topbar",
            crate::components::BackButton { to: Route::Payments {} }
            h1 { "Показания и оплата" }
        }
        section { class: "readings",
            if !why.is_empty() {
                p { id: "readings-required", class: "error", role: "alert", "{why}" }
            }
            match &*loaded.read() {
                None => rsx! { p { class: "hint", "Загружаем счётчики…" } },
                Some(Err(e)) => crate::components::load_error("readings-error", "Показания и оплата", e),
                Some(Ok(line)) => rsx! { ReadingsForm { line: line.clone() } },
            }
        }
    }
}

/// The line's meters with «конечное», «Сохранить» and «Оплатить».
#[component]
fn ReadingsForm(line: LineMeters) -> Element {
    let ofis = use_context::<Ofis>();
    let ui = use_context::<Ui>();
    let nav = navigator();
    // Readings saved earlier for this payment come back into their fields, as typed.
    let typed = use_signal(|| saved_as_typed(&line));
    let confirmed = use_signal(BTreeSet::<String>::new);
    let mut errors = use_signal(BTreeMap::<String, ReadingError>::new);
    let act = use_act();
    let (bill, meters) = (line.bill.clone(), line.meters.clone());

    // «Сохранить» keeps the readings for the whole list; «Оплатить» pays this line with them.
    let mut save = {
        let (ofis, meters, bill_id) = (ofis.clone(), meters.clone(), bill.id.clone());
        move |pay: bool| {
            let (ofis, meters, bill_id) = (ofis.clone(), meters.clone(), bill_id.clone());
            errors.set(BTreeMap::new());
            act.run(async move {
                let typed = typed_entries(typed, confirmed);
                let saved = ofis.save_line_readings(&bill_id, &meters, &typed).await;
                let scope = PayScope::Line(bill_id.clone());
                let paying = match saved {
                    Ok(_) => {
                        if !pay {
                            ui.home(
                                nav,
                                "Показания сохранены: они уйдут поставщику вместе с оплатой.",
                            );
                            return Ok(());
                        }
                        ofis.start_payment(scope.clone()).await
                    }
                    Err(e) => Err(e),
                };
                match paying {
                    Ok(ticket) => {
                        nav.push(Route::Checkout { order: ticket.key });
                        Ok(())
                    }
                    // A reading's own error shows under its meter.
                    Err(CoreError::Reading { meter_id, error: e }) => {
                        errors.write().insert(meter_id, e);
                        Ok(())
                    }
                    Err(e) => Err(Failure::from(e)),
                }
            })
        }
    };
    let mut save_pay = save.clone();

    rsx! {
        LineHeader { bill: bill.clone(), metered: !meters.is_empty() }
        for meter in meters.iter() {
            MeterField {
                key: "{meter.id}",
                card: meter.clone(),
                label: "конечное",
                show_details: false,
                typed,
                error: errors.read().get(&meter.id).cloned(),
                confirmed: confirmed.read().contains(&meter.id),
                on_confirm: confirm_toggle(confirmed, &meter.id),
            }
        }
        crate::components::ActError { act, id: "readings-error", screen: "Оплатить: показания" }
        div { class: "readings-actions",
            if !meters.is_empty() {
                button { id: "readings-save", class: "secondary", disabled: act.busy(), onclick: move |_| save(false), "Сохранить" }
            }
            button { id: "readings-pay", class: "primary", disabled: act.busy(), onclick: move |_| save_pay(true), "Оплатить" }
        }
    }
}

/// The readings saved for the line, as the person would type them («123,4»).
fn saved_as_typed(line: &LineMeters) -> BTreeMap<String, String> {
    line.saved
        .iter()
        .map(|(m, v)| (m.0.clone(), decimal_ru(*v)))
        .collect()
}

/// The line being paid, and how to type its readings.
#[component]
fn LineHeader(bill: Bill, metered: bool) -> Element {
    rsx! {
        div { class: "readings-line",
            div { class: "service", "{bill.service_title()}" }
            div { class: "provider", "{bill.provider_name} · л/с {bill.account}" }
            div { class: "meta", "{bill.period.label_ru()} · к оплате {bill.amount_due.display_rub()}" }
        }
        if !metered {
            p { class: "hint", "У этой услуги нет индивидуальных приборов учёта." }
        } else {
            p { class: "hint",
                "Введите текущие показания в поле «конечное». Рекомендуем передавать их с {RECOMMENDED_WINDOW.first_day} по {RECOMMENDED_WINDOW.last_day} число. Показание «0» с оплатой передать нельзя (можно 0,1)."
            }
        }
    }
}
