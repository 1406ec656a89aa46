//! What the transport tests share: a sandbox on a known Wednesday at 10:00 (the clock standing),
//! a signed-in demo phone, the clock and feed controls.

#![allow(dead_code)] // each test file uses part of it

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use gorod_sandbox::school::DEMO_PHONE;
use gorod_sandbox::transport::world::CARDS;
use gorod_sandbox::{RunningSandbox, SandboxConfig, SMS_CODE};
use ofis_api::paths;
use ofis_client::{ClientOptions, GorodClient};
use ofis_domain::transport::CardType;
use serde_json::json;

/// A Wednesday.
pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
}

/// A local time (Asia/Yekaterinburg) of a day.
pub fn at(day: NaiveDate, hour: u32, minute: u32) -> DateTime<Utc> {
    ofis_domain::tz::offset()
        .from_local_datetime(&day.and_hms_opt(hour, minute, 0).unwrap())
        .unwrap()
        .to_utc()
}

/// The number of the first demo card of a type.
pub fn card_of(card_type: CardType) -> String {
    CARDS
        .iter()
        .skip(1)
        .find(|c| c.card_type == card_type)
        .unwrap()
        .number()
}

pub async fn sandbox() -> RunningSandbox {
    let sandbox = gorod_sandbox::start(SandboxConfig::loopback_ephemeral(today()))
        .await
        .unwrap();
    set_clock(&sandbox, today(), "10:00").await;
    sandbox
}

pub async fn signed_in(sandbox: &RunningSandbox) -> GorodClient {
    let client = GorodClient::new(&sandbox.gorod_url, &ClientOptions::default()).unwrap();
    client.request_sms(DEMO_PHONE).await.unwrap();
    client.sign_in(DEMO_PHONE, SMS_CODE).await.unwrap();
    client
}

/// Sets the sandbox clock (date and a standing time of day) with its control endpoint.
pub async fn set_clock(sandbox: &RunningSandbox, day: NaiveDate, time: &str) {
    control(
        sandbox,
        paths::SANDBOX_CLOCK,
        json!({ "today": day.to_string(), "time": time }),
    )
    .await;
}

pub async fn control(sandbox: &RunningSandbox, path: &str, body: serde_json::Value) {
    let status = reqwest::Client::new()
        .post(format!("{}{path}", sandbox.gorod_url))
        .json(&body)
        .send()
        .await
        .unwrap()
        .status();
    assert_eq!(status, 204, "{path}");
}
