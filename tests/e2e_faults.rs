//! End to end (headless Chromium, phone viewport) through fault-injecting proxies in front of the
//! Город API and the bank gateway (`crates/core/tests/common/fault_proxy.rs`): latency, a lost
//! answer to the order, the bank's lost answer after it charged, a truncated body. Each ends with
//! the right screen and, for the payment, exactly one charge.

mod support;

#[path = "../crates/core/tests/common/fault_proxy.rs"]
mod fault_proxy;

use std::time::Duration;

use fault_proxy::{host_port, Fault, FaultProxy};
use gorod_sandbox::{test_cards, SandboxConfig};
use support::{sign_in, App, Browser};

/// The chat's prefilled message once it contains `needle`.
async fn chat_text_with(b: &Browser, needle: &str) -> String {
    let deadline = std::time::Instant::now() + support::UI_TIMEOUT;
    loop {
        let text = b.value("#chat-text").await;
        if text.contains(needle) {
            return text;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "{needle} not in {text}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn lost_and_broken_answers_end_with_one_charge_and_the_right_screen() {
    let sandbox = gorod_sandbox::start(SandboxConfig::loopback_ephemeral(support::today()))
        .await
        .unwrap();
    let gorod = FaultProxy::start(host_port(&sandbox.gorod_url)).await;
    let gateway = FaultProxy::start(host_port(&sandbox.gateway_url)).await;
    // Loopback ephemeral ports have the same number of digits, so lengths stay right.
    gorod.rewrite_answers(&sandbox.gateway_url, &gateway.url);
    gorod.set_latency(Duration::from_millis(150));

    let app = App::start_with_server(&gorod.url);
    let b = Browser::open(390, 844).await;
    b.goto(&app).await;
    sign_in(&b).await;

    // A truncated answer to the address's bills: a Russian message, and the next try works.
    gorod.arm("/bills", Fault::TruncateBody);
    b.click("#add-service").await;
    b.click("#search-by-address").await;
    b.type_into("#address-query", "Советская 12 кв 5").await;
    b.wait_text(".suggestion", "кв. 5").await;
    b.click(".suggestion").await;
    b.wait_text("#address-error", "Сервер ответил с ошибкой")
        .await;
    assert_eq!(gorod.fired(), 1, "the body was really cut");
    b.screenshot("b0-truncated-answer").await;
    // The error leads to support, with what support needs already written.
    b.click("#address-error-support").await;
    let context = chat_text_with(&b, "Код ошибки: bad_answer").await;
    assert!(context.contains("Экран: Поиск по адресу"), "{context}");
    b.client.back().await.expect("back");
    b.type_into("#address-query", "Советская 12 кв 5").await;
    b.wait_text(".suggestion", "кв. 5").await;
    b.click(".suggestion").await;
    let total = b.wait_text("#total", "₽").await;

    // The order's answer is lost (retried with the same key), then the bank's answer is lost
    // after it charged (found paid through the Город API): the receipt, one charge.
    gorod.arm("POST /api/v1/orders ", Fault::DropAnswer);
    b.click("#pay").await;
    b.wait("#card-number").await;
    assert_eq!(gorod.fired(), 2, "the order's answer was really lost");
    assert_eq!(
        sandbox.state.orders_count(),
        1,
        "the retry replayed the order"
    );
    b.type_into("#card-number", test_cards::SUCCESS_VISA).await;
    b.type_into("#card-expiry", "12/30").await;
    b.type_into("#card-cvc", "123").await;
    gateway.arm("/card ", Fault::DropAnswer);
    b.click("#card-pay").await;
    let receipt = b.wait_text("#receipt", "Оплачено").await;
    assert_eq!(gateway.fired(), 1, "the bank's answer was really lost");
    assert_eq!(sandbox.state.charges().len(), 1, "exactly one charge");
    assert_eq!(sandbox.state.orders_count(), 1);
    let paid = total.split_whitespace().collect::<String>();
    assert!(
        receipt
            .split_whitespace()
            .collect::<String>()
            .contains(&paid),
        "the receipt is for the whole total {total:?}: {receipt:?}"
    );
    b.screenshot("b1-paid-despite-lost-answers").await;
    b.click("#receipt-done").await;
    b.wait_text("#total", "0,00").await;
    b.close().await;
    sandbox.shutdown().await;
}
