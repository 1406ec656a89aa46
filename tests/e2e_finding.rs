//! End to end (headless Chromium, phone viewport): «Поиск по лицевому счёту» and «Поиск по
//! названию услуги», a single bill paid on its own, and bad input next to the field.

mod support;

use fantoccini::Locator;
use support::{sign_in, App, Browser};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bill_found_by_account_is_a_single_bill_paid_on_its_own() {
    let app = App::start();
    let b = Browser::open(390, 844).await;
    b.goto(&app).await;
    sign_in(&b).await;
    b.click("#add-service").await;
    b.click("#search-by-account").await;

    b.type_into("#account-query", "0000000000").await;
    b.click("#account-find").await;
    b.wait_text("#account-query-error", "не найдено").await;
    assert_eq!(
        b.value("#account-query").await,
        "0000000000",
        "nothing typed is lost"
    );

    b.type_into("#account-query", "560012512005").await;
    b.click("#account-find").await;
    b.wait_text(".found-bill", "Электроэнергия").await;
    b.screenshot("60-found-by-account").await;
    b.click(".found-bill").await;
    b.wait_text("#notice", "добавлен").await;
    assert_eq!(b.find_listed(".line").await.len(), 1);

    // Its own «оплатить» pays this line alone; a metered line shows its meters first.
    b.click(".line .star").await;
    b.click(".menu-pay").await;
    b.click("#readings-pay").await;
    b.wait("#card-number").await;
    assert_eq!(
        b.client
            .find_all(Locator::Css(".frozen-line"))
            .await
            .unwrap()
            .len(),
        1
    );
    b.type_into("#card-number", gorod_sandbox::test_cards::SUCCESS_VISA)
        .await;
    b.type_into("#card-expiry", "12/30").await;
    b.type_into("#card-cvc", "123").await;
    b.click("#card-pay").await;
    b.wait_text("#receipt", "Электроэнергия").await;
    b.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_provider_found_by_name_asks_for_its_own_account_field() {
    let app = App::start();
    let b = Browser::open(360, 800).await;
    b.goto(&app).await;
    sign_in(&b).await;
    b.click("#add-service").await;
    b.click("#search-by-provider").await;
    b.type_into("#provider-query", "МегаФон").await;
    b.wait_text(".provider", "МегаФон").await;
    b.screenshot("60-provider-found").await;
    b.click(".provider").await;
    let label = b.wait_text("label[for=provider-account]", "телефон").await;
    assert!(label.contains("Номер телефона"), "{label}");
    b.screenshot("61-provider-account-field").await;

    b.type_into("#provider-account", "12345").await;
    b.click("#provider-save").await;
    b.wait_text("#provider-account-error", "10 цифр").await;
    assert_eq!(b.value("#provider-account").await, "12345");

    b.type_into("#provider-account", "+7 912 345-67-89").await;
    b.click("#provider-save").await;
    b.wait_text("#notice", "добавлен").await;
    b.wait_text(".address-title", "Отдельные счета").await;
    b.wait_text(".line .service", "Мобильная связь").await;
    b.screenshot("62-single-bill").await;

    // Search by INN finds the same provider; adding it again does not double it.
    b.click("#add-service").await;
    b.click("#search-by-provider").await;
    b.type_into("#provider-query", "7812014560").await;
    b.wait_text(".provider", "МегаФон").await;
    b.click(".provider").await;
    b.type_into("#provider-account", "9123456789").await;
    b.click("#provider-save").await;
    b.wait_text("#notice", "уже есть").await;
    assert_eq!(b.find_listed(".line").await.len(), 1);
    b.close().await;
}
