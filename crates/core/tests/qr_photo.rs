//! «Поиск по QR-коду» as one use case in core: a photo of a bill's QR code → what it says → the
//! bills it names; a photo without a payment code gets a Russian sentence.

mod common {
    pub mod app;
}

use common::app;
use gorod_sandbox::{bill_qr_png, town};
use ofis_core::CoreError;

#[tokio::test]
async fn a_photo_of_a_bills_qr_code_brings_every_bill_of_its_address_with_that_one_marked() {
    let sandbox = app::sandbox().await;
    let dir = tempfile::tempdir().unwrap();
    let ofis = app::open(&sandbox.gorod_url, dir.path()).await;
    app::sign_in(&ofis).await;
    let address = app::demo_address(&ofis).await;
    let bills = town::posted_bills(&address.id, "2026-11".parse().unwrap(), app::today());
    let bill = bills
        .iter()
        .find(|b| b.account == "0312500501")
        .expect("cold water");

    let qr = ofis.read_qr_photo(bill_qr_png(bill)).await.unwrap();
    let found = ofis.find_by_qr(&qr).await.unwrap();
    assert_eq!(found.search.account.as_deref(), Some(bill.account.as_str()));
    assert_eq!(
        found.address.as_ref().map(|a| a.id.as_str()),
        Some(address.id.as_str())
    );
    assert_eq!(
        found.bills.len(),
        bills.len(),
        "the whole address, not one bill"
    );
    assert_eq!(found.scanned.as_str(), bill.id);
    assert_eq!(found.sums_differ(), None);

    let added = ofis.add_found_by_qr(found).await.unwrap();
    assert_eq!(added, bills.len());
    let shown = ofis.snapshot();
    assert_eq!(shown.combined.lines().len(), bills.len());
    assert_eq!(shown.combined.groups().len(), 1, "grouped by its address");
    assert_eq!(
        shown.scanned.as_ref().map(|b| b.as_str()),
        Some(bill.id.as_str())
    );
    assert!(
        shown.addresses.iter().any(|a| a.id == address.id),
        "followed from now on"
    );
    sandbox.shutdown().await;
}

#[tokio::test]
async fn a_code_of_a_payee_without_an_address_brings_its_bill_alone_and_a_paper_sum_is_kept_apart()
{
    let sandbox = app::sandbox().await;
    let dir = tempfile::tempdir().unwrap();
    let ofis = app::open(&sandbox.gorod_url, dir.path()).await;
    app::sign_in(&ofis).await;
    // A child's school-meal account: no address in Система «Город».
    let account = town::ACCOUNTS
        .iter()
        .find(|a| a.number == "50500123")
        .unwrap();
    let mut paper = town::posted_bill(account, "2026-11".parse().unwrap(), app::today()).unwrap();
    let due_now = paper.amount_due;
    paper.amount_due = due_now + ofis_domain::Money::from_whole_roubles(100);

    let qr = ofis.read_qr_photo(bill_qr_png(&paper)).await.unwrap();
    let found = ofis.find_by_qr(&qr).await.unwrap();
    assert!(found.address.is_none());
    assert_eq!(found.bills.len(), 1);
    assert_eq!(found.sums_differ(), Some((paper.amount_due, due_now)));
    assert_eq!(ofis.add_found_by_qr(found).await.unwrap(), 1);
    let line = ofis.snapshot().combined.lines()[0].clone();
    assert_eq!(line.amount, due_now, "what is due now, not the paper's sum");
    sandbox.shutdown().await;
}

#[tokio::test]
async fn a_photo_without_a_payment_code_says_so_in_russian() {
    let sandbox = app::sandbox().await;
    let dir = tempfile::tempdir().unwrap();
    let ofis = app::open(&sandbox.gorod_url, dir.path()).await;
    for photo in [b"not a picture".to_vec(), Vec::new()] {
        match ofis.read_qr_photo(photo).await {
            Err(CoreError::QrUnreadable(message)) => {
                assert!(
                    message.chars().any(|c| ('а'..='я').contains(&c)),
                    "{message}"
                );
            }
            other => panic!("expected an unreadable photo, got {other:?}"),
        }
    }
    sandbox.shutdown().await;
}
