//! The crash harness's figures and its final audit: every data dir against the sandbox's
//! charges, bill by bill.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::time::Instant;

use gorod_sandbox::Sandbox;

use super::audit::DirAudit;
use super::worker::Scenario;

/// At least this many kills in all, and for each scenario.
pub const MIN_KILLS: usize = 1_000;
pub const MIN_KILLS_PER_SCENARIO: usize = 200;

/// What the run saw, for the report.
#[derive(Default)]
pub struct Figures {
    pub kills: BTreeMap<Scenario, usize>,
    pub phases: BTreeMap<&'static str, usize>,
    pub completions: BTreeMap<String, usize>,
    pub finished_first: usize,
    pub faults_fired: usize,
}

impl Figures {
    pub fn total_kills(&self) -> usize {
        self.kills.values().sum()
    }

    /// The scenario with the fewest kills so far, while any is short of its share.
    pub fn next_scenario(&self) -> Option<Scenario> {
        let short = Scenario::ALL
            .into_iter()
            .min_by_key(|s| self.kills.get(s).copied().unwrap_or(0))?;
        let fewest = self.kills.get(&short).copied().unwrap_or(0);
        (fewest < MIN_KILLS_PER_SCENARIO || self.total_kills() < MIN_KILLS).then_some(short)
    }
}

/// Audits every data dir against the sandbox's charges, prints the figures, and fails on any
/// double charge, lost payment, unpaid cycle, unsettled order or damaged database.
pub fn report_and_check(
    sandbox: &Sandbox,
    dirs: &[PathBuf],
    figures: &Figures,
    seed: u64,
    started: Instant,
) {
    let charges = sandbox.charges();
    let mut per_order: BTreeMap<&str, usize> = BTreeMap::new();
    for c in &charges {
        *per_order.entry(c.order_id.as_str()).or_default() += 1;
    }
    let duplicate_charges: usize = per_order.values().map(|n| n - 1).sum();
    let mut paid_orders = BTreeSet::new();
    let mut twice = Vec::new();
    let mut unpaid = Vec::new();
    let mut unfinished = Vec::new();
    let mut corrupt = Vec::new();
    let mut states: BTreeMap<String, usize> = BTreeMap::new();
    for (i, dir) in dirs.iter().enumerate() {
        let audit = DirAudit::of(dir, &charges);
        assert_eq!(
            audit.receipts,
            audit.paid_orders.len(),
            "cycle {i}: one receipt per paid order"
        );
        if audit.paid_orders.len() != 1 {
            unpaid.push((i, audit.paid_orders.len()));
        }
        twice.extend(audit.bills_charged_twice.iter().map(|b| (i, b.clone())));
        unfinished.extend(audit.unfinished.iter().map(|u| format!("cycle {i}: {u}")));
        corrupt.extend(audit.corrupt.map(|c| format!("cycle {i}: {c}")));
        for (state, n) in audit.states {
            *states.entry(state.to_string()).or_default() += n;
        }
        paid_orders.extend(audit.paid_orders);
    }
    let lost: Vec<&str> = charges
        .iter()
        .filter(|c| !paid_orders.contains(&c.order_id))
        .map(|c| c.order_id.as_str())
        .collect();
    let paid_without_charge: Vec<&String> = paid_orders
        .iter()
        .filter(|id| !per_order.contains_key(id.as_str()))
        .collect();

    println!("seed: {seed:#x}; cycles (data dirs): {}", dirs.len());
    println!("kills by scenario: {:?}", figures.kills);
    println!("where the kills landed:");
    for (phase, n) in &figures.phases {
        println!("  {n:>5}  {phase}");
    }
    println!("answers lost on the way: {}", figures.faults_fired);
    println!(
        "workers that finished before their kill (not counted): {}",
        figures.finished_first
    );
    println!("completion runs: {:?}", figures.completions);
    println!("orders by outcome, all data dirs: {states:?}");
    println!(
        "kills survived: {}, charges: {}, bills charged twice: {}, duplicates: {}, lost: {}, \
         integrity_check failures: {}",
        figures.total_kills(),
        charges.len(),
        twice.len(),
        duplicate_charges,
        lost.len(),
        corrupt.len()
    );
    println!("runtime: {:?}", started.elapsed());

    assert!(
        figures.total_kills() >= MIN_KILLS,
        "only {} kills",
        figures.total_kills()
    );
    for scenario in Scenario::ALL {
        let n = figures.kills.get(&scenario).copied().unwrap_or(0);
        assert!(
            n >= MIN_KILLS_PER_SCENARIO,
            "{}: only {n} kills",
            scenario.name()
        );
    }
    assert_eq!(
        duplicate_charges, 0,
        "an order charged twice: {per_order:?}"
    );
    assert!(
        twice.is_empty(),
        "a bill charged twice in one data dir: {twice:?}"
    );
    assert!(lost.is_empty(), "charged but unknown to the app: {lost:?}");
    assert!(
        paid_without_charge.is_empty(),
        "paid in the app, never charged: {paid_without_charge:?}"
    );
    assert!(corrupt.is_empty(), "integrity_check: {corrupt:?}");
    assert!(
        unpaid.is_empty(),
        "cycles not paid exactly once (blocked?): {unpaid:?}"
    );
    assert!(unfinished.is_empty(), "left unsettled: {unfinished:?}");
    assert_eq!(
        charges.len(),
        dirs.len(),
        "one charge per cycle (per set of bills)"
    );
    assert!(
        figures.phases.len() >= 5,
        "the kills should land in most phases of the flow: {:?}",
        figures.phases
    );
}
