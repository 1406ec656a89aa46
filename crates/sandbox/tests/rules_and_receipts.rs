//! Providers' rules enforced on orders, fees in the order total and on the receipt, and a receipt
//! copy by e-mail read back from the sandbox's outbox, over HTTP.

mod common;

use common::{error, ok_json, Harness, PHONE};
use gorod_sandbox::test_cards;
use ofis_api::sandbox::SentMail;
use ofis_api::{
    paths, BillDto, CreateOrder, EmailQueued, ErrorCode, OrderDto, OrderLineRequest, OrderStatus,
};
use ofis_domain::{Money, PaymentRules};
use reqwest::StatusCode;
use rust_decimal_macros::dec;
use serde_json::json;

fn money(value: rust_decimal::Decimal) -> Money {
    Money::new(value).expect("money")
}

fn line(bill: &str, amount: Money) -> OrderLineRequest {
    OrderLineRequest {
        bill_id: bill.to_string(),
        amount,
        readings: Vec::new(),
    }
}

/// Internet at Советская 12-5: 10 ₽ to 15 000 ₽, fee 1 % but at least 10 ₽.
const INTERNET: &str = "bill-UF5612505-2026-11";
/// Cold water at Советская 12-5: 10 ₽ to 50 000 ₽, no fee.
const WATER: &str = "bill-0312500501-2026-11";
/// Housing at Советская 12-5, Город-billed: from 1 ₽, no maximum, no fee.
const HOUSING: &str = "bill-1000125005-2026-11";
/// Security contract: fee 1,5 % but at least 20 ₽.
const SECURITY: &str = "bill-ОХ-12345-2026-11";
/// Capital repair at Гагарина 25-14: only in full.
const CAPITAL_REPAIR: &str = "bill-560250251400-2026-11";

async fn bill(h: &Harness, token: &str, account: &str) -> BillDto {
    let found: Vec<BillDto> = ok_json(
        h.get(&h.api(&paths::account_bills(account)), Some(token))
            .await,
    )
    .await;
    found.into_iter().next().expect("a posted bill")
}

#[tokio::test]
async fn orders_below_the_minimum_above_the_maximum_or_not_in_full_are_refused_naming_the_service()
{
    let h = Harness::start("2026-11-25").await;
    let token = h.sign_in(PHONE).await;
    let refused = |lines: Vec<OrderLineRequest>, key: &'static str| {
        let (h, token) = (&h, &token);
        async move {
            let e = error(
                h.create_order(token, key, &CreateOrder { lines }).await,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await;
            assert_eq!(e.code, ErrorCode::Validation);
            (e.message, e.field.unwrap_or_default())
        }
    };
    let ten = Money::from_whole_roubles(10).display_rub();
    assert_eq!(
        refused(vec![line(WATER, money(dec!(9.99)))], "min").await,
        (
            format!("Холодное водоснабжение: сумма оплаты не может быть меньше {ten}"),
            "lines[0].amount".to_string()
        )
    );
    let one = Money::from_whole_roubles(1).display_rub();
    assert_eq!(
        refused(vec![line(HOUSING, money(dec!(0.99)))], "min-gorod").await,
        (
            format!("Содержание жилья: сумма оплаты не может быть меньше {one}"),
            "lines[0].amount".to_string()
        )
    );
    let max = Money::from_whole_roubles(15_000).display_rub();
    assert_eq!(
        refused(
            vec![
                line(HOUSING, money(dec!(100))),
                line(INTERNET, money(dec!(15000.01)))
            ],
            "max"
        )
        .await,
        (
            format!("Интернет: сумма оплаты не может быть больше {max}"),
            "lines[1].amount".to_string()
        )
    );
    let due = bill(&h, &token, "560250251400").await.amount_due;
    let less = due.checked_sub(money(dec!(1))).unwrap();
    assert_eq!(
        refused(vec![line(CAPITAL_REPAIR, less)], "full").await.0,
        format!(
            "Взнос на капитальный ремонт: счёт оплачивается только полностью, {}",
            due.display_rub()
        )
    );
    // The per-payment limit counts the fees: 585 000 + 15 000 + 150 fee is over 600 000.
    let over = vec![
        line(HOUSING, money(dec!(585000))),
        line(INTERNET, money(dec!(15000))),
    ];
    assert_eq!(
        refused(over, "limit").await,
        (
            "Сумма платежа не может превышать 600 000 ₽".to_string(),
            "lines".to_string()
        )
    );
    assert_eq!(h.sandbox.state.orders_count(), 0);

    // Within the rules: the minimum, the maximum, exactly in full.
    let fine = CreateOrder {
        lines: vec![
            line(WATER, money(dec!(10))),
            line(INTERNET, money(dec!(15000))),
            line(CAPITAL_REPAIR, due),
        ],
    };
    let created = h.create_order(&token, "fine", &fine).await;
    assert_eq!(created.status(), StatusCode::CREATED);
}

