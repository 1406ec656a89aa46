//! End to end, in headless Chromium at 390×844 against `ofis web` on the embedded sandbox:
//! sign in, find the bills of a demo address, pay, see the receipt — and the ways it goes wrong.

mod support;

use gorod_sandbox::test_cards;
use support::{add_address, sign_in, App, Browser};

const W: u32 = 390;
const H: u32 = 844;

async fn pay_with(b: &Browser, card: &str, expiry: &str, cvc: &str) {
    b.click("#pay").await;
    b.wait("#card-number").await;
    b.type_into("#card-number", card).await;
    b.type_into("#card-expiry", expiry).await;
    b.type_into("#card-cvc", cvc).await;
    b.click("#card-pay").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pays_the_bills_of_a_demo_address_and_shows_the_receipt() {
    let app = App::start();
    let b = Browser::open(W, H).await;
    b.goto(&app).await;
    b.screenshot("01-sign-in").await;
    sign_in(&b).await;
    b.screenshot("02-empty-payments").await;
    b.click("#add-service").await;
    b.screenshot("03-add-service").await;
    b.click("#search-by-address").await;
    b.type_into("#address-query", "Советская 12 кв 5").await;
    b.wait_text(".suggestion", "Советская, д. 12, кв. 5").await;
    b.screenshot("04-address-suggestions").await;
    b.click(".suggestion").await;
    let total = b.wait_text("#total", "₽").await;
    let groups = b.wait_text(".address-title", "Советская").await;
    assert!(groups.contains("кв. 5"), "{groups}");
    let lines = b.find_listed(".line").await;
    assert!(
        lines.len() >= 8,
        "the общий счёт has every bill of the address, got {}",
        lines.len()
    );
    b.screenshot("05-combined-bill").await;
    b.screenshot_phone("05-combined-bill-360-light", false)
        .await;
    b.screenshot_phone("05-combined-bill-360-dark", true).await;

    pay_with(&b, test_cards::SUCCESS_VISA, "12/30", "123").await;
    b.screenshot("06-checkout-filled").await;
    let receipt = b.wait_text("#receipt", "Оплачено").await;
    assert!(receipt.contains("ФН"), "{receipt}");
    let paid_total = b.wait_text("#receipt-total", "₽").await;
    assert_eq!(
        paid_total.trim(),
        total.trim(),
        "the receipt is for the whole total"
    );
    let fn_number = b.wait_text("#receipt-fn", "").await;
    assert_eq!(
        fn_number.trim().len(),
        16,
        "fiscal drive number has 16 digits"
    );
    b.screenshot("07-receipt").await;

    b.click("#receipt-done").await;
    b.wait_text(".badge.paid", "Оплачено").await;
    b.wait_text("#total", "0,00").await;
    b.screenshot("08-paid").await;

    // Paying a paid bill again is asked, never assumed.
    b.click(".line .star").await;
    b.type_into(".line-menu .amount-edit input", "100").await;
    b.click(".menu-save").await;
    b.wait_text("#total", "100,00").await;
    b.click("#pay").await;
    b.wait_text("#already-paid", "Уже оплачено в этом месяце")
        .await;
    b.screenshot("09-already-paid").await;
    b.click("#pay-again").await;
    b.wait("#card-number").await;
    b.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn declined_card_says_so_in_russian_keeps_the_form_and_leaves_bills_unpaid() {
    let app = App::start();
    let b = Browser::open(W, H).await;
    b.goto(&app).await;
    sign_in(&b).await;
    add_address(&b, "Победы 114", "Победы").await;
    let total = b.wait_text("#total", "₽").await;

    pay_with(&b, test_cards::DECLINE, "11/29", "321").await;
    let message = b.wait_text("#pay-error", "отклонил").await;
    assert!(message.contains("Деньги не списаны"), "{message}");
    assert_eq!(
        b.value("#card-number").await,
        test_cards::DECLINE,
        "nothing typed is lost"
    );
    assert_eq!(b.value("#card-expiry").await, "11/29");
    b.screenshot("10-declined").await;

    // Insufficient funds on a second try with the same frozen composition.
    b.type_into("#card-number", test_cards::INSUFFICIENT_FUNDS)
        .await;
    b.click("#card-pay").await;
    b.wait_text("#pay-error", "Недостаточно средств").await;

    b.click(".back").await;
    let after = b.wait_text("#total", "₽").await;
    assert_eq!(after, total, "nothing was paid");
    assert!(!b.exists(".badge.paid").await, "no bill is marked paid");
    b.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn three_ds_card_asks_for_the_code_then_pays() {
    let app = App::start();
    let b = Browser::open(W, H).await;
    b.goto(&app).await;
    sign_in(&b).await;
    add_address(&b, "Строителей 3", "Орск").await;
    pay_with(&b, test_cards::THREE_DS_MIR, "05/28", "555").await;
    b.wait("#three-ds-code").await;
    b.screenshot("20-three-ds").await;
    b.type_into("#three-ds-code", "0000").await;
    b.click("#three-ds-submit").await;
    b.wait_text("#three-ds-code-error", "Неверный код").await;
    assert_eq!(
        b.value("#three-ds-code").await,
        "0000",
        "the code typed stays"
    );
    b.type_into("#three-ds-code", gorod_sandbox::THREE_DS_CODE)
        .await;
    b.click("#three-ds-submit").await;
    b.wait_text("#receipt", "Оплачено").await;
    b.screenshot("21-three-ds-receipt").await;
    b.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cancelled_three_ds_frees_the_bills_and_they_are_paid_once_with_another_card() {
    let app = App::start();
    let b = Browser::open(W, H).await;
    b.goto(&app).await;
    sign_in(&b).await;
    add_address(&b, "Строителей 3", "Орск").await;
    let total = b.wait_text("#total", "₽").await;
    pay_with(&b, test_cards::THREE_DS_MIR, "05/28", "555").await;
    b.wait("#three-ds-code").await;

    // «Отменить и вернуться к счетам»: the cancel reaches the bank; nothing is blocked.
    b.click("#three-ds-cancel").await;
    let after = b.wait_text("#total", "₽").await;
    assert_eq!(after, total, "nothing was paid");
    assert!(!b.exists(".badge.paid").await, "no bill is marked paid");
    b.screenshot("22-three-ds-cancelled").await;

    pay_with(&b, test_cards::SUCCESS_VISA, "05/28", "555").await;
    b.wait_text("#receipt", "Оплачено").await;
    b.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_input_gets_a_russian_message_next_to_the_field() {
    let app = App::start();
    let b = Browser::open(W, H).await;
    b.goto(&app).await;

    b.type_into("#phone", "12345").await;
    b.click("#get-code").await;
    b.wait_text("#phone-error", "номер мобильного телефона")
        .await;
    assert_eq!(b.value("#phone").await, "12345");

    b.type_into("#phone", support::PHONE).await;
    b.click("#get-code").await;
    b.type_into("#sms-code", "9999").await;
    b.click("#sign-in").await;
    b.wait_text("#sms-code-error", "Неверный код").await;
    b.screenshot("30-wrong-sms-code").await;
    b.type_into("#sms-code", gorod_sandbox::SMS_CODE).await;
    b.click("#sign-in").await;
    b.wait(".tabbar").await;

    b.click("#add-service").await;
    b.click("#search-by-address").await;
    b.type_into("#address-query", "Несуществующая 999").await;
    b.wait_text("#address-not-found", "Адрес не найден").await;
    b.screenshot("31-unknown-address").await;

    b.type_into("#address-query", "Чкалова 30").await;
    b.click(".suggestion").await;
    b.wait_text("#notice", "пока нет выставленных счетов").await;

    add_address(&b, "Советская 12 17", "кв. 17").await;
    b.click("#pay").await;
    b.type_into("#card-number", "4111 1111 1111 1112").await;
    b.type_into("#card-expiry", "13/30").await;
    b.type_into("#card-cvc", "12").await;
    b.click("#card-pay").await;
    b.wait_text("#card-number-error", "Неверный номер карты")
        .await;
    b.type_into("#card-number", test_cards::SUCCESS_MIR).await;
    b.click("#card-pay").await;
    b.wait_text("#card-expiry-error", "ММ/ГГ").await;
    b.type_into("#card-expiry", "01/20").await;
    b.click("#card-pay").await;
    b.wait_text("#card-expiry-error", "истёк").await;
    b.type_into("#card-expiry", "01/31").await;
    b.click("#card-pay").await;
    b.wait_text("#card-cvc-error", "три цифры").await;
    b.screenshot("32-card-errors").await;
    b.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_that_is_down_gets_a_russian_message_and_keeps_the_phone() {
    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap();
    let app = App::start_with_server(&format!("http://{closed}"));
    let b = Browser::open(W, H).await;
    b.goto(&app).await;
    b.type_into("#phone", support::PHONE).await;
    b.click("#get-code").await;
    b.wait_text("#phone-error", "Нет связи с сервером").await;
    assert_eq!(
        b.value("#phone").await,
        support::PHONE,
        "nothing typed is lost"
    );
    b.screenshot("33-server-down").await;
    b.close().await;
}
