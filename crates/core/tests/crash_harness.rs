//! The crash harness of issue 6, «Exactly once»: the app process is killed (SIGKILL) at random
//! points of the pay flow, at least 200 times, and restarted each time. The sandbox (in this test
//! process, kept across restarts) counts the charges: zero duplicates, zero payments lost
//! (charged but unknown to the app), and `PRAGMA integrity_check` = ok for every database.
//!
//! The "app process" is this very test binary re-executed with `OFIS_CRASH_WORKER=1` and filtered
//! to [`worker`], so no extra build target is needed. The worker does what the app does on start
//! and on «Оплатить»: opens its data dir, signs in (tokens live in memory only), adds the demo
//! address if there is none, reconciles every unfinished order, then pays the общий счёт with a
//! card that succeeds, unless its bills are already paid through the app.
//!
//! A cycle is one data dir (so one set of bills to pay once): a few workers are killed at random
//! moments, then one runs to completion, and the cycle must end with exactly one charge, known to
//! the app as paid. The sandbox keeps the same bills, so the next cycle, in a fresh data dir, pays
//! them again; every charge is matched to the data dir whose order it is.
//!
//! Unix only: the kill is `Child::kill`, i.e. SIGKILL, and a kill counts only if the exit status
//! says SIGKILL ended the process (a worker that finished first is not counted).

#![cfg(unix)]

mod common {
    pub mod app;
}

use std::collections::{BTreeMap, BTreeSet};
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::app::{self, DEMO_ADDRESS, PHONE};
use gorod_sandbox::{test_cards, SMS_CODE};
use ofis_core::{CoreError, Ofis, PayScope, PaymentStep};
use ofis_store::{OutboxOrder, OutboxState, Store};

const WORKER_FLAG: &str = "OFIS_CRASH_WORKER";
const WORKER_URL: &str = "OFIS_CRASH_URL";
const WORKER_DIR: &str = "OFIS_CRASH_DIR";
const WORKER_SEED: &str = "OFIS_CRASH_SEED";
/// Overrides the harness seed (to replay a run).
const HARNESS_SEED: &str = "OFIS_CRASH_HARNESS_SEED";

const MIN_KILLS: usize = 200;

/// splitmix64: a small seeded generator, so a failing run can be replayed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n > 0`).
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

// ---------------------------------------------------------------------------------------------
// The worker: the app process that gets killed.
// ---------------------------------------------------------------------------------------------

/// Runs only when re-executed by the harness; an ordinary test run passes through at once.
#[test]
fn worker() {
    if std::env::var_os(WORKER_FLAG).is_none() {
        return;
    }
    let url = std::env::var(WORKER_URL).expect("sandbox url");
    let dir = PathBuf::from(std::env::var(WORKER_DIR).expect("data dir"));
    let seed: u64 = std::env::var(WORKER_SEED)
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let outcome = runtime.block_on(work(url, dir, Rng(seed)));
    println!("WORKER-DONE {outcome}");
}

/// Small random pauses between the steps spread the kill points over the flow.
async fn jitter(rng: &mut Rng) {
    let ms = rng.below(4);
    if ms > 0 {
        tokio::time::sleep(Duration::from_millis(ms)).await;
    }
}

