//! What the app benchmarks share: a data folder with a signed-in person and a saved общий счёт
//! of three addresses (seeded through the app's core against the demo town, then the town
//! stopped so its address answers nothing), and the built binaries to launch.

// Each benchmark uses part of this module.
#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use gorod_sandbox::{SandboxConfig, SMS_CODE};
use ofis_core::{AllowedGateways, CoreConfig, KeyringSecrets, Ofis, ShiftedClock};

/// The demo town's date the seed and the launched app share.
pub const DAY: (i32, u32, u32) = (2026, 11, 25);
/// The line the app prints once its first frame with content is painted (`src/first_frame.rs`).
pub const MARK: &str = "ofis-first-frame";
/// The prefix of the lines it prints on the way there (`src/first_frame.rs`, `stage`).
pub const STAGE: &str = "ofis-stage";
/// The app's keyring service (`src/launch/mod.rs`): the bundle id and the data folder.
const KEYRING_SERVICE: &str = "ru.gorod.ofis";
/// The three addresses of the saved общий счёт, as a person types them.
const ADDRESSES: [&str; 3] = ["Советская 12 5", "Советская 12 17", "Победы 114 27"];

/// Whether `cargo bench` ran this (it passes `--bench`), not `cargo test`.
pub fn asked_to_measure() -> bool {
    std::env::args().any(|a| a == "--bench")
}

pub fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(DAY.0, DAY.1, DAY.2).expect("a date")
}

/// `target/release` (or whichever profile built this benchmark).
pub fn profile_dir() -> PathBuf {
    let exe = std::env::current_exe().expect("the benchmark's path");
    exe.parent()
        .and_then(Path::parent)
        .expect("target/<profile>/deps/<bench>")
        .to_path_buf()
}

/// A built binary of this profile, or a panic saying how to build it.
pub fn binary(relative: &str) -> PathBuf {
    let path = profile_dir().join(relative);
    assert!(
        path.exists(),
        "{} is missing: run scripts/bench-startup (it builds `ofis` and `examples/empty_window` first)",
        path.display()
    );
    path
}

/// A seeded data folder and the address of the demo town the app is pointed at, running until
/// [`Seeded::stop_town`].
pub struct Seeded {
    pub dir: tempfile::TempDir,
    pub server_url: String,
    pub bills: usize,
    town: Option<(tokio::runtime::Runtime, gorod_sandbox::RunningSandbox)>,
}

impl Seeded {
    /// Stops the town: its address answers nothing from now on.
    pub fn stop_town(&mut self) {
        if let Some((rt, town)) = self.town.take() {
            drop(town);
            drop(rt);
        }
    }
}

/// Signs the demo person in and adds the three addresses (their bills become the saved общий
/// счёт); the town keeps running. The session goes to the kernel keyring, where the launched app
/// finds it: run inside `keyctl session -`.
pub fn seed() -> Seeded {
    let dir = tempfile::tempdir().expect("a temp dir");
    let data_dir = std::path::absolute(dir.path()).expect("an absolute path");
    let rt = tokio::runtime::Runtime::new().expect("a runtime");
    let (town, bills) = rt.block_on(async {
        let town = gorod_sandbox::start(SandboxConfig::loopback_ephemeral(day()))
            .await
            .expect("the demo town starts");
        let service = format!("{KEYRING_SERVICE}:{}", data_dir.display());
        let secrets = KeyringSecrets::platform(&service).expect("the kernel keyring");
        secrets
            .probe()
            .expect("the keyring answers: run the benchmark inside `keyctl session -`");
        let config = CoreConfig {
            server_url: town.gorod_url.clone(),
            data_dir: data_dir.clone(),
            client: Default::default(),
            gateways: AllowedGateways::none(),
        };
        let ofis = Ofis::open(config, Arc::new(secrets), Arc::new(ShiftedClock::on(day())))
            .await
            .expect("the app opens");
        let phone = "+7 912 345-67-89";
        ofis.request_code(phone).await.expect("an SMS code");
        ofis.sign_in(phone, SMS_CODE).await.expect("signed in");
        let mut bills = 0;
        for typed in ADDRESSES {
            let found = ofis.suggest_addresses(typed).await.expect("addresses");
            let address = found.into_iter().next().expect("the address is found");
            bills += ofis.add_address(address).await.expect("its bills").1;
        }
        (town, bills)
    });
    Seeded {
        dir,
        server_url: town.gorod_url.clone(),
        bills,
        town: Some((rt, town)),
    }
}

/// `ofis` on the seeded folder, its server down, told to mark its first frame (`mode`: `exit`
/// to exit after it, anything else to stay open).
pub fn ofis_command(seeded: &Seeded, mode: &str) -> Command {
    let mut cmd = Command::new(binary("ofis"));
    cmd.args(["--server", &seeded.server_url, "--data-dir"])
        .arg(seeded.dir.path())
        .args(["--today", &day().to_string()])
        .env("OFIS_FIRST_FRAME", mode)
        .env("RUST_LOG", "warn");
    cmd
}

/// The empty window, told to mark its first frame (`mode` as for [`ofis_command`]).
pub fn empty_command(mode: &str) -> Command {
    let mut cmd = Command::new(binary("examples/empty_window"));
    cmd.env("OFIS_FIRST_FRAME", mode);
    cmd
}

/// One launch: the wall time from spawning to the marker line, and the time the process itself
/// reported since its `main`.
pub struct Launch {
    pub wall: Duration,
    pub since_main_ms: u64,
    /// The stages it passed before the marker, each with its time since `main`.
    pub stages: Vec<(String, u64)>,
    pub child: Child,
}

/// Spawns `cmd` and waits (up to 60 s) for the marker on its stdout.
pub fn launch(mut cmd: Command) -> Launch {
    let started = Instant::now();
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the binary starts");
    let stdout = child.stdout.take().expect("stdout");
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut stages = Vec::new();
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if let Some(rest) = line.strip_prefix(STAGE) {
                if let Some((name, ms)) = rest.trim().rsplit_once(' ') {
                    stages.push((name.to_string(), millis(ms)));
                }
            } else if let Some(rest) = line.strip_prefix(MARK) {
                // Read on to the end, so the process never writes into a closed pipe.
                let _ = tx.send((
                    Instant::now(),
                    millis(rest.trim()),
                    std::mem::take(&mut stages),
                ));
            }
        }
    });
    let Ok((at, since_main_ms, stages)) = rx.recv_timeout(Duration::from_secs(60)) else {
        let _ = child.kill();
        panic!("no first frame within 60 s: is there a display (run under xvfb-run)?");
    };
    Launch {
        wall: at - started,
        since_main_ms,
        stages,
        child,
    }
}

/// `ms=<n>` as a number of milliseconds.
fn millis(field: &str) -> u64 {
    field
        .strip_prefix("ms=")
        .and_then(|ms| ms.parse().ok())
        .unwrap_or_else(|| panic!("a marker carries ms=<n>, not {field:?}"))
}

/// The median of `values` (sorted in place).
pub fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    let n = values.len();
    if n % 2 == 1 {
        values[n / 2]
    } else {
        (values[n / 2 - 1] + values[n / 2]) / 2.0
    }
}
