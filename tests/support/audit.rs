//! The accessibility audit of every screen a browser test saves a picture of: axe-core (WCAG 2.1
//! A/AA, fetched by `scripts/axe-core-env`) at 360×800 and 390×844, light and dark; touch targets
//! (48×48 CSS px, 8 px apart); text at 200 % (nothing cut off, overlapping or split); every
//! control named in Russian, card fields and amounts with their keypads; the last field of a
//! form, focused with the keyboard open, clear of the bars.

use std::path::PathBuf;
use std::sync::OnceLock;

use fantoccini::wd::WebDriverCompatibleCommand;
use serde_json::{json, Value};

use super::Browser;

/// The phone viewports every screen is audited at.
const VIEWPORTS: [(u32, u32); 2] = [(360, 800), (390, 844)];
/// How much of an 800 px screen an on-screen keyboard leaves.
const KEYBOARD_OPEN_HEIGHT: u32 = 460;
/// Chromium's default text size, and twice it.
const TEXT_SIZE: u32 = 16;
const FIXED_SIZE: u32 = 13;

/// The checks of `audit.js`, after axe-core.
const HELPERS: &str = include_str!("audit.js");

/// A Chrome DevTools Protocol command, through chromedriver's `goog/cdp/execute`.
#[derive(Debug)]
struct Cdp {
    cmd: &'static str,
    params: Value,
}

impl WebDriverCompatibleCommand for Cdp {
    fn endpoint(
        &self,
        base_url: &url::Url,
        session_id: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        let session = session_id.expect("a WebDriver session");
        base_url.join(&format!("session/{session}/goog/cdp/execute"))
    }

    fn method_and_body(&self, _url: &url::Url) -> (http::Method, Option<String>) {
        let body = json!({ "cmd": self.cmd, "params": self.params });
        (http::Method::POST, Some(body.to_string()))
    }
}

/// axe-core's script, fetched on first use if `scripts/test` has not fetched it yet.
fn axe_source() -> &'static str {
    static SOURCE: OnceLock<String> = OnceLock::new();
    SOURCE.get_or_init(|| {
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        let path = root.join("target/axe-core/node_modules/axe-core/axe.min.js");
        if !path.exists() {
            let status = std::process::Command::new(root.join("scripts/axe-core-env"))
                .status()
                .expect("scripts/axe-core-env runs");
            assert!(
                status.success(),
                "axe-core could not be fetched from the npm registry (scripts/axe-core-env)"
            );
        }
        std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("axe-core at {}: {e}", path.display()))
    })
}

/// Runs axe-core over the page: its serious and critical WCAG 2.1 A/AA violations.
const AXE_RUN: &str = r#"
return axe.run(document, {
  runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
  resultTypes: ['violations'],
}).then((result) => result.violations
  .filter((v) => v.impact === 'serious' || v.impact === 'critical')
  .map((v) => `${v.id} (${v.impact}): ${v.help}; at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`));
"#;

impl Browser {
    /// Audits the page as it is now; fails the test listing every offender, under `name`.
    pub async fn audit(&self, name: &str) {
        let offenders = self.findings(name).await;
        if !offenders.is_empty() {
            panic!(
                "accessibility audit of screen {name}: {} finding(s)\n  {}",
                offenders.len(),
                offenders.join("\n  ")
            );
        }
    }

    /// What the audit finds on the page as it is now, each line prefixed with where it was seen.
    pub async fn findings(&self, name: &str) -> Vec<String> {
        self.inject_audit().await;
        let mut offenders = Vec::new();
        for (width, height) in VIEWPORTS {
            self.viewport(width, height).await;
            let at = format!("{name} {width}x{height}");
            offenders.extend(self.check(&at, AXE_RUN).await);
            offenders.extend(self.check(&at, "return __ofisAudit.touch();").await);
            self.check(&at, "return __ofisAudit.remember();").await;
            self.text_size(TEXT_SIZE * 2, FIXED_SIZE * 2).await;
            let big = format!("{at} text-200");
            offenders.extend(self.check(&big, "return __ofisAudit.text();").await);
            self.text_size(TEXT_SIZE, FIXED_SIZE).await;
        }
        let (width, height) = VIEWPORTS[0];
        let named = format!("{name} names");
        offenders.extend(self.check(&named, "return __ofisAudit.names();").await);
        self.viewport(width, KEYBOARD_OPEN_HEIGHT).await;
        let keyboard = format!("{name} {width}x{KEYBOARD_OPEN_HEIGHT} keyboard-open");
        offenders.extend(
            self.check(&keyboard, "return __ofisAudit.keyboard();")
                .await,
        );
        self.viewport(width, height).await;
        self.dark(true).await;
        let dark = format!("{name} {width}x{height} dark");
        offenders.extend(self.check(&dark, AXE_RUN).await);
        self.dark(false).await;
        self.viewport(self.width, self.height).await;
        offenders
    }

