//! The audit itself (tests/support/audit.rs), in headless Chromium: on a page made to break each
//! of its rules it finds every break, and on a page that keeps them it finds nothing — so a
//! screen that passes it passes because it is right, not because the audit cannot fail.

mod support;

use base64::Engine;
use support::Browser;

/// A page with one break of each rule the audit checks.
const BROKEN: &str = r#"<!DOCTYPE html><html lang="ru"><head><meta charset="utf-8">
<title>Проверка</title><meta name="viewport" content="width=device-width, initial-scale=1">
<style>
  body { margin: 0; padding: 16px; font-size: 16px; font-family: sans-serif; }
  .tiny { width: 30px; height: 30px; }
  .cut { width: 6rem; overflow: hidden; white-space: nowrap; font-size: 1rem; }
  .pale { color: #bbbbbb; background: #ffffff; font-size: 1rem; }
  .amount { font-size: 1rem; width: 3rem; overflow-wrap: anywhere; }
  .bar { position: fixed; bottom: 0; left: 0; right: 0; height: 300px; background: #eee; }
  input { font-size: 1rem; min-height: 48px; }
  .night { color: #000000; background: #ffffff; font-size: 1rem; }
  @media (prefers-color-scheme: dark) { .night { color: #333333; background: #222222; } }
</style></head><body><main>
<h1 style="font-size: 1.5rem">Проверка</h1>
<button class="tiny">+</button><button class="tiny" aria-label="Второй">2</button>
<div class="cut">Очень длинный текст, который не помещается</div>
<p class="pale">Бледный текст</p>
<p class="night">Текст, бледный только в тёмной теме</p>
<p class="amount">1&nbsp;234,56</p>
<input id="no-label">
<label for="cc">Номер карты</label> <input id="cc" autocomplete="cc-number">
<p class="error">Ошибка без объявления</p>
<label for="last">Последнее поле</label> <input id="last" inputmode="text">
</main><div class="bar">Панель</div></body></html>"#;

/// The same kind of page, keeping every rule.
const SOUND: &str = r#"<!DOCTYPE html><html lang="ru"><head><meta charset="utf-8">
<title>Проверка</title><meta name="viewport" content="width=device-width, initial-scale=1">
<style>
  body { margin: 0; padding: 16px; font-size: 1rem; font-family: sans-serif; }
  button, input { font-size: 1rem; min-width: 48px; min-height: 48px; margin: 8px 0; }
  input { display: block; width: 100%; box-sizing: border-box; }
  .amount { white-space: nowrap; }
</style></head><body><main>
<h1 style="font-size: 1.5rem">Проверка</h1>
<button aria-label="Добавить услугу">+</button>
<p>Итого: <span class="amount">1&nbsp;234,56 ₽</span></p>
<label for="cc">Номер карты</label> <input id="cc" autocomplete="cc-number" inputmode="numeric">
<p class="error" role="alert">Ошибка, объявленная сразу</p>
</main></body></html>"#;

async fn open_page(b: &Browser, html: &str) {
    let encoded = base64::engine::general_purpose::STANDARD.encode(html);
    b.client
        .goto(&format!("data:text/html;charset=utf-8;base64,{encoded}"))
        .await
        .expect("the test page opens");
    b.wait("h1").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_audit_finds_each_break_and_nothing_on_a_sound_page() {
    let b = Browser::open(360, 800).await;
    open_page(&b, BROKEN).await;
    let found = b.findings("broken").await;
    let all = found.join("\n");
    for expected in [
        "color-contrast (serious)",
        "label (critical)",
        "too small: button.tiny «+»",
        "too close (0.0 px): button.tiny «+»",
        "no Russian name: button.tiny «+» is called «+»",
        "text does not grow: label «Номер карты» 16 px → 16 px",
        "cut off: div.cut",
        "amount on",
        "card field without the digit keypad: input#cc",
        "error not announced (no live region): p.error",
        "focused field under div.bar",
    ] {
        assert!(
            all.contains(expected),
            "the audit missed «{expected}»:\n{all}"
        );
    }
    let night: Vec<&String> = found.iter().filter(|f| f.contains(".night")).collect();
    assert!(
        !night.is_empty()
            && night
                .iter()
                .all(|f| f.starts_with("[broken 360x800 dark] color-contrast")),
        "the dark theme's contrast is checked, and only there: {night:?}"
    );

    open_page(&b, SOUND).await;
    let found = b.findings("sound").await;
    assert!(
        found.is_empty(),
        "the audit finds faults on a sound page:\n{}",
        found.join("\n")
    );
    b.close().await;
}
