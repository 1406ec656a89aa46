//! The client against the sandbox over real HTTP on loopback: every call, and every kind of error
//! mapped to its typed variant.

use std::time::Duration;

use chrono::NaiveDate;
use gorod_sandbox::{test_cards, SandboxConfig, SMS_CODE};
use ofis_api::{AccountFieldKind, CreateOrder, GatewayStatus, OrderLineRequest, OrderStatus};
use ofis_client::{AllowedGateways, ClientError, ClientOptions, GatewayClient, GorodClient};
use ofis_domain::card::CardData;
use ofis_domain::{Bill, BillId, CombinedBill, Money, Period};

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
                readings: Vec::new(),
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

    let gateway = GatewayClient::new(
        &ClientOptions::default(),
        AllowedGateways::only([&sandbox.gateway_url]).unwrap(),
    )
    .unwrap();
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
    assert!(ofis_domain::Fiscal::from(receipt.fiscal.clone())
        .qr_text()
        .starts_with("t=2026"));
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
            readings: Vec::new(),
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
    let gateway =
        GatewayClient::new(&ClientOptions::default(), AllowedGateways::any_loopback()).unwrap();
    let err = gateway
        .pay_with_card("http://bank.example", "p1", card(test_cards::SUCCESS_VISA))
        .await
        .unwrap_err();
    assert!(
        matches!(err, ClientError::InsecureUrl(_)),
        "card data never goes over plain http"
    );
}

#[tokio::test]
async fn finds_a_provider_by_name_or_inn_then_its_bill_by_the_number_it_asks_for() {
    let (sandbox, client) = signed_in().await;
    let found = client.search_providers("МегаФон").await.unwrap();
    assert_eq!(found.len(), 1);
    let megafon = &found[0];
    assert_eq!(megafon.account_field.kind, AccountFieldKind::Phone);
    assert_eq!(
        client.search_providers("78120").await.unwrap(),
        found,
        "by the start of the INN"
    );
    assert!(client.search_providers("").await.unwrap().is_empty());

    let bills = client
        .provider_bills(&megafon.id, "8 912 345 67 89", None)
        .await
        .unwrap();
    assert_eq!(bills.len(), 1);
    assert_eq!(bills[0].account, "9123456789");
    assert_eq!(bills[0].rules, megafon.rules);
    let october = Period::new(2026, 10).unwrap();
    let earlier = client
        .provider_bills(&megafon.id, "9123456789", Some(october))
        .await
        .unwrap();
    assert_eq!(earlier[0].period, october);

    match client
        .provider_bills(&megafon.id, "912", None)
        .await
        .unwrap_err()
    {
        ClientError::Validation { message, field } => {
            assert_eq!(message, "Номер телефона: 10 цифр, например 9123456789");
            assert_eq!(field.as_deref(), Some("account"));
        }
        other => panic!("wrong format gave {other:?}"),
    }
    assert_eq!(
        client
            .provider_bills(&megafon.id, "9000000000", None)
            .await
            .unwrap_err(),
        ClientError::NotFound("Счёт не найден. Проверьте номер.".into())
    );

    let by_account = client.account_bills("ох-12345", None).await.unwrap();
    assert_eq!(by_account[0].provider_id, "okhrana");
    assert_eq!(
        client.account_bills("0000000000", None).await.unwrap_err(),
        ClientError::NotFound("По этому лицевому счёту счетов не найдено".into())
    );
    assert!(matches!(
        client.account_bills("  ", None).await,
        Err(ClientError::Validation { field: Some(f), .. }) if f == "account"
    ));
    sandbox.shutdown().await;
}

