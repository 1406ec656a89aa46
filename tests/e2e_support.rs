//! End to end, in headless Chromium at 360×800: «Вопрос-ответ» → «Написать»: a message with a
//! photo goes to support, the matching questions are offered while typing, support's scripted
//! answer arrives with the unread badge; and a declined card's error leads to the chat with the
//! context prefilled (and no card number in it).

mod support;

use std::path::Path;

use gorod_sandbox::test_cards;
use support::{add_address, pay_with_card, signed_in_on_own_sandbox, Browser, PHONE};

fn write_png(path: &Path) {
    let picture = image::RgbImage::from_fn(80, 120, |x, y| {
        image::Rgb([(x * 3) as u8, (y + 20) as u8, 140])
    });
    picture.save(path).expect("png written");
}

/// Waits until a field's value contains `needle`; returns the value.
async fn wait_value(b: &Browser, css: &str, needle: &str) -> String {
    for _ in 0..100 {
        let value = b.value(css).await;
        if value.contains(needle) {
            return value;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("{css} never held {needle:?}: {:?}", b.value(css).await);
}

/// Waits until the field at `css` no longer holds `needle` (a click's re-render comes a round
/// trip later in the liveview front).
async fn wait_value_without(b: &Browser, css: &str, needle: &str) {
    for _ in 0..100 {
        if !b.value(css).await.contains(needle) {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("{css} still holds {needle:?}: {:?}", b.value(css).await);
}

async fn open_chat_from_profile(b: &Browser) {
    b.click("#tab-payments").await;
    b.click("#open-profile").await;
    b.click("#open-faq").await;
    // The questions first: «Написать» is at the bottom of their list.
    b.wait(".faq-category").await;
    b.click("#open-chat").await;
    b.wait("#chat-text").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_message_with_a_photo_gets_the_scripted_answer_and_the_badge() {
    let (sandbox, _app, b) = signed_in_on_own_sandbox(360, 800).await;
    open_chat_from_profile(&b).await;
    b.wait("#chat-empty").await;

    // While typing, the matching questions come first.
    b.type_into("#chat-text", "Не могу оплатить картой").await;
    b.wait("#chat-suggestions[aria-busy='false'] .faq-item")
        .await;
    let dir = tempfile::tempdir().expect("tempdir");
    let png = dir.path().join("screen.png");
    write_png(&png);
    let input = b.wait("#chat-photo-file").await;
    input
        .send_keys(png.to_str().expect("UTF-8 path"))
        .await
        .expect("file chosen");
    b.wait_text("#chat-photo-chosen", "Фото приложено").await;
    b.screenshot("127-support-write").await;
    b.click("#chat-send").await;
    b.wait_text("#chat-messages .bubble.mine", "Не могу оплатить картой")
        .await;
    b.wait("#chat-messages .bubble.mine img.chat-photo").await;
    let arrived = sandbox.state.support_messages(PHONE);
    assert_eq!(arrived.len(), 1, "{arrived:?}");
    assert!(arrived[0].attachment.is_some(), "the photo went too");

    // Support answers (hurried: no test waits out a timer); the open chat shows it.
    sandbox.state.support_answer_now();
    b.wait_text("#chat-messages .bubble.theirs", "Здравствуйте")
        .await;
    b.wait_text("#chat-messages .bubble.mine .mark", "Прочитано")
        .await;
    b.screenshot("128-support-answer").await;

    // The badge: on «Профиль» and «Вопрос-ответ», said in the buttons' names.
    b.click(".back").await;
    b.click("#tab-payments").await;
    b.wait("#open-profile .unread-badge").await;
    let label = b
        .wait("#open-profile")
        .await
        .attr("aria-label")
        .await
        .unwrap();
    assert_eq!(
        label.as_deref(),
        Some("Профиль, новых ответов поддержки: 1")
    );
    b.click("#open-profile").await;
    b.wait_text("#open-faq .unread-badge", "1").await;
    b.screenshot("129-support-badge").await;
    b.click("#open-faq").await;
    b.wait(".faq-category").await;
    b.click("#open-chat").await;
    b.wait_text("#chat-messages .bubble.theirs", "Здравствуйте")
        .await;
    b.click(".back").await;
    b.click("#tab-payments").await;
    b.wait("#open-profile").await;
    for _ in 0..50 {
        if !b.exists("#open-profile .unread-badge").await {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(
        !b.exists("#open-profile .unread-badge").await,
        "read once opened"
    );
    b.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_declined_card_leads_to_support_with_the_context_prefilled() {
    let (sandbox, _app, b) = signed_in_on_own_sandbox(360, 800).await;
    add_address(&b, "Победы 114", "Победы").await;
    b.click("#pay").await;
    pay_with_card(&b, test_cards::DECLINE).await;
    b.wait_text("#pay-error", "отклонил").await;
    b.click("#pay-error-support").await;
    let text = wait_value(&b, "#chat-text", "Код ошибки: payment_declined").await;
    for needed in [
        "Версия приложения",
        "Платформа",
        "Экран: Оплата картой",
        "Заказ: ord-",
    ] {
        assert!(text.contains(needed), "{needed} missing in {text}");
    }
    assert!(
        !text.contains(test_cards::DECLINE),
        "no card number: {text}"
    );
    b.screenshot("116-support-from-error").await;

    // The person may remove it, write their own words, and send.
    b.click("#chat-remove-context").await;
    wait_value_without(&b, "#chat-text", "Код ошибки").await;
    assert!(
        !b.exists("#chat-remove-context").await,
        "nothing left to remove"
    );
    b.type_into("#chat-text", "Банк отклонил карту").await;
    // The matching questions come above the field as it is typed: once they are there, the
    // button stays where the thumb goes (on a busy machine they came mid-click and took it).
    b.wait_text("#chat-suggestions[aria-busy='false']", "картой")
        .await;
    b.click("#chat-send").await;
    b.wait_text("#chat-messages .bubble.mine", "Банк отклонил карту")
        .await;
    let arrived = sandbox.state.support_messages(PHONE);
    assert_eq!(arrived.len(), 1);
    assert!(
        !arrived[0].text.contains("Код ошибки"),
        "{}",
        arrived[0].text
    );
    b.close().await;
}