    /// A screenshot at 360×800, in the light or the dark theme, under
    /// `target/screenshots/NAME.png` (the pictures of the README).
    pub async fn screenshot_phone(&self, name: &str, dark: bool) {
        let (width, height) = VIEWPORTS[0];
        self.viewport(width, height).await;
        self.dark(dark).await;
        self.client
            .execute("window.scrollTo(0, 0);", vec![])
            .await
            .expect("scroll to the top");
        self.save_screenshot(name).await;
        self.dark(false).await;
        self.viewport(self.width, self.height).await;
    }

    /// Runs one check (a script returning a list of offenders), each prefixed with `at`; when it
    /// finds something, the page as the check saw it is saved as `AUDIT-<at>.png`.
    async fn check(&self, at: &str, script: &str) -> Vec<String> {
        let found = self
            .client
            .execute(script, vec![])
            .await
            .unwrap_or_else(|e| panic!("audit check at {at}: {e}"));
        let list = found.as_array().cloned().unwrap_or_default();
        // `OFIS_AUDIT_PICTURES=1` keeps a picture of every state audited, to look at.
        if list.is_empty() && std::env::var_os("OFIS_AUDIT_PICTURES").is_none() {
            return Vec::new();
        }
        let picture = format!("AUDIT-{}", at.replace(' ', "-"));
        self.save_screenshot(&picture).await;
        list.iter()
            .map(|v| format!("[{at}] {}", v.as_str().unwrap_or_default()))
            .collect()
    }

    /// axe-core and the helpers, once per page load.
    async fn inject_audit(&self) {
        let present = self
            .client
            .execute(
                "return typeof axe !== 'undefined' && typeof __ofisAudit !== 'undefined';",
                vec![],
            )
            .await
            .expect("audit probe");
        if present == Value::Bool(true) {
            return;
        }
        let script = format!("{}\n;{HELPERS}\n;return true;", axe_source());
        self.client
            .execute(&script, vec![])
            .await
            .expect("axe-core and the audit helpers load into the page");
    }

    /// Sends a DevTools command to the page.
    async fn cdp(&self, cmd: &'static str, params: Value) {
        self.client
            .issue_cmd(Cdp { cmd, params })
            .await
            .unwrap_or_else(|e| panic!("CDP {cmd}: {e}"));
    }

    /// A phone screen of `width`×`height` CSS px.
    pub(crate) async fn viewport(&self, width: u32, height: u32) {
        let metrics = json!({
            "width": width, "height": height, "deviceScaleFactor": 1, "mobile": true,
        });
        self.cdp("Emulation.setDeviceMetricsOverride", metrics)
            .await;
    }

    /// A notch of `top` and a home bar of `bottom` CSS px (`env(safe-area-inset-*)`).
    pub async fn safe_area(&self, top: f64, bottom: f64) {
        let insets = json!({ "insets": { "top": top, "bottom": bottom, "left": 0, "right": 0 } });
        self.cdp("Emulation.setSafeAreaInsetsOverride", insets)
            .await;
    }

    /// The browser's default text size (what a larger system text size changes).
    async fn text_size(&self, standard: u32, fixed: u32) {
        let sizes = json!({ "fontSizes": { "standard": standard, "fixed": fixed } });
        self.cdp("Page.setFontSizes", sizes).await;
    }

    /// The system's dark theme on or off (`prefers-color-scheme`).
    async fn dark(&self, on: bool) {
        let features = if on {
            json!([{ "name": "prefers-color-scheme", "value": "dark" }])
        } else {
            json!([])
        };
        self.cdp(
            "Emulation.setEmulatedMedia",
            json!({ "features": features }),
        )
        .await;
    }
}