/// One start of the app, to the end of the payment. Transient errors (the server may still be
/// busy with a request of the process killed just before) are retried like a user would.
async fn work(url: String, dir: PathBuf, mut rng: Rng) -> String {
    let ofis = app::open(&url, &dir).await;
    let mut errors = Vec::new();
    for _ in 0..40 {
        match attempt(&ofis, &mut rng).await {
            Ok(outcome) => {
                return format!("{outcome} retries={} errors={errors:?}", errors.len());
            }
            Err(e) => {
                eprintln!("worker: {e}");
                errors.push(e);
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
        }
    }
    panic!("the worker never got through: {errors:?}");
}

async fn attempt(ofis: &Ofis, rng: &mut Rng) -> Result<&'static str, String> {
    let e = |what: &'static str| move |err: CoreError| format!("{what}: {err}");
    jitter(rng).await;
    if !ofis.is_signed_in() {
        ofis.request_code(PHONE).await.map_err(e("request_code"))?;
        jitter(rng).await;
        ofis.sign_in(PHONE, SMS_CODE).await.map_err(e("sign_in"))?;
        jitter(rng).await;
    }
    if ofis.snapshot().addresses.is_empty() {
        let mut found = ofis
            .suggest_addresses(DEMO_ADDRESS)
            .await
            .map_err(e("suggest"))?;
        if found.is_empty() {
            return Err("no address suggested".into());
        }
        jitter(rng).await;
        ofis.add_address(found.remove(0))
            .await
            .map_err(e("add_address"))?;
        jitter(rng).await;
    }
    // What the app does on start, before it lets anybody pay.
    ofis.reconcile().await.map_err(e("reconcile"))?;
    jitter(rng).await;
    let snapshot = ofis.snapshot();
    let due: Vec<_> = snapshot
        .combined
        .lines()
        .iter()
        .filter(|l| !l.amount.is_zero())
        .collect();
    if due.is_empty() {
        return Ok("nothing-due");
    }
    if due.iter().any(|l| snapshot.paid.contains(&l.bill.id)) {
        // The app asks «оплачено … — оплатить ещё раз?»; this user says no.
        return Ok("already-paid-declined-to-repay");
    }
    let ticket = ofis
        .start_payment(PayScope::All)
        .await
        .map_err(e("start_payment"))?;
    jitter(rng).await;
    let step = ofis
        .submit_card(&ticket.key, test_cards::SUCCESS_VISA, "12/30", "123")
        .await
        .map_err(e("submit_card"))?;
    match step {
        PaymentStep::Paid(_) => Ok("paid"),
        other => Err(format!("unexpected step {other:?}")),
    }
}

// ---------------------------------------------------------------------------------------------
// The harness.
// ---------------------------------------------------------------------------------------------

fn spawn_worker(url: &str, dir: &Path, seed: u64, quiet: bool) -> Child {
    let mut cmd = Command::new(std::env::current_exe().expect("own test binary"));
    cmd.args(["worker", "--exact", "--nocapture", "--test-threads=1"])
        .env(WORKER_FLAG, "1")
        .env(WORKER_URL, url)
        .env(WORKER_DIR, dir)
        .env(WORKER_SEED, seed.to_string())
        .env_remove("RUST_LOG");
    if quiet {
        cmd.stdout(Stdio::null()).stderr(Stdio::null());
    } else {
        cmd.stdout(Stdio::piped()).stderr(Stdio::piped());
    }
    cmd.spawn().expect("spawn the worker")
}