#[tokio::test]
async fn fees_are_added_to_the_order_total_and_kept_on_the_paid_receipt() {
    let h = Harness::start("2026-11-25").await;
    let token = h.sign_in(PHONE).await;
    let housing = bill(&h, &token, "1000125005").await;
    let order = CreateOrder {
        lines: vec![
            line(HOUSING, housing.amount_due),
            line(INTERNET, money(dec!(500))),
            line(SECURITY, money(dec!(2000))),
            line(WATER, money(dec!(1234.56))),
        ],
    };
    let response = h.create_order(&token, "fees", &order).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let created: OrderDto = response.json().await.expect("order");
    let fees: Vec<Money> = created.lines.iter().map(|l| l.fee).collect();
    // Город-billed: none; 1 % of 500 is under the 10 ₽ floor; 1,5 % of 2000; water: none.
    assert_eq!(
        fees,
        [Money::ZERO, money(dec!(10)), money(dec!(30)), Money::ZERO]
    );
    // Exactly the function the app's engine uses.
    for (l, dto) in created.lines.iter().zip(&order.lines) {
        let rules = PaymentRules::from(bill(&h, &token, &l.account).await.rules);
        assert_eq!(l.fee, rules.fee.on(dto.amount), "{}", l.bill_id);
    }
    let amounts: Money = created.lines.iter().map(|l| l.amount).sum();
    assert_eq!(created.fees, money(dec!(40)));
    assert_eq!(created.total, amounts + created.fees);

    h.pay(&created, test_cards::SUCCESS_MIR).await;
    let paid = h.order(&token, &created.id).await;
    assert_eq!(paid.status, OrderStatus::Paid);
    let receipt = paid.receipt.expect("receipt");
    assert_eq!(
        (receipt.total, receipt.fees, receipt.fiscal.sum),
        (created.total, created.fees, created.total)
    );
    assert_eq!(receipt.lines, created.lines);
    assert_eq!(h.sandbox.state.charges()[0].amount, created.total);
}

#[tokio::test]
async fn a_bill_of_a_previous_period_can_still_be_paid() {
    let h = Harness::start("2026-11-25").await;
    let token = h.sign_in(PHONE).await;
    let order = CreateOrder {
        lines: vec![line("bill-1000125005-2026-10", money(dec!(100)))],
    };
    let response = h.create_order(&token, "october", &order).await;
    assert_eq!(response.status(), StatusCode::CREATED);
}

#[tokio::test]
async fn a_receipt_copy_is_emailed_and_lands_in_the_sandbox_outbox() {
    let h = Harness::start("2026-11-25").await;
    let token = h.sign_in(PHONE).await;
    let order = CreateOrder {
        lines: vec![line(INTERNET, money(dec!(700)))],
    };
    let created: OrderDto = h
        .create_order(&token, "mail", &order)
        .await
        .json()
        .await
        .expect("order");
    h.pay(&created, test_cards::SUCCESS_VISA).await;
    let receipt = h.order(&token, &created.id).await.receipt.expect("receipt");
    let url = h.api(&paths::receipt_email(&receipt.id));

    for bad in ["", "name", "name@mail", "na me@mail.ru"] {
        let e = error(
            h.post(&url, Some(&token), &json!({ "email": bad })).await,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
        assert_eq!(
            (e.message.as_str(), e.field.as_deref()),
            (
                "Введите адрес электронной почты, например name@mail.ru",
                Some("email")
            ),
            "{bad}"
        );
    }
    let body = json!({ "email": " ivan@mail.ru " });
    let unknown = h.api(&paths::receipt_email("rcpt-0"));
    let e = error(
        h.post(&unknown, Some(&token), &body).await,
        StatusCode::NOT_FOUND,
    )
    .await;
    assert_eq!(e.message, "Чек не найден");
    let stranger = h.sign_in("+79220001122").await;
    error(
        h.post(&url, Some(&stranger), &body).await,
        StatusCode::NOT_FOUND,
    )
    .await;
    error(h.post(&url, None, &body).await, StatusCode::UNAUTHORIZED).await;
    assert!(h.sandbox.state.sent_mail().is_empty());

    let queued = h.post(&url, Some(&token), &body).await;
    assert_eq!(queued.status(), StatusCode::ACCEPTED);
    let queued: EmailQueued = queued.json().await.expect("json");
    assert_eq!(queued.to, "ivan@mail.ru");

    let outbox: Vec<SentMail> = ok_json(h.get(&h.api(paths::SANDBOX_MAIL), None).await).await;
    assert_eq!(outbox, h.sandbox.state.sent_mail());
    assert_eq!(outbox.len(), 1);
    let mail = &outbox[0];
    assert_eq!(
        (mail.to.as_str(), mail.receipt_id.as_str()),
        ("ivan@mail.ru", receipt.id.as_str())
    );
    assert!(mail
        .subject
        .starts_with(&format!("Чек № {}", receipt.fiscal.fd_number)));
    for text in [
        "Интернет — ООО \"Уфанет\"".to_string(),
        format!("Итого: {}", receipt.total.display_rub()),
        format!("Комиссия: {}", receipt.fees.display_rub()),
        ofis_domain::Fiscal::from(receipt.fiscal.clone()).qr_text(),
    ] {
        assert!(mail.body.contains(&text), "{text} not in {}", mail.body);
    }
}
