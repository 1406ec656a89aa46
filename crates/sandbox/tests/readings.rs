//! Meters, tariffs and history over HTTP, and readings without payment (Город-billed accounts
//! only, idempotent per key).

mod common;

use common::meters::{meters, next, submit};
use common::{error, ok_json, Harness, PHONE};
use ofis_api::{paths, ErrorCode, ReadingDto, ReadingSource, TariffDto, TariffZoneDto};
use reqwest::StatusCode;
use rust_decimal_macros::dec;
use serde_json::json;

#[tokio::test]
async fn meters_carry_precision_last_reading_group_window_and_tariff() {
    let h = Harness::start("2026-11-25").await;
    let token = h.sign_in(PHONE).await;
    let electricity = meters(&h, &token, "560012512005").await;
    assert_eq!(electricity.len(), 2, "a two-tariff meter has two registers");
    let (t1, t2) = (&electricity[0], &electricity[1]);
    assert_eq!(
        (t1.zone, t2.zone),
        (Some(TariffZoneDto::T1), Some(TariffZoneDto::T2))
    );
    assert_eq!(t1.serial, t2.serial);
    assert!(t1.group.is_some() && t1.group == t2.group);
    assert_eq!((t1.integer_digits, t1.fraction_digits), (6, 1));
    assert_eq!((t1.window_from, t1.window_to), (1, 31));
    assert_eq!(t1.unit, "кВт·ч");
    let tariff = t1.tariff.as_ref().expect("a published price");
    assert_eq!(
        (tariff.zone, tariff.price),
        (Some(TariffZoneDto::T1), dec!(6.62))
    );
    assert_eq!(t1.last_date.unwrap().to_string(), "2026-10-20");

    let history: Vec<ReadingDto> = ok_json(
        h.get(&h.api(&paths::meter_readings(&t1.id)), Some(&token))
            .await,
    )
    .await;
    assert_eq!(history.len(), 6);
    assert!(history
        .windows(2)
        .all(|w| w[0].value <= w[1].value && w[0].date < w[1].date));
    assert_eq!(history.last().map(|r| r.value), t1.last_value);

    let hot = meters(&h, &token, "7012505002").await;
    assert!(hot
        .iter()
        .all(|m| m.billed_by_gorod && (m.window_from, m.window_to) == (15, 25)));
    let banned = meters(&h, &token, "7111427002").await;
    assert_eq!(banned[1].ban_reason.as_deref(), Some("Истёк срок поверки"));
    let required = meters(&h, &token, "4202000901").await;
    assert!(required[0].payment_requires_readings);
    assert!(
        meters(&h, &token, "1000125005").await.is_empty(),
        "housing is not metered"
    );

    let wrong_provider = h
        .get_query(
            &paths::account_meters("560012512005"),
            Some(&token),
            &[("provider_id", "gazprom")],
        )
        .await;
    error(wrong_provider, StatusCode::NOT_FOUND).await;
    error(
        h.get(&h.api(&paths::account_meters("nope")), Some(&token))
            .await,
        StatusCode::NOT_FOUND,
    )
    .await;
    error(
        h.get(&h.api(&paths::account_meters("560012512005")), None)
            .await,
        StatusCode::UNAUTHORIZED,
    )
    .await;

    let tariffs: Vec<TariffDto> = ok_json(h.get(&h.api(paths::TARIFFS), None).await).await;
    assert!(tariffs
        .iter()
        .any(|t| t.provider_id == "gazprom" && t.unit == "м³"));
    assert!(tariffs.iter().any(|t| t.unit == "Гкал"));
}

#[tokio::test]
async fn readings_without_payment_are_taken_for_gorod_billed_accounts_once_per_key() {
    let h = Harness::start("2026-11-25").await;
    let token = h.sign_in(PHONE).await;
    let hot = &meters(&h, &token, "7012505002").await[0];
    let value = next(hot, dec!(1.25)).to_string();
    let before = h.sandbox.state.meter_readings(&hot.id).len();

    let first = submit(&h, &token, &hot.id, "queue-1", &value).await;
    assert_eq!(first.status(), StatusCode::CREATED);
    let first: ReadingDto = first.json().await.unwrap();
    assert_eq!(
        (first.source, first.date.to_string()),
        (ReadingSource::WithoutPayment, "2026-11-25".into())
    );
    let again = submit(&h, &token, &hot.id, "queue-1", &value).await;
    assert_eq!(again.status(), StatusCode::CREATED);
    assert_eq!(
        again.json::<ReadingDto>().await.unwrap(),
        first,
        "a resend gets the same answer"
    );
    assert_eq!(
        h.sandbox.state.meter_readings(&hot.id).len(),
        before + 1,
        "and no duplicate"
    );
    assert_eq!(
        meters(&h, &token, "7012505002").await[0].last_value,
        Some(first.value)
    );

    let other = error(
        submit(&h, &token, &hot.id, "queue-1", "999").await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(other.code, ErrorCode::IdempotencyMismatch);
    let third_party = error(
        submit(&h, &token, "m-0312500501-1", "queue-2", "999").await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(
        (third_party.message.as_str(), third_party.field.as_deref()),
        (
            "Показания по этой услуге принимаются только вместе с оплатой",
            Some("meter")
        )
    );
    let banned = error(
        submit(&h, &token, "m-7111427002-2", "queue-3", "999").await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(banned.field.as_deref(), Some("value"));
    let sloppy = error(
        submit(&h, &token, &hot.id, "queue-4", "1.23456").await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert!(
        sloppy.message.contains("после запятой"),
        "{}",
        sloppy.message
    );
    let no_key = h
        .http
        .post(h.api(&paths::meter_readings(&hot.id)))
        .bearer_auth(&token)
        .json(&json!({ "value": value }))
        .send()
        .await
        .unwrap();
    assert_eq!(
        error(no_key, StatusCode::UNPROCESSABLE_ENTITY)
            .await
            .field
            .as_deref(),
        Some(paths::IDEMPOTENCY_KEY)
    );
    error(
        submit(&h, &token, "m-nope", "queue-5", "1").await,
        StatusCode::NOT_FOUND,
    )
    .await;
}
