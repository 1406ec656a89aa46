//! End to end, in headless Chromium at 390×844: «Абоненту» → «Электронное заявление» → «Поверка
//! или замена счётчика»: a form sent empty and with mistakes shows each under its field and
//! keeps what was typed; filled in with a photo it reaches the office once; «Мои заявления»
//! shows it принято, then в работе and выполнено with the office's answer as the sandbox clock
//! moves, and each change is a notification.

mod support;

use std::path::Path;

use chrono::Days;
use support::{signed_in_on_own_sandbox, today, Browser};

const W: u32 = 390;
const H: u32 = 844;

/// A small PNG picture, as a phone's file picker would hand over.
fn write_png(path: &Path) {
    let picture = image::RgbImage::from_fn(90, 120, |x, y| {
        image::Rgb([(x * 2) as u8, (y + 40) as u8, 90])
    });
    picture.save(path).expect("png written");
}

/// Sets a date input as a person picking a date would (its input event fires).
async fn set_date(b: &Browser, css: &str, value: &str) {
    let el = b.wait(css).await;
    let arg = serde_json::to_value(&el).expect("element as json");
    b.client
        .execute(
            "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input', {bubbles: true}));",
            vec![arg, serde_json::Value::String(value.into())],
        )
        .await
        .expect("set the date");
}

/// Presses «Обновить» until the first application's badge says `status`.
async fn refresh_until(b: &Browser, status: &str) {
    for _ in 0..50 {
        b.click("#applications-refresh").await;
        b.wait("#applications .application").await;
        let shown = b
            .wait("#applications .application .badge")
            .await
            .text()
            .await
            .unwrap_or_default();
        if shown == status {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    panic!("the application never became «{status}»");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_application_with_a_photo_is_sent_and_its_status_follows_the_office() {
    let (sandbox, _app, b) = signed_in_on_own_sandbox(W, H).await;
    b.click("#tab-subscriber").await;
    b.click("#open-applications").await;
    b.wait("#application-kinds #kind-meter").await;
    b.screenshot("150-application-kinds").await;
    b.click("#kind-meter").await;
    b.wait_text("#application-title", "Поверка или замена счётчика")
        .await;

    // Sent empty: each required field says so; a mistake is named under its field.
    b.click("#application-send").await;
    b.wait_text("#field-account-error", "Заполните поле").await;
    b.wait_text("#application-files-error", "Приложите").await;
    b.type_into("#field-account", "7012505002").await;
    b.type_into("#field-serial", "22-098765").await;
    b.type_into("#field-reading", "215,5").await;
    b.click("#application-send").await;
    b.wait_text("#field-serial-error", "только цифры").await;
    assert_eq!(b.value("#field-account").await, "7012505002", "kept");
    b.screenshot("151-application-form-errors").await;

    // Corrected, with a photo of the certificate.
    b.wait("#field-work")
        .await
        .select_by_value("Поверка")
        .await
        .expect("work chosen");
    b.type_into("#field-serial", "22098765").await;
    assert!(
        !b.exists("#field-serial-error").await,
        "a corrected field's error goes"
    );
    set_date(&b, "#field-done_on", "2026-11-20").await;
    let dir = tempfile::tempdir().expect("tempdir");
    let png = dir.path().join("svidetelstvo.png");
    write_png(&png);
    b.wait("#application-file")
        .await
        .send_keys(png.to_str().expect("UTF-8 path"))
        .await
        .expect("file chosen");
    b.wait_text("#application-file-list li", "Файл 1 (PNG)")
        .await;
    assert_eq!(b.value("#field-reading").await, "215,5", "kept");
    b.screenshot("152-application-form").await;
    b.click("#application-send").await;

    // «Мои заявления»: принято, with its number.
    b.wait_text("#applications .application .badge", "Принято")
        .await;
    let number = b.wait_text("#applications .application-number", "З-").await;
    assert!(!b.exists("#application-form").await);
    b.screenshot("153-my-applications").await;

    // The office takes it up the next day, and decides three days after sending.
    sandbox.state.set_today(today() + Days::new(1));
    refresh_until(&b, "В работе").await;
    sandbox.state.set_today(today() + Days::new(3));
    refresh_until(&b, "Выполнено").await;
    b.wait_text("#applications .application-answer", "22098765")
        .await;
    b.wait_text("#applications .application-history", "В работе")
        .await;
    b.screenshot("154-my-applications-done").await;

    // Each change was a notification.
    b.click("#tab-payments").await;
    let said = b.wait_text("#notifications", "выполнено").await;
    assert!(said.contains("в работе"), "{said}");
    assert!(said.contains(number.trim()), "{said} names {number}");
    b.close().await;
}
