//! The client against the sandbox over real HTTP on loopback: every call, and every kind of error
//! mapped to its typed variant.

use std::time::Duration;

use chrono::NaiveDate;
use gorod_sandbox::{test_cards, SandboxConfig, SMS_CODE};
use ofis_api::{CreateOrder, GatewayStatus, OrderLineRequest, OrderStatus};
use ofis_client::{ClientError, ClientOptions, GatewayClient, GorodClient};
use ofis_domain::card::CardData;

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

fn card(pan: &str) -> CardData {
    CardData::parse(pan, "12/30", "123", today()).unwrap()
}

#[tokio::test]
async fn finds_an_address_and_its_bills_then_pays_them_once() {
    let (sandbox, client) = signed_in().await;
    let found = client.suggest_addresses("советская 12 5").await.unwrap();
    let address = found
        .iter()
        .find(|a| a.title.contains("кв. 5"))
        .expect("the demo address");
    let bills = client.address_bills(&address.id, None).await.unwrap();
    assert!(bills.bills.len() >= 8, "every posted bill of the address");

    let order = CreateOrder {
        lines: bills
            .bills
            .iter()
            .map(|b| OrderLineRequest {
                bill_id: b.id.clone(),
                amount: b.amount_due,
            })
            .collect(),
    };
    let key = uuid::Uuid::new_v4().to_string();
    let created = client.create_order(&key, &order).await.unwrap();
    assert_eq!(created.status, OrderStatus::AwaitingPayment);
    let replayed = client.create_order(&key, &order).await.unwrap();
    assert_eq!(
        replayed.id, created.id,
        "same key and body: the first answer replayed"
    );

    let gateway = GatewayClient::new(&ClientOptions::default()).unwrap();
    let outcome = gateway
        .pay_with_card(
            &created.payment.gateway_url,
            &created.payment.payment_id,
            card(test_cards::SUCCESS_MIR),
        )
        .await
        .unwrap();
    assert_eq!(outcome.status, GatewayStatus::Succeeded);
    let paid = client.order(&created.id).await.unwrap();
    assert_eq!(paid.status, OrderStatus::Paid);
    let receipt = paid.receipt.expect("a paid order has a receipt");
    assert_eq!(receipt.total, created.total);
    assert!(receipt.fiscal.qr_text().starts_with("t=2026"));
    assert_eq!(client.receipts().await.unwrap().len(), 1);
    assert_eq!(sandbox.state.charges().len(), 1, "exactly one charge");
    sandbox.shutdown().await;
}

#[tokio::test]
async fn a_reused_key_with_another_body_is_a_typed_mismatch() {
    let (sandbox, client) = signed_in().await;
    let address = &client.suggest_addresses("Победы 114").await.unwrap()[0];
    let bills = client.address_bills(&address.id, None).await.unwrap().bills;
    let one = |i: usize| CreateOrder {
        lines: vec![OrderLineRequest {
            bill_id: bills[i].id.clone(),
            amount: bills[i].amount_due,
        }],
    };
    let key = uuid::Uuid::new_v4().to_string();
    client.create_order(&key, &one(0)).await.unwrap();
    assert_eq!(
        client.create_order(&key, &one(1)).await.unwrap_err(),
        ClientError::IdempotencyMismatch
    );
    sandbox.shutdown().await;
}

#[tokio::test]
async fn server_refusals_arrive_as_typed_errors_with_russian_text() {
    let (sandbox, client) = signed_in().await;
    let fresh = GorodClient::new(&sandbox.gorod_url, &ClientOptions::default()).unwrap();
    fresh.request_sms("89123456789").await.unwrap();
    match fresh.sign_in("89123456789", "0000").await.unwrap_err() {
        ClientError::Validation { message, field } => {
            assert!(message.contains("код"), "{message}");
            assert_eq!(field.as_deref(), Some("code"));
        }
        other => panic!("wrong SMS code gave {other:?}"),
    }
    assert_eq!(
        fresh
            .address_bills("orb-pobedy-114-27", None)
            .await
            .unwrap_err(),
        ClientError::Unauthorized
    );
    assert!(
        matches!(client.address_bills("no-such-address", None).await, Err(ClientError::NotFound(m)) if !m.is_empty())
    );

    sandbox
        .state
        .set_maintenance(Some(("Профилактика до 06:00".into(), 600)));
    match client.suggest_addresses("Советская").await.unwrap_err() {
        ClientError::Maintenance {
            message,
            retry_after_seconds,
        } => {
            assert_eq!(message, "Профилактика до 06:00");
            assert_eq!(retry_after_seconds, Some(600));
        }
        other => panic!("maintenance gave {other:?}"),
    }
    sandbox.state.set_maintenance(None);
    assert!(client.suggest_addresses("Советская").await.is_ok());
    sandbox.shutdown().await;
}

#[tokio::test]
async fn a_server_that_is_down_or_silent_is_a_network_error_or_a_timeout() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let silent = format!("http://{}", listener.local_addr().unwrap());
    let options = ClientOptions {
        timeout: Duration::from_millis(400),
        ..ClientOptions::default()
    };
    let client = GorodClient::new(&silent, &options).unwrap();
    assert_eq!(
        client.suggest_addresses("Советская").await.unwrap_err(),
        ClientError::Timeout
    );
    drop(listener);

    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap();
    let client = GorodClient::new(&format!("http://{closed}"), &options).unwrap();
    assert!(matches!(
        client.suggest_addresses("Советская").await,
        Err(ClientError::Network(_))
    ));
}

#[tokio::test]
async fn plain_http_to_another_host_is_refused_before_any_request() {
    let err = GorodClient::new("http://gorod.example", &ClientOptions::default()).unwrap_err();
    assert!(matches!(err, ClientError::InsecureUrl(_)));
    let gateway = GatewayClient::new(&ClientOptions::default()).unwrap();
    let err = gateway
        .pay_with_card("http://bank.example", "p1", card(test_cards::SUCCESS_VISA))
        .await
        .unwrap_err();
    assert!(
        matches!(err, ClientError::InsecureUrl(_)),
        "card data never goes over plain http"
    );
}
