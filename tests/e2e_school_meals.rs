//! End to end, in headless Chromium at 360×800: «Школы и Сады» → «Школьное питание». The demo
//! parent sees two children, opens Мария, changes her photo, reads last week's history and then
//! another period, tops up with the success card and with the 3-D Secure card (the receipt, then
//! «В обработке» on the card), sets a limit, orders and withdraws a meal request and gets one
//! refused as too late, and reads the menu.

mod support;

use std::path::Path;

use fantoccini::Locator;
use gorod_sandbox::test_cards;
use support::{sign_in, App, Browser};

const W: u32 = 360;
const H: u32 = 800;

/// Sets a date input as the browser's date picker would, and tells the app.
async fn set_date(b: &Browser, css: &str, value: &str) {
    let el = b.wait(css).await;
    let arg = serde_json::to_value(&el).expect("element as json");
    let script = "arguments[0].value = arguments[1];
         arguments[0].dispatchEvent(new Event('input', { bubbles: true }));";
    b.client
        .execute(script, vec![arg, value.into()])
        .await
        .expect("date set");
}

async fn card(b: &Browser, number: &str) {
    b.wait("#card-number").await;
    b.type_into("#card-number", number).await;
    b.type_into("#card-expiry", "12/30").await;
    b.type_into("#card-cvc", "123").await;
    b.click("#card-pay").await;
}

/// A small PNG picture, as a phone's file picker would hand over.
fn write_png(path: &Path) {
    let picture = image::RgbImage::from_fn(120, 160, |x, y| {
        image::Rgb([(x * 2) as u8, (y + 40) as u8, 160])
    });
    picture.save(path).expect("png written");
}

/// «Школы и Сады» → Мария's card.
async fn open_maria(b: &Browser) {
    b.click("#tab-schools").await;
    b.wait("#children").await;
    b.click("#child-ch-maria").await;
    b.wait_text("#child-card", "Соколова Мария").await;
}

async fn top_up(b: &Browser, amount: &str) {
    b.click("#open-top-up").await;
    b.wait("#top-up-hint").await;
    b.type_into("#top-up-amount", amount).await;
    b.click("#top-up-pay").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_parent_looks_after_marias_school_meals() {
    let app = App::start();
    let b = Browser::open(W, H).await;
    b.goto(&app).await;
    sign_in(&b).await;

    b.click("#tab-schools").await;
    b.wait("#children").await;
    let children = b
        .client
        .find_all(Locator::Css("#children li"))
        .await
        .unwrap();
    assert_eq!(children.len(), 2, "two children");
    b.wait_text("#children", "Соколов Артём").await;
    b.screenshot("90-schools-children").await;
    b.click("#child-ch-maria").await;
    b.wait_text("#child-card", "Соколова Мария").await;
    b.wait_text("#child-days-left", "Хватит на").await;
    b.wait("#child-photo-none").await;
    b.screenshot("91-child-card").await;

    // «Фотография»: a picture chosen from the phone, resized and stored; the card shows it.
    b.click("#open-photo").await;
    let dir = tempfile::tempdir().expect("tempdir");
    let png = dir.path().join("maria.png");
    write_png(&png);
    let input = b.wait("#child-photo-file").await;
    input
        .send_keys(png.to_str().expect("UTF-8 path"))
        .await
        .expect("file chosen");
    b.wait_text("#photo-saved", "Фотография сохранена").await;
    b.wait("img#child-photo").await;
    b.screenshot("92-child-photo").await;
    b.click(".back").await;
    b.wait("#child-card").await;
    let src = b.wait("img#child-photo").await.attr("src").await.unwrap();
    assert!(src
        .unwrap_or_default()
        .starts_with("data:image/jpeg;base64,"));

    // «История операций»: last week, then another period through the «часы» button.
    b.click("#open-meal-history").await;
    b.wait_text("#meal-history-period", "19.11.2026 — 25.11.2026")
        .await;
    b.wait(".meal-row.purchase .meal-items li").await;
    b.screenshot("93-meal-history-week").await;
    b.click("button[aria-label='Выбрать период']").await;
    set_date(&b, "#period-from", "2026-11-01").await;
    set_date(&b, "#period-to", "2026-11-07").await;
    b.click("#period-show").await;
    b.wait_text("#meal-history-period", "01.11.2026 — 07.11.2026")
        .await;
    b.wait_text(".meal-row.top-up.posted", "Зачислено").await;
    b.screenshot("94-meal-history-period").await;
    b.click(".back").await;
    b.wait_text("#meal-history-period", "19.11.2026").await;
    b.click(".back").await;
    b.wait("#child-card").await;

    // «Пополнить» with the success card, then with the 3-D Secure card.
    top_up(&b, "500").await;
    card(&b, test_cards::SUCCESS_VISA).await;
    b.wait_text("#receipt", "Оплачено").await;
    b.screenshot("95-top-up-receipt").await;
    b.click("#receipt-done").await;
    open_maria(&b).await;
    b.wait_text("#child-processing", "500").await;
    top_up(&b, "300").await;
    card(&b, test_cards::THREE_DS).await;
    b.type_into("#three-ds-code", gorod_sandbox::THREE_DS_CODE)
        .await;
    b.click("#three-ds-submit").await;
    b.wait_text("#receipt", "Оплачено").await;
    b.click("#receipt-done").await;
    open_maria(&b).await;
    let processing = b.wait_text("#child-processing", "800").await;
    assert!(processing.contains("В обработке"), "{processing}");
    b.screenshot("96-child-processing").await;

    // «Лимит питания»: changed, and the card shows it.
    b.click("#open-meal-limit").await;
    b.wait_text("#limit-now", "300").await;
    b.type_into("#limit-amount", "250").await;
    b.click("#limit-save").await;
    b.wait_text("#limit-saved", "со следующей покупки").await;
    b.wait_text("#limit-now", "250").await;
    b.screenshot("97-meal-limit").await;
    b.click(".back").await;
    b.wait_text("#child-limit", "250").await;

    // «Заявки по питанию»: Friday ordered, then withdrawn; today is past its cut-off.
    b.click("#open-meal-requests").await;
    b.wait("#new-request").await;
    set_date(&b, "#request-day", "2026-11-27").await;
    b.click("#request-order").await;
    b.wait_text("#request-done", "Заявка принята: 27.11.2026")
        .await;
    let friday = ".request-row[data-day='2026-11-27']";
    b.wait_text(friday, "Питание заказано").await;
    b.click(&format!("{friday} .withdraw")).await;
    b.wait_text(friday, "Отозвана").await;
    set_date(&b, "#request-day", "2026-11-25").await;
    b.click("#request-order").await;
    b.wait_text(
        "#request-error",
        "Заявку на 25.11.2026 нужно было подать до 10:00 24.11.2026",
    )
    .await;
    b.screenshot("98-meal-requests").await;
    b.click(".back").await;

    // «Меню»: today, then Friday, with prices, allergens and kcal.
    b.click("#open-menu").await;
    b.wait_text("#menu-title", "ср, 25.11.2026").await;
    b.click("#menu-days .day-chip:nth-child(3)").await;
    b.wait_text("#menu-title", "пт, 27.11.2026").await;
    b.wait_text(".dish .allergens", "Аллергены").await;
    b.wait_text(".dish", "ккал").await;
    b.wait_text(".dish .amount", "₽").await;
    b.screenshot("99-menu").await;
    b.close().await;
}
