//! End to end, in headless Chromium at 390×844: one payment declined and one paid, then
//! «История» shows both with their statuses, the spending chart, and the receipt with its fiscal
//! data, its fiscal QR drawn as SVG, and «Отправить на e-mail» checking the address first.

mod support;

use fantoccini::Locator;
use gorod_sandbox::test_cards;
use support::{add_address, sign_in, App, Browser};

const W: u32 = 390;
const H: u32 = 844;

async fn top(b: &Browser) {
    let _ = b.client.execute("window.scrollTo(0, 0);", vec![]).await;
}

async fn texts(b: &Browser, css: &str) -> Vec<String> {
    let mut out = Vec::new();
    for el in b.client.find_all(Locator::Css(css)).await.unwrap() {
        out.push(el.text().await.unwrap_or_default());
    }
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn history_shows_a_paid_and_a_declined_payment_with_the_receipt_and_the_chart() {
    // The sandbox runs here, not inside the app, so the test can read the mail it "sent".
    let (sandbox, _app, b) = support::signed_in_on_own_sandbox(W, H).await;
    add_address(&b, "Советская 12 кв 5", "Советская").await;
    let total = b.wait_text("#total", "₽").await;

    // Declined first: nothing charged, the form stays; then the same bills paid.
    b.click("#pay").await;
    support::pay_with_card(&b, test_cards::DECLINE).await;
    b.wait_text("#pay-error", "отклонил").await;
    b.type_into("#card-number", test_cards::SUCCESS_VISA).await;
    b.click("#card-pay").await;
    b.wait_text("#receipt", "Оплачено").await;

    b.click("#receipt-history").await;
    b.wait(".history-entry").await;
    b.wait("#spending-chart").await;
    let chips = texts(&b, ".history-entry .chip").await;
    assert_eq!(chips, vec!["Оплачено", "Отклонено"], "newest first");
    let paid = b.wait_text(".history-entry.paid .entry-total", "₽").await;
    assert!(paid.contains(total.trim()), "{paid} vs {total}");
    let declined = b.wait_text(".history-entry.declined", "Отклонено").await;
    assert!(declined.contains("отклонил"), "{declined}");
    assert!(
        !b.exists("#history-offline").await,
        "the server's view is merged"
    );
    let bars = b
        .client
        .find_all(Locator::Css("#spending-chart rect.bar-segment"))
        .await
        .unwrap();
    assert!(bars.len() > 1, "November is split by service");
    let legend = b.wait_text("#spending-legend", "₽").await;
    assert!(legend.contains("Холодное водоснабжение"), "{legend}");
    top(&b).await;
    b.screenshot("40-history").await;

    b.click(".history-entry.paid").await;
    b.wait("#receipt-detail").await;
    let receipt_link = b.client.current_url().await.expect("URL");
    let fn_number = b.wait_text("#detail-fn", "").await;
    assert_eq!(fn_number.trim().len(), 16, "ФН has 16 digits");
    assert!(!b.wait_text("#detail-fd", "").await.trim().is_empty());
    assert_eq!(b.wait_text("#detail-fp", "").await.trim().len(), 10);
    assert_eq!(b.wait_text("#detail-sum", "₽").await.trim(), total.trim());
    b.wait("#fiscal-qr path").await;
    let qr_text = b.wait_text(".fiscal-qr figcaption", "fn=").await;
    assert!(
        qr_text.contains(&format!("fn={}", fn_number.trim())),
        "{qr_text}"
    );
    b.screenshot("41-history-receipt").await;

    // A wrong address is refused here, next to the field, and what was typed stays.
    b.type_into("#receipt-email", "ivanov@mail").await;
    b.click("#send-email").await;
    b.wait_text("#receipt-email-error", "адрес электронной почты")
        .await;
    assert_eq!(b.value("#receipt-email").await, "ivanov@mail");
    b.screenshot("42-history-email-error").await;
    assert!(sandbox.state.sent_mail().is_empty(), "nothing was sent");

    b.type_into("#receipt-email", "ivanov@mail.ru").await;
    b.click("#send-email").await;
    b.wait_text("#email-sent", "ivanov@mail.ru").await;
    let mail = sandbox.state.sent_mail();
    assert_eq!(mail.len(), 1);
    assert_eq!(mail[0].to, "ivanov@mail.ru");
    assert!(mail[0].body.contains(fn_number.trim()), "{}", mail[0].body);
    b.screenshot("43-history-email-sent").await;

    b.click(".back").await;
    b.wait("#spending-chart").await;

    // The receipt's address opens it again (a link, a notification), and back is «История».
    b.client.goto(receipt_link.as_str()).await.expect("link");
    let again = b.wait_text("#detail-fn", "").await;
    assert_eq!(again.trim(), fn_number.trim(), "the same receipt");
    b.client.back().await.expect("back");
    b.wait("#spending-chart").await;
    b.close().await;
    sandbox.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn history_without_payments_says_so_and_draws_no_chart() {
    let app = App::start();
    let b = Browser::open(360, 800).await;
    b.goto(&app).await;
    sign_in(&b).await;
    support::open_history(&b).await;
    b.wait_text("#spending-empty", "Оплаченных чеков пока нет")
        .await;
    b.wait_text("#history-empty", "Платежей пока нет").await;
    assert!(!b.exists("#spending-chart").await);
    b.screenshot("44-history-empty").await;
    b.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn years_of_history_come_a_page_at_a_time_and_receipts_are_found_by_their_words() {
    use ofis_store::lifetime::{fill_history, fill_selection, Volume};
    // A device with years of payments (the generator's small volume: 600 receipts).
    let dir = tempfile::tempdir().expect("tempdir");
    {
        let mut store = ofis_store::Store::open(&dir.path().join("ofis.sqlite")).expect("store");
        let now = chrono::Utc::now();
        fill_selection(&mut store, now).expect("selection");
        fill_history(&mut store, Volume::TINY, now, 7).expect("history");
    }
    let app = App::start_in(dir.path().to_path_buf());
    let b = Browser::open(360, 800).await;
    b.goto(&app).await;
    sign_in(&b).await;
    support::open_history(&b).await;
    b.wait("#history-more").await;
    let page = ofis_core::HISTORY_PAGE as usize;
    assert_eq!(
        texts(&b, "#history-entries .history-entry").await.len(),
        page
    );
    b.screenshot("45-history-lifetime").await;

    b.click("#history-more").await;
    for _ in 0..100 {
        if texts(&b, "#history-entries .history-entry").await.len() == 2 * page {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert_eq!(
        texts(&b, "#history-entries .history-entry").await.len(),
        2 * page,
        "«Показать ещё» adds the next page"
    );

    // Ten years: a column a year.
    top(&b).await;
    b.click("#spending-120").await;
    b.wait_text(
        "#spending-chart",
        &chrono::Utc::now().format("%Y").to_string(),
    )
    .await;
    b.screenshot("46-history-ten-years").await;

    b.type_into("#receipt-query", "электро").await;
    let found = b.wait_text("#receipt-results", "Электроэнергия").await;
    assert!(found.contains("₽"), "{found}");
    b.screenshot("47-history-search").await;
    b.type_into("#receipt-query", " нетакогопоставщика").await;
    b.wait_text("#receipt-not-found", "Чеки не найдены").await;
    assert!(!b.exists("#receipt-results").await);
    b.screenshot("48-history-search-empty").await;
    b.close().await;
}
