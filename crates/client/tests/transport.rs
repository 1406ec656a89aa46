//! «Транспорт» cards through the client against the sandbox over loopback: saving an online
//! card and refusing one that is not (with the manual's advice), a top-up asked as a bill and
//! paid through an order and the gateway («ожидает зачисления», then credited once the clock
//! moves), a history that is the same for the same clock.

mod transport_support;

use chrono::{Days, NaiveDate};
use gorod_sandbox::transport::world::CARDS;
use gorod_sandbox::transport::DEMO_CARD_NAME;
use gorod_sandbox::{test_cards, RunningSandbox};
use ofis_api::{CardTopUpState, CreateOrder, GatewayStatus, OrderLineRequest, OrderStatus};
use ofis_client::{AllowedGateways, ClientError, ClientOptions, GatewayClient, GorodClient};
use ofis_domain::card::CardData;
use ofis_domain::transport::{CardType, TransportCardNumber};
use ofis_domain::Money;
use transport_support::{at, card_of, sandbox, set_clock, signed_in, today};

async fn pay(sandbox: &RunningSandbox, client: &GorodClient, bill: &ofis_api::BillDto) -> String {
    let order = CreateOrder {
        lines: vec![OrderLineRequest {
            bill_id: bill.id.clone(),
            amount: bill.amount_due,
            readings: Vec::new(),
        }],
    };
    let created = client
        .create_order(&uuid::Uuid::new_v4().to_string(), &order)
        .await
        .unwrap();
    let gateway = GatewayClient::new(
        &ClientOptions::default(),
        AllowedGateways::only([&sandbox.gateway_url]).unwrap(),
    )
    .unwrap();
    let card = CardData::parse(test_cards::SUCCESS_MIR, "12/30", "123", today()).unwrap();
    let outcome = gateway
        .pay_with_card(
            &created.payment.gateway_url,
            &created.payment.payment_id,
            card,
        )
        .await
        .unwrap();
    assert_eq!(outcome.status, GatewayStatus::Succeeded);
    assert_eq!(
        client.order(&created.id).await.unwrap().status,
        OrderStatus::Paid
    );
    created.id
}

#[tokio::test]
async fn an_online_card_is_saved_and_one_that_is_not_is_refused_with_the_manuals_advice() {
    let sandbox = sandbox().await;
    let client = signed_in(&sandbox).await;
    let cards = client.transport_cards().await.unwrap();
    assert_eq!(cards.len(), 1, "the demo phone starts with one card");
    assert_eq!(cards[0].name, DEMO_CARD_NAME);
    assert!(cards[0].online && !cards[0].balance.is_zero());

    let offline = card_of(CardType::Etk);
    let lookup = client.look_up_card(&offline).await.unwrap();
    assert!(!lookup.online);
    assert!(lookup.advice.as_deref().unwrap().contains("орск.рф"));
    match client.save_card(&offline, None).await {
        Err(ClientError::Validation { message, field }) => {
            assert!(
                message.starts_with("Карту «ЕТК» нельзя пополнить"),
                "{message}"
            );
            assert!(message.contains("«Карта школьника Орск Online»"));
            assert_eq!(field.as_deref(), Some("number"));
        }
        other => panic!("a card that is not online gave {other:?}"),
    }
    let mut typo = card_of(CardType::EtkOnline);
    typo.replace_range(10..11, if &typo[10..11] == "9" { "0" } else { "9" });
    assert!(matches!(
        client.save_card(&typo, None).await,
        Err(ClientError::Validation { field: Some(f), .. }) if f == "number"
    ));

    let online = TransportCardNumber::parse(&card_of(CardType::SchoolOrskOnline)).unwrap();
    let saved = client
        .save_card(&online.grouped(), Some("Сыну"))
        .await
        .unwrap();
    assert_eq!(
        (saved.name.as_str(), saved.number.as_str()),
        ("Сыну", online.digits())
    );
    assert!(
        saved.allowances.is_some(),
        "a school card says what it allows"
    );
    assert!(matches!(
        client.save_card(online.digits(), None).await,
        Err(ClientError::Conflict(_))
    ));
    let renamed = client.rename_card(online.digits(), "Артёму").await.unwrap();
    assert_eq!(renamed.name, "Артёму");
    assert_eq!(client.transport_cards().await.unwrap().len(), 2);
    client.remove_card(online.digits()).await.unwrap();
    assert!(matches!(
        client.transport_card(online.digits()).await,
        Err(ClientError::NotFound(_))
    ));
    client.save_card(online.digits(), None).await.unwrap();
    assert_eq!(
        client.transport_cards().await.unwrap().len(),
        2,
        "added again"
    );
    sandbox.shutdown().await;
}

