//! The use-cases against the sandbox over loopback HTTP and a real SQLite file.

mod common {
    pub mod app;
}

use common::app::{self, outbox};
use gorod_sandbox::{test_cards, RunningSandbox};
use ofis_core::{CoreError, Ofis, PayScope, PaymentStep};
use ofis_store::OutboxState;

async fn signed_in_with_address(sandbox: &RunningSandbox, dir: &std::path::Path) -> Ofis {
    let ofis = app::open(&sandbox.gorod_url, dir).await;
    let count = app::sign_in_with_address(&ofis).await;
    assert!(count >= 8);
    ofis
}

#[tokio::test]
async fn paying_the_combined_bill_stores_the_receipt_and_marks_the_bills_paid() {
    let sandbox = app::sandbox().await;
    let dir = tempfile::tempdir().unwrap();
    let ofis = signed_in_with_address(&sandbox, dir.path()).await;
    let total = ofis.snapshot().total();

    let ticket = ofis.start_payment(PayScope::All).await.unwrap();
    assert_eq!(ticket.total, total);
    let stored = outbox(dir.path());
    assert_eq!(stored.len(), 1);
    assert_eq!(
        stored[0].idempotency_key, ticket.key,
        "the key is stored with the order"
    );
    assert_eq!(stored[0].state, OutboxState::Created);

    let step = ofis
        .submit_card(&ticket.key, test_cards::SUCCESS_VISA, "12/30", "123")
        .await
        .unwrap();
    let PaymentStep::Paid(receipt) = step else {
        panic!("expected a receipt, got {step:?}")
    };
    assert_eq!(receipt.total, total);
    assert_eq!(ofis.receipts().await.unwrap(), vec![receipt]);
    assert_eq!(outbox(dir.path())[0].state, OutboxState::Paid);
    let after = ofis.snapshot();
    assert!(
        after.total().is_zero(),
        "paid lines no longer ask for money"
    );
    assert_eq!(after.paid.len(), after.combined.lines().len());
    assert_eq!(sandbox.state.charges().len(), 1);

    // The card never touched the disk.
    for file in ["ofis.sqlite", "ofis.sqlite-wal"] {
        if let Ok(bytes) = std::fs::read(dir.path().join(file)) {
            let hay = String::from_utf8_lossy(&bytes);
            assert!(
                !hay.contains(test_cards::SUCCESS_VISA),
                "PAN found in {file}"
            );
        }
    }
    sandbox.shutdown().await;
}

#[tokio::test]
async fn a_double_press_makes_one_order_and_a_decline_lets_the_user_try_another_card() {
    let sandbox = app::sandbox().await;
    let dir = tempfile::tempdir().unwrap();
    let ofis = signed_in_with_address(&sandbox, dir.path()).await;

    let (a, b) = tokio::join!(
        ofis.start_payment(PayScope::All),
        ofis.start_payment(PayScope::All)
    );
    let (a, b) = (a.unwrap(), b.unwrap());
    assert_eq!(
        a.key, b.key,
        "the same composition awaiting a card is reused"
    );
    assert_eq!(sandbox.state.orders_count(), 1);

    let step = ofis
        .submit_card(&a.key, test_cards::DECLINE, "12/30", "123")
        .await
        .unwrap();
    assert!(
        matches!(step, PaymentStep::Declined(ref m) if m.contains("отклонил")),
        "{step:?}"
    );
    assert!(sandbox.state.charges().is_empty());
    assert!(ofis.snapshot().paid.is_empty());

    let retry = ofis.start_payment(PayScope::All).await.unwrap();
    assert_ne!(retry.key, a.key, "a final refusal frees a new key");
    let step = ofis
        .submit_card(&retry.key, test_cards::SUCCESS_MASTERCARD, "12/30", "123")
        .await
        .unwrap();
    assert!(matches!(step, PaymentStep::Paid(_)));
    assert_eq!(sandbox.state.charges().len(), 1);
    let states: Vec<_> = outbox(dir.path()).into_iter().map(|o| o.state).collect();
    assert_eq!(states, vec![OutboxState::Paid, OutboxState::Declined]);
    sandbox.shutdown().await;
}