/// Runs a worker to its end (no kill); its outcome line on success.
async fn run_to_completion(url: &str, dir: &Path, seed: u64) -> (String, Duration) {
    let started = Instant::now();
    let child = spawn_worker(url, dir, seed, false);
    let output = tokio::task::spawn_blocking(move || child.wait_with_output())
        .await
        .unwrap()
        .expect("worker output");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "a worker run to completion failed ({}):\n{stdout}\n{}",
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

fn outbox(dir: &Path) -> Vec<OutboxOrder> {
    let path = dir.join("ofis.sqlite");
    if !path.exists() {
        return Vec::new();
    }
    Store::open(&path)
        .expect("open the killed app's database")
        .outbox_all()
        .expect("read the outbox")
}

/// Where the kill landed, as far as the database and the sandbox can tell.
fn phase(orders: &[OutboxOrder], charged: &BTreeSet<String>) -> &'static str {
    if orders.iter().any(|o| o.state == OutboxState::Paid) {
        return "5 after the payment was recorded (restart only reconciles)";
    }
    let Some(latest) = orders.iter().max_by_key(|o| o.created_at) else {
        return "1 before the key was committed (start, sign-in, address)";
    };
    let is_charged = orders
        .iter()
        .filter_map(|o| o.server_order_id.as_ref())
        .any(|id| charged.contains(id));
    if is_charged {
        return "4 charged, not yet recorded by the app";
    }
    match latest.state {
        OutboxState::Prepared => "2 key committed, order not confirmed created",
        OutboxState::Created => "3 order created, not charged (before or during the card)",
        _ => "3 order created, not charged (before or during the card)",
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn killing_the_app_anywhere_in_the_pay_flow_never_charges_twice_nor_loses_a_payment() {
    let started = Instant::now();
    let sandbox = app::sandbox().await;
    let url = sandbox.gorod_url.clone();
    let root = tempfile::tempdir().unwrap();
    let seed: u64 = std::env::var(HARNESS_SEED)
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x0F15_2026);
    let mut rng = Rng(seed);

    // Cycles 0-2, without kills: how long a whole start-to-receipt run takes (the fastest of
    // three, once warm), to aim the kills inside it.
    let mut dirs: Vec<PathBuf> = Vec::new();
    let mut full_run = Duration::MAX;
    for i in 0..3 {
        let dir = root.path().join(format!("warm-up-{i}"));
        let (line, took) = run_to_completion(&url, &dir, rng.next()).await;
        assert!(line.starts_with("paid"), "warm-up run: {line}");
        full_run = full_run.min(took);
        dirs.push(dir);
    }
    let window_ms = (full_run.as_millis() as u64).max(20);
    println!("one full run: {full_run:?}; kills land in 0..{window_ms} ms after the start");

    let mut kills = 0usize;
    let mut phases: BTreeMap<&'static str, usize> = BTreeMap::new();
    let mut completions: BTreeMap<String, usize> = BTreeMap::new();
    let mut retried_completions = 0usize;
    let mut finished_first = 0usize;
    let mut cycle = 0usize;
    while kills < MIN_KILLS {
        cycle += 1;
        let dir = root.path().join(format!("cycle-{cycle:03}"));
        let planned = 4 + rng.below(11) as usize;
        let mut after_paid = 0;
        for _ in 0..planned {
            let mut child = spawn_worker(&url, &dir, rng.next(), true);
            tokio::time::sleep(Duration::from_millis(rng.below(window_ms))).await;
            // `Child::kill` is SIGKILL on Unix: no destructor, no flush, no goodbye.
            let _ = child.kill();
            let status = tokio::task::spawn_blocking(move || child.wait())
                .await
                .unwrap()
                .expect("wait for the killed worker");
            // Only a process the signal really ended counts as a kill.
            let killed = status.signal() == Some(9);
            if killed {
                kills += 1;
            } else {
                finished_first += 1;
            }
            let charged: BTreeSet<String> = sandbox
                .state
                .charges()
                .into_iter()
                .map(|c| c.order_id)
                .collect();
            let landed = phase(&outbox(&dir), &charged);
            if killed {
                *phases.entry(landed).or_default() += 1;
            }
            if landed.starts_with('5') {
                after_paid += 1;
                if after_paid >= 2 {
                    break;
                }
            }
        }
        // The app starts once more and is left alone: it reconciles and finishes.
        let (line, _) = run_to_completion(&url, &dir, rng.next()).await;
        if !line.contains("retries=0") {
            retried_completions += 1;
        }
        let outcome = line.split_whitespace().next().unwrap_or("?").to_string();
        *completions.entry(outcome).or_default() += 1;
        dirs.push(dir);
    }

    // The figures.
    let charges = sandbox.state.charges();
    let mut per_order: BTreeMap<&str, usize> = BTreeMap::new();
    for c in &charges {
        *per_order.entry(c.order_id.as_str()).or_default() += 1;
    }
    let duplicate_charges: usize = per_order.values().map(|n| n - 1).sum();

    let mut paid_orders: BTreeMap<String, usize> = BTreeMap::new();
    let mut same_bills_charged_twice = Vec::new();
    let mut unpaid_cycles = Vec::new();
    let mut corrupt = Vec::new();
    let mut unfinished = Vec::new();
    for (i, dir) in dirs.iter().enumerate() {
        let store = Store::open(&dir.join("ofis.sqlite")).expect("open a cycle's database");
        if let Err(e) = store.integrity_check() {
            corrupt.push(format!("cycle {i}: {e}"));
        }
        let orders = store.outbox_all().unwrap();
        let receipts = store.receipts().unwrap();
        let paid: Vec<&OutboxOrder> = orders
            .iter()
            .filter(|o| o.state == OutboxState::Paid)
            .collect();
        for o in &paid {
            let id = o
                .server_order_id
                .clone()
                .expect("a paid order has a server id");
            *paid_orders.entry(id).or_default() += 1;
        }
        if paid.is_empty() {
            unpaid_cycles.push(i);
        }
        assert_eq!(
            receipts.len(),
            paid.len(),
            "cycle {i}: one receipt per paid order"
        );
        // Every charge for an order of this data dir: one set of bills, one charge.
        let ours: BTreeSet<&str> = orders
            .iter()
            .filter_map(|o| o.server_order_id.as_deref())
            .collect();
        let charged_here = charges
            .iter()
            .filter(|c| ours.contains(c.order_id.as_str()))
            .count();
        if charged_here > 1 {
            same_bills_charged_twice.push((i, charged_here));
        }
        unfinished.extend(
            orders
                .iter()
                .filter(|o| !o.state.is_final())
                .map(|o| format!("cycle {i}: {:?} {:?}", o.state, o.server_order_id)),
        );
    }
    let lost: Vec<&str> = charges
        .iter()
        .filter(|c| !paid_orders.contains_key(&c.order_id))
        .map(|c| c.order_id.as_str())
        .collect();
    let paid_without_charge: Vec<&String> = paid_orders
        .keys()
        .filter(|id| !per_order.contains_key(id.as_str()))
        .collect();

    println!("seed: {seed:#x}; cycles (data dirs): {}", dirs.len());
    println!("where the kills landed:");
    for (phase, n) in &phases {
        println!("  {n:>4}  {phase}");
    }
    println!("workers that finished before their kill (not counted): {finished_first}");
    println!("completion runs: {completions:?}; of them needed a retry: {retried_completions}");
    println!(
        "kills survived: {kills}, charges: {}, duplicates: {}, lost: {}, integrity_check failures: {}",
        charges.len(),
        duplicate_charges + same_bills_charged_twice.len(),
        lost.len(),
        corrupt.len()
    );
    println!("runtime: {:?}", started.elapsed());

    assert!(kills >= MIN_KILLS, "only {kills} kills");
    assert_eq!(
        duplicate_charges, 0,
        "an order charged twice: {per_order:?}"
    );
    assert!(
        same_bills_charged_twice.is_empty(),
        "the same bills charged more than once in one data dir: {same_bills_charged_twice:?}"
    );
    assert!(lost.is_empty(), "charged but unknown to the app: {lost:?}");
    assert!(
        paid_without_charge.is_empty(),
        "paid in the app, never charged: {paid_without_charge:?}"
    );
    assert!(corrupt.is_empty(), "integrity_check: {corrupt:?}");
    assert!(
        unpaid_cycles.is_empty(),
        "a cycle ended without its payment: {unpaid_cycles:?}"
    );
    assert!(unfinished.is_empty(), "left unreconciled: {unfinished:?}");
    assert_eq!(
        charges.len(),
        dirs.len(),
        "one charge per cycle (per set of bills)"
    );
    assert!(
        phases.len() >= 4,
        "the kills should land in most phases of the flow: {phases:?}"
    );
    sandbox.shutdown().await;
}
