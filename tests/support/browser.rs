//! The browser of the end-to-end tests: headless Chromium through chromedriver (fantoccini), at a
//! phone viewport.

use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;

use super::{free_port, App, Killed, UI_TIMEOUT};

/// One browser test at a time: two cores cannot host several Chromiums and apps at once.
static SERIAL: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// chromedriver plus a headless Chromium session at a phone viewport.
pub struct Browser {
    pub client: Client,
    /// The test's own viewport, restored after each audit.
    pub(crate) width: u32,
    pub(crate) height: u32,
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
            width,
            height,
            _driver: driver,
            _profile: profile,
            _serial: serial,
        }
    }

    /// Opens the app through the URL it printed: its secret becomes this browser's cookie.
    pub async fn goto(&self, app: &App) {
        self.client.goto(&app.url).await.expect("page loads");
        self.wait(".phone").await;
        let at = self.client.current_url().await.expect("current URL");
        assert!(
            !at.as_str().contains("token="),
            "the secret stays in the address bar: {at}"
        );
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

    /// Every element `css` finds, once «Мои платежи» shows its whole list: its first screenful
    /// comes first, the list `aria-busy` until the rest is laid out after it.
    pub async fn find_listed(&self, css: &str) -> Vec<Element> {
        let deadline = Instant::now() + UI_TIMEOUT;
        while self.exists(".combined[aria-busy='true']").await {
            if Instant::now() > deadline {
                self.fail("«Мои платежи» never showed its whole list").await;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        self.client
            .find_all(Locator::Css(css))
            .await
            .expect("find elements")
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

    /// The current value of an input. A re-render may replace the element between finding it
    /// and reading it (a stale reference): then it is found again.
    pub async fn value(&self, css: &str) -> String {
        let mut tries = 0;
        loop {
            let el = self.wait(css).await;
            match el.prop("value").await {
                Ok(value) => return value.unwrap_or_default(),
                Err(e) if tries < 20 => {
                    tries += 1;
                    eprintln!("value of {css}: {e}; finding it again");
                }
                Err(e) => panic!("value of {css}: {e}"),
            }
        }
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

    /// Saves a screenshot under `target/screenshots/NAME.png` for review, then audits the screen
    /// (`audit.rs`): the test fails on what the audit finds.
    pub async fn screenshot(&self, name: &str) {
        // Let the last render settle before the picture.
        tokio::time::sleep(Duration::from_millis(300)).await;
        self.save_screenshot(name).await;
        self.audit(name).await;
    }

    /// Saves what the page shows now as `target/screenshots/NAME.png`.
    pub(crate) async fn save_screenshot(&self, name: &str) {
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
