//! «Школы и Сады» through the client against the sandbox over loopback: children per phone, a
//! history that is the same for the same clock, a top-up asked as a bill and paid through an
//! order and the gateway (processing, then posted once the clock moves), the daily limit at the
//! canteen's till, meal requests against the cut-off.

use chrono::{Days, NaiveDate};
use gorod_sandbox::school::{DEMO_PHONE, NO_CHILDREN_PHONE, ONE_CHILD_PHONE};
use gorod_sandbox::{test_cards, RunningSandbox, SandboxConfig, SMS_CODE};
use ofis_api::{
    paths, ApiError, CreateMealRequests, CreateOrder, ErrorCode, GatewayStatus, MealRequestKind,
    MealRequestReason, MealRequestState, OrderLineRequest, OrderStatus, TopUpState,
};
use ofis_client::{AllowedGateways, ClientError, ClientOptions, GatewayClient, GorodClient};
use ofis_domain::card::CardData;
use ofis_domain::Money;
use serde_json::json;

/// A Wednesday: Friday's cut-off (Thursday 10:00) is ahead whatever the time of day.
fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
}

fn day(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

async fn sandbox() -> RunningSandbox {
    gorod_sandbox::start(SandboxConfig::loopback_ephemeral(today()))
        .await
        .unwrap()
}

async fn signed_in(sandbox: &RunningSandbox, phone: &str) -> GorodClient {
    let client = GorodClient::new(&sandbox.gorod_url, &ClientOptions::default()).unwrap();
    client.request_sms(phone).await.unwrap();
    client.sign_in(phone, SMS_CODE).await.unwrap();
    client
}

/// Moves the sandbox clock with its control endpoint, as a test of a real deployment would.
async fn set_clock(sandbox: &RunningSandbox, to: NaiveDate) {
    let status = reqwest::Client::new()
        .post(format!("{}{}", sandbox.gorod_url, paths::SANDBOX_CLOCK))
        .json(&json!({ "today": to.to_string() }))
        .send()
        .await
        .unwrap()
        .status();
    assert_eq!(status, 204);
}

/// Rings dishes up at the child's canteen: the created purchase, or the refusal.
async fn till(sandbox: &RunningSandbox, child: &str, items: &[&str]) -> Result<(), ApiError> {
    let response = reqwest::Client::new()
        .post(format!("{}{}", sandbox.gorod_url, paths::SANDBOX_CANTEEN))
        .json(&json!({ "child_id": child, "items": items }))
        .send()
        .await
        .unwrap();
    if response.status() == 201 {
        Ok(())
    } else {
        Err(response.json().await.unwrap())
    }
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
    let card = CardData::parse(test_cards::SUCCESS_VISA, "12/30", "123", today()).unwrap();
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
async fn each_phone_sees_its_own_children_and_a_phone_without_any_an_empty_list() {
    let sandbox = sandbox().await;
    let parent = signed_in(&sandbox, DEMO_PHONE).await;
    let children = parent.children().await.unwrap();
    let names: Vec<&str> = children.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["Соколова Мария", "Соколов Артём"]);
    assert_eq!(
        children
            .iter()
            .map(|c| c.has_paid_services)
            .collect::<Vec<_>>(),
        [true, false],
        "one with meals and paid services, one with meals only"
    );
    assert!(children
        .iter()
        .all(|c| !c.balance.is_zero() && c.meal_account.len() == 8));
    assert_eq!(parent.child("ch-maria").await.unwrap(), children[0]);
    assert!(matches!(
        parent.child("ch-daria").await,
        Err(ClientError::NotFound(_))
    ));

    let one = signed_in(&sandbox, ONE_CHILD_PHONE).await;
    assert_eq!(one.children().await.unwrap().len(), 1);
    let none = signed_in(&sandbox, NO_CHILDREN_PHONE).await;
    assert_eq!(none.children().await.unwrap(), []);
    sandbox.shutdown().await;
}

#[tokio::test]
async fn the_history_of_a_period_is_the_same_for_the_same_clock() {
    let first = sandbox().await;
    let parent = signed_in(&first, DEMO_PHONE).await;
    let last_week = parent.meal_history("ch-maria", None, None).await.unwrap();
    assert_eq!((last_week.from, last_week.to), (day("2026-11-19"), today()));
    assert!(
        last_week.purchases.len() >= 6,
        "breakfast and lunch on the school days"
    );
    assert!(
        last_week.purchases.windows(2).all(|w| w[0].at >= w[1].at),
        "newest first"
    );
    let october = parent
        .meal_history("ch-maria", Some(day("2026-10-01")), Some(day("2026-10-15")))
        .await
        .unwrap();
    assert!(october
        .top_ups
        .iter()
        .any(|t| t.state == TopUpState::Posted));
    assert_eq!(
        parent.meal_history("ch-maria", None, None).await.unwrap(),
        last_week
    );

    // Another sandbox on the same date: the same purchases, to the kopeck.
    let second = sandbox().await;
    let again = signed_in(&second, DEMO_PHONE).await;
    let october_again = again
        .meal_history("ch-maria", Some(day("2026-10-01")), Some(day("2026-10-15")))
        .await
        .unwrap();
    assert_eq!(october_again, october);
    assert!(matches!(
        again.meal_history("ch-maria", Some(today()), Some(day("2026-11-01"))).await,
        Err(ClientError::Validation { field: Some(f), .. }) if f == "to"
    ));
    first.shutdown().await;
    second.shutdown().await;
}

#[tokio::test]
async fn a_top_up_bill_paid_through_an_order_processes_then_posts_when_the_clock_moves() {
    let sandbox = sandbox().await;
    let parent = signed_in(&sandbox, DEMO_PHONE).await;
    let before = parent.child("ch-artem").await.unwrap();
    assert!(before.processing_topups.is_zero());

    let amount = Money::from_whole_roubles(500);
    let bill = parent
        .top_up_bill("ch-artem", amount, "topup-1")
        .await
        .unwrap();
    assert_eq!(
        (bill.amount_due, bill.account.as_str()),
        (amount, "50500124")
    );
    assert!(bill.rules.pay_in_full, "exactly the amount asked");
    assert_eq!(
        parent
            .top_up_bill("ch-artem", amount, "topup-1")
            .await
            .unwrap(),
        bill
    );
    assert_eq!(
        parent
            .top_up_bill("ch-artem", Money::from_whole_roubles(600), "topup-1")
            .await,
        Err(ClientError::IdempotencyMismatch)
    );
    assert!(matches!(
        parent.top_up_bill("ch-artem", Money::from_whole_roubles(5), "topup-2").await,
        Err(ClientError::Validation { field: Some(f), .. }) if f == "amount"
    ));

    let order_id = pay(&sandbox, &parent, &bill).await;
    let paid = parent.child("ch-artem").await.unwrap();
    assert_eq!(
        (paid.balance, paid.processing_topups),
        (before.balance, amount)
    );
    let history = parent.meal_history("ch-artem", None, None).await.unwrap();
    let top_up = history
        .top_ups
        .iter()
        .find(|t| t.order_id.as_deref() == Some(&order_id));
    assert_eq!(top_up.map(|t| t.state), Some(TopUpState::Processing));
    assert_eq!(sandbox.state.charges().len(), 1);
    let again = CreateOrder {
        lines: vec![OrderLineRequest {
            bill_id: bill.id.clone(),
            amount,
            readings: Vec::new(),
        }],
    };
    assert!(
        matches!(
            parent.create_order("second-time", &again).await,
            Err(ClientError::Validation { .. })
        ),
        "a top-up bill is paid once"
    );

    set_clock(&sandbox, today() + Days::new(2)).await;
    let posted = parent.child("ch-artem").await.unwrap();
    assert!(posted.processing_topups.is_zero());
    // Two more school days were eaten meanwhile (the 25th and the 26th).
    let eaten: Money = parent
        .meal_history("ch-artem", Some(today()), Some(today() + Days::new(1)))
        .await
        .unwrap()
        .purchases
        .iter()
        .map(|p| p.total)
        .sum();
    assert!(!eaten.is_zero());
    assert_eq!(posted.balance, before.balance + amount - eaten);
    let history = parent.meal_history("ch-artem", None, None).await.unwrap();
    let top_up = history
        .top_ups
        .iter()
        .find(|t| t.order_id.as_deref() == Some(&order_id));
    assert_eq!(top_up.map(|t| t.state), Some(TopUpState::Posted));
    sandbox.shutdown().await;
}

#[tokio::test]
async fn the_canteen_refuses_a_purchase_past_the_daily_limit_from_the_next_purchase_on() {
    let sandbox = sandbox().await;
    let parent = signed_in(&sandbox, DEMO_PHONE).await;
    let menu = parent.menu("ch-artem", None).await.unwrap();
    let price_of = |id: &str| menu.items.iter().find(|i| i.id == id).map(|i| i.price);
    let main = ["cutlet", "pilaf", "fish"]
        .into_iter()
        .find(|id| price_of(id).is_some())
        .unwrap();
    let soup = ["chicken-soup", "borscht"]
        .into_iter()
        .find(|id| price_of(id).is_some())
        .unwrap();

    let limit = parent
        .set_meal_limit("ch-artem", Some(Money::from_whole_roubles(100)))
        .await
        .unwrap();
    assert_eq!(limit.left_today, Some(Money::from_whole_roubles(100)));
    let refused = till(&sandbox, "ch-artem", &[main, soup]).await.unwrap_err();
    assert_eq!(refused.code, ErrorCode::PurchaseRefused);
    assert!(refused.message.contains("лимит"), "{}", refused.message);
    till(&sandbox, "ch-artem", &["compote"]).await.unwrap();
    let after = parent.meal_limit("ch-artem").await.unwrap();
    assert_eq!(after.spent_today, price_of("compote").unwrap());
    assert_eq!(
        parent.child("ch-artem").await.unwrap().spent_today,
        after.spent_today
    );

    parent.set_meal_limit("ch-artem", None).await.unwrap();
    till(&sandbox, "ch-artem", &[main, soup]).await.unwrap();
    assert!(matches!(
        parent.set_meal_limit("ch-artem", Some(Money::ZERO)).await,
        Err(ClientError::Validation { field: Some(f), .. }) if f == "daily_limit"
    ));
    sandbox.shutdown().await;
}

#[tokio::test]
async fn a_meal_request_before_the_cut_off_is_taken_and_after_it_refused_naming_it() {
    let sandbox = sandbox().await;
    let parent = signed_in(&sandbox, DEMO_PHONE).await;
    let one_day = |kind, from, to, reason| CreateMealRequests {
        kind,
        from,
        to,
        reason,
    };

    let friday = day("2026-11-27");
    let taken = parent
        .request_meals(
            "ch-maria",
            &one_day(MealRequestKind::Order, friday, None, None),
        )
        .await
        .unwrap();
    assert_eq!(taken.created.len(), 1);
    assert!(taken.late.is_empty());
    assert_eq!(
        taken.created[0].cut_off.to_rfc3339(),
        "2026-11-26T05:00:00+00:00"
    );

    match parent
        .request_meals(
            "ch-maria",
            &one_day(MealRequestKind::Order, today(), None, None),
        )
        .await
    {
        Err(ClientError::Validation { message, .. }) => assert_eq!(
            message,
            "Заявку на 25.11.2026 нужно было подать до 10:00 24.11.2026"
        ),
        other => panic!("a late request gave {other:?}"),
    }

    // One "болеет" cancel from today to next Tuesday: today is late, Friday on are cancelled.
    let sick = one_day(
        MealRequestKind::Cancel,
        today(),
        Some(day("2026-12-01")),
        Some(MealRequestReason::Sick),
    );
    let cancelled = parent.request_meals("ch-maria", &sick).await.unwrap();
    let days: Vec<NaiveDate> = cancelled.created.iter().map(|r| r.day).collect();
    assert_eq!(cancelled.late.first().map(|l| l.day), Some(today()));
    assert!(["2026-11-27", "2026-11-30", "2026-12-01"]
        .map(day)
        .iter()
        .all(|d| days.contains(d)));
    assert_eq!(
        days.len() + cancelled.late.len(),
        5,
        "the school days of the range"
    );

    let listed = parent.meal_requests("ch-maria", None, None).await.unwrap();
    let order = listed.iter().find(|r| r.id == taken.created[0].id).unwrap();
    assert_eq!(
        order.state,
        MealRequestState::Withdrawn,
        "replaced by the cancel"
    );
    let tuesday = cancelled.created.last().unwrap();
    let withdrawn = parent
        .withdraw_meal_request("ch-maria", &tuesday.id)
        .await
        .unwrap();
    assert_eq!(withdrawn.state, MealRequestState::Withdrawn);
    sandbox.shutdown().await;
}
