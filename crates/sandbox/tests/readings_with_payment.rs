//! Readings with a payment over HTTP: checked with the order (the «0» rule, groups, providers
//! that require readings), then written into each provider's registry when paid.

mod common;

use common::meters::{bill, line, meters, next};
use common::{error, ok_json, Harness, PHONE};
use gorod_sandbox::test_cards;
use ofis_api::sandbox::RegistryEntry;
use ofis_api::{
    paths, CreateOrder, ErrorCode, GatewayStatus, OrderDto, OrderLineRequest, ReadingSource,
};
use reqwest::StatusCode;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

#[tokio::test]
async fn a_provider_that_requires_readings_refuses_the_payment_without_them() {
    let h = Harness::start("2026-11-25").await;
    let token = h.sign_in(PHONE).await;
    let water = bill(&h, &token, "4202000901").await;
    let meter = &meters(&h, &token, "4202000901").await[0];
    let order = |lines| CreateOrder { lines };

    let refused = h
        .create_order(&token, "k1", &order(vec![line(&water, &[])]))
        .await;
    let e = error(refused, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(e.code, ErrorCode::ReadingsRequired);
    assert_eq!(e.field.as_deref(), Some("lines[0].readings"));
    assert_eq!(
        e.message,
        "Поставщик «ООО \"Уральские коммунальные системы\"» принимает оплату только с показаниями счётчиков. Введите показания."
    );

    let zero = h
        .create_order(
            &token,
            "k2",
            &order(vec![line(&water, &[(&meter.id, dec!(0))])]),
        )
        .await;
    let e = error(zero, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(
        (e.code, e.field.as_deref()),
        (ErrorCode::Validation, Some("lines[0].readings[0].value"))
    );
    assert!(
        e.message.contains("«0» нельзя передать с оплатой"),
        "{}",
        e.message
    );

    let fine = h
        .create_order(
            &token,
            "k3",
            &order(vec![line(&water, &[(&meter.id, next(meter, dec!(3.5)))])]),
        )
        .await;
    assert_eq!(fine.status(), StatusCode::CREATED);
    assert_eq!(
        h.sandbox.state.orders_count(),
        1,
        "refused orders are not kept"
    );
}

#[tokio::test]
async fn incomplete_groups_foreign_meters_bad_precision_and_banned_meters_are_refused() {
    let h = Harness::start("2026-11-25").await;
    let token = h.sign_in(PHONE).await;
    let cold = bill(&h, &token, "0312500501").await;
    let cold_meters = meters(&h, &token, "0312500501").await;
    let refuse = |lines: Vec<OrderLineRequest>, key: &'static str| {
        let (h, token) = (&h, &token);
        async move {
            error(
                h.create_order(token, key, &CreateOrder { lines }).await,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
    };

    let kitchen_only = refuse(
        vec![line(
            &cold,
            &[(&cold_meters[0].id, next(&cold_meters[0], dec!(2)))],
        )],
        "a",
    )
    .await;
    assert_eq!(kitchen_only.field.as_deref(), Some("lines[0].readings"));
    assert!(
        kitchen_only.message.contains("только вместе") && kitchen_only.message.contains("21034568"),
        "{}",
        kitchen_only.message
    );

    let foreign = refuse(vec![line(&cold, &[("m-5601200505-1", dec!(9999))])], "b").await;
    assert_eq!(
        foreign.field.as_deref(),
        Some("lines[0].readings[0].meter_id")
    );

    let precise = refuse(
        vec![line(
            &cold,
            &[
                (&cold_meters[0].id, dec!(400.1234)),
                (&cold_meters[1].id, dec!(300)),
            ],
        )],
        "c",
    )
    .await;
    assert_eq!(precise.field.as_deref(), Some("lines[0].readings[0].value"));
    assert!(
        precise.message.contains("после запятой"),
        "{}",
        precise.message
    );

    let housing = bill(&h, &token, "1000125005").await;
    let unmetered = refuse(
        vec![line(&housing, &[(&cold_meters[0].id, dec!(500))])],
        "d",
    )
    .await;
    assert_eq!(unmetered.field.as_deref(), Some("lines[0].readings"));

    let hot = bill(&h, &token, "7111427002").await;
    let banned = refuse(vec![line(&hot, &[("m-7111427002-2", dec!(999))])], "e").await;
    assert!(
        banned.message.contains("Истёк срок поверки"),
        "{}",
        banned.message
    );
    assert_eq!(h.sandbox.state.orders_count(), 0);
}

#[tokio::test]
async fn a_paid_order_writes_each_reading_into_its_providers_registry() {
    let h = Harness::start("2026-11-25").await;
    let token = h.sign_in(PHONE).await;
    let cold = meters(&h, &token, "0312500501").await;
    let el = meters(&h, &token, "560012512005").await;
    let gas = meters(&h, &token, "5601200505").await;
    let lines = vec![
        line(
            &bill(&h, &token, "0312500501").await,
            &[
                (&cold[0].id, next(&cold[0], dec!(4.125))),
                (&cold[1].id, next(&cold[1], dec!(2))),
            ],
        ),
        line(
            &bill(&h, &token, "560012512005").await,
            &[
                (&el[0].id, next(&el[0], dec!(180))),
                (&el[1].id, next(&el[1], dec!(95.5))),
            ],
        ),
        line(
            &bill(&h, &token, "5601200505").await,
            &[(&gas[0].id, next(&gas[0], dec!(0)))],
        ),
        line(&bill(&h, &token, "1000125005").await, &[]),
    ];
    let created = h
        .create_order(&token, "with-readings", &CreateOrder { lines })
        .await;
    assert_eq!(created.status(), StatusCode::CREATED);
    let order: OrderDto = created.json().await.unwrap();
    assert!(
        h.sandbox.state.registry("gazprom").is_empty(),
        "nothing registered before payment"
    );
    assert_eq!(
        h.pay(&order, test_cards::SUCCESS_MIR).await.status,
        GatewayStatus::Succeeded
    );

    let vodokanal = h.sandbox.state.registry("vodokanal");
    assert_eq!(vodokanal.len(), 1);
    assert_eq!(vodokanal[0].order_id, order.id);
    assert_eq!(vodokanal[0].account, "0312500501");
    let sent: Vec<(&str, &str, Decimal)> = vodokanal[0]
        .readings
        .iter()
        .map(|r| (r.meter_id.as_str(), r.serial.as_str(), r.value))
        .collect();
    assert_eq!(
        sent,
        [
            ("m-0312500501-1", "21034567", next(&cold[0], dec!(4.125))),
            ("m-0312500501-2", "21034568", next(&cold[1], dec!(2))),
        ]
    );
    assert_eq!(h.sandbox.state.registry("energosbyt")[0].readings.len(), 2);
    let over_http: Vec<RegistryEntry> = ok_json(
        h.get(&h.api(&paths::sandbox_registry("gazprom")), None)
            .await,
    )
    .await;
    assert_eq!(over_http, h.sandbox.state.registry("gazprom"));
    assert_eq!(
        over_http[0].readings[0].value,
        gas[0].last_value.unwrap(),
        "the same value as last time"
    );
    let gorod = h.sandbox.state.registry("gorod");
    assert!(
        gorod.len() == 1 && gorod[0].readings.is_empty(),
        "every paid line is registered"
    );
    error(
        h.get(&h.api(&paths::sandbox_registry("nobody")), None)
            .await,
        StatusCode::NOT_FOUND,
    )
    .await;

    let after = meters(&h, &token, "0312500501").await;
    assert_eq!(after[0].last_value, Some(next(&cold[0], dec!(4.125))));
    assert_eq!(after[0].last_date.unwrap().to_string(), "2026-11-25");
    let history = h.sandbox.state.meter_readings(&after[0].id);
    assert_eq!(
        history.last().map(|r| r.source),
        Some(ReadingSource::WithPayment)
    );
}
