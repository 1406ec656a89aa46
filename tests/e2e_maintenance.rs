//! End to end, in headless Chromium: the Город API goes into planned maintenance while the user
//! is on «Мои платежи»; «Оплатить» shows the maintenance banner with the server's message and
//! retry time, and «Повторить» brings the app back once the work is over.

mod support;

use gorod_sandbox::SandboxConfig;
use support::{add_address, sign_in, App, Browser};

const W: u32 = 390;
const H: u32 = 844;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn maintenance_shows_the_servers_message_and_retry_brings_the_app_back() {
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
    let sandbox = gorod_sandbox::start(SandboxConfig::loopback_ephemeral(today))
        .await
        .unwrap();
    let app = App::start_with_server(&sandbox.gorod_url);
    let b = Browser::open(W, H).await;
    b.goto(&app).await;
    sign_in(&b).await;
    add_address(&b, "Советская 12 кв 5", "Советская, д. 12, кв. 5").await;
    let total = b.wait_text("#total", "₽").await;
    assert!(!b.exists("#maintenance").await);

    sandbox
        .state
        .set_maintenance(Some(("Профилактика до 06:00".into(), 600)));
    b.click("#pay").await;
    let banner = b.wait_text("#maintenance", "Профилактика до 06:00").await;
    assert!(banner.contains("Повторите через 10 мин."), "{banner}");
    assert!(b.exists("#maintenance-retry").await);
    assert!(
        !b.exists("[id$='-support']").await,
        "maintenance passes by itself: nothing to write to support about"
    );
    assert!(
        !b.exists("#card-number").await,
        "no order was made: the checkout did not open"
    );
    b.screenshot("95-maintenance").await;

    sandbox.state.set_maintenance(None);
    b.click("#maintenance-retry").await;
    let deadline = std::time::Instant::now() + support::UI_TIMEOUT;
    while b.exists("#maintenance").await {
        assert!(
            std::time::Instant::now() < deadline,
            "the banner stays after «Повторить»"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let after = b.wait_text("#total", "₽").await;
    assert_eq!(after.trim(), total.trim(), "the общий счёт is as it was");
    assert!(sandbox.state.charges().is_empty());
    b.close().await;
    sandbox.shutdown().await;
}
