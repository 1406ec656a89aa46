//! End to end, in headless Chromium at 390×844: «Абоненту» → «Квитанция» (the document of a
//! Город account laid out as text, a wrong e-mail refused with what was typed kept, then the
//! duplicate in the sandbox's outbox with the document attached), «Копия чека об оплате» (a
//! cash-desk payment found, its receipt copy in the outbox, the e-mail prefilled with the one
//! typed last) and «Электронная квитанция» (on and back to paper; the screen says from which
//! month: after the 20th, the next month's bill).

mod support;

use support::{add_address, signed_in_on_own_sandbox, Browser};

const W: u32 = 390;
const H: u32 = 844;
/// «Содержание жилья» of «Советская 12 кв 5», billed by Система «Город».
const ACCOUNT: &str = "1000125005";
const EMAIL: &str = "ivan@mail.ru";

/// Opens a service of «Абоненту» and chooses the account.
async fn open_service(b: &Browser, entry: &str) {
    b.click("#tab-subscriber").await;
    b.click(entry).await;
    b.click(&format!("#office-account option[value='{ACCOUNT}']"))
        .await;
}

async fn top(b: &Browser) {
    let _ = b.client.execute("window.scrollTo(0, 0);", vec![]).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bill_its_duplicate_a_receipt_copy_and_the_e_mail_bill() {
    let (sandbox, _app, b) = signed_in_on_own_sandbox(W, H).await;
    add_address(&b, "Советская 12 кв 5", "Советская").await;

    // «Квитанция» for November (the current month of the test's date, issued).
    open_service(&b, "#open-bill").await;
    b.click("#bill-period option[value='2026-11']").await;
    b.click("#bill-show").await;
    b.wait_text("#bill-title", "Единый платёжный документ за ноябрь 2026")
        .await;
    let doc = b.wait_text("#bill-document", "Итого к оплате").await;
    assert!(doc.contains("Содержание жилья"), "{doc}");
    b.wait_text("#bill-pay-by", "Оплатить до 10.12.2026").await;
    top(&b).await;
    b.screenshot("f0-office-bill").await;

    // A wrong address: a clear message, what was typed stays, nothing sent.
    b.type_into("#bill-email", "ivan@mail").await;
    b.click("#bill-send-email").await;
    b.wait_text("#bill-email-error", "Проверьте адрес электронной почты")
        .await;
    assert_eq!(b.value("#bill-email").await, "ivan@mail");
    assert!(sandbox.state.sent_mail().is_empty());
    b.type_into("#bill-email", EMAIL).await;
    b.click("#bill-send-email").await;
    b.wait_text("#bill-email-sent", EMAIL).await;
    let mail = sandbox.state.sent_mail();
    assert_eq!(mail.len(), 1);
    assert_eq!(mail[0].to, EMAIL);
    let file = &mail[0].attachments[0];
    assert_eq!(file.filename, format!("kvitanciya-{ACCOUNT}-2026-11.html"));
    assert!(file.content.contains("Оплатить до 10.12.2026"));
    b.screenshot("f1-office-bill-duplicate").await;

    // «Копия чека об оплате» of a payment at a cash desk.
    open_service(&b, "#open-receipt-copy").await;
    b.click("#payments-find").await;
    b.wait("#payments li").await;
    let desk = b
        .client
        .execute(
            "const li = [...document.querySelectorAll('#payments li')].find(l => l.textContent.includes('Касса ·')); return li ? li.id.slice('payment-'.length) : null;",
            vec![],
        )
        .await
        .expect("script runs");
    let desk = desk.as_str().expect("a cash-desk payment").to_string();
    assert_eq!(
        b.value("#payments-email").await,
        EMAIL,
        "the address typed last"
    );
    b.click(&format!("#copy-{desk}")).await;
    b.wait_text("#payments-email-sent", EMAIL).await;
    let mail = sandbox.state.sent_mail();
    assert_eq!(mail.len(), 2);
    assert_eq!(mail[1].receipt_id, desk);
    assert!(!mail[1].attachments.is_empty());
    b.screenshot("f2-office-receipt-copy").await;

    // «Электронная квитанция»: the 25th is after the 20th, so from December's bill.
    open_service(&b, "#open-e-bill").await;
    b.wait_text("#e-bill-status", "на бумаге").await;
    b.wait_text("#e-bill-rule", "до 20 числа").await;
    b.wait_text("#e-bill-from", "декабрь 2026").await;
    assert_eq!(b.value("#e-bill-email").await, EMAIL);
    b.screenshot("f3-office-e-bill-paper").await;
    b.click("#e-bill-on").await;
    let on = b.wait_text("#e-bill-status", EMAIL).await;
    assert!(on.contains("декабрь 2026"), "{on}");
    b.screenshot("f4-office-e-bill-on").await;
    b.click("#e-bill-off").await;
    let off = b.wait_text("#e-bill-status", "Бумажная").await;
    assert!(off.contains("декабрь 2026"), "{off}");
    assert!(b.exists("#e-bill-on").await);

    b.close().await;
    sandbox.shutdown().await;
}
