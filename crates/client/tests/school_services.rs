//! Paid education services, service requests, attendance, the stop-list and the child's photo
//! through the client against the sandbox over loopback: a service bill paid through an order
//! stays "processing" until the monthly posting on the 10th.

use chrono::NaiveDate;
use gorod_sandbox::school::DEMO_PHONE;
use gorod_sandbox::{test_cards, RunningSandbox, SandboxConfig, SMS_CODE};
use ofis_api::{
    paths, AttendanceMark, CreateMealRequests, CreateOrder, MealRequestKind, MealRequestReason,
    OrderLineRequest, ServiceRequestKind, ServiceRequestState, ServiceState,
};
use ofis_client::{AllowedGateways, ClientError, ClientOptions, GatewayClient, GorodClient};
use ofis_domain::card::CardData;
use ofis_domain::Money;

fn day(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

async fn start(today: &str) -> (RunningSandbox, GorodClient) {
    let sandbox = gorod_sandbox::start(SandboxConfig::loopback_ephemeral(day(today)))
        .await
        .unwrap();
    let client = GorodClient::new(&sandbox.gorod_url, &ClientOptions::default()).unwrap();
    client.request_sms(DEMO_PHONE).await.unwrap();
    client.sign_in(DEMO_PHONE, SMS_CODE).await.unwrap();
    (sandbox, client)
}

async fn set_clock(sandbox: &RunningSandbox, to: &str) {
    let status = reqwest::Client::new()
        .post(format!("{}{}", sandbox.gorod_url, paths::SANDBOX_CLOCK))
        .json(&serde_json::json!({ "today": to }))
        .send()
        .await
        .unwrap()
        .status();
    assert_eq!(status, 204);
}

#[tokio::test]
async fn a_paid_service_bill_stays_processing_until_the_monthly_posting() {
    let (sandbox, client) = start("2026-11-25").await;
    let robotics = |list: Vec<ofis_api::PaidServiceDto>| {
        list.into_iter().find(|s| s.id == "robotics").unwrap()
    };
    let before = robotics(client.paid_services("ch-maria").await.unwrap());
    assert_eq!(before.state, ServiceState::Enrolled);
    assert_eq!(
        before.owed,
        Money::from_whole_roubles(4800),
        "October and November"
    );
    let bills = client.service_bills("ch-maria").await.unwrap();
    let bill = bills.iter().find(|b| b.id.contains("robotics")).unwrap();
    assert_eq!(bill.amount_due, before.owed);
    assert!(
        client.service_bills("ch-artem").await.unwrap().is_empty(),
        "meals only"
    );

    let order = CreateOrder {
        lines: vec![OrderLineRequest {
            bill_id: bill.id.clone(),
            amount: bill.amount_due,
            readings: Vec::new(),
        }],
    };
    let created = client.create_order("svc-1", &order).await.unwrap();
    let card = CardData::parse(test_cards::SUCCESS_MIR, "12/30", "123", day("2026-11-25")).unwrap();
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

    let processing = robotics(client.paid_services("ch-maria").await.unwrap());
    assert_eq!(
        (processing.owed, processing.processing),
        (before.owed, before.owed)
    );
    assert!(
        !client
            .service_bills("ch-maria")
            .await
            .unwrap()
            .iter()
            .any(|b| b.id == bill.id),
        "nothing left to pay while it is processed"
    );
    set_clock(&sandbox, "2026-12-09").await;
    let waiting = robotics(client.paid_services("ch-maria").await.unwrap());
    assert_eq!(waiting.processing, before.owed, "posted only on the 10th");
    set_clock(&sandbox, "2026-12-10").await;
    let posted = robotics(client.paid_services("ch-maria").await.unwrap());
    assert!(posted.processing.is_zero());
    assert_eq!(posted.paid, before.paid + before.owed);
    assert_eq!(posted.owed, posted.monthly_charge, "December's charge only");
    sandbox.shutdown().await;
}

#[tokio::test]
async fn a_service_request_is_pending_then_decided_on_the_next_school_day() {
    let (sandbox, client) = start("2026-11-27").await; // a Friday
    let made = client
        .request_service("ch-maria", "english-club", ServiceRequestKind::Enrol)
        .await
        .unwrap();
    assert_eq!(
        (made.state, made.decided_on),
        (ServiceRequestState::Pending, day("2026-11-30"))
    );
    assert!(matches!(
        client
            .request_service("ch-maria", "english-club", ServiceRequestKind::Enrol)
            .await,
        Err(ClientError::Validation { .. })
    ));
    assert!(matches!(
        client.request_service("ch-maria", "robotics", ServiceRequestKind::Enrol).await,
        Err(ClientError::Validation { message, .. }) if message.contains("уже записан")
    ));
    set_clock(&sandbox, "2026-11-30").await;
    let listed = client.service_requests("ch-maria").await.unwrap();
    assert_eq!(listed[0].state, ServiceRequestState::Approved);
    let english = client.paid_services("ch-maria").await.unwrap();
    let english = english.iter().find(|s| s.id == "english-club").unwrap();
    assert_eq!(
        (english.state, english.owed),
        (ServiceState::Enrolled, english.monthly_charge)
    );
    sandbox.shutdown().await;
}

#[tokio::test]
async fn attendance_marks_lessons_and_sick_days() {
    let (sandbox, client) = start("2026-11-25").await;
    let sick = CreateMealRequests {
        kind: MealRequestKind::Cancel,
        from: day("2026-11-30"),
        to: Some(day("2026-11-30")),
        reason: Some(MealRequestReason::Sick),
    };
    client.request_meals("ch-maria", &sick).await.unwrap();
    let week = client.attendance("ch-maria", None, None).await.unwrap();
    assert!(
        week.iter().all(|a| a.day < day("2026-11-25")),
        "lessons that took place"
    );
    assert!(week
        .iter()
        .any(|a| a.service_id == "robotics" && a.day == day("2026-11-23")));
    assert_eq!(
        client.attendance("ch-maria", None, None).await.unwrap(),
        week
    );
    set_clock(&sandbox, "2026-12-01").await;
    let monday = client
        .attendance("ch-maria", Some(day("2026-11-30")), Some(day("2026-11-30")))
        .await
        .unwrap();
    assert!(!monday.is_empty() && monday.iter().all(|a| a.mark == AttendanceMark::Sick));
    assert!(client
        .attendance("ch-artem", None, None)
        .await
        .unwrap()
        .is_empty());
    sandbox.shutdown().await;
}

/// The smallest PNG: one grey pixel.
const PNG: &[u8] = &[
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x00, 0x00, 0x00, 0x00, 0x3a, 0x7e, 0x9b,
    0x55, 0x00, 0x00, 0x00, 0x0a, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x60, 0x00, 0x00, 0x00,
    0x02, 0x00, 0x01, 0x48, 0xaf, 0xa4, 0x71, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae,
    0x42, 0x60, 0x82,
];

#[tokio::test]
async fn a_photo_is_stored_shown_on_the_card_and_replaced() {
    let (sandbox, client) = start("2026-11-25").await;
    assert!(client.children().await.unwrap()[0].photo_url.is_none());
    assert!(matches!(
        client.child_photo("ch-maria").await,
        Err(ClientError::NotFound(_))
    ));
    let stored = client
        .upload_child_photo("ch-maria", "image/png", PNG.to_vec())
        .await
        .unwrap();
    assert_eq!(
        (stored.content_type.as_str(), stored.size as usize),
        ("image/png", PNG.len())
    );
    let photo = client.child_photo("ch-maria").await.unwrap();
    assert_eq!(
        (photo.content_type.as_str(), photo.bytes.as_slice()),
        ("image/png", PNG)
    );
    let card = client.child("ch-maria").await.unwrap();
    assert_eq!(card.photo_url.as_deref(), Some(stored.url.as_str()));

    assert!(
        matches!(
            client
                .upload_child_photo("ch-maria", "image/jpeg", PNG.to_vec())
                .await,
            Err(ClientError::Validation { .. })
        ),
        "content must be what it says"
    );
    let huge = [PNG, &vec![0u8; 600 * 1024]].concat();
    assert!(matches!(
        client.upload_child_photo("ch-maria", "image/png", huge).await,
        Err(ClientError::Validation { message, .. }) if message.contains("512")
    ));
    assert_eq!(
        client.child_photo("ch-maria").await.unwrap(),
        photo,
        "the old one kept"
    );
    sandbox.shutdown().await;
}

#[tokio::test]
async fn the_till_refuses_what_the_parent_put_on_the_stop_list_from_then_on() {
    let (sandbox, client) = start("2026-11-25").await;
    let till = |items: &'static [&'static str]| {
        let url = format!("{}{}", sandbox.gorod_url, paths::SANDBOX_CANTEEN);
        async move {
            let body = serde_json::json!({ "child_id": "ch-artem", "items": items });
            let response = reqwest::Client::new()
                .post(url)
                .json(&body)
                .send()
                .await
                .unwrap();
            (response.status().as_u16(), response.text().await.unwrap())
        }
    };
    assert_eq!(till(&["compote"]).await.0, 201);
    let set = client
        .set_stop_list("ch-artem", &["compote", "compote", "pizza"])
        .await
        .unwrap();
    assert_eq!(set.stop_list, ["compote", "pizza"]);
    let (status, body) = till(&["compote"]).await;
    assert_eq!(status, 422);
    assert!(
        body.contains("purchase_refused") && body.contains("стоп-листе"),
        "{body}"
    );
    let menu = client.menu("ch-artem", None).await.unwrap();
    assert!(menu.items.iter().any(|i| i.id == "compote" && i.blocked));
    assert!(matches!(
        client.set_stop_list("ch-artem", &["caviar"]).await,
        Err(ClientError::Validation { field: Some(f), .. }) if f == "items"
    ));
    // The day before the list was set stays as it was: the past is not rewritten.
    let before = client.meal_history("ch-artem", Some(day("2026-11-24")), Some(day("2026-11-24")));
    let before = before.await.unwrap();
    assert!(before
        .purchases
        .iter()
        .flat_map(|p| &p.items)
        .any(|i| i.name.contains("Компот")));
    client.set_stop_list("ch-artem", &[]).await.unwrap();
    assert_eq!(till(&["compote"]).await.0, 201);
    sandbox.shutdown().await;
}
