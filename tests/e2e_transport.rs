//! End to end, in headless Chromium at 360×800: «Транспорт» — the demo phone's card, «+» with an
//! online card and with one that is not (the manual's advice), «Пополнение» → «Оплатить» →
//! «Ок» → the card form, paid with the success card then refused with the decline card, and
//! the card's «История»; a card renamed and its low-balance alert set.

mod support;

use gorod_sandbox::test_cards;
use support::Browser;

const W: u32 = 360;
const H: u32 = 800;

/// Types a card number, a name, and presses «Сохранить».
async fn add_card(b: &Browser, number: &str) {
    b.click("#add-card").await;
    b.type_into("#transport-number", number).await;
    b.click("#transport-save").await;
}

/// «Пополнение» of the open card by `amount`, up to the card form.
async fn top_up(b: &Browser, amount: &str) {
    b.click("#open-card-top-up").await;
    b.type_into("#transport-amount", amount).await;
    b.click("#top-up-pay").await;
    b.wait_text("#top-up-confirm", "Пополнить карту").await;
    b.click("#top-up-ok").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_rider_adds_cards_tops_one_up_and_reads_its_history() {
    let (sandbox, _app, b) = support::signed_in_on_own_sandbox(W, H).await;
    b.click("#tab-transport").await;
    b.wait_text("#cards", "Моя карта").await;
    b.screenshot("130-transport-cards").await;

    // A card that is not online: refused with the manual's advice, what was typed kept.
    add_card(&b, "9643 1100 0099 9900 000").await;
    b.wait_text("#transport-number-error", "орск.рф").await;
    assert_eq!(
        b.value("#transport-number").await,
        "9643 1100 0099 9900 000"
    );
    b.screenshot("131-transport-not-online").await;
    b.click(".back").await;
    b.wait("#cards").await;

    // An online one joins the list.
    add_card(&b, "9643 2000 0011 1122 228").await;
    b.wait_text("#transport-card", "КШ Airtag-Онлайн").await;
    b.click(".back").await;
    b.wait("#cards").await;
    b.wait_text("#cards", "КШ Airtag-Онлайн").await;

    // «Пополнение» of «Моя карта»: paid once, then «ожидает зачисления».
    b.click("#card-9643100000123456789").await;
    b.wait_text("#transport-balance", "₽").await;
    b.screenshot("132-transport-card").await;
    top_up(&b, "300").await;
    b.wait_text("#checkout-total", "300").await;
    support::pay_with_card(&b, test_cards::SUCCESS_VISA).await;
    b.wait_text("#receipt", "Оплачено").await;
    assert_eq!(sandbox.state.charges().len(), 1);
    b.client.back().await.expect("back");
    b.wait("#transport-amount").await;
    b.client.back().await.expect("back");
    b.wait_text("#transport-pending", "300").await;

    // The decline card: nothing charged, the form says so.
    top_up(&b, "100").await;
    support::pay_with_card(&b, test_cards::DECLINE).await;
    b.wait_text("#pay-error", "отклонил").await;
    assert_eq!(sandbox.state.charges().len(), 1, "nothing more charged");
    b.click(".back").await;
    b.wait("#transport-amount").await;
    b.click(".back").await;

    // «История»: trips and the top-up awaiting credit.
    b.click("#open-card-history").await;
    b.wait_text("#card-history", "ожидает зачисления").await;
    b.wait_text("#card-history", "Маршрут").await;
    b.screenshot("133-transport-history").await;
    b.close().await;
    sandbox.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_rider_renames_a_card_and_sets_its_low_balance_alert() {
    let (sandbox, _app, b) = support::signed_in_on_own_sandbox(W, H).await;
    b.click("#tab-transport").await;
    b.click("#card-9643100000123456789").await;
    b.wait_text("#transport-balance", "₽").await;

    // «Переименовать карту»: a name too long is refused with what was typed kept.
    b.click("#card-rename").await;
    let long = "Карта для поездок на работу и обратно каждый день";
    b.type_into("#card-name", long).await;
    b.click("#card-name-save").await;
    b.wait_text("#card-name-error", "до 40 символов").await;
    assert_eq!(b.value("#card-name").await, long);
    b.screenshot("134-transport-rename").await;
    b.type_into("#card-name", "На работу").await;
    b.click("#card-name-save").await;
    b.wait_text("#transport-card", "На работу").await;
    b.click(".back").await;
    b.wait_text("#cards", "На работу").await;

    // A threshold above the balance: the card says so, and the notice is in the list.
    b.click("#card-9643100000123456789").await;
    b.type_into("#card-alert", "100000").await;
    b.click("#card-alert-save").await;
    b.wait_text("#card-alert-saved", "Уведомим").await;
    b.wait_text("#transport-low-balance", "ниже порога").await;
    b.screenshot("135-transport-alert").await;
    b.close().await;
    sandbox.shutdown().await;
}
