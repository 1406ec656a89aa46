//! The crash harness, «Exactly once»: the app process is killed (SIGKILL) at random points of
//! the pay flow, at least 1 000 times and at least 200 times for each way a payment can end —
//! paid, declined, insufficient funds, 3-D Secure passed, 3-D Secure abandoned — with answers
//! lost on the way (a fault proxy in front of the Город API and the gateway) and «Оплатить»
//! pressed again after each restart, sometimes while the start-up reconcile still runs, and now
//! and then the gateway's notices to the Город API lost (the bank knows, the Город API not). The
//! sandbox (in this test process, kept across restarts) counts the charges; each data dir is
//! audited bill by bill: at most one charge, none lost (charged but unknown to the app), nothing
//! left pending, `PRAGMA integrity_check` = ok.
//!
//! The "app process" is this very test binary re-executed with `OFIS_CRASH_WORKER=1` and filtered
//! to [`worker`] (`common/crash/worker.rs`), so no extra build target is needed.
//!
//! A cycle is one data dir (one set of bills) and one scenario: a few workers paying with the
//! scenario's card are killed at random moments, one more runs to its end with that card, and a
//! last one — the person back with a good card — reconciles and pays whatever is still due. So
//! every cycle must end with each bill charged exactly once, whatever the scenario did before:
//! a declined or cancelled payment that had charged would show as a second charge, and a
//! payment blocked for ever as a cycle that never got paid.
//!
//! Unix only: the kill is `Child::kill`, i.e. SIGKILL, and a kill counts only if the exit status
//! says SIGKILL ended the process (a worker that finished first is not counted).

#![cfg(unix)]

mod common {
    pub mod app;
    pub mod fault_proxy;
    pub mod crash {
        pub mod audit;
        pub mod report;
        pub mod worker;
    }
}

use std::collections::{BTreeMap, BTreeSet};
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::app;
use common::crash::audit::{outbox, phase};
use common::crash::report::{report_and_check, Figures};
use common::crash::worker::{
    self, Rng, Scenario, WORKER_DIR, WORKER_FLAG, WORKER_SCENARIO, WORKER_SEED, WORKER_URL,
};
use common::fault_proxy::{host_port, Fault, FaultProxy};

/// Overrides the harness seed (to replay a run).
const HARNESS_SEED: &str = "OFIS_CRASH_HARNESS_SEED";

/// Runs only when re-executed by the harness; an ordinary test run passes through at once.
#[test]
fn worker() {
    if std::env::var_os(WORKER_FLAG).is_some() {
        worker::run_from_env();
    }
}

fn spawn_worker(url: &str, dir: &Path, seed: u64, scenario: Scenario, quiet: bool) -> Child {
    let mut cmd = Command::new(std::env::current_exe().expect("own test binary"));
    cmd.args(["worker", "--exact", "--nocapture", "--test-threads=1"])
        .env(WORKER_FLAG, "1")
        .env(WORKER_URL, url)
        .env(WORKER_DIR, dir)
        .env(WORKER_SEED, seed.to_string())
        .env(WORKER_SCENARIO, scenario.name())
        .env_remove("RUST_LOG");
    if quiet {
        cmd.stdout(Stdio::null()).stderr(Stdio::null());
    } else {
        cmd.stdout(Stdio::piped()).stderr(Stdio::piped());
    }
    cmd.spawn().expect("spawn the worker")
}

/// Runs a worker to its end (no kill); its outcome line on success.
async fn run_to_completion(
    url: &str,
    dir: &Path,
    seed: u64,
    scenario: Scenario,
    before: &str,
) -> (String, Duration) {
    let started = Instant::now();
    let child = spawn_worker(url, dir, seed, scenario, false);
    let output = tokio::task::spawn_blocking(move || child.wait_with_output())
        .await
        .unwrap()
        .expect("worker output");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "a worker run to completion ({}) failed ({}); before it: {before}\n{stdout}\n{}",
        scenario.name(),
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    let line = stdout
        .lines()
        .find_map(|l| l.split_once("WORKER-DONE ").map(|(_, rest)| rest))
        .map(str::to_string)
        .unwrap_or_else(|| format!("? no outcome in:\n{stdout}"));
    (line, started.elapsed())
}

/// The sandbox with both of its listeners behind fault proxies, as the workers see it.
struct World {
    sandbox: gorod_sandbox::RunningSandbox,
    gorod: FaultProxy,
    gateway: FaultProxy,
}

impl World {
    async fn start() -> World {
        let sandbox = app::sandbox().await;
        let gorod = FaultProxy::start(host_port(&sandbox.gorod_url)).await;
        let gateway = FaultProxy::start(host_port(&sandbox.gateway_url)).await;
        gorod.rewrite_answers(&sandbox.gateway_url, &gateway.url);
        World {
            sandbox,
            gorod,
            gateway,
        }
    }

