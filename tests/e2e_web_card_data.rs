//! Card data never leaks from `ofis web`: cards typed into the card form in headless Chromium
//! (refused, not enough money, mistyped, 3-D Secure with a wrong then the right code, paid) are
//! searched for, with the search of `crates/core/tests/card_data.rs`, in every file of the web
//! process's data folder (while it runs, and after it is killed), in everything it wrote to stdout
//! and stderr at `RUST_LOG=trace`, and in the Город API's records; and in the page itself: the
//! card inputs never carry a `value` attribute, and the page's HTML holds no card.
//!
//! The search proves itself: a card planted in the data folder is found there, and a card planted
//! in an address id by a proxy in front of the Город API reaches the web process's logs (the
//! `add_address` span) and is found there.

mod support;

#[path = "../crates/core/tests/common/card_search.rs"]
mod card_search;
#[path = "../crates/core/tests/common/fault_proxy.rs"]
mod fault_proxy;

use card_search::cards::{DECLINED, MISTYPED, NO_FUNDS, PAID, PLANTED, THREE_DS, USED};
use card_search::{forms_found, report, search, search_files, Card, Hit, Searched};
use fault_proxy::{host_port, FaultProxy};
use gorod_sandbox::{SandboxConfig, THREE_DS_CODE};
use support::{add_address, sign_in, App, Browser, Launch};

/// The demo address with no bills, whose id the proxy turns into one holding [`PLANTED`].
const PLANT_ADDRESS: &str = "orb-chkalova-30-8";

fn grouped(pan: &str) -> String {
    let groups: Vec<&str> = (0..pan.len()).step_by(4).map(|i| &pan[i..i + 4]).collect();
    groups.join(" ")
}

/// Types `card` into the card form, then checks the page: the inputs hold what was typed (the
/// control) but no `value` attribute, and the page's HTML holds no card.
async fn type_card(b: &Browser, card: Card) {
    b.type_into("#card-number", &grouped(card.pan)).await;
    b.type_into("#card-expiry", card.expiry).await;
    b.type_into("#card-cvc", card.cvc).await;
    assert_page_holds_no_card(b, Some(card)).await;
}

/// No card input has a `value` attribute and the page's HTML holds none of the cards; with
/// `typed`, the inputs' live values are that card (so there was something to leak).
async fn assert_page_holds_no_card(b: &Browser, typed: Option<Card>) {
    let (number, expiry, cvc) = typed
        .map(|c| (grouped(c.pan), c.expiry.to_string(), c.cvc.to_string()))
        .unwrap_or_default();
    for (css, live) in [
        ("#card-number", number),
        ("#card-expiry", expiry),
        ("#card-cvc", cvc),
    ] {
        let el = serde_json::to_value(b.wait(css).await).unwrap();
        let seen = b
            .client
            .execute(
                "return [arguments[0].getAttribute('value'), arguments[0].value];",
                vec![el],
            )
            .await
            .unwrap();
        assert_eq!(
            seen[0],
            serde_json::Value::Null,
            "{css} has a value attribute"
        );
        if typed.is_some() {
            assert_eq!(seen[1], live.as_str(), "{css} does not hold what was typed");
        }
    }
    let html = b
        .client
        .execute("return document.documentElement.outerHTML;", vec![])
        .await
        .unwrap();
    let html = html.as_str().unwrap_or_default();
    assert!(html.contains("card-cvc"), "not the card form");
    let hits = search("page HTML".into(), html.as_bytes(), &USED).hits;
    assert!(hits.is_empty(), "the page holds a card: {hits:#?}");
}

/// Pays the demo address with four cards in turn, on one card form: refused, not enough money,
/// mistyped, 3-D Secure (a wrong code, then the right one). Then another address, paid.
async fn pay_everything(b: &Browser) {
    add_address(b, "Советская 12 кв 5", "кв. 5").await;
    b.click("#pay").await;
    b.wait("#card-number").await;
    assert_page_holds_no_card(b, None).await;
    type_card(b, DECLINED).await;
    b.click("#card-pay").await;
    b.wait_text("#pay-error", "отклонил").await;
    assert_page_holds_no_card(b, Some(DECLINED)).await;
    type_card(b, NO_FUNDS).await;
    b.click("#card-pay").await;
    b.wait_text("#pay-error", "Недостаточно средств").await;
    type_card(b, MISTYPED).await;
    b.click("#card-pay").await;
    b.wait("#card-number-error").await;
    assert_page_holds_no_card(b, Some(MISTYPED)).await;
    type_card(b, THREE_DS).await;
    b.click("#card-pay").await;
    b.type_into("#three-ds-code", "0000").await;
    b.click("#three-ds-submit").await;
    b.wait("#three-ds-code-error").await;
    b.type_into("#three-ds-code", THREE_DS_CODE).await;
    b.click("#three-ds-submit").await;
    b.wait_text("#receipt", "Оплачено").await;
    b.click("#receipt-done").await;

    add_address(b, "Победы 114", "Победы").await;
    b.click("#pay").await;
    b.wait("#card-number").await;
    type_card(b, PAID).await;
    b.click("#card-pay").await;
    b.wait_text("#receipt", "Оплачено").await;
    b.click("#receipt-done").await;
}

