//! Hostile input: the client's decoding of every answer and of error bodies never panics, on
//! arbitrary bytes and on real sandbox bodies mutated (truncated, bytes flipped, numbers made huge,
//! negative or fractional, amounts made absurd). Money in JSON refuses negatives, NaN, sub-kopeck
//! precision and absurd sizes. A bounded `proptest` run, part of the normal test run.

use std::sync::OnceLock;

use chrono::NaiveDate;
use gorod_sandbox::{test_cards, SandboxConfig, SMS_CODE};
use ofis_api::{
    paths, AddressBills, AddressDto, ApiError, BillDto, CreateOrder, GatewayOutcome, MeterDto,
    OrderDto, OrderLineRequest, ProviderDto, ReadingDto, ReceiptDto, Session, SmsSent, TariffDto,
};
use ofis_client::{AllowedGateways, ClientError, ClientOptions, GatewayClient, GorodClient};
use ofis_domain::card::CardData;
use ofis_domain::Money;
use proptest::prelude::*;
use rust_decimal::Decimal;
use serde_json::Value;

const CASES: u32 = 256;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
}

/// Feeds `body` to every decoder the client has; any panic fails the test.
fn decode_everything(body: &[u8]) {
    let _ = serde_json::from_slice::<SmsSent>(body);
    let _ = serde_json::from_slice::<Session>(body);
    let _ = serde_json::from_slice::<Vec<AddressDto>>(body);
    let _ = serde_json::from_slice::<AddressBills>(body);
    let _ = serde_json::from_slice::<Vec<ProviderDto>>(body);
    let _ = serde_json::from_slice::<Vec<BillDto>>(body);
    let _ = serde_json::from_slice::<Vec<MeterDto>>(body);
    let _ = serde_json::from_slice::<Vec<TariffDto>>(body);
    let _ = serde_json::from_slice::<Vec<ReadingDto>>(body);
    let _ = serde_json::from_slice::<ReadingDto>(body);
    let _ = serde_json::from_slice::<OrderDto>(body);
    let _ = serde_json::from_slice::<Vec<OrderDto>>(body);
    let _ = serde_json::from_slice::<ReceiptDto>(body);
    let _ = serde_json::from_slice::<Vec<ReceiptDto>>(body);
    let _ = serde_json::from_slice::<GatewayOutcome>(body);
    let _ = serde_json::from_slice::<ApiError>(body);
    let _ = serde_json::from_slice::<Money>(body);
    for status in [400, 401, 404, 409, 422, 429, 500, 503, 599] {
        let _ = ClientError::from_response(status, body);
    }
}

/// Real answers of the sandbox (raw bytes through reqwest), fetched once.
fn corpus() -> &'static [(String, Vec<u8>)] {
    static CORPUS: OnceLock<Vec<(String, Vec<u8>)>> = OnceLock::new();
    CORPUS.get_or_init(|| {
        tokio::runtime::Runtime::new()
            .unwrap()
            .block_on(fetch_corpus())
    })
}

