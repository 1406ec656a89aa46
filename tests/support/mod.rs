//! End-to-end harness: `ofis web` on the embedded sandbox, driven by headless Chromium.

#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;

/// One browser test at a time: two cores cannot host several Chromiums and apps at once.
static SERIAL: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

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

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .expect("bind")
        .local_addr()
        .expect("addr")
        .port()
}

/// A child process killed when dropped.
struct Killed(Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A running `ofis web` with its own data folder.
pub struct App {
    _child: Killed,
    pub url: String,
    pub data_dir: PathBuf,
    _tmp: Option<tempfile::TempDir>,
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
        App::spawn(data_dir, None, None)
    }

    /// Starts `ofis web` on a given data folder with the demo town's clock set to a date.
    pub fn start_in_at(data_dir: PathBuf, today: &str) -> App {
        App::spawn(data_dir, None, Some(today))
    }

    /// Starts `ofis web` on a given data folder against a given Город API server.
    pub fn start_in_with_server(data_dir: PathBuf, server: &str) -> App {
        App::spawn(data_dir, Some(server), None)
    }

    /// Starts `ofis web` against a given Город API server instead of the embedded sandbox.
    pub fn start_with_server(server: &str) -> App {
        let tmp = tempfile::tempdir().expect("tempdir");
        let mut app = App::spawn(tmp.path().to_path_buf(), Some(server), None);
        app._tmp = Some(tmp);
        app
    }

    fn spawn(data_dir: PathBuf, server: Option<&str>, today: Option<&str>) -> App {
        // In a session keyring of its own, like an app in a desktop session: its tokens and PIN
        // go to the kernel keyring (and its persistent keyring, so they outlive a restart).
        let mut command = Command::new("keyctl");
        command
            .args(["session", "-", env!("CARGO_BIN_EXE_ofis")])
            .args(["web", "--addr", "127.0.0.1:0", "--data-dir"])
            .arg(&data_dir);
        if let Some(server) = server {
            command.args(["--server", server]);
        }
        command.args(["--today", today.unwrap_or(TODAY)]);
        let mut child = command
            .env("RUST_LOG", "info")
            .env_remove("OFIS_SERVER")
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("ofis web starts");
        let stdout = child.stdout.take().expect("stdout");
        let mut lines = BufReader::new(stdout).lines();
        let url = loop {
            let line = lines
                .next()
                .expect("ofis web printed its URL")
                .expect("stdout line");
            if let Some(rest) = line.strip_prefix("ОФИС: ") {
                break rest.trim().to_string();
            }
        };
        // Keep draining stdout so the app never blocks on a full pipe.
        std::thread::spawn(move || for _ in lines {});
        App {
            _child: Killed(child),
            url,
            data_dir,
            _tmp: None,
        }
    }
}

/// chromedriver plus a headless Chromium session at a phone viewport.
pub struct Browser {
    pub client: Client,
    _driver: Killed,
    _profile: tempfile::TempDir,
    _serial: tokio::sync::MutexGuard<'static, ()>,
}

impl Browser {
    /// Opens a phone-sized headless Chromium.
    pub async fn open(width: u32, height: u32) -> Browser {
        let serial = SERIAL.lock().await;
        let port = free_port();
        let driver = Command::new(chromedriver())
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts (install chromium-driver)");
        let driver = Killed(driver);
        let profile = tempfile::tempdir().expect("profile dir");
        let args = vec![
            "--headless".to_string(),
            "--no-sandbox".into(),
            "--disable-gpu".into(),
            "--disable-dev-shm-usage".into(),
            "--disable-background-networking".into(),
            "--disable-component-update".into(),
            "--disable-sync".into(),
            "--no-first-run".into(),
            "--disable-quic".into(),
            "--lang=ru-RU".into(),
            format!("--window-size={width},{height}"),
            format!("--user-data-dir={}", profile.path().display()),
        ];
        let mut caps = serde_json::Map::new();
        caps.insert(
            "goog:chromeOptions".into(),
            serde_json::json!({
                "binary": chromium(),
                "args": args,
                // The exact phone viewport: a headless window cannot be narrower than 500 px.
                "mobileEmulation": { "deviceMetrics": { "width": width, "height": height, "pixelRatio": 1.0 } },
            }),
        );
        let webdriver = format!("http://127.0.0.1:{port}");
        let deadline = Instant::now() + Duration::from_secs(30);
        let client = loop {
            match ClientBuilder::new(HttpConnector::new())
                .capabilities(caps.clone())
                .connect(&webdriver)
                .await
            {
                Ok(c) => break c,
                Err(e) if Instant::now() < deadline => {
                    let _ = e;
                    tokio::time::sleep(Duration::from_millis(200)).await;
                }
                Err(e) => panic!("cannot start Chromium through chromedriver: {e}"),
            }
        };
        Browser {
            client,
            _driver: driver,
            _profile: profile,
            _serial: serial,
        }
    }

