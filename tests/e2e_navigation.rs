//! End to end, in headless Chromium at 360×800: screens are reached by their address, so the
//! browser's back and forward, «‹», a reload and a link open the screen they name — never a
//! blank page, never out of the app.

mod support;

use support::{sign_in, App, Browser};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn back_forward_reload_and_links_open_the_screens_they_name() {
    let app = App::start();
    let b = Browser::open(360, 800).await;
    b.goto(&app).await;
    sign_in(&b).await;
    b.wait("#add-service").await;
    let home = b.client.current_url().await.expect("URL");

    // «+» → «Поиск по адресу», then the browser's back twice and forward once.
    b.click("#add-service").await;
    b.click("#search-by-address").await;
    b.wait("#address-query").await;
    b.type_into("#address-query", "Сов").await;
    b.client.back().await.expect("back");
    b.wait("#search-by-address").await;
    b.client.back().await.expect("back");
    b.wait("#add-service").await;
    b.client.forward().await.expect("forward");
    b.wait("#search-by-address").await;
    assert!(b
        .client
        .current_url()
        .await
        .unwrap()
        .path()
        .ends_with("/add"));

    // «‹» goes back a screen, as the browser's back does.
    b.click(".back").await;
    b.wait("#add-service").await;
    assert_eq!(b.client.current_url().await.unwrap().path(), "/");

    // A link opens its screen behind the sign-in kept; a reload keeps the screen.
    let history = home.join("/history").expect("URL");
    b.client.goto(history.as_str()).await.expect("link");
    b.wait_text("#history-empty", "Платежей пока нет").await;
    b.client.refresh().await.expect("reload");
    b.wait_text("#history-empty", "Платежей пока нет").await;
    assert!(b.exists(".tabbar").await, "signed in: the tab bar is there");
    b.click(".back").await;
    b.wait("#add-service").await;

    // The tabs are addresses too: back from «Абоненту» is «Мои платежи».
    b.click("#tab-subscriber").await;
    b.wait_text(".topbar h1", "Абоненту").await;
    b.client.back().await.expect("back");
    b.wait("#add-service").await;

    // The other sections are audited like the rest, whatever they show yet.
    b.click("#tab-schools").await;
    b.wait("#tab-schools[aria-current=page]").await;
    b.wait("main.screen h1").await;
    b.screenshot("07-schools").await;
    b.click("#tab-transport").await;
    b.wait("#tab-transport[aria-current=page]").await;
    b.wait("main.screen h1").await;
    b.screenshot("08-transport").await;
    b.click("#tab-payments").await;
    b.wait("#add-service").await;

    // An address the app does not know says so and leads home.
    let nowhere = home.join("/nowhere/at/all").expect("URL");
    b.client.goto(nowhere.as_str()).await.expect("link");
    b.wait_text("#not-found", "Ссылка устарела").await;
    b.screenshot("06-not-found").await;
    b.click("#not-found + button").await;
    b.wait("#add-service").await;
    b.close().await;
}

/// The mobile build's history (the router mirrored in the web view's session history, see
/// `src/webview_history.rs`), run in Chromium: the browser's back is what Android's back button
/// does in the app's web view (`WebView.goBack()` while `canGoBack()`).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_mobile_history_goes_back_a_screen_never_out_of_the_app() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let launch = support::Launch {
        env: vec![("OFIS_WEBVIEW_HISTORY", "1")],
        ..support::Launch::default()
    };
    let app = App::launch(tmp.path().to_path_buf(), launch);
    let b = Browser::open(360, 800).await;
    b.goto(&app).await;
    sign_in(&b).await;
    b.wait("#add-service").await;

    // «+» → «Поиск по адресу», then back twice and forward once.
    b.click("#add-service").await;
    b.click("#search-by-address").await;
    b.wait("#address-query").await;
    b.client.back().await.expect("back");
    b.wait("#search-by-address").await;
    b.client.back().await.expect("back");
    b.wait("#add-service").await;
    b.client.forward().await.expect("forward");
    b.wait("#search-by-address").await;

    // «‹» goes back through the web view's history too; a tab, then back, is «Мои платежи».
    b.click(".back").await;
    b.wait("#add-service").await;
    b.click("#tab-transport").await;
    b.wait("#tab-transport[aria-current=page]").await;
    b.client.back().await.expect("back");
    b.wait("#add-service").await;
    b.click("#add-service").await;
    b.wait("#search-by-address").await;
    b.client.back().await.expect("back");
    b.wait("#add-service").await;
    b.close().await;
}
