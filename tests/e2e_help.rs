//! End to end, in headless Chromium at 360×800: «Вопрос-ответ» finds an answer by another form
//! of a word, and each tab's «?» opens its section's help, whose links open the questions.

mod support;

use fantoccini::Locator;
use support::{sign_in, App, Browser};

/// The «?» of the tab on screen: labelled for screen readers, opening the section's help.
async fn open_section_help(b: &Browser, title: &str) {
    let button = b.wait("#section-help").await;
    let label = button.attr("aria-label").await.expect("aria-label");
    assert_eq!(label.as_deref(), Some("Помощь по разделу"));
    b.click("#section-help").await;
    b.wait_text(".topbar h1", &format!("Помощь: {title}")).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn faq_finds_answers_by_word_form_and_section_help_links_to_questions() {
    let app = App::start();
    let b = Browser::open(360, 800).await;
    b.goto(&app).await;
    sign_in(&b).await;
    b.wait("#add-service").await;
    b.screenshot("120-payments-help-button").await;

    // «Мои платежи» → «?»: the steps, then a linked question opens with its answer.
    open_section_help(&b, "Мои платежи").await;
    b.wait_text(".help-steps", "Поиск по адресу").await;
    b.screenshot("121-help-payments").await;
    b.click("#help-q-zero-reading").await;
    b.wait_text("#faq-answer-zero-reading", "0,1").await;
    b.screenshot("122-help-question").await;

    // «Все вопросы»: the categories; typing another form of a word finds the answer.
    b.click("#all-questions").await;
    b.wait_text(".faq-category", "Вход и профиль").await;
    b.screenshot("123-faq").await;
    b.type_into("#faq-query", "оплатил").await;
    // The form typed comes first (waited for: answers to shorter prefixes may show before).
    b.wait("#faq-results .faq-list > li:first-child > #faq-paid-not-shown")
        .await;
    assert!(
        b.exists("#faq-results #faq-how-to-pay").await,
        "«оплатил» finds «оплатить»"
    );
    assert!(
        !b.exists("#faq-answer-paid-not-shown").await,
        "answers start closed"
    );
    b.click("#faq-paid-not-shown .faq-question").await;
    b.wait_text("#faq-answer-paid-not-shown", "10 числа").await;
    b.screenshot("124-faq-search").await;
    b.type_into("#faq-query", "трамвайчик").await;
    b.wait_text("#faq-not-found", "Ничего не нашлось").await;

    // «Абоненту», «Школы и Сады», «Транспорт»: each «?» opens its own section's help.
    b.click("#tab-subscriber").await;
    open_section_help(&b, "Абоненту").await;
    b.wait("#help-q-readings-without-payment").await;
    b.screenshot("125-help-subscriber").await;
    b.click("#tab-schools").await;
    open_section_help(&b, "Школы и Сады").await;
    b.wait("#help-q-schools-top-up").await;
    b.click("#tab-transport").await;
    open_section_help(&b, "Транспорт").await;
    b.wait("#help-q-transport-cards").await;
    b.screenshot("126-help-transport").await;

    // «Профиль» leads to «Вопрос-ответ» too.
    b.click("#tab-payments").await;
    b.click("#open-profile").await;
    b.click("#open-faq").await;
    b.wait("#faq-query").await;
    let title = b.client.find(Locator::Css(".topbar h1")).await.unwrap();
    assert_eq!(title.text().await.unwrap(), "Вопрос-ответ");
    b.close().await;
}
