//! End to end, in headless Chromium at 390×844: the act going on at the demo house shown on
//! «Мои платежи» beside the bill of its service, with «≈ N ₽ к перерасчёту» and how it was
//! counted; «Абоненту» → «Информация по дому»: the acts, the common-house meters, the
//! organisations with `tel:` links; «Жизненные ситуации» → a situation's steps, each button
//! leading to its service's screen (the booking and application screens are asserted by the
//! path they open).

mod support;

use chrono::NaiveTime;
use support::{add_address, Browser};

const W: u32 = 390;
const H: u32 = 844;

/// The path and query the browser is at.
async fn at(b: &Browser) -> String {
    let url = b.client.current_url().await.expect("URL");
    match url.query() {
        Some(q) => format!("{}?{q}", url.path()),
        None => url.path().to_string(),
    }
}

/// Waits until the browser is at `want` (navigation answers through the websocket).
async fn wait_at(b: &Browser, want: &str) {
    let deadline = std::time::Instant::now() + support::UI_TIMEOUT;
    loop {
        let now = at(b).await;
        if now == want {
            return;
        }
        assert!(std::time::Instant::now() < deadline, "at {now}, not {want}");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

/// The id of the line (`line-…`) right before an acts block (`acts-…`): the bill it sits beside.
async fn line_before(b: &Browser, acts_css: &str) -> String {
    let js = "const el = document.querySelector(arguments[0]); \
              const prev = el && el.previousElementSibling; return prev ? prev.id : '';";
    let v = b
        .client
        .execute(js, vec![serde_json::json!(acts_css)])
        .await
        .expect("script");
    v.as_str().unwrap_or_default().to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_resident_sees_the_act_beside_its_bill_reads_the_house_follows_a_situation_then_goes_offline(
) {
    let (sandbox, _app, b) = support::signed_in_on_own_sandbox(W, H).await;
    // Noon at the sandbox: the house's current act (from 09:00 of its first day) goes on.
    sandbox
        .state
        .set_time_of_day(Some(NaiveTime::from_hms_opt(12, 0, 0).unwrap()));
    add_address(&b, "Советская 12 кв 5", "Советская").await;

    // «Мои платежи»: the act beside the bill of its service, with the estimate.
    let acts = b.wait(".bill-acts").await;
    let acts_id = acts.attr("id").await.unwrap().expect("an id");
    let bill_id = acts_id.strip_prefix("acts-").expect("acts-…").to_string();
    assert_eq!(
        line_before(&b, &format!("#{acts_id}")).await,
        format!("line-{bill_id}")
    );
    let text = acts.text().await.unwrap();
    assert!(text.contains("Акт о недопоставке: "), "{text}");
    assert!(
        text.contains("≈ ") && text.contains(" ₽ к перерасчёту"),
        "{text}"
    );
    let service = text
        .trim_start_matches("Акт о недопоставке: ")
        .split(" с ")
        .next()
        .unwrap()
        .to_string();
    let line = b
        .wait(&format!("#line-{bill_id}"))
        .await
        .text()
        .await
        .unwrap();
    // «Электроснабжение» is billed as «Электроэнергия»: the stem names both.
    let stem: String = service.chars().take(5).collect();
    assert!(
        line.contains(&stem),
        "the act «{service}» sits beside its own bill: {line}"
    );
    assert_eq!(b.find_listed(".bill-acts").await.len(), 1);
    b.click(&format!("#{acts_id} .bill-act-basis-toggle")).await;
    b.wait_text(&format!("#{acts_id} .bill-act-basis"), "Правила № 354")
        .await;
    b.screenshot("house-0-payments-act").await;

    // «Абоненту» → «Информация по дому» of the only address.
    b.click("#tab-subscriber").await;
    b.click("#open-house").await;
    b.wait_text("#house-title", "ул. Советская, д. 12").await;
    b.wait_text("#house-acts", "действует").await;
    b.wait_text("#house-acts", &service).await;
    b.wait("#house-organisations a[href='tel:112']").await;
    b.wait_text("#house-organisations", "Управляющая компания")
        .await;
    b.wait_text("#house", "Общедомовые счётчики").await;
    b.wait_text("#house", "октябрь 2026").await;
    b.screenshot("house-1-info").await;
    b.click(".house-more").await;
    b.wait_text("#house", "ноябрь 2025").await;

    // «Жизненные ситуации»: «Долгое отсутствие» leads to «Информация по дому» …
    b.click(".back").await;
    b.click("#open-situations").await;
    b.wait_text("#situations", "Переезд").await;
    b.screenshot("house-2-situations").await;
    b.click("#situation-long-absence").await;
    b.wait_text("#situation-steps", "Подайте заявление на перерасчёт")
        .await;
    b.screenshot("house-3-situation").await;
    b.click("#step-1-go").await;
    wait_at(&b, "/subscriber/house").await;
    b.wait_text("#house-title", "ул. Советская, д. 12").await;
    // … its application and its booking to their forms: the form of that kind, the booking
    // with that topic chosen.
    b.click(".back").await;
    b.click("#step-2-go").await;
    wait_at(&b, "/subscriber/applications/new?kind=recalculation").await;
    b.wait("#application-form").await;
    b.wait_text("#application-title", "ерерасч").await;
    b.client.back().await.unwrap();
    b.click("#step-3-go").await;
    wait_at(&b, "/subscriber/booking?topic=recalculation").await;
    b.wait("#topic-recalculation[aria-checked='true']").await;
    b.client.back().await.unwrap();
    b.click(".back").await;
    b.click("#situation-moving-out").await;
    b.click("#step-2-go").await;
    wait_at(&b, "/").await;

    // The server away: the screens say so in Russian.
    sandbox.shutdown().await;
    b.click("#tab-subscriber").await;
    b.click("#open-situations").await;
    b.wait_text("#situations-error", "Нет связи с сервером")
        .await;
    b.screenshot("house-4-situations-offline").await;
    b.click(".back").await;
    b.click("#open-house").await;
    b.wait_text("#house-error", "Нет связи с сервером").await;
    b.wait("#house-retry").await;
    b.close().await;
}
