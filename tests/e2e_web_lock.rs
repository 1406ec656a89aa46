//! End to end: the web front serves the holder of this launch's secret only, and each tab has its
//! own PIN lock. A raw HTTP client against the port tries a foreign `Origin`, a foreign `Host` and
//! no cookie (403, 403, 401, no byte of the app); a second Chromium with a fresh profile, without
//! the secret, sees nothing; two tabs: unlocking one leaves the other locked.

mod support;

use fantoccini::Locator;
use support::raw_http::{get, upgrade, upgraded_until, Answer};
use support::{add_address, sign_in, App, Browser};

/// What only a signed-in app shows: the demo address and the phone number.
const PERSONAL: [&str; 4] = ["Советская", "кв. 5", "9123456789", "912 345"];

fn assert_nothing_personal(what: &str, bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    for needle in PERSONAL {
        assert!(!text.contains(needle), "{what} shows {needle:?}: {text}");
    }
}

/// The cookie this front sets for its secret (`name=value`), from the answer to the secret URL.
fn cookie_from(answer: &Answer) -> String {
    let set = answer
        .header("set-cookie")
        .unwrap_or_else(|| panic!("no cookie for the secret: {}", answer.head));
    for attribute in ["HttpOnly", "SameSite=Strict", "Path=/"] {
        assert!(set.contains(attribute), "cookie without {attribute}: {set}");
    }
    assert!(!set.contains("Secure"), "plain HTTP on loopback: {set}");
    set.split(';').next().unwrap().trim().to_string()
}

/// The raw client's part: every way in without the secret or from elsewhere is refused with no
/// byte of the app, and the same client with the cookie does get the app (the control).
async fn raw_client_checks(app: &App) {
    let host = app.host.as_str();
    let own = format!("http://{host}");
    let path_of = |url: &str| url[app.base.len() - 1..].to_string();

    let page = get(host, "/", host, None).await;
    assert_eq!(page.status, 401, "{}", page.head);
    assert_nothing_personal("the page without the cookie", &page.bytes);
    let wrong = get(host, "/?token=0123", host, None).await;
    assert_eq!(wrong.status, 401);
    let secret = get(host, &path_of(&app.url), host, None).await;
    assert_eq!(secret.status, 303, "{}", secret.head);
    assert_eq!(secret.header("location").as_deref(), Some("/"));
    let cookie = cookie_from(&secret);
    let rebound = get(host, "/", "evil.example", Some(&cookie)).await;
    assert_eq!(rebound.status, 403, "a rebound name: {}", rebound.head);
    assert_nothing_personal("a rebound name's page", &rebound.bytes);
    let page = get(host, "/", host, Some(&cookie)).await;
    assert_eq!(page.status, 200);

    let evil_host = host.replace("127.0.0.1", "evil.example");
    for (what, host_header, origin, cookie, status) in [
        (
            "a foreign Origin",
            host,
            "http://evil.example",
            Some(&cookie),
            403,
        ),
        ("a null Origin", host, "null", Some(&cookie), 403),
        (
            "another port's Origin",
            host,
            "http://127.0.0.1:1",
            Some(&cookie),
            403,
        ),
        (
            "a rebound name",
            &evil_host,
            "http://evil.example",
            Some(&cookie),
            403,
        ),
        ("no cookie", host, own.as_str(), None, 401),
    ] {
        let answer = upgrade(host, host_header, origin, cookie.map(String::as_str), true).await;
        assert_eq!(answer.status, status, "{what}: {}", answer.head);
        assert_nothing_personal(what, &answer.bytes);
    }
    let wrong_cookie = cookie.split('=').next().unwrap().to_string() + "=00";
    let answer = upgrade(host, host, &own, Some(&wrong_cookie), true).await;
    assert_eq!(answer.status, 401, "a wrong cookie: {}", answer.head);
    assert_nothing_personal("a wrong cookie", &answer.bytes);

    // The control: the same client with the cookie gets the app, address and all.
    let seen = upgraded_until(host, &own, &cookie, "Советская").await;
    assert!(
        seen.starts_with(b"HTTP/1.1 101"),
        "{}",
        String::from_utf8_lossy(&seen)
    );
}

/// Opens a new tab on the app (the browser holds the cookie) and waits for its first screen.
async fn new_tab(b: &Browser, app: &App) -> fantoccini::wd::WindowHandle {
    let tab = b.client.new_window(true).await.unwrap().handle;
    b.client.switch_to_window(tab.clone()).await.unwrap();
    b.client.goto(&app.base).await.unwrap();
    b.wait(".phone").await;
    tab
}

