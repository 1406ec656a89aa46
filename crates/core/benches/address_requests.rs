//! How many HTTP requests, and how long, the app needs to build the общий счёт of one address.
//! Prints the figures (run with `cargo bench -p ofis-core --bench address_requests`).

#[path = "../tests/common/counting_proxy.rs"]
#[allow(dead_code)] // Only the request count here.
mod counting_proxy;

use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use counting_proxy::CountingProxy;
use gorod_sandbox::{SandboxConfig, SMS_CODE};
use ofis_core::{CoreConfig, MemorySecrets, Ofis, SystemClock};

fn main() {
    // Under `cargo test --all-targets` the bench runs once, quickly, as a smoke test.
    let runs = if std::env::args().any(|a| a == "--bench") {
        50
    } else {
        2
    };
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    rt.block_on(measure(runs));
}

async fn measure(runs: usize) {
    let today = NaiveDate::from_ymd_opt(2026, 11, 25).expect("date");
    let sandbox = gorod_sandbox::start(SandboxConfig::loopback_ephemeral(today))
        .await
        .expect("sandbox");
    let proxy =
        CountingProxy::start(sandbox.gorod_url.trim_start_matches("http://").to_string()).await;
    let mut add_times = Vec::new();
    let mut refresh_times = Vec::new();
    let (mut add_requests, mut refresh_requests, mut lines) = (0, 0, 0);
    let (mut qr_times, mut qr_requests, mut qr_lines) = (Vec::new(), 0, 0);
    for _ in 0..runs {
        let ofis = fresh_device(&proxy.url).await;
        let address = ofis
            .suggest_addresses("Советская 12 5")
            .await
            .expect("suggest")
            .remove(0);

        proxy.reset();
        let started = Instant::now();
        let (snapshot, _) = ofis.add_address(address).await.expect("add address");
        add_times.push(started.elapsed());
        add_requests = proxy.requests();
        lines = snapshot.combined.lines().len();

        proxy.reset();
        let started = Instant::now();
        ofis.refresh().await.expect("refresh");
        refresh_times.push(started.elapsed());
        refresh_requests = proxy.requests();

        // The same общий счёт from the QR code of one of its paper bills (on a fresh device).
        let ofis = fresh_device(&proxy.url).await;
        let paper = gorod_sandbox::town::posted_bills(
            "orb-sovetskaya-12-5",
            "2026-11".parse().expect("period"),
            today,
        )
        .remove(0);
        let qr = ofis
            .read_qr_photo(gorod_sandbox::bill_qr_png(&paper))
            .await
            .expect("the code reads");
        proxy.reset();
        let started = Instant::now();
        let found = ofis.find_by_qr(&qr).await.expect("found");
        ofis.add_found_by_qr(found).await.expect("added");
        qr_times.push(started.elapsed());
        qr_requests = proxy.requests();
        qr_lines = ofis.snapshot().combined.lines().len();
    }
    println!("общий счёт of one address ({lines} bills), {runs} runs, sandbox on loopback:");
    println!(
        "  build (search by address): {add_requests} HTTP request(s), median {:?}",
        median(&mut add_times)
    );
    println!(
        "  refresh (one saved address): {refresh_requests} HTTP request(s), median {:?}",
        median(&mut refresh_times)
    );
    println!(
        "  build from a bill's QR code ({qr_lines} bills): {qr_requests} HTTP request(s) \
         (payee by INN, its bill, then the address's bills once), median {:?}",
        median(&mut qr_times)
    );
    sandbox.shutdown().await;
}

/// The app on a new data folder, signed in with the demo phone.
async fn fresh_device(server_url: &str) -> Ofis {
    // Kept for the process's life: the app's data folder must outlive this function.
    let dir = Box::leak(Box::new(tempfile::tempdir().expect("tempdir")));
    let config = CoreConfig {
        server_url: server_url.to_string(),
        data_dir: dir.path().into(),
        client: Default::default(),
        gateways: Default::default(),
    };
    let ofis = Ofis::open(
        config,
        Arc::new(MemorySecrets::default()),
        Arc::new(SystemClock),
    )
    .await
    .expect("open");
    ofis.request_code("+79123456789").await.expect("sms");
    ofis.sign_in("+79123456789", SMS_CODE)
        .await
        .expect("sign in");
    ofis
}

fn median(v: &mut [Duration]) -> Duration {
    v.sort();
    v[v.len() / 2]
}
