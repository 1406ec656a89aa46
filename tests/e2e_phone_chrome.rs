//! End to end, in headless Chromium at 360×800: the phone around the app. With a notch and a
//! home bar (safe-area insets), the bars keep their content clear of both; with the on-screen
//! keyboard open, the field being typed in is not hidden under a bar and the tab bar stays
//! reachable; a new screen takes the focus to its title.

mod support;

use std::time::Instant;

use serde_json::Value;
use support::{add_address, sign_in, App, Browser, UI_TIMEOUT};

const W: u32 = 360;
const H: u32 = 800;
/// An iPhone-like notch and home bar.
const NOTCH: f64 = 47.0;
const HOME_BAR: f64 = 34.0;
/// What the keyboard leaves of an 800 px screen.
const KEYBOARD_OPEN: u32 = 460;

/// `[top, bottom]` of every element matching `css`, in viewport pixels.
async fn spans(b: &Browser, css: &str) -> Vec<(f64, f64)> {
    let found = b
        .client
        .execute(
            "return [...document.querySelectorAll(arguments[0])].map((e) => {
               const r = e.getBoundingClientRect(); return [r.top, r.bottom]; });",
            vec![Value::from(css)],
        )
        .await
        .expect("boxes");
    let list = found.as_array().cloned().unwrap_or_default();
    assert!(!list.is_empty(), "nothing matches {css}");
    list.iter()
        .map(|r| (r[0].as_f64().unwrap(), r[1].as_f64().unwrap()))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_bars_keep_clear_of_the_notch_and_the_home_bar() {
    let app = App::start();
    let b = Browser::open(W, H).await;
    b.safe_area(NOTCH, HOME_BAR).await;
    b.goto(&app).await;
    for (top, _) in spans(&b, ".sign-in .brand h1").await {
        assert!(top >= NOTCH, "sign-in title under the notch: top {top}");
    }
    sign_in(&b).await;
    add_address(&b, "Советская 12 кв 5", "Советская").await;
    b.client
        .execute("window.scrollTo(0, 0);", vec![])
        .await
        .unwrap();
    for (top, _) in spans(&b, ".topbar h1, .topbar button").await {
        assert!(top >= NOTCH, "top bar content under the notch: top {top}");
    }
    for (_, bottom) in spans(&b, ".tabbar .tab").await {
        assert!(
            bottom <= f64::from(H) - HOME_BAR,
            "a tab under the home bar: bottom {bottom}"
        );
    }
    let (bar_top, bar_bottom) = spans(&b, ".tabbar").await[0];
    assert_eq!(
        bar_bottom,
        f64::from(H),
        "the tab bar reaches the screen's bottom edge"
    );
    let (_, pay_bottom) = spans(&b, ".paybar").await[0];
    assert!(
        pay_bottom <= bar_top + 0.5,
        "the pay bar sits on the tab bar: {pay_bottom} > {bar_top}"
    );
    b.screenshot("c0-notch-and-home-bar").await;

    // The card form has no tab bar: its last button, scrolled to, clears the home bar.
    b.click("#pay").await;
    b.wait("#card-number").await;
    b.client
        .execute(
            "window.scrollTo(0, document.documentElement.scrollHeight);",
            vec![],
        )
        .await
        .unwrap();
    let (_, pay) = spans(&b, "#card-pay").await[0];
    assert!(
        pay <= f64::from(H) - HOME_BAR,
        "«Оплатить» under the home bar: bottom {pay}"
    );
    b.close().await;
}

/// Waits until the focused element is the title `text`.
async fn wait_focus_on_title(b: &Browser, text: &str) {
    let deadline = Instant::now() + UI_TIMEOUT;
    loop {
        let focused = b
            .client
            .execute(
                "const e = document.activeElement;
                 return e ? e.tagName + ' ' + e.textContent.slice(0, 40) : '';",
                vec![],
            )
            .await
            .expect("active element");
        let focused = focused.as_str().unwrap_or_default().to_string();
        if focused == format!("H1 {text}") {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "the focus is on «{focused}», not on the title «{text}»"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_screen_focuses_its_title_and_the_keyboard_hides_neither_field_nor_tabs() {
    let app = App::start();
    let b = Browser::open(W, H).await;
    b.goto(&app).await;
    sign_in(&b).await;
    add_address(&b, "Советская 12 кв 5", "Советская").await;
    // A tap that changes the screen leaves the focus on the new screen's title, forth and back.
    b.click("#add-service").await;
    b.wait("#search-by-address").await;
    wait_focus_on_title(&b, "Добавить услугу").await;
    b.click(".back").await;
    b.wait("#total").await;
    wait_focus_on_title(&b, "Мои платежи").await;
    // The last line's amount: the lowest field of the longest screen.
    let last_star = ".line:last-of-type .star";
    b.click(last_star).await;
    b.wait(".line-menu .amount-edit input").await;
    b.viewport(W, KEYBOARD_OPEN).await;
    let seen = b
        .client
        .execute(
            "const field = document.querySelector('.line-menu .amount-edit input');
             field.blur(); field.focus();
             const f = field.getBoundingClientRect();
             const covers = [...document.querySelectorAll('.paybar, .tabbar, .topbar')]
               .map((e) => e.getBoundingClientRect())
               .filter((r) => r.height > 0 && Math.min(r.bottom, f.bottom) - Math.max(r.top, f.top) > 1);
             const tabs = document.querySelector('.tabbar').getBoundingClientRect();
             return [f.top, f.bottom, covers.length, tabs.top, tabs.bottom, innerHeight];",
            vec![],
        )
        .await
        .expect("measure");
    let v: Vec<f64> = seen
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_f64().unwrap())
        .collect();
    let (top, bottom, covered, tabs_top, tabs_bottom, height) =
        (v[0], v[1], v[2], v[3], v[4], v[5]);
    assert_eq!(height, f64::from(KEYBOARD_OPEN), "the keyboard's viewport");
    assert!(
        top >= 0.0 && bottom <= height,
        "the focused field is off screen: {top}..{bottom}"
    );
    assert_eq!(
        covered, 0.0,
        "a bar covers the focused field at {top}..{bottom}"
    );
    assert!(
        tabs_top >= 0.0 && tabs_bottom <= height + 0.5,
        "the tab bar is out of reach above the keyboard: {tabs_top}..{tabs_bottom}"
    );
    b.viewport(W, H).await;
    b.close().await;
}