    /// Opens the app.
    pub async fn goto(&self, app: &App) {
        self.client.goto(&app.url).await.expect("page loads");
        self.wait(".phone").await;
    }

    /// Waits for an element to appear.
    pub async fn wait(&self, css: &str) -> Element {
        match self
            .client
            .wait()
            .at_most(UI_TIMEOUT)
            .for_element(Locator::Css(css))
            .await
        {
            Ok(el) => el,
            Err(e) => {
                self.fail(&format!("element {css} did not appear: {e}"))
                    .await
            }
        }
    }

    /// Saves a screenshot of what the page showed, then fails the test.
    async fn fail(&self, message: &str) -> ! {
        let name = format!("FAILED-{}", std::process::id());
        if let Ok(png) = self.client.screenshot().await {
            let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/screenshots");
            let _ = std::fs::create_dir_all(&dir);
            let _ = std::fs::write(dir.join(format!("{name}.png")), png);
        }
        panic!("{message} (page saved as target/screenshots/{name}.png)");
    }

    /// Waits until an element's text contains `needle`; returns the text.
    pub async fn wait_text(&self, css: &str, needle: &str) -> String {
        let deadline = Instant::now() + UI_TIMEOUT;
        loop {
            if let Ok(el) = self.client.find(Locator::Css(css)).await {
                if let Ok(text) = el.text().await {
                    if text.contains(needle) {
                        return text;
                    }
                    if Instant::now() > deadline {
                        self.fail(&format!("{css} says {text:?}, not {needle:?}"))
                            .await;
                    }
                }
            }
            if Instant::now() > deadline {
                self.fail(&format!("{css} never appeared (waiting for {needle:?})"))
                    .await;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Whether an element is on the page now.
    pub async fn exists(&self, css: &str) -> bool {
        self.client.find(Locator::Css(css)).await.is_ok()
    }

    /// Types into a field (after clearing it).
    pub async fn type_into(&self, css: &str, text: &str) {
        let el = self.wait(css).await;
        el.clear().await.expect("clear");
        el.send_keys(text).await.expect("type");
    }

    /// The current value of an input.
    pub async fn value(&self, css: &str) -> String {
        let el = self.wait(css).await;
        el.prop("value").await.expect("value").unwrap_or_default()
    }

    /// Clicks an element once it is there.
    pub async fn click(&self, css: &str) {
        let el = self.wait(css).await;
        // Centre it first, as a thumb would scroll it clear of the fixed bars.
        let arg = serde_json::to_value(&el).expect("element as json");
        let _ = self
            .client
            .execute("arguments[0].scrollIntoView({block: 'center'});", vec![arg])
            .await;
        el.click()
            .await
            .unwrap_or_else(|e| panic!("click {css}: {e}"));
    }

    /// Saves a screenshot under `target/screenshots/NAME.png` for review.
    pub async fn screenshot(&self, name: &str) {
        // Let the last render settle before the picture.
        tokio::time::sleep(Duration::from_millis(300)).await;
        let png = self.client.screenshot().await.expect("screenshot");
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/screenshots");
        std::fs::create_dir_all(&dir).expect("screenshot dir");
        std::fs::write(dir.join(format!("{name}.png")), png).expect("write screenshot");
    }

    /// Ends the session.
    pub async fn close(self) {
        let _ = self.client.close().await;
    }
}

fn chromium() -> String {
    std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into())
}

fn chromedriver() -> String {
    std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "/usr/bin/chromedriver".into())
}

/// The demo phone used in tests.
pub const PHONE: &str = "+7 912 345-67-89";

/// Signs in with the sandbox's fixed SMS code.
pub async fn sign_in(b: &Browser) {
    b.type_into("#phone", PHONE).await;
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

/// Opens «История» from the «Мои платежи» top bar.
pub async fn open_history(b: &Browser) {
    b.click("#open-history").await;
    b.wait("#history").await;
}
