//! End to end (headless Chromium, phone viewport): the session outlives a restart (its tokens are
//! in the kernel keyring), the PIN lock asks at start and before paying, and «Выйти» signs out
//! and forgets the data on the device.

mod support;

use gorod_sandbox::{test_cards, RunningSandbox, SandboxConfig};
use support::{add_address, sign_in, App, Browser};

async fn sandbox() -> RunningSandbox {
    let today = support::today();
    gorod_sandbox::start(SandboxConfig::loopback_ephemeral(today))
        .await
        .unwrap()
}

async fn fill_card(b: &Browser) {
    b.wait("#card-number").await;
    b.type_into("#card-number", test_cards::SUCCESS_VISA).await;
    b.type_into("#card-expiry", "12/30").await;
    b.type_into("#card-cvc", "123").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_pin_locks_the_app_and_payments_and_sign_out_forgets_the_device() {
    let sandbox = sandbox().await;
    let dir = tempfile::tempdir().unwrap();
    {
        let app = App::start_in_with_server(dir.path().into(), &sandbox.gorod_url);
        let b = Browser::open(390, 844).await;
        b.goto(&app).await;
        sign_in(&b).await;
        add_address(&b, "Советская 12 кв 5", "кв. 5").await;
        b.click("#open-profile").await;
        b.wait_text("#profile-phone", "+79123456789").await;
        b.type_into("#new-pin", "1234").await;
        b.type_into("#new-pin-again", "1234").await;
        b.click("#set-pin").await;
        b.wait_text("#new-pin-error", "легко угадать").await;
        b.type_into("#new-pin", "5830").await;
        b.type_into("#new-pin-again", "5830").await;
        b.click("#set-pin").await;
        b.wait_text("#pin-done", "ПИН-код установлен").await;
        b.screenshot("a0-profile-pin-set").await;
        b.close().await;
    }

    // A restart: the PIN, not the SMS code.
    let app = App::start_in_with_server(dir.path().into(), &sandbox.gorod_url);
    let b = Browser::open(390, 844).await;
    b.goto(&app).await;
    b.wait("#unlock-pin").await;
    assert!(
        !b.exists(".tabbar").await,
        "nothing personal before the PIN"
    );
    b.type_into("#unlock-pin", "0419").await;
    b.click("#unlock").await;
    b.wait_text("#unlock-pin-error", "Осталось 4 попытки").await;
    b.screenshot("a1-pin-lock-wrong").await;
    b.type_into("#unlock-pin", "5830").await;
    b.click("#unlock").await;
    b.wait_text(".address-title", "Советская").await;

    // Before the card goes to the bank: the PIN again.
    b.click("#pay").await;
    fill_card(&b).await;
    b.wait("#payment-pin").await;
    b.click("#card-pay").await;
    b.wait_text("#payment-pin-error", "ПИН-код").await;
    assert!(
        sandbox.state.charges().is_empty(),
        "no charge without the PIN"
    );
    b.type_into("#payment-pin", "5830").await;
    b.screenshot("a2-checkout-pin").await;
    b.click("#card-pay").await;
    b.wait_text("#receipt", "Оплачено").await;
    assert_eq!(sandbox.state.charges().len(), 1);
    b.click("#receipt-done").await;

    // «Выйти» → «подтвердить»: back to sign-in, nothing personal left.
    b.click("#open-profile").await;
    b.click("#sign-out").await;
    b.screenshot("a3-sign-out-confirm").await;
    b.click("#sign-out-confirm").await;
    b.wait_text("#sign-in-notice", "Данные на этом устройстве удалены")
        .await;
    b.wait("#phone").await;
    b.close().await;
    drop(app);

    let app = App::start_in_with_server(dir.path().into(), &sandbox.gorod_url);
    let b = Browser::open(390, 844).await;
    b.goto(&app).await;
    b.wait("#phone").await;
    assert!(
        !b.exists("#unlock-pin").await,
        "the PIN went with the session"
    );
    sign_in(&b).await;
    b.wait("#add-service").await;
    assert!(
        !b.exists(".address-title").await,
        "the saved addresses went with the session"
    );
    b.close().await;
    sandbox.shutdown().await;
}

/// Signs in, adds the demo address and sets the PIN 5830; then the app is closed.
async fn with_pin(dir: &std::path::Path, sandbox: &RunningSandbox) {
    let app = App::start_in_with_server(dir.into(), &sandbox.gorod_url);
    let b = Browser::open(360, 800).await;
    b.goto(&app).await;
    sign_in(&b).await;
    add_address(&b, "Советская 12 кв 5", "кв. 5").await;
    b.click("#open-profile").await;
    b.type_into("#new-pin", "5830").await;
    b.type_into("#new-pin-again", "5830").await;
    b.click("#set-pin").await;
    b.wait("#pin-done").await;
    b.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn five_wrong_pins_or_a_forgotten_pin_sign_out() {
    let sandbox = sandbox().await;

    // Five wrong PINs in a row.
    let dir = tempfile::tempdir().unwrap();
    with_pin(dir.path(), &sandbox).await;
    let app = App::start_in_with_server(dir.path().into(), &sandbox.gorod_url);
    let b = Browser::open(360, 800).await;
    b.goto(&app).await;
    for left in ["4 попытки", "3 попытки", "2 попытки", "1 попытка"] {
        b.type_into("#unlock-pin", "0419").await;
        b.click("#unlock").await;
        b.wait_text("#unlock-pin-error", left).await;
    }
    b.type_into("#unlock-pin", "0419").await;
    b.click("#unlock").await;
    b.wait_text("#sign-in-notice", "неверно 5 раз").await;
    b.screenshot("a4-five-wrong-pins").await;
    b.close().await;
    drop(app);

    // «Забыли ПИН-код? Выйти» → «подтвердить».
    let dir = tempfile::tempdir().unwrap();
    with_pin(dir.path(), &sandbox).await;
    let app = App::start_in_with_server(dir.path().into(), &sandbox.gorod_url);
    let b = Browser::open(360, 800).await;
    b.goto(&app).await;
    b.click("#forgot-pin").await;
    b.wait("#forgot-pin-cancel").await;
    b.click("#forgot-pin-cancel").await;
    b.click("#forgot-pin").await;
    b.click("#forgot-pin-confirm").await;
    b.wait_text("#sign-in-notice", "Выполнен выход").await;
    sign_in(&b).await;
    b.wait("#add-service").await;
    assert!(
        !b.exists(".address-title").await,
        "the forgotten PIN's data stayed"
    );
    b.close().await;
    sandbox.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_expired_session_is_renewed_and_an_ended_one_asks_for_the_sms_code_again() {
    let sandbox = sandbox().await;
    let app = App::start_with_server(&sandbox.gorod_url);
    let b = Browser::open(390, 844).await;
    b.goto(&app).await;
    sign_in(&b).await;
    add_address(&b, "Советская 12 кв 5", "кв. 5").await;

    // An hour later the access token has expired: renewed on the way, nothing to do.
    sandbox.state.expire_access_tokens();
    support::open_history(&b).await;
    b.wait(".history-list").await;
    assert!(
        !b.exists("#history-offline").await,
        "the history came from the server"
    );
    b.click(".back").await;
    b.wait("#add-service").await;
    assert!(!b.exists("#phone").await);

    // The server ended the session: the SMS code again, and the saved bills are still there.
    sandbox.state.end_all_sessions();
    b.click("#open-history").await;
    b.wait_text("#sign-in-notice", "Сессия истекла").await;
    b.screenshot("a5-session-ended").await;
    sign_in(&b).await;
    b.wait_text(".address-title", "Советская").await;
    b.close().await;
    sandbox.shutdown().await;
}