async fn fetch_corpus() -> Vec<(String, Vec<u8>)> {
    let sandbox = gorod_sandbox::start(SandboxConfig::loopback_ephemeral(today()))
        .await
        .unwrap();
    let base = sandbox.gorod_url.clone();
    let client = GorodClient::new(&base, &ClientOptions::default()).unwrap();
    client.request_sms("+79123456789").await.unwrap();
    let session = client.sign_in("+79123456789", SMS_CODE).await.unwrap();
    let address = client.suggest_addresses("советская 12 5").await.unwrap()[0].clone();
    let bills = client.address_bills(&address.id, None).await.unwrap();
    let bill = bills.bills[0].clone();
    let metered = bills.bills.iter().find(|b| b.metered).unwrap_or(&bill);
    let created = client
        .create_order(
            &uuid::Uuid::new_v4().to_string(),
            &CreateOrder {
                lines: vec![OrderLineRequest {
                    bill_id: bill.id.clone(),
                    amount: bill.amount_due,
                    readings: Vec::new(),
                }],
            },
        )
        .await
        .unwrap();
    let http = reqwest::Client::new();
    // The gateway's answer, raw.
    let card = CardData::parse(test_cards::SUCCESS_VISA, "12/30", "123", today()).unwrap();
    let gateway_body = {
        let gateway = GatewayClient::new(
            &ClientOptions::default(),
            AllowedGateways::only([&sandbox.gateway_url]).unwrap(),
        )
        .unwrap();
        let outcome = gateway
            .pay_with_card(
                &created.payment.gateway_url,
                &created.payment.payment_id,
                card,
            )
            .await
            .unwrap();
        serde_json::to_vec(&outcome).unwrap()
    };
    let mut corpus = vec![("gateway outcome".to_string(), gateway_body)];
    let gets = [
        format!(
            "{}?q=%D1%81%D0%BE%D0%B2%D0%B5%D1%82%D1%81%D0%BA%D0%B0%D1%8F",
            paths::ADDRESSES
        ),
        paths::address_bills(&address.id),
        format!("{}?q=%D0%B2%D0%BE%D0%B4%D0%B0", paths::PROVIDERS),
        paths::account_bills(&bill.account),
        paths::account_meters(&metered.account),
        paths::TARIFFS.to_string(),
        paths::order(&created.id),
        paths::ORDERS.to_string(),
        paths::RECEIPTS.to_string(),
        "/api/v1/no-such-route".to_string(),
        paths::order("no-such-order"),
    ];
    for path in gets {
        let resp = http
            .get(format!("{base}{path}"))
            .bearer_auth(&session.access_token)
            .send()
            .await
            .unwrap();
        corpus.push((path, resp.bytes().await.unwrap().to_vec()));
    }
    sandbox.shutdown().await;
    assert!(corpus.iter().all(|(_, body)| !body.is_empty()));
    corpus
}

/// Every number in the JSON replaced by `with`, every string that reads as an amount by `money`.
fn rewrite(value: &mut Value, with: &Value, money: &str) {
    match value {
        Value::Number(_) => *value = with.clone(),
        Value::String(s) if s.parse::<Decimal>().is_ok() => *s = money.to_string(),
        Value::Array(items) => items.iter_mut().for_each(|v| rewrite(v, with, money)),
        Value::Object(fields) => fields.values_mut().for_each(|v| rewrite(v, with, money)),
        _ => {}
    }
}

/// Every string that reads as an amount replaced by the JSON value `with` (e.g. a float number).
fn money_to(value: &mut Value, with: &Value) {
    match value {
        Value::String(s) if s.parse::<Decimal>().is_ok() && s.contains('.') => {
            *value = with.clone()
        }
        Value::Array(items) => items.iter_mut().for_each(|v| money_to(v, with)),
        Value::Object(fields) => fields.values_mut().for_each(|v| money_to(v, with)),
        _ => {}
    }
}

fn json_number() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(serde_json::json!(u64::MAX)),
        Just(serde_json::json!(i64::MIN)),
        Just(serde_json::json!(-1)),
        Just(serde_json::json!(1e308)),
        Just(serde_json::json!(-0.5)),
        Just(serde_json::json!(12.5)),
        any::<i64>().prop_map(|n| serde_json::json!(n)),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(|f| serde_json::json!(f)),
    ]
}

