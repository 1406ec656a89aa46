//! «Поиск по QR-коду» as one use case in core: a photo of a bill's QR code → what it says → the
//! bills it names; a photo without a payment code gets a Russian sentence.

mod common {
    pub mod app;
}

use common::app;
use gorod_sandbox::{bill_qr_png, town};
use ofis_core::CoreError;

#[tokio::test]
async fn a_photo_of_a_bills_qr_code_finds_that_bill() {
    let sandbox = app::sandbox().await;
    let dir = tempfile::tempdir().unwrap();
    let ofis = app::open(&sandbox.gorod_url, dir.path()).await;
    app::sign_in(&ofis).await;
    let address = app::demo_address(&ofis).await;
    let bills = town::posted_bills(&address.id, "2026-11".parse().unwrap(), app::today());
    let bill = bills.first().expect("the demo address has bills");

    let qr = ofis.read_qr_photo(bill_qr_png(bill)).await.unwrap();
    let found = ofis.find_by_qr(&qr).await.unwrap();
    assert_eq!(found.search.account.as_deref(), Some(bill.account.as_str()));
    assert!(
        found.bills.iter().any(|b| b.id.as_str() == bill.id),
        "{:?}",
        found.bills
    );
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
