//! Money (and every other decimal: fee percents, prices per unit, readings) travels as a string:
//! a JSON number would pass through a float on the way. Every real body of the sandbox — answers
//! and the app's own requests, of every wire type that carries an amount — is decoded once as it
//! is, then once per decimal string in it with that one value turned into a JSON number: each
//! such body is refused. The test also checks it met every money field name.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use gorod_sandbox::{test_cards, SandboxConfig, SMS_CODE};
use ofis_api::{
    paths, AddressBills, CreateOrder, MeterDto, OrderDto, OrderLineRequest, ProviderDto,
    ReadingDto, ReadingSubmission, ReceiptDto, SubmitReading, TariffDto,
};
use ofis_api::{
    ChildDto, MealHistoryDto, MealLimitDto, MenuDto, PaidServiceDto, SetMealLimit, TopUpRequest,
};
use ofis_client::{AllowedGateways, ClientOptions, GatewayClient, GorodClient};
use ofis_domain::card::CardData;
use rust_decimal::Decimal;
use serde::de::DeserializeOwned;
use serde_json::Value;

type Decode = fn(&[u8]) -> bool;

fn decodes<T: DeserializeOwned>(body: &[u8]) -> bool {
    serde_json::from_slice::<T>(body).is_ok()
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
}

/// Real bodies of every wire type carrying money or decimals, each with its decoder.
async fn bodies() -> Vec<(String, Vec<u8>, Decode)> {
    let sandbox = gorod_sandbox::start(SandboxConfig::loopback_ephemeral(today()))
        .await
        .unwrap();
    let base = sandbox.gorod_url.clone();
    let client = GorodClient::new(&base, &ClientOptions::default()).unwrap();
    client.request_sms("+79123456789").await.unwrap();
    let session = client.sign_in("+79123456789", SMS_CODE).await.unwrap();
    let address = client.suggest_addresses("советская 12 5").await.unwrap()[0].clone();
    let bills = client.address_bills(&address.id, None).await.unwrap();
    let meters = client
        .meters("560011427027", Some("energosbyt"))
        .await
        .unwrap();
    let bill = bills.bills[0].clone();
    let order = CreateOrder {
        lines: vec![OrderLineRequest {
            bill_id: bill.id.clone(),
            amount: bill.amount_due,
            readings: vec![ReadingSubmission {
                meter_id: meters[0].id.clone(),
                value: Decimal::new(12345, 1),
            }],
        }],
    };
    let plain = CreateOrder {
        lines: vec![OrderLineRequest {
            readings: Vec::new(),
            ..order.lines[0].clone()
        }],
    };
    let created = client.create_order("money-wire", &plain).await.unwrap();
    let card = CardData::parse(test_cards::SUCCESS_VISA, "12/30", "123", today()).unwrap();
    GatewayClient::new(
        &ClientOptions::default(),
        AllowedGateways::only([&sandbox.gateway_url]).unwrap(),
    )
    .unwrap()
    .pay_with_card(
        &created.payment.gateway_url,
        &created.payment.payment_id,
        card,
    )
    .await
    .unwrap();
    let receipt_id = client.order(&created.id).await.unwrap().receipt.unwrap().id;

    let gets: Vec<(String, Decode)> = vec![
        (paths::address_bills(&address.id), decodes::<AddressBills>),
        (
            format!("{}?q=%D0%B2%D0%BE%D0%B4%D0%B0", paths::PROVIDERS),
            decodes::<Vec<ProviderDto>>,
        ),
        (
            paths::account_bills(&bill.account),
            decodes::<Vec<ofis_api::BillDto>>,
        ),
        (paths::TARIFFS.to_string(), decodes::<Vec<TariffDto>>),
        (
            format!(
                "{}?provider_id=energosbyt",
                paths::account_meters("560011427027")
            ),
            decodes::<Vec<MeterDto>>,
        ),
        (
            paths::meter_readings(&meters[0].id),
            decodes::<Vec<ReadingDto>>,
        ),
        (paths::order(&created.id), decodes::<OrderDto>),
        (paths::ORDERS.to_string(), decodes::<Vec<OrderDto>>),
        (paths::RECEIPTS.to_string(), decodes::<Vec<ReceiptDto>>),
        (paths::receipt(&receipt_id), decodes::<ReceiptDto>),
        (paths::SCHOOL_CHILDREN.to_string(), decodes::<Vec<ChildDto>>),
        (paths::school_history("ch-maria"), decodes::<MealHistoryDto>),
        (paths::school_limit("ch-maria"), decodes::<MealLimitDto>),
        (paths::school_menu("ch-maria"), decodes::<MenuDto>),
        (
            paths::school_services("ch-maria"),
            decodes::<Vec<PaidServiceDto>>,
        ),
        (
            paths::school_service_bills("ch-maria"),
            decodes::<Vec<ofis_api::BillDto>>,
        ),
    ];
    let http = reqwest::Client::new();
    let mut out = Vec::new();
    for (path, decode) in gets {
        let resp = http
            .get(format!("{base}{path}"))
            .bearer_auth(&session.access_token)
            .send()
            .await
            .unwrap();
        assert!(resp.status().is_success(), "{path}");
        out.push((path, resp.bytes().await.unwrap().to_vec(), decode));
    }
    let requests: Vec<(String, Vec<u8>, Decode)> = vec![
        (
            "CreateOrder".into(),
            serde_json::to_vec(&order).unwrap(),
            decodes::<CreateOrder>,
        ),
        (
            "SubmitReading".into(),
            serde_json::to_vec(&SubmitReading {
                value: Decimal::new(5, 1),
            })
            .unwrap(),
            decodes::<SubmitReading>,
        ),
        (
            "TopUpRequest".into(),
            serde_json::to_vec(&TopUpRequest {
                amount: bill.amount_due,
            })
            .unwrap(),
            decodes::<TopUpRequest>,
        ),
        (
            "SetMealLimit".into(),
            serde_json::to_vec(&SetMealLimit {
                daily_limit: Some(bill.amount_due),
            })
            .unwrap(),
            decodes::<SetMealLimit>,
        ),
    ];
    out.extend(requests);
    sandbox.shutdown().await;
    out
}

