//! End-to-end harness: `ofis web` on the embedded sandbox, driven by headless Chromium.

#![allow(dead_code)]

mod audit;
mod browser;
pub mod raw_http;

use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

pub use browser::Browser;

/// The date every end-to-end test runs on, the app and the sandbox alike, unless it picks
/// another: every bill of the month is posted and the readings window (15–25) is open, whatever
/// the real date is.
pub const TODAY: &str = "2026-11-25";

/// [`TODAY`] as a date, for the sandboxes the tests start themselves.
pub fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::parse_from_str(TODAY, "%Y-%m-%d").expect("valid date")
}

/// How long to wait for the UI to show something.
pub const UI_TIMEOUT: Duration = Duration::from_secs(20);

pub(crate) fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .expect("bind")
        .local_addr()
        .expect("addr")
        .port()
}

/// A child process killed when dropped.
pub(crate) struct Killed(pub(crate) Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A running `ofis web` with its own data folder.
pub struct App {
    _child: Killed,
    /// The URL it printed, with this launch's secret (`…/?token=…`).
    pub url: String,
    /// The same URL without the secret: what someone without it can reach.
    pub base: String,
    /// `host:port` it listens on.
    pub host: String,
    pub data_dir: PathBuf,
    _tmp: Option<tempfile::TempDir>,
}

/// How to launch `ofis web`, beyond the defaults (embedded sandbox, [`TODAY`], `RUST_LOG=info`,
/// stderr inherited).
#[derive(Default)]
pub struct Launch<'a> {
    /// The Город API instead of the embedded sandbox.
    pub server: Option<&'a str>,
    pub today: Option<&'a str>,
    /// More arguments for `ofis web` (e.g. `--tls-cert`).
    pub args: Vec<String>,
    /// `RUST_LOG` of the app.
    pub rust_log: Option<&'a str>,
    /// Where its stdout and stderr go (appended, both), instead of this terminal.
    pub output: Option<PathBuf>,
    /// More environment variables of the app.
    pub env: Vec<(&'a str, &'a str)>,
}

impl App {
    /// Starts `ofis web` on a fresh data folder.
    pub fn start() -> App {
        let tmp = tempfile::tempdir().expect("tempdir");
        let dir = tmp.path().to_path_buf();
        let mut app = App::start_in(dir);
        app._tmp = Some(tmp);
        app
    }

    /// Starts `ofis web` on a given data folder (to prove what survives a restart).
    pub fn start_in(data_dir: PathBuf) -> App {
        App::launch(data_dir, Launch::default())
    }

    /// Starts `ofis web` on a given data folder with the demo town's clock set to a date.
    pub fn start_in_at(data_dir: PathBuf, today: &str) -> App {
        let launch = Launch {
            today: Some(today),
            ..Launch::default()
        };
        App::launch(data_dir, launch)
    }

    /// Starts `ofis web` on a given data folder against a given Город API server.
    pub fn start_in_with_server(data_dir: PathBuf, server: &str) -> App {
        let launch = Launch {
            server: Some(server),
            ..Launch::default()
        };
        App::launch(data_dir, launch)
    }

    /// Starts `ofis web` against a given Город API server instead of the embedded sandbox.
    pub fn start_with_server(server: &str) -> App {
        let tmp = tempfile::tempdir().expect("tempdir");
        let mut app = App::start_in_with_server(tmp.path().to_path_buf(), server);
        app._tmp = Some(tmp);
        app
    }