#[tokio::test]
async fn the_server_charges_exactly_the_engines_total_with_fees_and_emails_the_receipt() {
    let (sandbox, client) = signed_in().await;
    let bills = client
        .address_bills("orb-sovetskaya-12-5", None)
        .await
        .unwrap()
        .bills;
    let mut combined = CombinedBill::new();
    combined.add_all(bills.into_iter().map(|b| Bill::try_from(b).unwrap()));
    let internet = BillId("bill-UF5612505-2026-11".into());
    let odd = Money::parse_input("1234,57").unwrap();
    combined.set_amount(&internet, odd).unwrap();
    let frozen = combined.freeze().unwrap();
    assert!(!frozen.fees().is_zero(), "the internet line carries a fee");

    let order = CreateOrder {
        lines: frozen
            .lines()
            .iter()
            .map(|l| OrderLineRequest {
                bill_id: l.bill.id.to_string(),
                amount: l.amount,
                readings: Vec::new(),
            })
            .collect(),
    };
    let created = client.create_order("fees-1", &order).await.unwrap();
    assert_eq!(
        (created.total, created.fees),
        (frozen.total(), frozen.fees()),
        "server and engine agree to the kopeck"
    );

    let gateway = GatewayClient::new(
        &ClientOptions::default(),
        AllowedGateways::only([&sandbox.gateway_url]).unwrap(),
    )
    .unwrap();
    gateway
        .pay_with_card(
            &created.payment.gateway_url,
            &created.payment.payment_id,
            card(test_cards::SUCCESS_VISA),
        )
        .await
        .unwrap();
    let receipt = client.order(&created.id).await.unwrap().receipt.unwrap();
    assert_eq!(client.receipt(&receipt.id).await.unwrap(), receipt);
    assert_eq!(
        (receipt.total, receipt.fees),
        (frozen.total(), frozen.fees())
    );

    match client
        .email_receipt(&receipt.id, "ivan@")
        .await
        .unwrap_err()
    {
        ClientError::Validation { field, .. } => assert_eq!(field.as_deref(), Some("email")),
        other => panic!("a bad address gave {other:?}"),
    }
    let queued = client
        .email_receipt(&receipt.id, "ivan@mail.ru")
        .await
        .unwrap();
    assert_eq!(queued.to, "ivan@mail.ru");
    let mail = sandbox.state.sent_mail();
    assert_eq!(mail.len(), 1);
    assert_eq!(mail[0].receipt_id, receipt.id);
    sandbox.shutdown().await;
}

#[tokio::test]
async fn an_amount_outside_the_providers_rules_is_refused_on_its_line() {
    let (sandbox, client) = signed_in().await;
    let order = CreateOrder {
        lines: vec![OrderLineRequest {
            bill_id: "bill-0312500501-2026-11".into(),
            amount: Money::parse_input("5").unwrap(),
            readings: Vec::new(),
        }],
    };
    match client.create_order("min-1", &order).await.unwrap_err() {
        ClientError::Validation { message, field } => {
            assert!(message.starts_with("Холодное водоснабжение: "), "{message}");
            assert_eq!(field.as_deref(), Some("lines[0].amount"));
        }
        other => panic!("below the minimum gave {other:?}"),
    }
    sandbox.shutdown().await;
}

#[tokio::test]
async fn an_expired_access_token_is_renewed_once_and_the_request_goes_through() {
    let (sandbox, client) = signed_in().await;
    let renewed = std::sync::Arc::new(std::sync::Mutex::new(Vec::<String>::new()));
    let seen = renewed.clone();
    client.on_session_renewed(std::sync::Arc::new(move |s: &ofis_api::Session| {
        seen.lock().unwrap().push(s.refresh_token.clone());
    }));
    client.orders().await.unwrap();
    assert!(
        renewed.lock().unwrap().is_empty(),
        "a live token is not renewed"
    );

    // An hour later: four requests at once, one renewal (refresh tokens are single-use).
    sandbox.state.expire_access_tokens();
    let (a, b, c, d) = tokio::join!(
        client.orders(),
        client.receipts(),
        client.orders(),
        client.tariffs()
    );
    assert!(a.is_ok() && b.is_ok() && c.is_ok() && d.is_ok());
    assert_eq!(renewed.lock().unwrap().len(), 1);

    // A refresh token the server refuses: signed out, typed.
    sandbox.state.expire_access_tokens();
    client.set_refresh_token(Some("not-a-token".into()));
    assert_eq!(client.orders().await, Err(ClientError::Unauthorized));
    assert!(!client.has_token());
    assert_eq!(renewed.lock().unwrap().len(), 1);
    sandbox.shutdown().await;
}