    /// Now and then, one answer of the next requests is lost on its way back, or, for this
    /// worker, the gateway's notices to the Город API are.
    fn maybe_lose_an_answer(&self, rng: &mut Rng) {
        let notices_lost = rng.below(10) == 0;
        self.sandbox.state.lose_outcome_notices(notices_lost);
        match rng.below(8) {
            0 => self.gorod.arm("POST /api/v1/orders ", Fault::DropAnswer),
            1 => self.gorod.arm("GET /api/v1/orders/", Fault::DropAnswer),
            2 => self.gateway.arm("/card ", Fault::DropAnswer),
            3 => self.gateway.arm("/3ds ", Fault::DropAnswer),
            _ => {}
        }
    }

    /// Where each order of `dir` stands in the outbox, at the Город API and at the gateway.
    fn report_on(&self, dir: &Path) -> String {
        let statuses = self.sandbox.state.order_statuses();
        outbox(dir)
            .iter()
            .map(|o| {
                let order = o.server_order_id.as_deref().unwrap_or("-");
                let bank = o
                    .payment_id
                    .as_deref()
                    .and_then(|p| self.sandbox.state.gateway_stage(p));
                format!(
                    "[{:?} card_sent={} gorod={:?} bank={bank:?}]",
                    o.state,
                    o.sent_to_bank_at.is_some(),
                    statuses.get(order)
                )
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    fn charged_orders(&self) -> BTreeSet<String> {
        let charges = self.sandbox.state.charges();
        charges.into_iter().map(|c| c.order_id).collect()
    }
}

/// One cycle: kills with the scenario's card, its completion, and the good card at last.
async fn cycle(
    world: &World,
    dir: &Path,
    scenario: Scenario,
    window: Duration,
    rng: &mut Rng,
    figures: &mut Figures,
) {
    let url = world.gorod.url.clone();
    let planned = 4 + rng.below(11) as usize;
    let mut after_paid = 0;
    for _ in 0..planned {
        world.maybe_lose_an_answer(rng);
        let mut child = spawn_worker(&url, dir, rng.next(), scenario, true);
        tokio::time::sleep(Duration::from_millis(rng.below(window.as_millis() as u64))).await;
        // `Child::kill` is SIGKILL on Unix: no destructor, no flush, no goodbye.
        let _ = child.kill();
        let status = tokio::task::spawn_blocking(move || child.wait())
            .await
            .unwrap()
            .expect("wait for the killed worker");
        // Only a process the signal really ended counts as a kill.
        if status.signal() != Some(9) {
            figures.finished_first += 1;
            continue;
        }
        *figures.kills.entry(scenario).or_default() += 1;
        let landed = phase(&outbox(dir), &world.charged_orders());
        *figures.phases.entry(landed).or_default() += 1;
        if landed.starts_with('6') {
            after_paid += 1;
            if after_paid >= 2 {
                break;
            }
        }
    }
    world.gorod.disarm();
    world.gateway.disarm();
    world.sandbox.state.lose_outcome_notices(false);
    for (run, scenario) in [
        ("completion", scenario),
        ("good card at last", Scenario::Success),
    ] {
        let report = world.report_on(dir);
        let (line, _) = run_to_completion(&url, dir, rng.next(), scenario, &report).await;
        let outcome = line.split_whitespace().next().unwrap_or("?");
        let key = format!("{run} ({}): {outcome}", scenario.name());
        *figures.completions.entry(key).or_default() += 1;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn killing_the_app_anywhere_in_the_pay_flow_never_charges_twice_nor_loses_a_payment() {
    let started = Instant::now();
    let world = World::start().await;
    let root = tempfile::tempdir().unwrap();
    let seed: u64 = std::env::var(HARNESS_SEED)
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x0F15_2026);
    let mut rng = Rng(seed);

    // One run per scenario without kills: how long a start-to-end run takes, to aim the kills
    // inside it. Each warm-up is a cycle of its own, closed by a good card.
    let mut dirs: Vec<PathBuf> = Vec::new();
    let mut windows: BTreeMap<Scenario, Duration> = BTreeMap::new();
    for scenario in Scenario::ALL {
        let dir = root.path().join(format!("warm-up-{}", scenario.name()));
        let (_, took) = run_to_completion(&world.gorod.url, &dir, rng.next(), scenario, "").await;
        run_to_completion(&world.gorod.url, &dir, rng.next(), Scenario::Success, "").await;
        windows.insert(scenario, took.max(Duration::from_millis(20)));
        dirs.push(dir);
    }
    println!("one full run per scenario: {windows:?}");

    let mut figures = Figures::default();
    while let Some(scenario) = figures.next_scenario() {
        let dir = root.path().join(format!("cycle-{:04}", dirs.len()));
        cycle(
            &world,
            &dir,
            scenario,
            windows[&scenario],
            &mut rng,
            &mut figures,
        )
        .await;
        dirs.push(dir);
    }
    figures.faults_fired = world.gorod.fired() + world.gateway.fired();
    report_and_check(&world.sandbox.state, &dirs, &figures, seed, started);
    world.sandbox.shutdown().await;
}
