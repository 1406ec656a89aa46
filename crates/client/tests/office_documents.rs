//! «Квитанция» and «Копия чека об оплате» through the client against the sandbox over loopback:
//! the bill document of a Город account, its duplicate in the outbox with the HTML attached;
//! payments made at cash desks and elsewhere found by account, period and amount, and a receipt
//! copy of a cash-desk payment in the outbox.

use chrono::NaiveDate;
use gorod_sandbox::school::DEMO_PHONE;
use gorod_sandbox::{RunningSandbox, SandboxConfig, SMS_CODE};
use ofis_api::sandbox::SentMail;
use ofis_api::{paths, PaymentChannel};
use ofis_client::{ClientError, ClientOptions, GorodClient};
use ofis_domain::Period;

async fn sandbox() -> RunningSandbox {
    let today = NaiveDate::from_ymd_opt(2026, 12, 2).unwrap();
    gorod_sandbox::start(SandboxConfig::loopback_ephemeral(today))
        .await
        .unwrap()
}

async fn signed_in(sandbox: &RunningSandbox) -> GorodClient {
    let client = GorodClient::new(&sandbox.gorod_url, &ClientOptions::default()).unwrap();
    client.request_sms(DEMO_PHONE).await.unwrap();
    client.sign_in(DEMO_PHONE, SMS_CODE).await.unwrap();
    client
}

/// The outbox as a test of a real deployment reads it.
async fn outbox(sandbox: &RunningSandbox) -> Vec<SentMail> {
    reqwest::get(format!("{}{}", sandbox.gorod_url, paths::SANDBOX_MAIL))
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

fn period(text: &str) -> Period {
    text.parse().unwrap()
}

#[tokio::test]
async fn a_bill_document_and_its_duplicate_by_e_mail() {
    let sandbox = sandbox().await;
    let client = signed_in(&sandbox).await;
    let doc = client
        .bill_document("1000125005", Some(period("2026-11")))
        .await
        .unwrap();
    assert_eq!(doc.address, "г. Оренбург, ул. Советская, д. 12, кв. 5");
    let accounts: Vec<_> = doc.lines.iter().map(|l| l.account.as_str()).collect();
    assert_eq!(
        accounts,
        [
            "1000125005",
            "7012505001",
            "7012505002",
            "TKO-125-005",
            "D-12-5"
        ],
        "the Город-billed services of the flat"
    );
    assert_eq!(doc.total, doc.lines.iter().map(|l| l.charged).sum());
    assert_eq!(doc.pay_by.to_string(), "2026-12-10");
    assert_eq!(doc.bill_id, "bill-1000125005-2026-11");
    let current = client.bill_document("1000125005", None).await.unwrap();
    assert_eq!(current.period, period("2026-12"));
    assert!(matches!(
        client.bill_document("1000125005", Some(period("2027-01"))).await,
        Err(ClientError::NotFound(m)) if m.contains("ещё не выставлена")
    ));
    assert!(matches!(
        client.bill_document("0312500501", None).await,
        Err(ClientError::NotFound(_))
    ));

    let queued = client
        .email_bill_document("1000125005", Some(period("2026-11")), " ivan@mail.ru ")
        .await
        .unwrap();
    assert_eq!(queued.to, "ivan@mail.ru");
    assert!(matches!(
        client.email_bill_document("1000125005", None, "ivan@").await,
        Err(ClientError::Validation { field: Some(f), .. }) if f == "email"
    ));
    let mail = outbox(&sandbox).await;
    assert_eq!(mail.len(), 1);
    let sent = &mail[0];
    assert_eq!(sent.to, "ivan@mail.ru");
    assert!(sent.subject.contains("ноябрь 2026"), "{}", sent.subject);
    let file = &sent.attachments[0];
    assert_eq!(file.filename, "kvitanciya-1000125005-2026-11.html");
    assert!(file.content_type.starts_with("text/html"));
    assert!(
        file.content.contains(&doc.total.display_rub()),
        "{}",
        file.content
    );
    assert!(file.content.contains("Оплатить до 10.12.2026"));
    sandbox.shutdown().await;
}

#[tokio::test]
async fn a_cash_desk_payment_is_found_and_its_receipt_copy_mailed() {
    let sandbox = sandbox().await;
    let client = signed_in(&sandbox).await;
    let all = client
        .find_payments("1000125005", None, None)
        .await
        .unwrap();
    assert!(all.len() >= 11, "a payment for most months: {}", all.len());
    assert!(
        all.windows(2).all(|w| w[0].paid_at >= w[1].paid_at),
        "newest first"
    );
    assert!(all
        .iter()
        .all(|p| p.paid_at.date_naive() < NaiveDate::from_ymd_opt(2026, 12, 2).unwrap()));
    let desk = all
        .iter()
        .find(|p| p.channel == PaymentChannel::CashDesk)
        .expect("a cash-desk payment");
    assert!(desk.place.starts_with("Касса"));

    let by_period = client
        .find_payments("1000125005", Some(desk.period), None)
        .await
        .unwrap();
    assert_eq!(by_period, vec![desk.clone()]);
    let by_amount = client
        .find_payments("1000125005", None, Some(desk.amount))
        .await
        .unwrap();
    assert!(by_amount.contains(desk));
    assert!(by_amount.iter().all(|p| p.amount == desk.amount));
    assert!(matches!(
        client.find_payments("0312500501", None, None).await,
        Err(ClientError::NotFound(_))
    ));

    client
        .email_payment_receipt(&desk.id, "ivan@mail.ru")
        .await
        .unwrap();
    assert!(matches!(
        client
            .email_payment_receipt("pay-1000125005-2030-01", "ivan@mail.ru")
            .await,
        Err(ClientError::NotFound(_))
    ));
    let mail = outbox(&sandbox).await;
    assert_eq!(mail.len(), 1);
    assert_eq!(mail[0].receipt_id, desk.id);
    let file = &mail[0].attachments[0];
    assert!(
        file.content.contains(&desk.place) && file.content.contains(&desk.amount.display_rub())
    );
    sandbox.shutdown().await;
}
