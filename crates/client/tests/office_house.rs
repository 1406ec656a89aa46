//! «Информация по дому» through the client against the sandbox over loopback: an act going on
//! now, twelve months of common-house meters adding up, the organisations with phones and hours;
//! the same for two flats of one house, and the same again for the same clock.

use chrono::NaiveDate;
use gorod_sandbox::school::DEMO_PHONE;
use gorod_sandbox::{RunningSandbox, SandboxConfig, SMS_CODE};
use ofis_client::{ClientError, ClientOptions, GorodClient};

async fn sandbox() -> RunningSandbox {
    let today = NaiveDate::from_ymd_opt(2026, 12, 2).unwrap();
    gorod_sandbox::start(SandboxConfig::loopback_ephemeral(today))
        .await
        .unwrap()
}

async fn signed_in(sandbox: &RunningSandbox) -> GorodClient {
    let client = GorodClient::new(&sandbox.gorod_url, &ClientOptions::default()).unwrap();
    client.request_sms(DEMO_PHONE).await.unwrap();
    client.sign_in(DEMO_PHONE, SMS_CODE).await.unwrap();
    client
}

#[tokio::test]
async fn the_house_of_an_address_has_acts_meters_and_organisations() {
    let sandbox = sandbox().await;
    let client = signed_in(&sandbox).await;
    let info = client.house_info("orb-sovetskaya-12-5").await.unwrap();
    assert_eq!(info.house, "г. Оренбург, ул. Советская, д. 12");
    let current = &info.acts[0];
    assert!(current.from.date() <= NaiveDate::from_ymd_opt(2026, 12, 2).unwrap());
    assert!(current.to > current.from && !current.reason.is_empty());
    assert!(info
        .acts
        .iter()
        .skip(1)
        .all(|a| !a.active && a.to < current.from));

    assert_eq!(info.meters.len(), 3);
    for meter in &info.meters {
        assert_eq!(meter.months.len(), 12);
        assert_eq!(meter.months.last().unwrap().period.to_string(), "2026-11");
        for pair in meter.months.windows(2) {
            assert_eq!(
                pair[1].reading - pair[0].reading,
                pair[1].consumption,
                "{}",
                meter.service
            );
        }
    }
    let heat = &info.meters[0];
    let july = heat
        .months
        .iter()
        .find(|m| m.period.to_string() == "2026-07")
        .unwrap();
    assert!(july.consumption.is_zero(), "no heating in summer");

    let roles: Vec<_> = info.organisations.iter().map(|o| o.role.as_str()).collect();
    assert!(
        roles.contains(&"Управляющая компания") && roles.contains(&"Аварийно-диспетчерская служба")
    );
    assert!(info
        .organisations
        .iter()
        .any(|o| o.name.contains("Водоканал")));
    assert!(info
        .organisations
        .iter()
        .all(|o| !o.phone.is_empty() && !o.hours.is_empty()));

    let neighbour = client.house_info("orb-sovetskaya-12-17").await.unwrap();
    assert_eq!(
        (neighbour.acts.clone(), neighbour.meters.clone()),
        (info.acts.clone(), info.meters.clone())
    );
    assert_eq!(
        client.house_info("orb-sovetskaya-12-5").await.unwrap(),
        info
    );
    assert!(matches!(
        client.house_info("nowhere").await,
        Err(ClientError::NotFound(_))
    ));
    sandbox.shutdown().await;
}
