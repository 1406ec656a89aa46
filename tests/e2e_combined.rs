//! End to end (headless Chromium, phone viewport): every edit of the общий счёт, the ways to find
//! a bill, and the selection coming back after a restart and in the next month.

mod support;

use support::{add_address, sign_in, App, Browser};

async fn line_count(b: &Browser) -> usize {
    b.find_listed(".line").await.len()
}

async fn total(b: &Browser) -> String {
    b.wait_text("#total", "₽").await
}

/// Waits until the total is no longer `before`, and returns it.
async fn total_changes_from(b: &Browser, before: &str) -> String {
    for _ in 0..100 {
        let now = total(b).await;
        if now != before {
            return now;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("the total stayed {before}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn line_menu_skips_removes_and_changes_amounts_and_the_total_follows() {
    let app = App::start();
    let b = Browser::open(360, 800).await;
    b.goto(&app).await;
    sign_in(&b).await;
    add_address(&b, "Советская 12 кв 17", "кв. 17").await;
    let lines = line_count(&b).await;
    let full = total(&b).await;

    // «не платить» after «подтвердить»: the line stays with 0.
    b.click(".line .star").await;
    b.screenshot("50-line-menu").await;
    b.click(".menu-skip").await;
    b.click(".confirm-yes").await;
    let skipped = total_changes_from(&b, &full).await;
    assert_eq!(line_count(&b).await, lines);
    b.wait_text(".line.zero .amount", "0,00").await;

    // «удалить» after «подтвердить»: the line goes.
    b.click(".line:not(.zero) .star").await;
    b.click(".menu-remove").await;
    b.screenshot("51-confirm-remove").await;
    b.click(".confirm-yes").await;
    total_changes_from(&b, &skipped).await;
    assert_eq!(line_count(&b).await, lines - 1);

    // Bad amounts: a message next to the field, and what was typed stays.
    b.click(".line:not(.zero) .star").await;
    let input = ".line-menu .amount-edit input";
    b.type_into(input, "-100").await;
    b.click(".menu-save").await;
    b.wait_text(".line .error", "отрицательной").await;
    assert_eq!(b.value(input).await, "-100");
    b.type_into(input, "сто рублей").await;
    b.click(".menu-save").await;
    b.wait_text(".line .error", "числом").await;
    b.screenshot("52-bad-amount").await;
    b.type_into(input, "99999").await;
    b.click(".menu-save").await;
    b.wait_text(".line .error", "не больше").await;
    let before = total(&b).await;
    b.type_into(input, "4 999,99").await;
    b.click(".menu-save").await;
    let after = total_changes_from(&b, &before).await;
    assert_ne!(after, before, "overpaying is allowed and counted");

    // A removed bill can be found again and is never there twice.
    add_address(&b, "Советская 12 кв 17", "кв. 17").await;
    b.wait_text("#notice", "Добавлено").await;
    assert_eq!(
        line_count(&b).await,
        lines,
        "the removed line is back, nothing doubled"
    );
    b.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn address_menu_excludes_or_removes_every_service_of_the_address() {
    let app = App::start();
    let b = Browser::open(390, 844).await;
    b.goto(&app).await;
    sign_in(&b).await;
    add_address(&b, "Советская 12 кв 5", "кв. 5").await;
    add_address(&b, "Победы 114", "Победы").await;
    let titles = b.find_listed(".address-title").await;
    assert_eq!(
        titles.len(),
        2,
        "several addresses at once, each with its subtotal"
    );
    let full = total(&b).await;

    b.click(".address-menu-button").await;
    b.screenshot("53-address-menu").await;
    b.click(".exclude-address").await;
    let excluded = total_changes_from(&b, &full).await;
    assert_eq!(b.find_listed(".address-title").await.len(), 2);

    b.click(".address-menu-button").await;
    b.click(".remove-address").await;
    for _ in 0..100 {
        if b.find_listed(".address-title").await.len() == 1 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(b.find_listed(".address-title").await.len(), 1);
    assert_eq!(
        total(&b).await,
        excluded,
        "the excluded address was the one removed; the other is unchanged"
    );
    b.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_selection_survives_a_restart_and_follows_into_the_next_month() {
    let dir = tempfile::tempdir().unwrap();
    let lines;
    {
        let app = App::start_in_at(dir.path().to_path_buf(), "2026-11-25");
        let b = Browser::open(390, 844).await;
        b.goto(&app).await;
        sign_in(&b).await;
        add_address(&b, "Советская 12 кв 5", "кв. 5").await;
        lines = line_count(&b).await;
        b.wait_text(".line .meta", "ноябрь 2026").await;
        b.close().await;
    }
    // The next month, on the 2nd: only the providers that post early have posted.
    let app = App::start_in_at(dir.path().to_path_buf(), "2026-12-02");
    let b = Browser::open(390, 844).await;
    b.goto(&app).await;
    sign_in(&b).await;
    b.wait_text("#notifications", "Выставлен счёт").await;
    b.wait_text(".badge.awaiting", "ещё не выставлен").await;
    let metas = b.find_listed(".line .meta").await;
    let mut december = 0;
    for m in &metas {
        if m.text().await.unwrap().contains("декабрь 2026") {
            december += 1;
        }
    }
    assert!(
        december > 0 && december < lines,
        "some bills posted by the 2nd, not all ({december} of {lines})"
    );
    assert_eq!(
        line_count(&b).await,
        lines,
        "every saved service is still there"
    );
    b.screenshot("54-next-month").await;
    b.close().await;
}
