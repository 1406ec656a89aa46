//! «Транспорт» through the client against the sandbox over loopback: saving an online card and
//! refusing one that is not (with the manual's advice), a top-up asked as a bill and paid through
//! an order and the gateway («ожидает зачисления», then credited once the clock moves), a
//! history that is the same for the same clock, the GTFS feed parsed into routes, stops in order
//! and next arrivals, and the live feed's delays, early buses, cancellations, staleness and
//! absence seen as such.

use chrono::{DateTime, Days, Duration, NaiveDate, TimeZone, Utc};
use gorod_sandbox::school::DEMO_PHONE;
use gorod_sandbox::transport::world::CARDS;
use gorod_sandbox::transport::DEMO_CARD_NAME;
use gorod_sandbox::{test_cards, RunningSandbox, SandboxConfig, SMS_CODE};
use ofis_api::{
    paths, ArrivalStatusDto, CardTopUpState, CreateOrder, GatewayStatus, LiveFeedState,
    OrderLineRequest, OrderStatus,
};
use ofis_client::{gtfs, AllowedGateways, ClientError, ClientOptions, GatewayClient, GorodClient};
use ofis_domain::card::CardData;
use ofis_domain::transport::{
    feed_state, next_arrivals, ArrivalStatus, CardType, FeedState, TransportCardNumber, TripLive,
};
use ofis_domain::Money;
use serde_json::json;

/// A Wednesday.
fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
}

/// A local time (Asia/Yekaterinburg) of a day.
fn at(day: NaiveDate, hour: u32, minute: u32) -> DateTime<Utc> {
    ofis_domain::tz::offset()
        .from_local_datetime(&day.and_hms_opt(hour, minute, 0).unwrap())
        .unwrap()
        .to_utc()
}

/// The number of the first demo card of a type.
fn card_of(card_type: CardType) -> String {
    CARDS
        .iter()
        .skip(1)
        .find(|c| c.card_type == card_type)
        .unwrap()
        .number()
}

async fn sandbox() -> RunningSandbox {
    let sandbox = gorod_sandbox::start(SandboxConfig::loopback_ephemeral(today()))
        .await
        .unwrap();
    set_clock(&sandbox, today(), "10:00").await;
    sandbox
}

async fn signed_in(sandbox: &RunningSandbox) -> GorodClient {
    let client = GorodClient::new(&sandbox.gorod_url, &ClientOptions::default()).unwrap();
    client.request_sms(DEMO_PHONE).await.unwrap();
    client.sign_in(DEMO_PHONE, SMS_CODE).await.unwrap();
    client
}

/// Sets the sandbox clock (date and a standing time of day) with its control endpoint.
async fn set_clock(sandbox: &RunningSandbox, day: NaiveDate, time: &str) {
    control(
        sandbox,
        paths::SANDBOX_CLOCK,
        json!({ "today": day.to_string(), "time": time }),
    )
    .await;
}

async fn control(sandbox: &RunningSandbox, path: &str, body: serde_json::Value) {
    let status = reqwest::Client::new()
        .post(format!("{}{path}", sandbox.gorod_url))
        .json(&body)
        .send()
        .await
        .unwrap()
        .status();
    assert_eq!(status, 204, "{path}");
}

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

#[tokio::test]
async fn the_gtfs_feed_parses_into_routes_stops_in_order_and_the_servers_next_arrivals() {
    let sandbox = sandbox().await;
    let client = GorodClient::new(&sandbox.gorod_url, &ClientOptions::default()).unwrap();
    let network = client.timetable().await.unwrap();
    assert_eq!(network.routes.len(), 3);
    let five = &network.find_routes("5")[0];
    let names: Vec<&str> = network
        .route_stops(&five.id)
        .iter()
        .map(|s| s.name.as_str())
        .collect();
    assert_eq!(
        names,
        [
            "Автовокзал",
            "Площадь Гагарина",
            "Драмтеатр",
            "Центральный рынок",
            "Старый город"
        ]
    );
    let stop = network.find_stops("драмтеатр")[0].clone();
    assert_eq!(client.find_stops("драмтеатр").await.unwrap()[0].id, stop.id);
    assert_eq!(client.route_stops(&five.id).await.unwrap().len(), 5);

    let now = at(today(), 10, 0);
    let live = client.live_feed().await.unwrap();
    let state = feed_state(live.timestamp, true, now);
    assert_eq!(state, FeedState::Live);
    let departures =
        network.departures_after(&stop.id, now - Duration::minutes(30), Duration::hours(3));
    let mine = next_arrivals(departures, &live, state, now, 8);
    assert_eq!(mine.len(), 8);
    assert!(
        mine.iter().any(|a| a.status == ArrivalStatus::Scheduled),
        "not yet on the road"
    );
    let server = client.stop_arrivals(&stop.id).await.unwrap();
    let theirs: Vec<(String, DateTime<Utc>)> = server
        .arrivals
        .iter()
        .map(|a| (a.trip_id.clone(), a.predicted))
        .collect();
    let ours: Vec<(String, DateTime<Utc>)> = mine
        .iter()
        .map(|a| (a.departure.trip_id.clone(), a.predicted))
        .collect();
    assert_eq!(ours, theirs, "the app and the server agree");
    sandbox.shutdown().await;
}