/// The plant in the logs: the address whose id the proxy rewrote. Adding it fails (the server
/// knows no such id), after the app has logged the id in its `add_address` span.
async fn choose_the_planted_address(b: &Browser) {
    b.click("#add-service").await;
    b.click("#search-by-address").await;
    b.type_into("#address-query", "Чкалова 30").await;
    b.wait_text(".suggestion", "Чкалова").await;
    b.click(".suggestion").await;
    b.wait("#address-error").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn card_data_typed_into_the_web_front_is_nowhere_but_the_bank() {
    let started = std::time::Instant::now();
    let sandbox = gorod_sandbox::start(SandboxConfig::loopback_ephemeral(support::today()))
        .await
        .unwrap();
    let proxy = FaultProxy::start(host_port(&sandbox.gorod_url)).await;
    let planted_id = format!("-{}", PLANTED.pan);
    proxy.rewrite_answers(PLANT_ADDRESS, &planted_id);
    let dir = tempfile::tempdir().unwrap();
    let logs_dir = tempfile::tempdir().unwrap();
    let logs = logs_dir.path().join("ofis-web.log");
    let launch = Launch {
        server: Some(&proxy.url),
        rust_log: Some("trace"),
        output: Some(logs.clone()),
        ..Launch::default()
    };
    let app = App::launch(dir.path().into(), launch);
    let b = Browser::open(390, 844).await;
    b.goto(&app).await;
    sign_in(&b).await;
    pay_everything(&b).await;
    choose_the_planted_address(&b).await;
    b.close().await;
    assert_eq!(
        sandbox.state.charges().len(),
        2,
        "the 3-D Secure card and the paid one"
    );

    eprintln!("paid after {:.2?}", started.elapsed());
    let mut searched = search_files("web open", dir.path(), &USED);
    drop(app);
    searched.extend(search_files("web killed", dir.path(), &USED));
    let places: Vec<&str> = searched.iter().map(|s| s.place.as_str()).collect();
    assert!(places.contains(&"web open: ofis.sqlite"), "{places:?}");
    let records = sandbox.state.gorod_records_json();
    searched.push(search(
        "Город-side records".into(),
        records.as_bytes(),
        &USED,
    ));
    let captured = std::fs::read(&logs).unwrap();
    searched.push(search(
        "web process stdout+stderr (TRACE)".into(),
        &captured,
        &USED,
    ));

    // The logs hold the app's TRACE records and the card step's spans (masked card labels)...
    let text = String::from_utf8_lossy(&captured);
    assert!(text.contains("TRACE"), "no TRACE record captured");
    assert!(text.contains("ОФИС: http"), "stdout not captured");
    for card in [THREE_DS, PAID, DECLINED] {
        let label = format!("•••• {}", &card.pan[card.pan.len() - 4..]);
        assert!(
            text.contains(&label),
            "the card step's span ({label}) not captured"
        );
    }
    // The phone typed at sign-in is masked in the logs too, dioxus's own TRACE spans included.
    for form in ["912 345-67-89", "9123456789", "912\u{a0}345"] {
        assert!(!text.contains(form), "the phone ({form:?}) is in the logs");
    }
    // ...and the card planted through the Город API's answer, found by the same search.
    let in_logs = forms_found(&[search("planted".into(), &captured, &[PLANTED])]);
    assert!(
        in_logs.contains("pan digits"),
        "planted card not found in the logs: {in_logs:?}"
    );
    std::fs::create_dir_all(dir.path().join("planted")).unwrap();
    std::fs::write(dir.path().join("planted/note.txt"), grouped(PLANTED.pan)).unwrap();
    let found_in: Vec<String> = search_files("planted", dir.path(), &[PLANTED])
        .into_iter()
        .filter(|s| !s.hits.is_empty())
        .map(|s| s.place)
        .collect();
    assert_eq!(found_in, ["planted: planted/note.txt"]);

    eprintln!("card data search of `ofis web`, {} cards:", USED.len());
    report(&searched);
    eprintln!("self-check: planted card found in {found_in:?} and in the logs as {in_logs:?}");
    let hits: Vec<(&str, &Hit)> = searched
        .iter()
        .flat_map(|s: &Searched| s.hits.iter().map(move |h| (s.place.as_str(), h)))
        .collect();
    assert!(hits.is_empty(), "card data found: {hits:#?}");
    sandbox.shutdown().await;
    eprintln!("wall time {:.2?}", started.elapsed());
}