    /// Starts `ofis web` on a given data folder, as `launch` says.
    pub fn launch(data_dir: PathBuf, launch: Launch) -> App {
        // In a session keyring of its own, like an app in a desktop session: its tokens and PIN
        // go to the kernel keyring (and its persistent keyring, so they outlive a restart).
        let mut command = Command::new("keyctl");
        command
            .args(["session", "-", env!("CARGO_BIN_EXE_ofis")])
            .args(["web", "--addr", "127.0.0.1:0", "--data-dir"])
            .arg(&data_dir)
            .args(&launch.args);
        if let Some(server) = launch.server {
            command.args(["--server", server]);
        }
        command.args(["--today", launch.today.unwrap_or(TODAY)]);
        let mut output = launch.output.as_ref().map(|path| {
            std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(path)
                .expect("output file")
        });
        let stderr = match &output {
            Some(file) => Stdio::from(file.try_clone().expect("output file")),
            None => Stdio::inherit(),
        };
        let mut child = command
            .env("RUST_LOG", launch.rust_log.unwrap_or("info"))
            .envs(launch.env.iter().copied())
            .env_remove("OFIS_SERVER")
            .stdout(Stdio::piped())
            .stderr(stderr)
            .spawn()
            .expect("ofis web starts");
        let stdout = child.stdout.take().expect("stdout");
        let mut lines = BufReader::new(stdout).lines();
        let url = loop {
            let line = lines
                .next()
                .expect("ofis web printed its URL")
                .expect("stdout line");
            keep(&mut output, &line);
            if let Some(rest) = line.strip_prefix("ОФИС: ") {
                break rest.trim().to_string();
            }
        };
        // Keep draining stdout so the app never blocks on a full pipe.
        std::thread::spawn(move || {
            for line in lines.map_while(Result::ok) {
                keep(&mut output, &line);
            }
        });
        let (base, _secret) = url
            .split_once("?token=")
            .expect("the URL carries the secret");
        let host = base
            .split_once("://")
            .map(|(_, rest)| rest.trim_end_matches('/'))
            .expect("scheme://host:port/")
            .to_string();
        App {
            _child: Killed(child),
            base: base.to_string(),
            host,
            url,
            data_dir,
            _tmp: None,
        }
    }
}

/// Appends one line of the app's stdout to `output`, when it is kept.
fn keep(output: &mut Option<std::fs::File>, line: &str) {
    use std::io::Write;
    if let Some(file) = output {
        let _ = writeln!(file, "{line}");
    }
}

/// The demo phone used in tests.
pub const PHONE: &str = "+7 912 345-67-89";

/// Signs in with the sandbox's fixed SMS code.
pub async fn sign_in(b: &Browser) {
    sign_in_as(b, PHONE).await;
}

/// Signs in with `phone` and the sandbox's fixed SMS code.
pub async fn sign_in_as(b: &Browser, phone: &str) {
    b.type_into("#phone", phone).await;
    b.click("#get-code").await;
    b.type_into("#sms-code", gorod_sandbox::SMS_CODE).await;
    b.click("#sign-in").await;
    b.wait(".tabbar").await;
}

/// Adds the bills of a demo address through «+» → «Поиск по адресу».
pub async fn add_address(b: &Browser, query: &str, title_part: &str) {
    b.click("#add-service").await;
    b.click("#search-by-address").await;
    b.type_into("#address-query", query).await;
    b.wait_text(".suggestion", title_part).await;
    b.click(".suggestion").await;
    b.wait("#total").await;
}

/// The sandbox started by the test (so it can read what the sandbox saw), the app against it,
/// and a browser at `width`×`height` signed in with the demo phone.
pub async fn signed_in_on_own_sandbox(
    width: u32,
    height: u32,
) -> (gorod_sandbox::RunningSandbox, App, Browser) {
    let sandbox = gorod_sandbox::start(gorod_sandbox::SandboxConfig::loopback_ephemeral(today()))
        .await
        .expect("sandbox starts");
    let app = App::start_with_server(&sandbox.gorod_url);
    let b = Browser::open(width, height).await;
    b.goto(&app).await;
    sign_in(&b).await;
    (sandbox, app, b)
}

/// Types a card (any future expiry, any CVC) into the card form and presses «Оплатить».
pub async fn pay_with_card(b: &Browser, pan: &str) {
    b.wait("#card-number").await;
    b.type_into("#card-number", pan).await;
    b.type_into("#card-expiry", "12/30").await;
    b.type_into("#card-cvc", "123").await;
    b.click("#card-pay").await;
}

/// Opens «История» from the «Мои платежи» top bar.
pub async fn open_history(b: &Browser) {
    b.click("#open-history").await;
    b.wait("#history").await;
}