/// Paths (as JSON pointers) of every string that reads as a decimal, with its field name.
fn decimal_strings(value: &Value, at: String, found: &mut Vec<(String, String)>) {
    match value {
        Value::String(s) if s.parse::<Decimal>().is_ok() => {
            let name = at
                .rsplit('/')
                .find(|p| p.parse::<usize>().is_err())
                .unwrap_or("");
            found.push((at.clone(), name.to_string()));
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                decimal_strings(v, format!("{at}/{i}"), found);
            }
        }
        Value::Object(fields) => {
            for (k, v) in fields {
                decimal_strings(v, format!("{at}/{k}"), found);
            }
        }
        _ => {}
    }
}

#[tokio::test]
async fn every_decimal_of_every_wire_type_as_a_json_number_is_refused() {
    let mut names = BTreeSet::new();
    let mut mutated = 0;
    for (what, body, decode) in bodies().await {
        assert!(decode(&body), "the real {what} decodes");
        let value: Value = serde_json::from_slice(&body).unwrap();
        let mut found = Vec::new();
        decimal_strings(&value, String::new(), &mut found);
        for (pointer, name) in found {
            let mut bad = value.clone();
            let slot = bad.pointer_mut(&pointer).unwrap();
            let text = slot.as_str().unwrap().to_string();
            // The same value as a JSON number, e.g. "12.50" → 12.50.
            let Ok(number) = serde_json::from_str::<serde_json::Number>(&text) else {
                continue;
            };
            *slot = Value::Number(number);
            let bad = serde_json::to_vec(&bad).unwrap();
            assert!(
                !decode(&bad),
                "{what}: {pointer} as the number {text} was accepted"
            );
            names.insert(name);
            mutated += 1;
        }
    }
    for money in [
        "amount_due",
        "amount",
        "fee",
        "fees",
        "total",
        "sum",
        "min",
        "percent",
        "price",
        "value",
        "last_value",
        "max_monthly_consumption",
        "balance",
        "daily_limit",
        "left_today",
        "monthly_charge",
        "owed",
        "paid",
    ] {
        assert!(
            names.contains(money),
            "no {money} field was tried; tried {names:?}"
        );
    }
    eprintln!("{mutated} decimals turned into JSON numbers, every one refused; fields {names:?}");
}
