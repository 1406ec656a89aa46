//! The Город API's sign-in, addresses, bills, maintenance mode and OpenAPI document, over HTTP.

mod common;

use common::{date, error, ok_json, Harness, FULL_ADDRESS, PHONE};
use gorod_sandbox::SMS_CODE;
use ofis_api::sandbox::MaintenanceRequest;
use ofis_api::{paths, AddressDto, ErrorCode, Session};
use reqwest::StatusCode;
use serde_json::json;

#[tokio::test]
async fn sign_in_refuses_a_wrong_code_and_accepts_the_sms_code() {
    let h = Harness::start("2026-11-25").await;
    let bad_phone = h
        .post(&h.api(paths::AUTH_SMS), None, &json!({ "phone": "12345" }))
        .await;
    let e = error(bad_phone, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(
        e.message,
        "Введите номер мобильного телефона в формате +7 9XX XXX-XX-XX"
    );
    assert_eq!(e.field.as_deref(), Some("phone"));

    let sent = h
        .post(&h.api(paths::AUTH_SMS), None, &json!({ "phone": PHONE }))
        .await;
    let sent: ofis_api::SmsSent = ok_json(sent).await;
    assert_eq!((sent.phone.as_str(), sent.code_length), ("+79123456789", 4));

    let wrong = h
        .post(
            &h.api(paths::AUTH_SIGN_IN),
            None,
            &json!({ "phone": PHONE, "code": "0000" }),
        )
        .await;
    let e = error(wrong, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(
        (e.code, e.message.as_str(), e.field.as_deref()),
        (ErrorCode::Validation, "Неверный код из СМС", Some("code"))
    );

    let right = h
        .post(
            &h.api(paths::AUTH_SIGN_IN),
            None,
            &json!({ "phone": "89123456789", "code": SMS_CODE }),
        )
        .await;
    let session: Session = ok_json(right).await;
    assert_eq!(
        (session.profile.phone.as_str(), session.expires_in),
        ("+79123456789", 3600)
    );
    h.bills(&session.access_token, FULL_ADDRESS).await;

    // A refresh token works once and yields a new working session.
    let body = json!({ "refresh_token": session.refresh_token });
    let renewed: Session = ok_json(h.post(&h.api(paths::AUTH_REFRESH), None, &body).await).await;
    h.bills(&renewed.access_token, FULL_ADDRESS).await;
    error(
        h.post(&h.api(paths::AUTH_REFRESH), None, &body).await,
        StatusCode::UNAUTHORIZED,
    )
    .await;

    let anonymous = h
        .get(&h.api(&paths::address_bills(FULL_ADDRESS)), None)
        .await;
    assert_eq!(
        error(anonymous, StatusCode::UNAUTHORIZED).await.code,
        ErrorCode::Unauthorized
    );
    let forged = h
        .get(&h.api(&paths::address_bills(FULL_ADDRESS)), Some("forged"))
        .await;
    error(forged, StatusCode::UNAUTHORIZED).await;
}

#[tokio::test]
async fn address_search_matches_every_word_ignoring_case_and_punctuation() {
    let h = Harness::start("2026-11-25").await;
    let search = |q: &'static str| {
        let h = &h;
        async move {
            let url =
                reqwest::Url::parse_with_params(&h.api(paths::ADDRESSES), [("q", q)]).expect("url");
            let found: Vec<AddressDto> = ok_json(h.get(url.as_str(), None).await).await;
            found.into_iter().map(|a| a.title).collect::<Vec<_>>()
        }
    };
    assert_eq!(
        search("советская 12").await,
        [
            "г. Оренбург, ул. Советская, д. 12, кв. 5",
            "г. Оренбург, ул. Советская, д. 12, кв. 17"
        ]
    );
    assert_eq!(
        search("УЛ. СОВЕТСКАЯ, Д. 12, КВ. 5").await,
        ["г. Оренбург, ул. Советская, д. 12, кв. 5"]
    );
    assert_eq!(
        search("Победы 114").await,
        ["г. Оренбург, пр-т Победы, д. 114, кв. 27"]
    );
    assert_eq!(
        search("Орск строителей").await,
        ["г. Орск, ул. Строителей, д. 3, кв. 41"]
    );
    assert!(search("").await.is_empty());
    assert!(search("Ленина 1").await.is_empty());
}

#[tokio::test]
async fn bills_are_posted_progressively_through_the_first_ten_days() {
    let h = Harness::start("2026-11-02").await;
    let token = h.sign_in(PHONE).await;
    let early = h.bills(&token, FULL_ADDRESS).await;
    assert_eq!(early.period.to_string(), "2026-11");
    assert!(!early.bills.is_empty());
    assert!(early.bills.iter().all(
        |b| b.provider_name == "АО \"Система \"Город\"" || b.provider_name == "ПАО \"Т Плюс\""
    ));

    let clock = h.api(paths::SANDBOX_CLOCK);
    let moved = h
        .post(&clock, None, &json!({ "today": "2026-11-25" }))
        .await;
    assert_eq!(moved.status(), StatusCode::NO_CONTENT);
    let late = h.bills(&token, FULL_ADDRESS).await;
    assert_eq!(late.bills.len(), 10);
    assert!(late.bills.len() > early.bills.len());
    assert!(late
        .bills
        .iter()
        .all(|b| b.amount_due.value() >= 100.into() && b.amount_due.value() <= 5000.into()));
    assert!(late.bills.iter().any(|b| b.metered) && late.bills.iter().any(|b| !b.billed_by_gorod));
    // Deterministic: the same bill twice is the same; the next month's amounts differ.
    assert_eq!(h.bills(&token, FULL_ADDRESS).await, late);
    let url = format!(
        "{}?period=2026-10",
        h.api(&paths::address_bills(FULL_ADDRESS))
    );
    let october: ofis_api::AddressBills = ok_json(h.get(&url, Some(&token)).await).await;
    assert_eq!(october.bills.len(), 10);
    assert_ne!(october.bills[0].amount_due, late.bills[0].amount_due);

    // A new month starts empty but for the providers posting on the 1st.
    h.sandbox.state.set_today(date("2026-12-01"));
    let december = h.bills(&token, FULL_ADDRESS).await;
    assert_eq!(december.period.to_string(), "2026-12");
    assert_eq!(december.bills.len(), 1);

    let empty = h.bills(&token, "orb-chkalova-30-8").await;
    assert_eq!(
        empty.address.title,
        "г. Оренбург, ул. Чкалова, д. 30, кв. 8"
    );
    assert!(empty.bills.is_empty());

    let unknown = error(
        h.get(&h.api(&paths::address_bills("nowhere")), Some(&token))
            .await,
        StatusCode::NOT_FOUND,
    )
    .await;
    assert_eq!(unknown.message, "Адрес не найден");
    let url = format!(
        "{}?period=2026-13",
        h.api(&paths::address_bills(FULL_ADDRESS))
    );
    let bad = error(
        h.get(&url, Some(&token)).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(bad.field.as_deref(), Some("period"));
}

#[tokio::test]
async fn maintenance_mode_answers_503_with_retry_after_until_turned_off() {
    let h = Harness::start("2026-11-25").await;
    h.sandbox
        .state
        .set_maintenance(Some(("Работы до 03:00".into(), 120)));
    let response = h
        .post(&h.api(paths::AUTH_SMS), None, &json!({ "phone": PHONE }))
        .await;
    assert_eq!(
        response
            .headers()
            .get("retry-after")
            .and_then(|v| v.to_str().ok()),
        Some("120")
    );
    let e = error(response, StatusCode::SERVICE_UNAVAILABLE).await;
    assert_eq!(
        (e.code, e.message.as_str(), e.retry_after_seconds),
        (ErrorCode::Maintenance, "Работы до 03:00", Some(120))
    );

    // The HTTP control turns it on with the default text, and off again.
    let control = h.api(paths::SANDBOX_MAINTENANCE);
    let on = MaintenanceRequest {
        on: true,
        message: None,
        retry_after_seconds: Some(30),
    };
    assert_eq!(
        h.post(&control, None, &on).await.status(),
        StatusCode::NO_CONTENT
    );
    let e = error(
        h.get(&h.api(paths::ADDRESSES), None).await,
        StatusCode::SERVICE_UNAVAILABLE,
    )
    .await;
    assert_eq!(
        e.message,
        "Ведутся плановые технические работы. Повторите попытку позже."
    );
    let off = MaintenanceRequest {
        on: false,
        message: None,
        retry_after_seconds: None,
    };
    assert_eq!(
        h.post(&control, None, &off).await.status(),
        StatusCode::NO_CONTENT
    );
    h.sign_in(PHONE).await;
}

#[tokio::test]
async fn openapi_document_is_served_and_lists_the_api_paths() {
    let h = Harness::start("2026-11-25").await;
    let doc: serde_json::Value = ok_json(h.get(&h.api(paths::OPENAPI), None).await).await;
    assert!(doc["openapi"].as_str().is_some_and(|v| v.starts_with("3.")));
    let documented = doc["paths"].as_object().expect("paths");
    for path in [
        paths::AUTH_SMS,
        paths::AUTH_SIGN_IN,
        paths::AUTH_REFRESH,
        paths::ADDRESSES,
        "/api/v1/addresses/{id}/bills",
        paths::PROVIDERS,
        "/api/v1/providers/{id}/bills",
        "/api/v1/accounts/{account}/bills",
        paths::ORDERS,
        "/api/v1/orders/{id}",
        paths::RECEIPTS,
        "/api/v1/receipts/{id}",
        "/api/v1/receipts/{id}/email",
        "/internal/payments/{payment_id}/outcome",
        "/api/v1/accounts/{account}/meters",
        paths::TARIFFS,
        "/api/v1/meters/{meter_id}/readings",
        "/api/v1/bills/{id}/qr",
        paths::SCHOOL_CHILDREN,
        "/api/v1/school/children/{child_id}/topups",
        "/api/v1/school/children/{child_id}/meal-requests/{request_id}/withdraw",
        "/api/v1/school/children/{child_id}/photo",
        paths::TRANSPORT_CARD_LOOKUP,
        paths::TRANSPORT_CARDS,
        "/api/v1/transport/cards/{number}",
        "/api/v1/transport/cards/{number}/history",
        "/api/v1/transport/cards/{number}/topups",
        paths::TRANSPORT_ROUTES,
        "/api/v1/transport/routes/{route_id}/stops",
        paths::TRANSPORT_STOPS,
        "/api/v1/transport/stops/{stop_id}/arrivals",
        paths::TRANSPORT_GTFS,
        paths::TRANSPORT_GTFS_RT,
        ofis_api::office::paths::OFFICES,
        ofis_api::office::paths::BOOKINGS,
        "/api/v1/office/bookings/{booking_id}/ics",
        ofis_api::office::paths::APPLICATIONS,
        ofis_api::office::paths::LIFE_SITUATIONS,
        "/api/v1/office/payments/{payment_id}/email",
        paths::SUPPORT_MESSAGES,
        paths::SUPPORT_READ,
        paths::SUPPORT_ATTACHMENTS,
        "/api/v1/support/attachments/{attachment_id}",
    ] {
        assert!(documented.contains_key(path), "{path} missing");
    }
    assert!(documented["/api/v1/orders"]["post"]["requestBody"].is_object());
    assert!(documented.keys().all(|p| !p.starts_with("/sandbox")));
    // Generated clients name methods after operationIds: they must be unique.
    let mut ids: Vec<&str> = documented
        .values()
        .flat_map(|item| item.as_object().into_iter().flat_map(|ops| ops.values()))
        .filter_map(|op| op["operationId"].as_str())
        .collect();
    let count = ids.len();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!((ids.len(), count), (81, 81), "{ids:?}");
    for schema in [
        "OrderDto",
        "ProviderDto",
        "AccountFieldDto",
        "PaymentRulesDto",
        "EmailRequest",
        "MeterDto",
        "ReadingDto",
        "TariffDto",
        "ChildDto",
        "MealHistoryDto",
        "MenuDto",
        "PaidServiceDto",
        "PhotoBytes",
        "TransportCardDto",
        "CardHistoryDto",
        "ArrivalsDto",
        "GtfsZip",
    ] {
        assert!(doc["components"]["schemas"][schema].is_object(), "{schema}");
    }
    let bills = &documented["/api/v1/providers/{id}/bills"]["get"];
    assert!(bills["responses"]["422"].is_object() && bills["responses"]["404"].is_object());
    assert!(documented["/api/v1/receipts/{id}/email"]["post"]["responses"]["202"].is_object());
    // A body that is not JSON is refused with a documented 400 or 415, never an undocumented one.
    let order = &documented["/api/v1/orders"]["post"]["responses"];
    assert!(order["400"].is_object() && order["415"].is_object());
    // The GTFS feeds are binary responses.
    for (path, content_type) in [
        (paths::TRANSPORT_GTFS, "application/zip"),
        (paths::TRANSPORT_GTFS_RT, "application/x-protobuf"),
        ("/api/v1/office/bookings/{booking_id}/ics", "text/calendar"),
    ] {
        let content = &documented[path]["get"]["responses"]["200"]["content"][content_type];
        assert!(content["schema"].is_object(), "{path}");
    }
    assert_eq!(
        serde_json::to_value(gorod_sandbox::openapi()).expect("doc"),
        doc
    );
}
