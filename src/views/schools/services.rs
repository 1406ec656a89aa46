//! «Платные образовательные услуги»: the child's services with what is charged, owed and paid;
//! «Оплатить» for what is owed (through the one payment engine: the card form, the receipt);
//! «Записаться» / «Отказаться», and the requests the school has not decided yet.

use std::collections::BTreeSet;

use crate::components::Failure;
use dioxus::prelude::*;
use ofis_core::{Ofis, PaidService, PaidServices, ServiceRequest};
use ofis_domain::{Bill, BillId, Money};

use crate::components::{use_act, BackButton};
use crate::route::Route;

/// The services screen of a child.
#[component]
pub fn PaidServicesScreen(child: String) -> Element {
    let ofis = use_context::<Ofis>();
    let reload = use_signal(|| 0u32);
    let id = child.clone();
    let loaded = use_resource(move || {
        let (ofis, id) = (ofis.clone(), id.clone());
        let _ = reload();
        async move {
            let services = ofis.paid_services(&id).await?;
            let requests = ofis.service_requests(&id).await?;
            Ok::<_, ofis_core::CoreError>((services, requests))
        }
    });
    let shown = match &*loaded.read() {
        None => rsx! { p { class: "hint", "Загружаем…" } },
        Some(Err(e)) => {
            rsx! { {crate::components::load_error("services-error", "Платные услуги", e)} }
        }
        Some(Ok((services, requests))) => rsx! {
            ServiceList { child: child.clone(), list: services.services.clone(), reload }
            ToPay { services: services.clone() }
            Requests { requests: requests.clone() }
        },
    };
    rsx! {
        header { class: "topbar",
            BackButton { to: Route::Child { child: child.clone() } }
            h1 { "Платные образовательные услуги" }
        }
        section { id: "paid-services", class: "school-services", {shown} }
    }
}

/// Each service: schedule, charge, owed, paid, processing; «Записаться» or «Отказаться».
#[component]
fn ServiceList(child: String, list: Vec<PaidService>, reload: Signal<u32>) -> Element {
    rsx! {
        ul { class: "services",
            for service in list.iter() {
                li { key: "{service.id}", id: "service-{service.id}", class: "service-row",
                    div { class: "service", "{service.name}" }
                    div { class: "meta", "{service.schedule} · {service.monthly_charge.display_rub()} в месяц" }
                    div { class: "meta",
                        if service.enrolled { span { class: "chip paid", "посещает" } " " }
                        "оплачено " span { class: "amount", "{service.paid.display_rub()}" }
                        if !service.owed.is_zero() { ", к оплате " span { class: "amount", "{service.owed.display_rub()}" } }
                        if !service.processing.is_zero() { ", в обработке " span { class: "amount", "{service.processing.display_rub()}" } }
                    }
                    Enrolment { child: child.clone(), service: service.clone(), reload }
                }
            }
        }
    }
}

/// «Записаться» or «Отказаться»: a request the school decides on.
#[component]
fn Enrolment(child: String, service: PaidService, reload: Signal<u32>) -> Element {
    let ofis = use_context::<Ofis>();
    let act = use_act();
    let enrol = !service.enrolled;
    let error_id = format!("enrol-error-{}", service.id);
    let ask = move |_| {
        let (ofis, child, id) = (ofis.clone(), child.clone(), service.id.clone());
        act.run(async move {
            ofis.request_service(&child, &id, enrol)
                .await
                .map_err(Failure::from)?;
            *reload.write() += 1;
            Ok(())
        })
    };
    rsx! {
        button { class: "secondary", disabled: act.busy(), onclick: ask,
            if enrol { "Записаться" } else { "Отказаться" }
        }
        crate::components::ActError { act, id: error_id.clone(), screen: "Платные услуги" }
    }
}

/// What is owed this month: each bill can be left out; «Оплатить» pays the rest as one order.
#[component]
fn ToPay(services: PaidServices) -> Element {
    let ofis = use_context::<Ofis>();
    let nav = navigator();
    let bills = services.to_pay.clone();
    let mut left_out = use_signal(BTreeSet::<BillId>::new);
    let act = use_act();
    let chosen: Vec<Bill> = bills
        .iter()
        .filter(|b| !left_out.read().contains(&b.id))
        .cloned()
        .collect();
    let total: Money = chosen.iter().map(|b| b.amount_due).sum();
    let pay = move |_| {
        let (ofis, chosen) = (ofis.clone(), chosen.clone());
        act.run(async move {
            let ticket = ofis.pay_services(chosen).await.map_err(Failure::from)?;
            nav.push(Route::Checkout { order: ticket.key });
            Ok(())
        })
    };
    if bills.is_empty() {
        return rsx! { p { id: "services-nothing-owed", class: "hint", "Задолженности нет." } };
    }
    rsx! {
        h2 { class: "section-title", "К оплате" }
        for bill in bills.iter() {
            label { key: "{bill.id}", class: "pay-choice",
                input {
                    r#type: "checkbox",
                    checked: !left_out.read().contains(&bill.id),
                    onchange: {
                        let id = bill.id.clone();
                        move |e: FormEvent| { if e.checked() { left_out.write().remove(&id); } else { left_out.write().insert(id.clone()); } }
                    },
                }
                span { "{bill.service_name} · {bill.period.label_ru()}" }
                span { class: "amount", "{bill.amount_due.display_rub()}" }
            }
        }
        p { class: "hint", "Оплата поступит в школу при ежемесячном проведении (10-го числа): до этого она показана «в обработке»." }
        crate::components::ActError { act, id: "services-pay-error", screen: "Платные услуги" }
        button { id: "services-pay", class: "primary", disabled: act.busy() || total.is_zero(), onclick: pay, "Оплатить {total.display_rub()}" }
    }
}

/// The child's requests to enrol or leave, newest first.
#[component]
fn Requests(requests: Vec<ServiceRequest>) -> Element {
    if requests.is_empty() {
        return rsx! {};
    }
    rsx! {
        h2 { class: "section-title", "Заявки" }
        ul { id: "service-requests", class: "requests",
            for r in requests.iter() {
                li { key: "{r.id}", class: "request-row",
                    span { "{r.what}: {r.service_name}" }
                    span { class: "chip pending", "{r.state}" }
                    span { class: "meta", "решение {r.decided_on.format(\"%d.%m.%Y\")}" }
                }
            }
        }
    }
}
