//! Orders, idempotency, the gateway's card scenarios and receipts, over HTTP.

mod common;

use common::{error, ok_json, Harness, FULL_ADDRESS, PHONE};
use gorod_sandbox::{fiscal_sign, test_cards, FN_NUMBER, THREE_DS_CODE};
use ofis_api::{
    paths, CardSubmission, CreateOrder, ErrorCode, GatewayStatus, OrderDto, OrderLineRequest,
    OrderStatus, ReceiptDto,
};
use ofis_domain::Money;
use reqwest::StatusCode;
use rust_decimal_macros::dec;
use serde_json::json;

fn money(value: rust_decimal::Decimal) -> Money {
    Money::new(value).expect("money")
}

#[tokio::test]
async fn order_retry_with_the_same_key_replays_and_a_different_body_is_refused() {
    let h = Harness::start("2026-11-25").await;
    let token = h.sign_in(PHONE).await;
    let bills = h.bills(&token, FULL_ADDRESS).await.bills;
    let order = CreateOrder {
        lines: vec![OrderLineRequest {
            bill_id: bills[0].id.clone(),
            amount: money(dec!(500)),
            readings: Vec::new(),
        }],
    };

    let missing_key = h.post(&h.api(paths::ORDERS), Some(&token), &order).await;
    assert_eq!(
        error(missing_key, StatusCode::UNPROCESSABLE_ENTITY)
            .await
            .field
            .as_deref(),
        Some("Idempotency-Key")
    );

    let first = h.create_order(&token, "key-1", &order).await;
    assert_eq!(first.status(), StatusCode::CREATED);
    let first: OrderDto = first.json().await.expect("order");
    assert_eq!(
        (first.status, first.total),
        (OrderStatus::AwaitingPayment, money(dec!(500)))
    );
    assert_eq!(first.payment.gateway_url, h.sandbox.gateway_url);

    let replay = h.create_order(&token, "key-1", &order).await;
    assert_eq!(replay.status(), StatusCode::CREATED);
    assert_eq!(replay.json::<OrderDto>().await.expect("order"), first);
    assert_eq!(h.sandbox.state.orders_count(), 1);

    let changed = CreateOrder {
        lines: vec![OrderLineRequest {
            bill_id: bills[0].id.clone(),
            amount: money(dec!(501)),
            readings: Vec::new(),
        }],
    };
    let mismatch = error(
        h.create_order(&token, "key-1", &changed).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(mismatch.code, ErrorCode::IdempotencyMismatch);

    // Keys belong to their user: another person's "key-1" is a new order.
    let other = h.sign_in("+79220001122").await;
    assert_eq!(
        h.create_order(&other, "key-1", &order).await.status(),
        StatusCode::CREATED
    );
    assert_eq!(h.sandbox.state.orders_count(), 2);
    let mine: Vec<OrderDto> = ok_json(h.get(&h.api(paths::ORDERS), Some(&token)).await).await;
    assert_eq!(mine, std::slice::from_ref(&first));
    error(
        h.get(&h.api(&paths::order(&first.id)), Some(&other)).await,
        StatusCode::NOT_FOUND,
    )
    .await;
}

#[tokio::test]
async fn orders_with_unposted_duplicate_zero_or_excessive_lines_are_refused_in_russian() {
    let h = Harness::start("2026-11-02").await;
    let token = h.sign_in(PHONE).await;
    let line = |bill: &str, amount| OrderLineRequest {
        bill_id: bill.to_string(),
        amount: money(amount),
        readings: Vec::new(),
    };
    let refused = |lines: Vec<OrderLineRequest>, key: &'static str| {
        let h = &h;
        let token = &token;
        async move {
            error(
                h.create_order(token, key, &CreateOrder { lines }).await,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
    };
    // Housing (posted on the 1st) is payable; internet posts on the 10th.
    let housing = "bill-1000125005-2026-11";
    let e = refused(vec![line("bill-UF5612505-2026-11", dec!(100))], "a").await;
    assert_eq!(e.message, "Счёт за ноябрь 2026 ещё не выставлен");
    assert_eq!(
        refused(vec![line("bill-nope-2026-11", dec!(1))], "b")
            .await
            .message,
        "Счёт не найден"
    );
    let e = refused(vec![line(housing, dec!(1)), line(housing, dec!(2))], "c").await;
    assert_eq!(
        (e.message.as_str(), e.field.as_deref()),
        ("Счёт указан в заказе дважды", Some("lines[1].bill_id"))
    );
    assert_eq!(
        refused(vec![line(housing, dec!(0))], "d").await.message,
        "Сумма оплаты должна быть больше нуля"
    );
    let e = refused(vec![line(housing, dec!(600000.01))], "e").await;
    assert_eq!(e.message, "Сумма платежа не может превышать 600 000 ₽");
    assert_eq!(refused(vec![], "f").await.field.as_deref(), Some("lines"));
    assert_eq!(h.sandbox.state.orders_count(), 0);
    // A refused attempt keeps no result: the same key works once the order is fixed.
    let fixed = CreateOrder {
        lines: vec![line(housing, dec!(600000))],
    };
    assert_eq!(
        h.create_order(&token, "e", &fixed).await.status(),
        StatusCode::CREATED
    );
}

#[tokio::test]
async fn a_good_card_pays_the_order_once_with_a_fiscal_receipt() {
    let h = Harness::start("2026-11-25").await;
    let token = h.sign_in(PHONE).await;
    let order = h.order_all_bills(&token, "pay-1").await;
    assert_eq!(order.lines.len(), 10);

    let outcome = h.pay(&order, test_cards::SUCCESS_VISA).await;
    assert_eq!(
        (outcome.status, outcome.card_label.as_deref()),
        (GatewayStatus::Succeeded, Some("Visa •••• 1111"))
    );
    // Posting the card again replays the outcome without charging again.
    assert_eq!(h.pay(&order, test_cards::SUCCESS_VISA).await, outcome);

    let paid = h.order(&token, &order.id).await;
    assert_eq!(paid.status, OrderStatus::Paid);
    let receipt = paid.receipt.clone().expect("receipt");
    assert_eq!(
        (receipt.order_id.as_str(), receipt.total, receipt.fiscal.sum),
        (order.id.as_str(), order.total, order.total)
    );
    assert_eq!(receipt.fiscal.fn_number, FN_NUMBER);
    assert_eq!(
        receipt.fiscal.fp,
        fiscal_sign(&order.id, receipt.fiscal.fd_number)
    );
    assert_eq!(receipt.fiscal.fp.len(), 10);
    assert_eq!(
        ofis_domain::tz::local_date(receipt.fiscal.issued_at).to_string(),
        "2026-11-25"
    );

    let charges = h.sandbox.state.charges();
    assert_eq!(charges.len(), 1);
    assert_eq!(
        (charges[0].order_id.as_str(), charges[0].amount),
        (order.id.as_str(), order.total)
    );
    let over_http: Vec<ofis_api::sandbox::ChargeRecord> =
        ok_json(h.get(&h.api(paths::SANDBOX_CHARGES), None).await).await;
    assert_eq!(over_http, charges);

    let receipts: Vec<ReceiptDto> =
        ok_json(h.get(&h.api(paths::RECEIPTS), Some(&token)).await).await;
    assert_eq!(receipts, std::slice::from_ref(&receipt));
    let one: ReceiptDto = ok_json(
        h.get(
            &h.api(&format!("{}/{}", paths::RECEIPTS, receipt.id)),
            Some(&token),
        )
        .await,
    )
    .await;
    assert_eq!(one, receipt);
}

#[tokio::test]
async fn declined_cards_leave_the_order_declined_and_charge_nothing() {
    let h = Harness::start("2026-11-25").await;
    let token = h.sign_in(PHONE).await;
    for (key, pan, status, message) in [
        (
            "d-1",
            test_cards::DECLINE,
            GatewayStatus::Declined,
            "Банк отклонил операцию. Попробуйте другую карту.",
        ),
        (
            "d-2",
            test_cards::INSUFFICIENT_FUNDS,
            GatewayStatus::InsufficientFunds,
            "Недостаточно средств на карте",
        ),
    ] {
        let order = h.order_all_bills(&token, key).await;
        let outcome = h.pay(&order, pan).await;
        assert_eq!(
            (outcome.status, outcome.message.as_deref()),
            (status, Some(message))
        );
        let declined = h.order(&token, &order.id).await;
        assert_eq!(
            (declined.status, declined.failure.as_deref()),
            (OrderStatus::Declined, Some(message))
        );
        assert!(declined.receipt.is_none());
        // Final: a good card afterwards does not turn it into a payment.
        assert_eq!(h.pay(&order, test_cards::SUCCESS_MIR).await.status, status);
    }
    assert!(h.sandbox.state.charges().is_empty());
}

#[tokio::test]
async fn three_ds_cards_pay_only_after_the_right_code() {
    let h = Harness::start("2026-11-25").await;
    let token = h.sign_in(PHONE).await;
    let order = h.order_all_bills(&token, "3ds").await;
    let outcome = h.pay(&order, test_cards::THREE_DS_MIR).await;
    assert_eq!(
        (outcome.status, outcome.card_label.as_deref()),
        (GatewayStatus::ChallengeRequired, Some("Мир •••• 0012"))
    );
    assert_eq!(
        h.order(&token, &order.id).await.status,
        OrderStatus::Processing
    );

    let challenge = h.gateway(&paths::gateway_3ds(&order.payment.payment_id));
    let wrong = error(
        h.post(&challenge, None, &json!({ "code": "0000" })).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(wrong.message, "Неверный код подтверждения");
    assert!(h.sandbox.state.charges().is_empty());

    let right: ofis_api::GatewayOutcome = ok_json(
        h.post(&challenge, None, &json!({ "code": THREE_DS_CODE }))
            .await,
    )
    .await;
    assert_eq!(right.status, GatewayStatus::Succeeded);
    assert_eq!(h.order(&token, &order.id).await.status, OrderStatus::Paid);
    assert_eq!(h.sandbox.state.charges().len(), 1);
}

#[tokio::test]
async fn invalid_card_data_is_refused_before_the_bank_sees_it() {
    let h = Harness::start("2026-11-25").await;
    let token = h.sign_in(PHONE).await;
    let order = h.order_all_bills(&token, "bad-card").await;
    let url = h.gateway(&paths::gateway_card(&order.payment.payment_id));
    let card = |pan: &str, exp_month, exp_year, cvc: &str| CardSubmission {
        pan: pan.to_string(),
        exp_month,
        exp_year,
        cvc: cvc.to_string(),
    };
    for (submission, message) in [
        (
            card("4111111111111112", 12, 2030, "123"),
            "Неверный номер карты",
        ),
        (
            card(test_cards::SUCCESS_VISA, 10, 2026, "123"),
            "Срок действия карты истёк",
        ),
        (card(test_cards::SUCCESS_VISA, 12, 30, "12"), "Неверный CVC"),
    ] {
        let response = h.post(&url, None, &submission).await;
        let status = response.status();
        let text = response.text().await.expect("body");
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{text}");
        assert!(text.contains(message), "{text}");
        assert!(
            !text.contains(&submission.pan),
            "card number echoed: {text}"
        );
    }
    let unknown = h
        .post(
            &h.gateway(&paths::gateway_card("pay-nope")),
            None,
            &card(test_cards::SUCCESS_VISA, 12, 2030, "123"),
        )
        .await;
    error(unknown, StatusCode::NOT_FOUND).await;
    assert_eq!(
        h.order(&token, &order.id).await.status,
        OrderStatus::AwaitingPayment
    );

    // The outcome endpoint only believes the gateway.
    let notice = json!({ "payment_id": order.payment.payment_id, "status": "succeeded" });
    let forged = h
        .post(
            &h.api(&paths::internal_payment_outcome(&order.payment.payment_id)),
            None,
            &notice,
        )
        .await;
    error(forged, StatusCode::UNAUTHORIZED).await;
    assert_eq!(
        h.order(&token, &order.id).await.status,
        OrderStatus::AwaitingPayment
    );
}

#[tokio::test]
async fn the_order_list_comes_a_page_at_a_time_newest_first() {
    let h = Harness::start("2026-11-25").await;
    let token = h.sign_in(PHONE).await;
    let mut made = Vec::new();
    for i in 0..5 {
        made.push(h.order_all_bills(&token, &format!("page-{i}")).await.id);
    }
    made.reverse();
    let ids = |orders: Vec<OrderDto>| orders.into_iter().map(|o| o.id).collect::<Vec<_>>();
    let page = |query: Vec<(&'static str, String)>| {
        let h = &h;
        let token = token.clone();
        async move {
            let q: Vec<(&str, &str)> = query.iter().map(|(k, v)| (*k, v.as_str())).collect();
            h.get_query(paths::ORDERS, Some(&token), &q).await
        }
    };
    let all: Vec<OrderDto> = ok_json(page(vec![]).await).await;
    assert_eq!(ids(all), made, "without paging: every order");
    let first: Vec<OrderDto> = ok_json(page(vec![("limit", "2".into())]).await).await;
    assert_eq!(ids(first), made[..2]);
    let next: Vec<OrderDto> =
        ok_json(page(vec![("limit", "2".into()), ("before", made[1].clone())]).await).await;
    assert_eq!(ids(next), made[2..4]);
    let last: Vec<OrderDto> =
        ok_json(page(vec![("limit", "100".into()), ("before", made[3].clone())]).await).await;
    assert_eq!(ids(last), made[4..]);
    let unknown: Vec<OrderDto> = ok_json(page(vec![("before", "nope".into())]).await).await;
    assert!(unknown.is_empty());
    for bad in ["0", "101", "x"] {
        error(
            page(vec![("limit", bad.into())]).await,
            StatusCode::BAD_REQUEST,
        )
        .await;
    }
}
