//! «Электронная квитанция» through the client against the sandbox over loopback: switched on by
//! the 20th it counts from this month's bill, after the 20th from the next month's; switched off
//! again; only Город accounts have it.

use chrono::NaiveDate;
use gorod_sandbox::school::DEMO_PHONE;
use gorod_sandbox::{RunningSandbox, SandboxConfig, SMS_CODE};
use ofis_api::paths;
use ofis_client::{ClientError, ClientOptions, GorodClient};
use serde_json::json;

async fn set_clock(sandbox: &RunningSandbox, to: &str) {
    let status = reqwest::Client::new()
        .post(format!("{}{}", sandbox.gorod_url, paths::SANDBOX_CLOCK))
        .json(&json!({ "today": to }))
        .send()
        .await
        .unwrap()
        .status();
    assert_eq!(status, 204);
}

#[tokio::test]
async fn the_cut_off_day_decides_the_first_e_mailed_bill() {
    let today = NaiveDate::from_ymd_opt(2026, 12, 20).unwrap();
    let sandbox = gorod_sandbox::start(SandboxConfig::loopback_ephemeral(today))
        .await
        .unwrap();
    let client = GorodClient::new(&sandbox.gorod_url, &ClientOptions::default()).unwrap();
    client.request_sms(DEMO_PHONE).await.unwrap();
    client.sign_in(DEMO_PHONE, SMS_CODE).await.unwrap();

    let paper = client.e_bill("1000125005").await.unwrap();
    assert_eq!(
        (paper.enabled, paper.from_period, paper.cut_off_day),
        (false, None, 20)
    );
    let on = client
        .set_e_bill("1000125005", Some(" ivan@mail.ru "))
        .await
        .unwrap();
    assert_eq!(
        (on.enabled, on.email.as_deref()),
        (true, Some("ivan@mail.ru"))
    );
    assert_eq!(on.from_period.unwrap().to_string(), "2026-12");
    assert!(
        on.message.contains("декабрь 2026") && on.message.contains("ivan@mail.ru"),
        "{}",
        on.message
    );
    assert_eq!(client.e_bill("1000125005").await.unwrap(), on);

    set_clock(&sandbox, "2026-12-21").await;
    let off = client.set_e_bill("1000125005", None).await.unwrap();
    assert_eq!((off.enabled, off.email), (false, None));
    assert_eq!(off.from_period.unwrap().to_string(), "2027-01");
    assert!(off.message.contains("январь 2027"), "{}", off.message);

    assert!(matches!(
        client.set_e_bill("1000125005", Some("ivan@mail")).await,
        Err(ClientError::Validation { field: Some(f), .. }) if f == "email"
    ));
    // A water company's account is not billed by Система «Город».
    assert!(matches!(
        client.e_bill("0312500501").await,
        Err(ClientError::NotFound(_))
    ));
    sandbox.shutdown().await;
}
