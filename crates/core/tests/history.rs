//! «История» against the sandbox over loopback HTTP: a paid and a declined payment, the server's
//! view merged with the device's, the offline fallback, spending per month, e-mail checks.

mod common {
    pub mod app;
}

use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};
use common::app::{self, Setup};
use gorod_sandbox::{test_cards, RunningSandbox};
use ofis_core::{
    Clock, CoreError, HistoryEntry, HistoryStatus, Ofis, PayScope, PaymentStep, HISTORY_PAGE,
    SPENDING_MONTHS,
};
use ofis_domain::email::EmailError;
use ofis_domain::{Money, Period};

/// A clock that moves one minute on every look, so payments have distinct times.
struct SteppingClock(AtomicI64);

impl Clock for SteppingClock {
    fn now(&self) -> DateTime<Utc> {
        let minutes = self.0.fetch_add(1, Ordering::SeqCst);
        app::morning(app::today()) + Duration::minutes(minutes)
    }
}

async fn open(server_url: &str, dir: &std::path::Path) -> Ofis {
    let clock = Arc::new(SteppingClock(AtomicI64::new(0)));
    let setup = Setup {
        clock,
        ..Setup::default()
    };
    app::open_with(server_url, dir, setup).await
}

async fn signed_in_with_address(sandbox: &RunningSandbox, dir: &std::path::Path) -> Ofis {
    let ofis = open(&sandbox.gorod_url, dir).await;
    app::sign_in_with_address(&ofis).await;
    ofis
}

/// Declines one line, then pays everything; returns the paid receipt's total.
async fn decline_then_pay(ofis: &Ofis) -> Money {
    let first = ofis.snapshot().combined.lines()[0].bill.id.clone();
    let step = app::pay(ofis, PayScope::Line(first), test_cards::DECLINE).await;
    assert!(matches!(step, PaymentStep::Declined(_)), "{step:?}");

    let step = app::pay(ofis, PayScope::All, test_cards::SUCCESS_VISA).await;
    let PaymentStep::Paid(receipt) = step else {
        panic!("not paid: {step:?}")
    };
    receipt.total
}

#[tokio::test]
async fn history_shows_the_paid_and_the_declined_payment_newest_first() {
    let sandbox = app::sandbox().await;
    let dir = tempfile::tempdir().unwrap();
    let ofis = signed_in_with_address(&sandbox, dir.path()).await;
    let lines = ofis.snapshot().combined.lines().len();
    let paid_total = decline_then_pay(&ofis).await;

    let history = ofis.history().await.unwrap();
    assert!(history.server_unavailable.is_none(), "the server was asked");
    let statuses: Vec<HistoryStatus> = history.entries.iter().map(|e| e.status).collect();
    assert_eq!(statuses, vec![HistoryStatus::Paid, HistoryStatus::Declined]);

    let paid = &history.entries[0];
    assert_eq!(paid.total, paid_total);
    assert_eq!(paid.lines.len(), lines, "every line of the общий счёт");
    let receipt = paid
        .receipt
        .as_ref()
        .expect("a paid entry carries its receipt");
    assert_eq!(receipt.fiscal.fn_number.len(), 16);
    assert!(receipt.fiscal.qr_text().starts_with("t=20261125T"));
    assert!(paid.failure.is_none());

    let declined = &history.entries[1];
    assert_eq!(declined.lines.len(), 1, "the single line that was tried");
    assert!(declined.receipt.is_none());
    assert!(
        declined
            .failure
            .as_deref()
            .unwrap_or("")
            .contains("отклонил"),
        "{:?}",
        declined.failure
    );
    assert!(declined.at < paid.at);

    let months = ofis.spending_by_month(SPENDING_MONTHS).await.unwrap();
    assert_eq!(months.len(), SPENDING_MONTHS as usize);
    let november = months.last().unwrap();
    assert_eq!(november.period, Period::new(2026, 11).unwrap());
    assert_eq!(november.total, paid_total, "only the paid receipt counts");
    assert!(november.by_service.len() > 1, "split by service");
    assert!(months[..months.len() - 1].iter().all(|m| m.total.is_zero()));
    sandbox.shutdown().await;
}

#[tokio::test]
async fn without_the_server_history_comes_from_this_device_and_says_so() {
    let sandbox = app::sandbox().await;
    let dir = tempfile::tempdir().unwrap();
    let ofis = signed_in_with_address(&sandbox, dir.path()).await;
    decline_then_pay(&ofis).await;
    let online = ofis.history().await.unwrap();
    let url = sandbox.gorod_url.clone();
    sandbox.shutdown().await;
    drop(ofis);

    let offline = open(&url, dir.path()).await;
    let history = offline.history().await.unwrap();
    assert!(history.server_unavailable.is_some(), "it says so");
    assert_eq!(history.entries, online.entries, "nothing is lost offline");
    let spending = offline.spending_by_month(3).await.unwrap();
    assert!(!spending.last().unwrap().total.is_zero());
}

/// Every page of «История», from the first, `limit` entries at a time.
async fn all_pages(ofis: &Ofis, limit: u32) -> (Vec<HistoryEntry>, bool) {
    let mut entries = Vec::new();
    let mut cursor = None;
    let mut offline = false;
    loop {
        let page = ofis.history_page(cursor, limit).await.unwrap();
        assert!(page.entries.len() <= limit as usize);
        offline |= page.server_unavailable.is_some();
        entries.extend(page.entries);
        match page.next {
            Some(next) => cursor = Some(next),
            None => return (entries, offline),
        }
    }
}

#[tokio::test]
async fn history_pages_hold_every_payment_once_online_and_offline_and_receipts_are_found() {
    let sandbox = app::sandbox().await;
    let dir = tempfile::tempdir().unwrap();
    let ofis = signed_in_with_address(&sandbox, dir.path()).await;
    decline_then_pay(&ofis).await;
    let whole = ofis.history().await.unwrap().entries;
    for limit in [1, 2, HISTORY_PAGE] {
        let (paged, offline) = all_pages(&ofis, limit).await;
        assert!(!offline);
        assert_eq!(paged, whole, "pages of {limit}");
    }
    let first = ofis.history_page(None, HISTORY_PAGE).await.unwrap();
    assert!(first.next.is_none(), "two payments: one page");

    let service = whole[0].lines[0].service.clone();
    let word: String = service.chars().take(5).collect();
    let found = ofis.search_receipts(&word.to_lowercase()).await.unwrap();
    assert_eq!(found.len(), 1, "the paid receipt, not the declined payment");
    assert_eq!(found[0].receipt, whole[0].receipt);
    assert!(ofis
        .search_receipts("нетакогопоставщика")
        .await
        .unwrap()
        .is_empty());

    let url = sandbox.gorod_url.clone();
    sandbox.shutdown().await;
    drop(ofis);
    let offline = open(&url, dir.path()).await;
    let (paged, was_offline) = all_pages(&offline, 1).await;
    assert!(was_offline, "it says so");
    assert_eq!(paged, whole, "nothing is lost offline");
}

#[tokio::test]
async fn a_receipt_is_not_sent_to_an_address_that_is_not_an_email() {
    let sandbox = app::sandbox().await;
    let dir = tempfile::tempdir().unwrap();
    let ofis = signed_in_with_address(&sandbox, dir.path()).await;
    for (typed, want) in [("", EmailError::Empty), ("ivanov@mail", EmailError::Format)] {
        let err = ofis.email_receipt("rcpt-1", typed).await.unwrap_err();
        assert!(
            matches!(err, CoreError::Email(e) if e == want),
            "{typed:?}: {err:?}"
        );
    }
    sandbox.shutdown().await;
}
