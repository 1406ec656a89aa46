//! End to end, in headless Chromium at 360×800: «Транспорт» → «Остановки и маршруты»: a route's
//! stops in order, a stop found by name with live arrivals (a bus seven minutes late, its
//! scheduled time beside), the live feed switched off (the schedule with the banner), the stop
//! kept as a favourite with «★» and a reminder set, then a restart with the server down: the
//! favourite stop on the home screen still shows its arrivals from the kept schedule.

mod support;

use ofis_api::sandbox::TransportFeedSwitches;
use support::{App, Browser};

const W: u32 = 360;
const H: u32 = 800;

/// Types into «Остановки и маршруты» and opens «Драмтеатр».
async fn open_stop(b: &Browser, typed: &str) {
    b.type_into("#network-query", typed).await;
    b.wait_text("#network-results", "Драмтеатр").await;
    b.click("#stop-dramteatr").await;
    b.wait("#arrivals").await;
}

/// The trip id of the `n`th arrival shown (1-based).
async fn trip_of(b: &Browser, n: usize) -> String {
    let li = b.wait(&format!("#arrivals li:nth-child({n})")).await;
    let id = li.attr("id").await.expect("id").expect("an id");
    id.strip_prefix("arrival-").expect("arrival-…").to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_rider_finds_a_stop_sees_live_times_then_the_schedule_and_keeps_it_offline() {
    let sandbox = gorod_sandbox::start(gorod_sandbox::SandboxConfig::loopback_ephemeral(
        support::today(),
    ))
    .await
    .expect("sandbox starts");
    let dir = tempfile::tempdir().unwrap();
    let app = App::start_in_with_server(dir.path().into(), &sandbox.gorod_url);
    let b = Browser::open(W, H).await;
    b.goto(&app).await;
    support::sign_in(&b).await;
    b.click("#tab-transport").await;
    b.click("#open-network").await;

    // A route by its number: its stops in order.
    b.type_into("#network-query", "5").await;
    b.wait_text("#network-results", "Маршрут 5").await;
    b.screenshot("140-transport-network").await;
    b.click("#route-r5").await;
    let stops = b.wait_text("#route-stops", "Старый город").await;
    let order: Vec<usize> = ["Автовокзал", "Драмтеатр", "Старый город"]
        .iter()
        .map(|s| stops.find(s).expect(s))
        .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{stops}");
    b.screenshot("141-transport-route").await;
    b.click(".back").await;

    // A stop by name, and a bus seven minutes late.
    open_stop(&b, "драм").await;
    let late = trip_of(&b, 3).await;
    sandbox.state.set_transport_feed(TransportFeedSwitches {
        delays: [(late.clone(), 420)].into(),
        ..Default::default()
    });
    b.click(".back").await;
    open_stop(&b, "Драмтеатр").await;
    b.wait_text(&format!("#arrival-{late}"), "опаздывает на 7 мин")
        .await;
    b.wait(&format!("#arrival-{late} .arrival-scheduled")).await;
    assert!(!b.exists("#arrivals-banner").await, "the feed is live");
    b.screenshot("142-transport-stop-live").await;

    // The live feed off: the schedule, and the banner says so.
    sandbox.state.set_transport_feed(TransportFeedSwitches {
        down: true,
        ..Default::default()
    });
    b.click(".back").await;
    open_stop(&b, "театр").await;
    b.wait_text("#arrivals-banner", "показано расписание").await;
    b.wait_text("#arrivals", "по расписанию").await;

    // «★»: a favourite, with «Напомнить» on its buses.
    b.click("#stop-favourite").await;
    b.wait("#stop-favourite[aria-pressed=\"true\"]").await;
    // The last bus shown: far enough ahead for a reminder 5 minutes before it.
    let later = trip_of(&b, 8).await;
    b.click(&format!("#remind-{later}")).await;
    b.wait_text(&format!("#remind-{later}"), "Напомню за 5 мин")
        .await;
    b.screenshot("143-transport-stop-schedule").await;
    b.close().await;
    drop(app);

    // A restart with the server down: the favourite and its schedule are on the device.
    let server = sandbox.gorod_url.clone();
    sandbox.shutdown().await;
    let app = App::start_in_with_server(dir.path().into(), &server);
    let b = Browser::open(W, H).await;
    b.goto(&app).await;
    b.wait(".tabbar").await;
    b.click("#tab-transport").await;
    b.wait_text("#favourite-stops", "Драмтеатр").await;
    b.screenshot("144-transport-home-favourites").await;
    b.click("#favourite-dramteatr").await;
    b.wait_text("#arrivals-banner", "Нет связи с сервером")
        .await;
    b.wait_text("#arrivals", "по расписанию").await;
    b.screenshot("145-transport-stop-offline").await;
    b.close().await;
}
