//! «Квитанция», «Копия чека об оплате» and «Электронная квитанция» through core against the
//! sandbox over loopback HTTP and a real SQLite file: the Город accounts of the demo address, a
//! bill document and its duplicate in the outbox, a cash-desk payment found and its receipt copy
//! in the outbox, the e-mail bill switched on and off with the month it counts from, wrong
//! input refused on the phone, and the e-mail typed last remembered across a restart.

mod common {
    pub mod app;
}

use std::sync::Arc;

use chrono::NaiveDate;
use common::app::{self, FixedClock, Setup};
use ofis_core::{messages::core_error, CoreError, DocsError, Ofis, PaymentSearch};

const ACCOUNT: &str = "1000125005";

async fn open(server: &str, dir: &std::path::Path, day: NaiveDate) -> Ofis {
    let setup = Setup {
        clock: Arc::new(FixedClock(app::morning(day))),
        ..Setup::default()
    };
    app::open_with(server, dir, setup).await
}

#[tokio::test]
async fn a_bill_document_is_laid_out_and_its_duplicate_mailed() {
    let sandbox = app::sandbox().await;
    let dir = tempfile::tempdir().unwrap();
    let ofis = open(&sandbox.gorod_url, dir.path(), app::today()).await;
    app::sign_in_with_address(&ofis).await;

    let accounts = ofis.gorod_accounts(Some(app::DEMO_ADDRESS_ID));
    let numbers: Vec<_> = accounts.iter().map(|a| a.account.as_str()).collect();
    assert!(numbers.contains(&ACCOUNT), "{numbers:?}");
    assert!(
        !numbers.contains(&"0312500501"),
        "the water company bills itself: {numbers:?}"
    );
    assert!(accounts
        .iter()
        .all(|a| a.title.starts_with(&format!("л/с {}", a.account))));
    assert_eq!(ofis.gorod_accounts(Some("elsewhere")), vec![]);

    let periods = ofis.office_periods();
    assert_eq!(periods[0].value, "2026-11");
    let doc = ofis.bill_document(ACCOUNT, "2026-10").await.unwrap();
    assert_eq!(doc.title, "Единый платёжный документ за октябрь 2026");
    assert_eq!(doc.address, "г. Оренбург, ул. Советская, д. 12, кв. 5");
    assert_eq!(doc.pay_by, "10.11.2026");
    assert!(doc.lines.len() >= 2);
    assert_eq!(doc.total, doc.lines.iter().map(|l| l.charged).sum());

    // Refused here, nothing sent, nothing remembered.
    let wrong = ofis
        .email_bill_document(ACCOUNT, &doc.period, "ivan@mail")
        .await
        .unwrap_err();
    assert!(matches!(wrong, CoreError::Email(_)));
    assert!(
        core_error(&wrong).contains("адрес"),
        "{}",
        core_error(&wrong)
    );
    assert!(matches!(
        ofis.bill_document(" ", "").await,
        Err(CoreError::OfficeDocs(DocsError::NoAccount))
    ));
    assert!(sandbox.state.sent_mail().is_empty());
    assert_eq!(ofis.office_email().await.unwrap(), None);

    let to = ofis
        .email_bill_document(ACCOUNT, &doc.period, " ivan@mail.ru ")
        .await
        .unwrap();
    assert_eq!(to.as_str(), "ivan@mail.ru");
    let mail = sandbox.state.sent_mail();
    assert_eq!(mail.len(), 1);
    assert_eq!(mail[0].to, "ivan@mail.ru");
    let file = &mail[0].attachments[0];
    assert_eq!(file.filename, "kvitanciya-1000125005-2026-10.html");
    assert!(file.content.contains(&doc.total.display_rub()));

    // A bill not issued yet: the server's word.
    let later = ofis.bill_document(ACCOUNT, "2027-01").await.unwrap_err();
    assert!(core_error(&later).contains("ещё не выставлена"), "{later}");

    // The address typed last is there after a restart.
    drop(ofis);
    let ofis = open(&sandbox.gorod_url, dir.path(), app::today()).await;
    assert_eq!(
        ofis.office_email().await.unwrap().as_deref(),
        Some("ivan@mail.ru")
    );
    sandbox.shutdown().await;
}

#[tokio::test]
async fn a_cash_desk_payment_is_found_and_its_receipt_copy_mailed() {
    let sandbox = app::sandbox().await;
    let dir = tempfile::tempdir().unwrap();
    let ofis = open(&sandbox.gorod_url, dir.path(), app::today()).await;
    app::sign_in(&ofis).await;

    let mut search = PaymentSearch {
        account: ACCOUNT.into(),
        ..PaymentSearch::default()
    };
    let all = ofis.find_payments(&search).await.unwrap();
    let desk = all
        .iter()
        .find(|p| p.channel == "Касса")
        .expect("a cash-desk payment")
        .clone();
    assert!(desk.place.starts_with("Касса"), "{}", desk.place);

    search.amount = desk.amount.to_string().replace('.', ",");
    let by_amount = ofis.find_payments(&search).await.unwrap();
    assert!(by_amount.contains(&desk));
    assert!(by_amount.iter().all(|p| p.amount == desk.amount));

    search.amount = "сто рублей".into();
    let wrong = ofis.find_payments(&search).await.unwrap_err();
    assert!(matches!(wrong, CoreError::Amount(_)), "{wrong}");

    assert!(matches!(
        ofis.email_payment_receipt(&desk.id, "not an address").await,
        Err(CoreError::Email(_))
    ));
    assert!(sandbox.state.sent_mail().is_empty());
    ofis.email_payment_receipt(&desk.id, "ivan@mail.ru")
        .await
        .unwrap();
    let mail = sandbox.state.sent_mail();
    assert_eq!(mail.len(), 1);
    assert_eq!(mail[0].to, "ivan@mail.ru");
    assert!(!mail[0].attachments.is_empty());
    sandbox.shutdown().await;
}

#[tokio::test]
async fn the_e_mail_bill_says_from_which_month_it_counts() {
    let day = NaiveDate::from_ymd_opt(2026, 12, 21).unwrap();
    let sandbox = app::sandbox_on(day).await;
    let dir = tempfile::tempdir().unwrap();
    let ofis = open(&sandbox.gorod_url, dir.path(), day).await;
    app::sign_in(&ofis).await;

    let paper = ofis.e_bill(ACCOUNT).await.unwrap();
    assert!(!paper.enabled);
    assert!(paper.rule.contains("до 20 числа"), "{}", paper.rule);
    assert_eq!(
        paper.change_from,
        "Изменение сегодня — с квитанции за январь 2027."
    );

    let wrong = ofis.set_e_bill(ACCOUNT, Some("ivan@")).await.unwrap_err();
    assert!(matches!(wrong, CoreError::Email(_)));
    let on = ofis
        .set_e_bill(ACCOUNT, Some("ivan@mail.ru"))
        .await
        .unwrap();
    assert!(on.enabled);
    assert_eq!(on.email.as_deref(), Some("ivan@mail.ru"));
    assert!(
        on.status.contains("январь 2027") && on.status.contains("ivan@mail.ru"),
        "{}",
        on.status
    );
    assert_eq!(ofis.e_bill(ACCOUNT).await.unwrap(), on);

    // By the 20th a change counts from this month's bill.
    sandbox
        .state
        .set_today(NaiveDate::from_ymd_opt(2027, 1, 20).unwrap());
    let off = ofis.set_e_bill(ACCOUNT, None).await.unwrap();
    assert!(!off.enabled);
    assert!(off.status.contains("январь 2027"), "{}", off.status);
    sandbox.shutdown().await;
}