#[tokio::test]
async fn live_delays_early_buses_cancellations_staleness_and_no_feed_are_seen_as_such() {
    let sandbox = sandbox().await;
    let client = GorodClient::new(&sandbox.gorod_url, &ClientOptions::default()).unwrap();
    let network = gtfs::parse_gtfs(&client.gtfs_zip().await.unwrap()).unwrap();
    let now = at(today(), 10, 0);
    let coming =
        network.departures_after("dramteatr", now + Duration::minutes(20), Duration::hours(1));
    let (late, early, gone) = (&coming[0].trip_id, &coming[1].trip_id, &coming[2].trip_id);
    let switches = json!({ "delays": { late: 420, early: -120 }, "cancelled": [gone] });
    control(&sandbox, paths::SANDBOX_TRANSPORT_FEED, switches).await;

    let live = client.live_feed().await.unwrap();
    assert_eq!(live.trips.get(late), Some(&TripLive::Delay(420)));
    assert_eq!(live.trips.get(early), Some(&TripLive::Delay(-120)));
    assert_eq!(live.trips.get(gone), Some(&TripLive::Cancelled));
    let departures = network.departures_after("dramteatr", now, Duration::hours(2));
    let shown = next_arrivals(
        departures,
        &live,
        feed_state(live.timestamp, true, now),
        now,
        20,
    );
    let status = |trip: &str| {
        shown
            .iter()
            .find(|a| a.departure.trip_id == trip)
            .map(|a| a.status)
    };
    assert_eq!(status(late), Some(ArrivalStatus::Late(7)));
    assert_eq!(status(early), Some(ArrivalStatus::Early(2)));
    assert_eq!(status(gone), Some(ArrivalStatus::Cancelled));
    let server = client.stop_arrivals("dramteatr").await.unwrap();
    let on_server = |trip: &str| {
        server
            .arrivals
            .iter()
            .find(|a| a.trip_id == trip)
            .map(|a| a.status)
    };
    assert_eq!(on_server(late), Some(ArrivalStatusDto::Late));
    assert_eq!(on_server(gone), Some(ArrivalStatusDto::Cancelled));

    control(
        &sandbox,
        paths::SANDBOX_TRANSPORT_FEED,
        json!({ "delays": { late: 420 }, "stale_minutes": 12 }),
    )
    .await;
    let stale = client.live_feed().await.unwrap();
    assert_eq!(
        feed_state(stale.timestamp, true, now),
        FeedState::Stale { minutes: 12 }
    );
    let server = client.stop_arrivals("dramteatr").await.unwrap();
    assert_eq!(server.feed, LiveFeedState::Stale);
    assert!(server.banner.is_some());
    assert!(server
        .arrivals
        .iter()
        .all(|a| a.status == ArrivalStatusDto::Scheduled));

    control(
        &sandbox,
        paths::SANDBOX_TRANSPORT_FEED,
        json!({ "down": true }),
    )
    .await;
    assert!(matches!(
        client.live_feed().await,
        Err(ClientError::Server { status: 503, .. })
    ));
    let server = client.stop_arrivals("dramteatr").await.unwrap();
    assert_eq!(server.feed, LiveFeedState::Down);
    assert!(!server.arrivals.is_empty(), "the schedule, not nothing");
    assert_eq!(feed_state(None, false, now), FeedState::Down);
    sandbox.shutdown().await;
}