async fn assert_locked(b: &Browser, what: &str) {
    b.wait("#unlock-pin").await;
    assert!(
        !b.exists(".tabbar").await,
        "{what}: the app shows behind the lock"
    );
    let html = b.client.source().await.unwrap();
    assert_nothing_personal(what, html.as_bytes());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_the_secret_opens_the_web_front_and_each_tab_has_its_own_pin_lock() {
    let app = App::start();
    let b = Browser::open(390, 844).await;
    b.goto(&app).await;
    let cookies = b.client.get_all_cookies().await.unwrap();
    let cookie = cookies
        .iter()
        .find(|c| c.name().starts_with("ofis-"))
        .expect("the secret became a cookie");
    assert_eq!(cookie.http_only(), Some(true));
    let script_sees = b
        .client
        .execute("return document.cookie", vec![])
        .await
        .unwrap();
    assert_eq!(script_sees, "", "the page's scripts can read the cookie");
    sign_in(&b).await;
    add_address(&b, "Советская 12 кв 5", "кв. 5").await;

    raw_client_checks(&app).await;

    // A PIN, set in the first tab: that tab stays open.
    b.click("#open-profile").await;
    b.type_into("#new-pin", "5830").await;
    b.type_into("#new-pin-again", "5830").await;
    b.click("#set-pin").await;
    b.wait("#pin-done").await;
    let first = b.client.window().await.unwrap();

    // Two more tabs: both start locked; unlocking one leaves the other locked.
    let second = new_tab(&b, &app).await;
    assert_locked(&b, "a new tab").await;
    b.screenshot("b2-new-tab-locked").await;
    let third = new_tab(&b, &app).await;
    assert_locked(&b, "another new tab").await;
    b.client.switch_to_window(second).await.unwrap();
    b.type_into("#unlock-pin", "5830").await;
    b.click("#unlock").await;
    b.wait_text(".address-title", "Советская").await;
    b.client.switch_to_window(third).await.unwrap();
    assert_locked(&b, "the other tab, after one was unlocked").await;
    b.client.refresh().await.unwrap();
    b.wait(".phone").await;
    assert_locked(&b, "the other tab, reloaded").await;
    // The count of wrong PINs is the app's: it goes on across tabs.
    b.type_into("#unlock-pin", "0419").await;
    b.click("#unlock").await;
    b.wait_text("#unlock-pin-error", "Осталось 4 попытки").await;
    b.client.switch_to_window(first).await.unwrap();
    b.wait("#pin-done").await;
    assert!(b.exists(".tabbar").await, "the first tab was locked");
    b.close().await;

    // Another browser, a fresh profile, without the secret: nothing.
    let other = Browser::open(390, 844).await;
    for path in ["", "app", "app/history"] {
        other
            .client
            .goto(&format!("{}{path}", app.base))
            .await
            .unwrap();
        other.wait("#refused").await;
        assert!(
            !other.exists(".phone").await,
            "{path}: the app without the secret"
        );
        let html = other.client.source().await.unwrap();
        assert_nothing_personal(&format!("/{path} without the secret"), html.as_bytes());
    }
    other.screenshot("b3-refused-without-the-secret").await;
    // Its scripts on the front's own origin cannot open the app's websocket either.
    let outcome = other
        .client
        .execute_async(
            r#"const done = arguments[arguments.length - 1];
               const ws = new WebSocket("ws://" + location.host + "/ws");
               let got = "";
               ws.onmessage = (m) => { got += "message;"; };
               ws.onopen = () => { got += "open;"; };
               ws.onclose = () => done(got + "closed");"#,
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(outcome, "closed", "a websocket without the cookie");
    // With the secret, this browser too gets in: to the lock, since a PIN is set.
    other.goto(&app).await;
    assert_locked(&other, "a second browser with the secret").await;
    assert!(other.client.find(Locator::Css("#unlock")).await.is_ok());
    other.close().await;
}

#[test]
fn an_address_off_this_computer_is_refused_without_tls() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_ofis"))
        .args(["web", "--addr", "0.0.0.0:0", "--data-dir"])
        .arg(tempfile::tempdir().unwrap().path())
        .env_remove("OFIS_SERVER")
        .output()
        .expect("ofis runs");
    assert!(!out.status.success(), "served off loopback in clear");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("--tls-cert") && stderr.contains("TLS"),
        "{stderr}"
    );
    assert!(
        out.stdout.is_empty(),
        "it printed a URL: {}",
        String::from_utf8_lossy(&out.stdout)
    );
}
