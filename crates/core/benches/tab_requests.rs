//! What opening each tab costs on the wire with a cached state: requests, the status of each
//! answer and bytes, in the same run (the tab seen once before) and after a restart of the app.
//! Prints the figures (run with `cargo bench -p ofis-core --bench tab_requests`).

#[path = "../tests/common/counting_proxy.rs"]
mod counting_proxy;
#[path = "../tests/common/tabs.rs"]
mod tabs;

use std::time::{Duration, Instant};

use counting_proxy::CountingProxy;
use gorod_sandbox::SandboxConfig;
use tabs::{counted, demo_address, open_counted, Cost, Device, Tab, TABS};

fn main() {
    // Under `cargo test --all-targets` the bench runs once, quickly, as a smoke test.
    let runs = if std::env::args().any(|a| a == "--bench") {
        20
    } else {
        1
    };
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    rt.block_on(measure(runs));
}

/// One tab's figures: the first opening on a device that has just signed in and added its
/// address, a reopening in the same run, and the first opening after a restart.
struct Row {
    tab: Tab,
    first: Cost,
    cached: Cost,
    restarted: Cost,
    cached_times: Vec<Duration>,
}

async fn measure(runs: usize) {
    let sandbox = gorod_sandbox::start(SandboxConfig::loopback_ephemeral(tabs::today()))
        .await
        .expect("sandbox");
    let proxy =
        CountingProxy::start(sandbox.gorod_url.trim_start_matches("http://").to_string()).await;
    let mut rows: Vec<Row> = Vec::new();
    let mut whole_bills = None;
    for _ in 0..runs {
        let device = Device::new(&proxy.url);
        let ofis = device.start_signed_in().await;
        let address = demo_address(&ofis).await;
        let add = async {
            ofis.add_address(address).await.expect("add address");
        };
        whole_bills = Some(counted(&proxy, add).await);
        let mut run = Vec::new();
        for tab in TABS {
            let first = open_counted(&proxy, &ofis, tab).await;
            let started = Instant::now();
            let cached = open_counted(&proxy, &ofis, tab).await;
            run.push((tab, first, cached, started.elapsed()));
        }
        drop(ofis);
        let restarted_app = device.start().await;
        for (tab, first, cached, took) in run {
            let restarted = open_counted(&proxy, &restarted_app, tab).await;
            match rows.iter_mut().find(|r| r.tab == tab) {
                Some(row) => row.cached_times.push(took),
                None => rows.push(Row {
                    tab,
                    first,
                    cached,
                    restarted,
                    cached_times: vec![took],
                }),
            }
        }
    }
    if let Some(cost) = whole_bills {
        println!("«Поиск по адресу» «Советская 12 5», its bills in full (200): {cost}");
    }
    print(&rows, runs);
    sandbox.shutdown().await;
}

fn print(rows: &[Row], runs: usize) {
    println!("opening each tab with a cached state ({runs} run(s), sandbox on loopback, through a counting proxy):");
    for row in rows {
        let mut times = row.cached_times.clone();
        times.sort();
        println!("  «{}»", row.tab.title());
        println!("    first, just signed in:  {}", row.first);
        println!(
            "    again, same run:        {} (median {:?})",
            row.cached,
            times[times.len() / 2]
        );
        println!("    after a restart:        {}", row.restarted);
    }
}