fn money_text() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("1e9".to_string()),
        Just("-5".to_string()),
        Just("NaN".to_string()),
        Just("inf".to_string()),
        Just("12.345".to_string()),
        Just("1000000000.01".to_string()),
        Just("79228162514264337593543950336".to_string()),
        Just("".to_string()),
        "-?[0-9]{0,30}(\\.[0-9]{0,30})?",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(CASES))]

    #[test]
    fn arbitrary_bytes_never_panic(body in proptest::collection::vec(any::<u8>(), 0..512)) {
        decode_everything(&body);
    }

    #[test]
    fn arbitrary_json_never_panics(text in "[\\[\\]{}\",:0-9a-z.eE+-]{0,200}") {
        decode_everything(text.as_bytes());
    }

    #[test]
    fn truncated_and_flipped_real_bodies_never_panic(
        pick in any::<prop::sample::Index>(),
        cut in any::<prop::sample::Index>(),
        flips in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..8),
    ) {
        let (_, body) = pick.get(corpus());
        let mut body = body.clone();
        for (at, byte) in flips {
            let at = at.index(body.len());
            body[at] ^= byte;
        }
        decode_everything(&body);
        body.truncate(cut.index(body.len() + 1));
        decode_everything(&body);
    }

    #[test]
    fn real_bodies_with_hostile_numbers_and_amounts_never_panic(
        pick in any::<prop::sample::Index>(),
        number in json_number(),
        money in money_text(),
    ) {
        let (_, body) = pick.get(corpus());
        let Ok(mut value) = serde_json::from_slice::<Value>(body) else {
            return Ok(());
        };
        rewrite(&mut value, &number, &money);
        let body = serde_json::to_vec(&value).unwrap();
        decode_everything(&body);
        // An amount only decodes as valid money.
        if let Ok(bills) = serde_json::from_slice::<AddressBills>(&body) {
            for bill in bills.bills {
                prop_assert_eq!(Money::new(bill.amount_due.value()), Ok(bill.amount_due));
            }
        }
    }

    #[test]
    fn money_in_json_is_valid_or_refused(text in money_text()) {
        let json = serde_json::to_string(&text).unwrap();
        if let Ok(money) = serde_json::from_str::<Money>(&json) {
            prop_assert!(money.value() >= Decimal::ZERO);
            prop_assert!(money.value().scale() <= 2);
            prop_assert_eq!(Money::new(money.value()), Ok(money));
        }
    }
}

/// The first bill of the real address answer, as JSON to mutate.
fn real_address_bills() -> Value {
    let (_, body) = corpus()
        .iter()
        .find(|(path, _)| path.contains("/addresses/") && path.ends_with("/bills"))
        .expect("the address bills in the corpus");
    serde_json::from_slice(body).unwrap()
}

fn with_amount_due(amount: Value) -> Vec<u8> {
    let mut value = real_address_bills();
    value["bills"][0]["amount_due"] = amount;
    serde_json::to_vec(&value).unwrap()
}

#[test]
fn the_real_answer_decodes() {
    let bills: AddressBills =
        serde_json::from_slice(&with_amount_due(Value::String("12.50".into()))).unwrap();
    assert_eq!(
        bills.bills[0].amount_due,
        Money::new(Decimal::new(1250, 2)).unwrap()
    );
}

#[test]
fn negative_nan_too_precise_and_absurd_amounts_are_refused() {
    for bad in [
        "-5",
        "-0.01",
        "NaN",
        "inf",
        "12.345",
        "0.001",
        "1000000000.01",
        "79228162514264337593543950336",
        "",
        "12,50",
        "1e9x",
    ] {
        let body = with_amount_due(Value::String(bad.into()));
        assert!(
            serde_json::from_slice::<AddressBills>(&body).is_err(),
            "amount_due {bad:?} was accepted"
        );
        assert!(
            serde_json::from_str::<Money>(&format!("{bad:?}")).is_err(),
            "{bad:?}"
        );
    }
}

#[test]
fn money_as_a_json_number_is_refused() {
    // Money is a decimal string on the wire; a JSON number would have passed through a float.
    for bad in [
        serde_json::json!(12.5),
        serde_json::json!(12),
        serde_json::json!(12.345),
        serde_json::json!(0.1 + 0.2),
        serde_json::json!(-12.5),
        serde_json::json!(1e300),
        serde_json::json!(-0.01),
    ] {
        let body = with_amount_due(bad.clone());
        assert!(
            serde_json::from_slice::<AddressBills>(&body).is_err(),
            "amount_due {bad} was accepted"
        );
    }
    // Every real amount turned into a JSON float: refused.
    let mut value = real_address_bills();
    money_to(&mut value, &serde_json::json!(0.1 + 0.2));
    assert!(serde_json::from_slice::<AddressBills>(&serde_json::to_vec(&value).unwrap()).is_err());
}
