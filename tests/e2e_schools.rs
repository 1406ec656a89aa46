//! End to end, in headless Chromium at 360×800: «Школы и Сады» — the children of the demo phone,
//! «Платные образовательные услуги» paid once through the card form (then «в обработке»), a
//! request to enrol, «Посещаемость» for last week and another period; and a phone without
//! children sees why, and is led to «Мои платежи» → «+».

mod support;

use gorod_sandbox::school::NO_CHILDREN_PHONE;
use gorod_sandbox::test_cards;
use support::{App, Browser};

const W: u32 = 360;
const H: u32 = 800;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_parent_pays_a_paid_service_enrols_and_reads_attendance() {
    let today = support::today();
    let (sandbox, _app, b) = support::signed_in_on_own_sandbox(W, H).await;

    b.click("#tab-schools").await;
    b.wait_text("#children", "Соколова Мария").await;
    b.wait_text("#children", "Соколов Артём").await;
    b.screenshot("110-schools-children").await;
    b.click("#child-ch-maria").await;
    b.wait_text("#child-card", "Соколова Мария").await;
    b.wait_text("#child-balance", "₽").await;
    b.screenshot("111-schools-child").await;

    // «Платные образовательные услуги»: last month's Робототехника is owed.
    b.click("#open-services").await;
    b.wait_text("#service-robotics", "Робототехника").await;
    b.wait_text("#services-pay", "Оплатить").await;
    b.screenshot("112-schools-services").await;
    b.click("#services-pay").await;
    b.wait_text("#checkout-total", "₽").await;
    support::pay_with_card(&b, test_cards::SUCCESS_VISA).await;
    b.wait_text("#receipt", "Оплачено").await;
    let charged = sandbox.state.charges_per_bill();
    assert!(charged.values().all(|n| *n == 1), "{charged:?}");
    assert_eq!(sandbox.state.charges().len(), 1);

    // Back (the receipt replaced the card form): the services say «в обработке», nothing owed.
    b.client.back().await.expect("back");
    b.wait_text("#service-robotics", "в обработке").await;
    b.wait_text("#services-nothing-owed", "Задолженности нет")
        .await;

    // «Записаться» on a service the child does not attend: a request the school decides on.
    b.click("#service-english-club button").await;
    b.wait_text("#service-requests", "Английский клуб").await;
    b.wait_text("#service-requests", "На рассмотрении").await;
    b.screenshot("113-schools-service-request").await;

    // «Посещаемость»: last week, then another period through «часы».
    b.click(".back").await;
    b.click("#open-attendance").await;
    b.wait("#attendance li").await;
    let week = b
        .client
        .find_all(fantoccini::Locator::Css("#attendance li"))
        .await
        .unwrap()
        .len();
    b.screenshot("114-schools-attendance").await;
    b.click("#pick-period").await;
    let month_from = today - chrono::Days::new(30);
    set_date(
        &b,
        "#period-from",
        &month_from.format("%Y-%m-%d").to_string(),
    )
    .await;
    b.click("#period-show").await;
    b.wait_text(
        "#attendance-period",
        &month_from.format("%d.%m.%Y").to_string(),
    )
    .await;
    let month = b
        .client
        .find_all(fantoccini::Locator::Css("#attendance li"))
        .await
        .unwrap()
        .len();
    assert!(
        month > week,
        "a month shows more lessons than a week: {month} / {week}"
    );
    // The period is in the address: back is last week again.
    b.client.back().await.expect("back");
    b.wait_text("#attendance-period", &today.format("%d.%m.%Y").to_string())
        .await;
    b.close().await;
    sandbox.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_phone_without_children_is_told_why_and_led_to_pay_by_account() {
    let app = App::start();
    let b = Browser::open(W, H).await;
    b.goto(&app).await;
    support::sign_in_as(&b, NO_CHILDREN_PHONE).await;
    b.click("#tab-schools").await;
    b.wait_text("#no-children", "недоступен").await;
    b.screenshot("115-schools-no-children").await;
    b.click("#schools-pay-by-account").await;
    b.wait("#search-by-account").await;
    b.close().await;
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
