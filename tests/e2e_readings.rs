//! End to end (headless Chromium, phone viewport): meter readings with the payment — saved for two
//! lines, kept across a restart, paid with the whole list, and found in the providers' registries;
//! a provider that refuses payment without readings takes the user straight to «конечное».

mod support;

use gorod_sandbox::{test_cards, RunningSandbox, SandboxConfig};
use ofis_client::{ClientOptions, GorodClient};
use rust_decimal::Decimal;
use support::{add_address, sign_in, App, Browser};

async fn sandbox() -> RunningSandbox {
    let today = support::today();
    gorod_sandbox::start(SandboxConfig::loopback_ephemeral(today))
        .await
        .unwrap()
}

/// The meters of an account as the server sees them: (id, last value).
async fn meters(sandbox: &RunningSandbox, account: &str, provider: &str) -> Vec<(String, Decimal)> {
    let client = GorodClient::new(&sandbox.gorod_url, &ClientOptions::default()).unwrap();
    client.request_sms("+79001112233").await.unwrap();
    client
        .sign_in("+79001112233", gorod_sandbox::SMS_CODE)
        .await
        .unwrap();
    client
        .meters(account, Some(provider))
        .await
        .unwrap()
        .into_iter()
        .map(|m| (m.id, m.last_value.unwrap_or_default()))
        .collect()
}

/// The line of an account's bill for the current period.
fn line(account: &str) -> String {
    let period = ofis_domain::Period::of(support::today());
    format!("#line-bill-{account}-{period}")
}

fn ru(d: Decimal) -> String {
    d.to_string().replace('.', ",")
}

async fn enter_readings(b: &Browser, line_css: &str, meters: &[(String, Decimal)]) {
    b.click(&format!("{line_css} .star")).await;
    b.click(&format!("{line_css} .menu-pay")).await;
    for (id, last) in meters {
        b.type_into(&format!("#reading-{id}"), &ru(*last + Decimal::ONE))
            .await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn saved_readings_survive_a_restart_and_reach_their_providers_with_the_payment() {
    let sandbox = sandbox().await;
    let dir = tempfile::tempdir().unwrap();
    let water = meters(&sandbox, "0312500501", "vodokanal").await;
    let power = meters(&sandbox, "560012512005", "energosbyt").await;
    assert_eq!(
        (water.len(), power.len()),
        (2, 2),
        "two water meters; a two-tariff electricity meter"
    );
    {
        let app = App::start_in_with_server(dir.path().into(), &sandbox.gorod_url);
        let b = Browser::open(390, 844).await;
        b.goto(&app).await;
        sign_in(&b).await;
        add_address(&b, "Советская 12 кв 5", "кв. 5").await;

        // The «0» rule first: a zero cannot go with a payment.
        b.click(&format!("{} .star", line("0312500501"))).await;
        b.click(&format!("{} .menu-pay", line("0312500501"))).await;
        b.type_into(&format!("#reading-{}", water[0].0), "0").await;
        b.click("#readings-save").await;
        b.wait_text(&format!("#reading-{}-error", water[0].0), "0")
            .await;
        b.screenshot("90-zero-reading").await;
        b.click(".back").await;

        enter_readings(&b, &line("0312500501"), &water).await;
        b.wait("#readings-save").await;
        b.screenshot("91-line-readings").await;
        b.click("#readings-save").await;
        b.wait_text("#notice", "Показания сохранены").await;
        enter_readings(&b, &line("560012512005"), &power).await;
        b.click("#readings-save").await;
        b.wait_text(
            &format!("{} .badge.readings", line("560012512005")),
            "сохранены",
        )
        .await;
        b.close().await;
    }
    let app = App::start_in_with_server(dir.path().into(), &sandbox.gorod_url);
    let b = Browser::open(390, 844).await;
    b.goto(&app).await;
    // The session was kept in the OS keyring: no SMS code after a restart.
    b.wait(".tabbar").await;
    b.wait_text(
        &format!("{} .badge.readings", line("0312500501")),
        "сохранены",
    )
    .await;
    b.wait_text(
        &format!("{} .badge.readings", line("560012512005")),
        "сохранены",
    )
    .await;
    b.click("#pay").await;
    b.type_into("#card-number", test_cards::SUCCESS_VISA).await;
    b.type_into("#card-expiry", "12/30").await;
    b.type_into("#card-cvc", "123").await;
    b.click("#card-pay").await;
    b.wait_text("#receipt", "Оплачено").await;

    for (provider, sent) in [("vodokanal", &water), ("energosbyt", &power)] {
        let registry = sandbox.state.registry(provider);
        let readings: Vec<_> = registry.iter().flat_map(|e| e.readings.iter()).collect();
        for (meter, last) in sent.iter() {
            let got = readings
                .iter()
                .find(|r| &r.meter_id == meter)
                .unwrap_or_else(|| panic!("{meter} in the {provider} registry"));
            assert_eq!(got.value, *last + Decimal::ONE);
        }
    }
    b.close().await;
    sandbox.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_provider_that_refuses_payment_without_readings_leads_to_the_readings_of_that_line() {
    let sandbox = sandbox().await;
    let meters = meters(&sandbox, "4202000901", "ucs").await;
    let app = App::start_with_server(&sandbox.gorod_url);
    let b = Browser::open(390, 844).await;
    b.goto(&app).await;
    sign_in(&b).await;
    add_address(&b, "Пушкинская 20", "Пушкинская").await;
    b.click("#pay").await;
    b.wait_text("#readings-required", "только с показаниями")
        .await;
    b.screenshot("92-readings-required").await;
    for (id, last) in &meters {
        b.type_into(&format!("#reading-{id}"), &ru(*last + Decimal::new(25, 1)))
            .await;
    }
    b.click("#readings-pay").await;
    b.type_into("#card-number", test_cards::SUCCESS_MIR).await;
    b.type_into("#card-expiry", "12/30").await;
    b.type_into("#card-cvc", "123").await;
    b.click("#card-pay").await;
    b.wait_text("#receipt", "Оплачено").await;
    let registry = sandbox.state.registry("ucs");
    assert_eq!(registry.len(), 1);
    assert_eq!(registry[0].readings.len(), meters.len());
    b.close().await;
    sandbox.shutdown().await;
}
