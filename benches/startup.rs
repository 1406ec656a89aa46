//! Start to общий счёт with the server down (issue 17, item 1): launches, alternately, the empty
//! Dioxus desktop app (`examples/empty_window`, the floor) and `ofis` on a data folder with a
//! signed-in person and a saved общий счёт of three addresses, its server unreachable; each
//! prints a marker once its first frame with content is painted. Prints every run, the medians
//! and their ratio. Run it with `scripts/bench-startup` (Xvfb, a session keyring, release
//! builds); `OFIS_BENCH_RUNS` sets the runs of each (default 10).

mod common;

use std::time::Duration;

fn main() {
    // `cargo test --all-targets` builds and runs every bench target without `--bench`: it is
    // built (so it does not rot) but measures only when asked, by scripts/bench-startup.
    if !common::asked_to_measure() {
        println!("startup: built; measure with scripts/bench-startup");
        return;
    }
    let runs: usize = std::env::var("OFIS_BENCH_RUNS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(10);
    assert!(
        std::env::var_os("DISPLAY").is_some(),
        "no display: run scripts/bench-startup (it starts Xvfb)"
    );
    let mut seeded = common::seed();
    seeded.stop_town();
    println!(
        "startup: общий счёт of 3 addresses, {} bills, server down; {runs} runs each",
        seeded.bills
    );
    let (mut empty, mut ofis) = (Vec::new(), Vec::new());
    let mut stages: std::collections::BTreeMap<String, Vec<f64>> = Default::default();
    let (mut empty_main, mut ofis_main) = (Vec::new(), Vec::new());
    // One launch of each first, not counted: the binaries and libraries into the page cache.
    finish(common::launch(common::empty_command("exit")));
    finish(common::launch(common::ofis_command(&seeded, "exit")));
    for run in 1..=runs {
        let e = finish(common::launch(common::empty_command("exit")));
        let launched = common::launch(common::ofis_command(&seeded, "exit"));
        for (name, at) in &launched.stages {
            stages.entry(name.clone()).or_default().push(*at as f64);
        }
        let o = finish(launched);
        println!(
            "  run {run:2}: empty {:6.0} ms ({:4} ms since main)   ofis {:6.0} ms ({:4} ms since main)",
            ms(e.0),
            e.1,
            ms(o.0),
            o.1
        );
        empty.push(ms(e.0));
        ofis.push(ms(o.0));
        empty_main.push(e.1 as f64);
        ofis_main.push(o.1 as f64);
    }
    let (e, o) = (common::median(&mut empty), common::median(&mut ofis));
    let (em, om) = (
        common::median(&mut empty_main),
        common::median(&mut ofis_main),
    );
    println!("startup: where ofis's time goes (median since main):");
    let mut medians: Vec<(f64, String)> = stages
        .into_iter()
        .map(|(name, mut at)| (common::median(&mut at), name))
        .collect();
    medians.sort_by(|a, b| a.0.total_cmp(&b.0));
    for (at, name) in medians {
        println!("  {at:6.0} ms  {name}");
    }
    println!("startup: median to the first painted frame, from spawn: empty {e:.0} ms, ofis {o:.0} ms, ratio {:.2} (goal ≤ 1.10)", o / e);
    println!(
        "startup: median since main: empty {em:.0} ms, ofis {om:.0} ms, ratio {:.2}",
        om / em
    );
}

/// Waits for the process to exit after its marker; returns the wall time and the time since main.
fn finish(mut launch: common::Launch) -> (Duration, u64) {
    let status = launch.child.wait().expect("the process ends");
    assert!(
        status.success(),
        "the process failed after its first frame: {status}"
    );
    (launch.wall, launch.since_main_ms)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