#[tokio::test]
async fn three_ds_pays_after_the_code_and_a_wrong_card_is_refused_before_the_bank() {
    let sandbox = app::sandbox().await;
    let dir = tempfile::tempdir().unwrap();
    let ofis = signed_in_with_address(&sandbox, dir.path()).await;
    let line = ofis.snapshot().combined.lines()[0].bill.id.clone();
    let ticket = ofis.start_payment(PayScope::Line(line)).await.unwrap();
    assert_eq!(
        ticket.lines.len(),
        1,
        "the line's own «Оплатить» pays that line alone"
    );

    let err = ofis
        .submit_card(&ticket.key, "4111 1111 1111 1112", "12/30", "123")
        .await
        .unwrap_err();
    assert!(matches!(err, CoreError::Card(_)));

    let step = ofis
        .submit_card(&ticket.key, test_cards::THREE_DS, "12/30", "123")
        .await
        .unwrap();
    assert_eq!(step, PaymentStep::Challenge);
    assert!(ofis.confirm_3ds(&ticket.key, "0000").await.is_err());
    let step = ofis
        .confirm_3ds(&ticket.key, gorod_sandbox::THREE_DS_CODE)
        .await
        .unwrap();
    assert!(matches!(step, PaymentStep::Paid(_)));
    sandbox.shutdown().await;
}

#[tokio::test]
async fn the_combined_bill_comes_back_from_the_cache_after_a_restart_and_edits_persist() {
    let sandbox = app::sandbox().await;
    let dir = tempfile::tempdir().unwrap();
    let ofis = signed_in_with_address(&sandbox, dir.path()).await;
    let first = ofis.snapshot().combined.lines()[0].bill.id.clone();
    let second = ofis.snapshot().combined.lines()[1].bill.id.clone();
    ofis.skip_line(&first).await.unwrap();
    ofis.set_amount(&second, "1 000,50").await.unwrap();
    assert!(matches!(
        ofis.set_amount(&second, "-5").await,
        Err(CoreError::Amount(_))
    ));
    let before = ofis.snapshot();
    drop(ofis);

    let reopened = app::open(&sandbox.gorod_url, dir.path()).await;
    let cached = reopened.snapshot();
    assert!(cached.from_cache);
    assert_eq!(
        cached.combined, before.combined,
        "shown at once, before any request"
    );
    assert_eq!(cached.addresses, before.addresses);
    sandbox.shutdown().await;
}

#[tokio::test]
async fn a_bill_paid_this_period_is_paid_again_only_after_the_user_confirms() {
    let sandbox = app::sandbox().await;
    let dir = tempfile::tempdir().unwrap();
    let ofis = signed_in_with_address(&sandbox, dir.path()).await;
    let first = ofis.snapshot().combined.lines()[0].clone();
    let step = app::pay(
        &ofis,
        PayScope::Line(first.bill.id.clone()),
        test_cards::SUCCESS_VISA,
    )
    .await;
    assert!(matches!(step, PaymentStep::Paid(_)));

    // The user types an amount on the paid line: the app asks before charging again.
    ofis.set_amount(&first.bill.id, &first.bill.amount_due.display_plain())
        .await
        .unwrap();
    let asked = ofis.start_payment(PayScope::All).await.unwrap_err();
    assert!(
        matches!(asked, CoreError::AlreadyPaid(ref bills) if bills.len() == 1),
        "{asked:?}"
    );
    assert_eq!(
        sandbox.state.orders_count(),
        1,
        "nothing sent before the answer"
    );
    let again = ofis.start_payment_again(PayScope::All).await.unwrap();
    assert!(again.lines.iter().any(|l| l.bill.id == first.bill.id));
    sandbox.shutdown().await;
}
