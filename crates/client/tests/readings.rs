//! The client's meter calls against the sandbox over loopback: meters, tariffs, history, a
//! reading without payment resent safely, and readings carried by an order into the registry.

use chrono::NaiveDate;
use gorod_sandbox::{test_cards, SandboxConfig, SMS_CODE};
use ofis_api::{CreateOrder, OrderLineRequest, OrderStatus, ReadingSubmission};
use ofis_client::{AllowedGateways, ClientError, ClientOptions, GatewayClient, GorodClient};
use ofis_domain::card::CardData;
use ofis_domain::readings::{validate_reading, ReadingContext};
use rust_decimal::Decimal;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
}

async fn signed_in() -> (gorod_sandbox::RunningSandbox, GorodClient) {
    let sandbox = gorod_sandbox::start(SandboxConfig::loopback_ephemeral(today()))
        .await
        .unwrap();
    let client = GorodClient::new(&sandbox.gorod_url, &ClientOptions::default()).unwrap();
    client.request_sms("+79123456789").await.unwrap();
    client.sign_in("+79123456789", SMS_CODE).await.unwrap();
    (sandbox, client)
}

#[tokio::test]
async fn meters_tariffs_and_history_arrive_typed_and_validate_in_the_domain() {
    let (sandbox, client) = signed_in().await;
    let meters = client
        .meters("560011427027", Some("energosbyt"))
        .await
        .unwrap();
    assert_eq!(meters.len(), 3, "a three-tariff meter: T1, T2, T3");
    let t3 = meters[2].to_domain();
    let typed = (meters[2].last_value.unwrap() + Decimal::from(120)).to_string();
    let valid = validate_reading(&t3, &typed, ReadingContext::with_payment(today())).unwrap();
    assert_eq!(valid.consumption, Some(Decimal::from(120)));
    let price = meters[2].tariff.as_ref().unwrap().price;
    let preview = ofis_domain::readings::cost_preview(Decimal::from(120), price).unwrap();
    assert_eq!(preview.to_string(), "741.60");

    assert!(matches!(
        client.meters("560011427027", Some("gazprom")).await,
        Err(ClientError::NotFound(_))
    ));
    assert!(client.tariffs().await.unwrap().len() >= 10);
    let history = client.meter_readings(&meters[0].id).await.unwrap();
    assert_eq!(history.last().map(|r| r.value), meters[0].last_value);
    sandbox.shutdown().await;
}

#[tokio::test]
async fn a_reading_without_payment_is_sent_once_however_often_it_is_resent() {
    let (sandbox, client) = signed_in().await;
    let hot = client.meters("7020009002", None).await.unwrap().remove(0);
    let value = hot.last_value.unwrap() + Decimal::new(35, 1);
    let key = uuid::Uuid::new_v4().to_string();
    let first = client.submit_reading(&hot.id, value, &key).await.unwrap();
    let again = client.submit_reading(&hot.id, value, &key).await.unwrap();
    assert_eq!(first, again);
    let history = client.meter_readings(&hot.id).await.unwrap();
    assert_eq!(history.iter().filter(|r| r.id == first.id).count(), 1);

    let water = client.meters("4202000901", None).await.unwrap().remove(0);
    match client
        .submit_reading(&water.id, value, &uuid::Uuid::new_v4().to_string())
        .await
        .unwrap_err()
    {
        ClientError::Validation { message, field } => {
            assert_eq!(
                message,
                "Показания по этой услуге принимаются только вместе с оплатой"
            );
            assert_eq!(field.as_deref(), Some("meter"));
        }
        other => panic!("third-party meter gave {other:?}"),
    }
    sandbox.shutdown().await;
}

#[tokio::test]
async fn an_order_without_required_readings_is_refused_and_with_them_reaches_the_registry() {
    let (sandbox, client) = signed_in().await;
    let bill = client
        .account_bills("4202000901", None)
        .await
        .unwrap()
        .remove(0);
    let meter = client
        .meters(&bill.account, Some(&bill.provider_id))
        .await
        .unwrap()
        .remove(0);
    let without = CreateOrder {
        lines: vec![OrderLineRequest {
            bill_id: bill.id.clone(),
            amount: bill.amount_due,
            readings: Vec::new(),
        }],
    };
    let refused = client.create_order("r-1", &without).await.unwrap_err();
    assert!(
        matches!(&refused, ClientError::ReadingsRequired(m) if m.contains("Введите показания")),
        "{refused:?}"
    );

    let value = meter.last_value.unwrap() + Decimal::new(41, 1);
    let with = CreateOrder {
        lines: vec![OrderLineRequest {
            readings: vec![ReadingSubmission {
                meter_id: meter.id.clone(),
                value,
            }],
            ..without.lines[0].clone()
        }],
    };
    let order = client.create_order("r-2", &with).await.unwrap();
    let card = CardData::parse(test_cards::SUCCESS_VISA, "12/30", "123", today()).unwrap();
    GatewayClient::new(
        &ClientOptions::default(),
        AllowedGateways::only([&sandbox.gateway_url]).unwrap(),
    )
    .unwrap()
    .pay_with_card(&order.payment.gateway_url, &order.payment.payment_id, card)
    .await
    .unwrap();
    assert_eq!(
        client.order(&order.id).await.unwrap().status,
        OrderStatus::Paid
    );
    let registry = sandbox.state.registry("ucs");
    assert_eq!(registry.len(), 1);
    assert_eq!(
        (
            registry[0].readings[0].serial.as_str(),
            registry[0].readings[0].value
        ),
        ("21200091", value)
    );
    sandbox.shutdown().await;
}