#[tokio::test]
async fn a_top_up_bill_paid_through_an_order_awaits_credit_then_is_credited_when_the_clock_moves() {
    let sandbox = sandbox().await;
    let client = signed_in(&sandbox).await;
    let number = CARDS[0].number();
    let before = client.transport_card(&number).await.unwrap();
    assert!(before.pending_top_ups.is_zero());
    let amount = Money::from_whole_roubles(300);
    let bill = client
        .card_top_up_bill(&number, amount, "tt-1")
        .await
        .unwrap();
    assert_eq!(
        (bill.amount_due, bill.account.as_str()),
        (amount, number.as_str())
    );
    assert!(bill.rules.pay_in_full);
    assert_eq!(
        client
            .card_top_up_bill(&number, amount, "tt-1")
            .await
            .unwrap(),
        bill
    );
    assert_eq!(
        client
            .card_top_up_bill(&number, Money::from_whole_roubles(400), "tt-1")
            .await,
        Err(ClientError::IdempotencyMismatch)
    );
    for wrong in [10, 3_001] {
        assert!(matches!(
            client.card_top_up_bill(&number, Money::from_whole_roubles(wrong), "tt-2").await,
            Err(ClientError::Validation { field: Some(f), .. }) if f == "amount"
        ));
    }

    let order_id = pay(&sandbox, &client, &bill).await;
    let paid = client.transport_card(&number).await.unwrap();
    assert_eq!(
        (paid.balance, paid.pending_top_ups),
        (before.balance, amount)
    );
    let history = client.card_history(&number, None, None).await.unwrap();
    let top_up = history
        .top_ups
        .iter()
        .find(|t| t.order_id.as_deref() == Some(&order_id));
    assert_eq!(top_up.map(|t| t.state), Some(CardTopUpState::Awaiting));
    assert_eq!(sandbox.state.charges().len(), 1);

    let tomorrow = today() + Days::new(1);
    set_clock(&sandbox, tomorrow, "10:00").await;
    let credited = client.transport_card(&number).await.unwrap();
    assert!(credited.pending_top_ups.is_zero());
    let ridden: Money = client
        .card_history(&number, Some(today()), Some(tomorrow))
        .await
        .unwrap()
        .trips
        .iter()
        .filter(|t| t.at > at(today(), 10, 0))
        .map(|t| t.fare)
        .sum();
    assert_eq!(credited.balance, before.balance + amount - ridden);
    assert!(credited.balance_updated_at > before.balance_updated_at);
    let history = client
        .card_history(&number, Some(today()), None)
        .await
        .unwrap();
    let top_up = history
        .top_ups
        .iter()
        .find(|t| t.order_id.as_deref() == Some(&order_id));
    assert_eq!(top_up.map(|t| t.state), Some(CardTopUpState::Credited));
    sandbox.shutdown().await;
}

async fn october(client: &GorodClient, number: &str) -> ofis_api::CardHistoryDto {
    let day = |d| NaiveDate::from_ymd_opt(2026, 10, d);
    client.card_history(number, day(1), day(31)).await.unwrap()
}

#[tokio::test]
async fn the_history_of_a_period_is_the_same_for_the_same_clock() {
    let first = sandbox().await;
    let number = CARDS[0].number();
    let a = october(&signed_in(&first).await, &number).await;
    assert!(a.trips.len() > 10, "a month of rides");
    assert!(
        a.trips.windows(2).all(|w| w[0].at >= w[1].at),
        "newest first"
    );
    assert!(a
        .trips
        .iter()
        .all(|t| !t.route.is_empty() && !t.stop.is_empty()));
    assert!(a
        .top_ups
        .iter()
        .all(|t| t.state == CardTopUpState::Credited));
    let second = sandbox().await;
    assert_eq!(october(&signed_in(&second).await, &number).await, a);
    first.shutdown().await;
    second.shutdown().await;
}
