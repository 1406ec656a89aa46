//! No busy waiting (issue 17, item 3): an app open and nobody touching it for a minute — the
//! empty Dioxus window first, as the floor, then `ofis` on «Мои платежи» with its server up,
//! then down. Measures, from /proc, the CPU time the process (all its threads) and its children
//! (WebKit's web and network processes) used, and how often its threads woke (context
//! switches), the busiest threads named. Goal: under 0.1 s of CPU a minute, no timer of ours
//! more often than once a minute. Run it with `scripts/bench-idle`; `OFIS_IDLE_SECS` sets the
//! window (default 60).

mod common;

use std::time::Duration;

fn main() {
    // `cargo test --all-targets` builds and runs every bench target without `--bench`: it is
    // built (so it does not rot) but measures only when asked, by scripts/bench-idle.
    if !common::asked_to_measure() {
        println!("idle: built; measure with scripts/bench-idle");
        return;
    }
    let secs: u64 = std::env::var("OFIS_IDLE_SECS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(60);
    assert!(
        std::env::var_os("DISPLAY").is_some(),
        "no display: run scripts/bench-idle (it starts Xvfb)"
    );
    let mut seeded = common::seed();
    println!(
        "idle: «Мои платежи» open, {} bills, {secs} s each",
        seeded.bills
    );
    measure(
        "the floor: an empty Dioxus window",
        common::empty_command("stay"),
        secs,
    );
    measure("server up", common::ofis_command(&seeded, "stay"), secs);
    seeded.stop_town();
    measure("server down", common::ofis_command(&seeded, "stay"), secs);
}

/// Opens the app, lets its start settle, then measures `secs` of idleness.
fn measure(label: &str, app: std::process::Command, secs: u64) {
    let mut launch = common::launch(app);
    let pid = launch.child.id();
    // The start's own work (refresh attempts, reconcile) is not idleness.
    std::thread::sleep(Duration::from_secs(5));
    let before = Usage::of(pid);
    std::thread::sleep(Duration::from_secs(secs));
    let after = Usage::of(pid);
    let _ = launch.child.kill();
    let _ = launch.child.wait();
    let per_min = 60.0 / secs as f64;
    // Per thread: a thread that started meanwhile counts whole, one that ended is not seen.
    let mut busiest: Vec<(String, u64)> = after
        .per_thread
        .iter()
        .map(|(name, n)| {
            let was = before
                .per_thread
                .iter()
                .find(|(b, _)| b == name)
                .map_or(0, |(_, b)| *b);
            (name.clone(), n.saturating_sub(was))
        })
        .filter(|(_, n)| *n > 0)
        .collect();
    let wakeups: u64 = busiest.iter().map(|(_, n)| n).sum();
    println!(
        "idle ({label}): ofis {:.3} s CPU/min, {:.0} wake-ups/min over {} threads; its children {:.3} s CPU/min",
        (after.cpu - before.cpu) * per_min,
        wakeups as f64 * per_min,
        after.threads,
        (after.children_cpu - before.children_cpu) * per_min,
    );
    busiest.sort_by_key(|b| std::cmp::Reverse(b.1));
    for (name, n) in busiest.iter().take(5) {
        println!("    thread {name}: {:.0} wake-ups/min", *n as f64 * per_min);
    }
}

/// CPU seconds and context switches of a process, its threads, and its children.
struct Usage {
    cpu: f64,
    threads: usize,
    per_thread: Vec<(String, u64)>,
    children_cpu: f64,
}

impl Usage {
    fn of(pid: u32) -> Usage {
        let mut per_thread = Vec::new();
        let tasks = std::fs::read_dir(format!("/proc/{pid}/task")).expect("the process runs");
        for task in tasks.flatten() {
            let status = std::fs::read_to_string(task.path().join("status")).unwrap_or_default();
            let name = field(&status, "Name:").unwrap_or_default();
            let switches = ["voluntary_ctxt_switches:", "nonvoluntary_ctxt_switches:"]
                .iter()
                .filter_map(|f| field(&status, f)?.parse::<u64>().ok())
                .sum();
            let id = task.file_name().to_string_lossy().to_string();
            per_thread.push((format!("{name} ({id})"), switches));
        }
        Usage {
            cpu: cpu_seconds(pid),
            threads: per_thread.len(),
            per_thread,
            children_cpu: children(pid).into_iter().map(cpu_seconds).sum(),
        }
    }
}

fn field(status: &str, name: &str) -> Option<String> {
    status
        .lines()
        .find_map(|l| l.strip_prefix(name))
        .map(|v| v.trim().to_string())
}

/// utime + stime of `/proc/<pid>/stat`, in seconds (the kernel's 100 ticks a second).
fn cpu_seconds(pid: u32) -> f64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    // Fields after the command name, which is in parentheses and may hold spaces.
    let after = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
    let fields: Vec<&str> = after.split_whitespace().collect();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|v| v.parse::<u64>().ok())
            .unwrap_or(0)
    };
    // utime and stime are fields 14 and 15 of stat: 11 and 12 after the name and state.
    (ticks(11) + ticks(12)) as f64 / 100.0
}

/// The processes whose parent is `pid`.
fn children(pid: u32) -> Vec<u32> {
    let Ok(procs) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    procs
        .flatten()
        .filter_map(|p| p.file_name().to_string_lossy().parse::<u32>().ok())
        .filter(|p| {
            let stat = std::fs::read_to_string(format!("/proc/{p}/stat")).unwrap_or_default();
            let after = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
            after.split_whitespace().nth(1) == Some(&pid.to_string())
        })
        .collect()
}
