//! End to end (headless Chromium, phone viewport): «Поиск по QR-коду» with the payment QR code
//! the demo town prints on its bills, a receipt's QR code, and a picture with no code at all.

mod support;

use std::io::Cursor;
use std::path::Path;

use fantoccini::Locator;
use gorod_sandbox::{bill_qr_png, town};
use ofis_api::BillDto;
use ofis_domain::Period;
use support::{sign_in, App, Browser};

/// The text of a fiscal receipt's QR code (what a shop's till prints), not a bill's.
const RECEIPT_QR: &str = "t=20261125T1530&s=100.00&fn=7380440700076549&i=1001&fp=3161613139&n=1";

/// A bill of ул. Советская, 12-5 the embedded demo town (whose clock is the real date in
/// Yekaterinburg) has posted this month: electricity, or on the 1st–3rd, before the energy company
/// posts, the housing bill.
fn posted_bill_of_this_month() -> BillDto {
    let today = support::today();
    ["560012512005", "1000125005"]
        .into_iter()
        .filter_map(|number| town::ACCOUNTS.iter().find(|a| a.number == number))
        .find_map(|account| town::posted_bill(account, Period::of(today), today))
        .expect("«Город» posts its bills on the 1st")
}

/// Picks a picture in the QR screen's file input, as a person choosing a photo would.
async fn choose_photo(b: &Browser, path: &Path) {
    let input = b.wait("#qr-photo").await;
    let path = path.canonicalize().expect("absolute path");
    input
        .send_keys(path.to_str().expect("UTF-8 path"))
        .await
        .expect("file chosen");
}

/// Opens «+» → «QR-код».
async fn open_qr_search(b: &Browser) {
    b.click("#add-service").await;
    b.click("#search-by-qr").await;
    b.wait("#qr-photo").await;
}

/// Text as the page shows it, with non-breaking spaces as plain ones.
fn plain(text: &str) -> String {
    text.replace('\u{a0}', " ")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bill_photographed_by_its_qr_code_brings_its_whole_address_into_the_combined_bill() {
    let bill = posted_bill_of_this_month();
    let dir = tempfile::tempdir().expect("tempdir");
    let photo = dir.path().join(format!("{}.png", bill.id));
    std::fs::write(&photo, bill_qr_png(&bill)).expect("png written");

    let app = App::start();
    let b = Browser::open(390, 844).await;
    b.goto(&app).await;
    sign_in(&b).await;
    open_qr_search(&b).await;
    choose_photo(&b, &photo).await;

    let understood = b.wait_text("#qr-understood", &bill.account).await;
    let understood = plain(&understood);
    for expected in [
        bill.provider_name.clone(),
        town::provider(&bill.provider_id)
            .expect("provider")
            .inn
            .to_string(),
        bill.period.label_ru(),
        plain(&bill.amount_due.display_rub()),
    ] {
        assert!(
            understood.contains(&expected),
            "{expected:?} in {understood:?}"
        );
    }
    // The whole address's bills, the paper's one marked (manual, section 2).
    let address_bills = town::posted_bills(
        bill.address_id.as_deref().expect("a bill of an address"),
        bill.period,
        support::today(),
    );
    b.wait_text("#qr-bills-title", "Счета по адресу").await;
    let found = b.wait_text(".found-bill.scanned", &bill.service_name).await;
    assert!(found.contains(&bill.account), "{found}");
    assert!(found.contains("по квитанции"), "{found}");
    let listed = b
        .client
        .find_all(Locator::Css(".found-bill"))
        .await
        .expect("found bills");
    assert_eq!(
        listed.len(),
        address_bills.len(),
        "every bill of the address"
    );
    assert!(!b.exists("#qr-error").await);
    b.screenshot("70-qr-understood").await;

    b.click("#qr-add").await;
    b.wait_text("#notice", "Добавлено счетов").await;
    b.wait_text(".line .badge.scanned", "По квитанции").await;
    let lines = b.find_listed(".line").await;
    assert_eq!(
        lines.len(),
        address_bills.len(),
        "the общий счёт of the address"
    );
    b.screenshot("71-qr-added").await;
    b.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_payee_without_an_address_adds_its_bill_alone_and_a_different_paper_sum_shows_both() {
    // A child's school-meal account: no address in Система «Город»; the paper says 100 ₽ more.
    let account = town::ACCOUNTS
        .iter()
        .find(|a| a.number == "50500123")
        .expect("meal account");
    let mut paper = town::posted_bill(account, Period::of(support::today()), support::today())
        .expect("posted this month");
    let now = paper.amount_due;
    paper.amount_due = now + ofis_domain::Money::from_whole_roubles(100);
    let dir = tempfile::tempdir().expect("tempdir");
    let photo = dir.path().join("meals.png");
    std::fs::write(&photo, bill_qr_png(&paper)).expect("png written");

    let app = App::start();
    let b = Browser::open(360, 800).await;
    b.goto(&app).await;
    sign_in(&b).await;
    open_qr_search(&b).await;
    choose_photo(&b, &photo).await;
    b.wait_text("#qr-bills-title", "добавится только этот счёт")
        .await;
    let due = b.wait_text("#qr-due-now", "₽").await;
    assert_eq!(plain(&due), plain(&now.display_rub()));
    b.wait_text("#qr-sums-differ", "текущая сумма").await;
    b.screenshot("73-qr-no-address-sums-differ").await;
    b.click("#qr-add").await;
    b.wait_text("#notice", "Добавлено счетов: 1").await;
    let amount = b.wait_text(".line .amount", "₽").await;
    assert_eq!(plain(&amount), plain(&now.display_rub()), "what is due now");
    b.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_receipt_code_and_a_picture_without_a_code_are_explained() {
    let dir = tempfile::tempdir().expect("tempdir");
    let receipt = dir.path().join("receipt.png");
    let receipt_png = gorod_sandbox::qr::qr_png(RECEIPT_QR).expect("fits a QR code");
    std::fs::write(&receipt, receipt_png).expect("png written");
    let blank = dir.path().join("blank.png");
    let mut png = Vec::new();
    image::DynamicImage::ImageLuma8(image::GrayImage::from_pixel(400, 300, image::Luma([255])))
        .write_to(&mut Cursor::new(&mut png), image::ImageFormat::Png)
        .expect("png");
    std::fs::write(&blank, png).expect("png written");

    let app = App::start();
    let b = Browser::open(390, 844).await;
    b.goto(&app).await;
    sign_in(&b).await;
    open_qr_search(&b).await;

    choose_photo(&b, &receipt).await;
    let message = b.wait_text("#qr-error", "чека").await;
    assert!(message.contains("не квитанции"), "{message}");
    assert!(!b.exists(".found-bill").await);
    b.screenshot("72-qr-receipt-code").await;

    choose_photo(&b, &blank).await;
    b.wait_text("#qr-error", "QR-код не найден").await;
    assert!(!b.exists("#qr-understood").await);
    b.close().await;
}
