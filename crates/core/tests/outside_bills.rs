//! Bills paid outside the общий счёт — a top-up, a paid service — go through the one payment
//! engine: frozen, an idempotency key before the first send, reconciled after lost answers, one
//! charge, one receipt; the общий счёт is not touched.

mod common {
    pub mod app;
    pub mod fault_proxy;
    pub mod fault_rig;
}

use common::fault_proxy::Fault;
use common::fault_rig::{rig, ORDER_CREATION};
use gorod_sandbox::test_cards;
use ofis_core::{CoreError, HistoryStatus, PaymentStep};
use ofis_store::OutboxState;

/// A bill of another flat: found by its account, never added to the общий счёт.
const OTHER_ACCOUNT: &str = "1000125017";

#[tokio::test]
async fn a_bill_outside_the_combined_bill_is_charged_once_whatever_answer_is_lost() {
    let rig = rig().await;
    let before = rig.ofis.snapshot();
    let bill = rig.ofis.find_by_account(OTHER_ACCOUNT).await.unwrap()[0].clone();
    assert!(!rig.ofis.has_bill(&bill.id), "not in the общий счёт");

    // The order's answer is lost: the retry with the same key makes one order.
    rig.gorod.arm(ORDER_CREATION, Fault::DropAnswer);
    let ticket = rig.ofis.start_payment_of(vec![bill.clone()]).await.unwrap();
    assert_eq!(rig.sandbox.state.orders_count(), 1);
    assert_eq!(ticket.total, bill.amount_due + ticket.fees());

    // The bank's answer and the status answer are lost after the charge: unknown, not retried.
    rig.pay_losing_the_answers(&ticket).await;

    // Paying the same bill again settles first: it is paid, so the person is asked.
    let asked = rig.ofis.start_payment_of(vec![bill.clone()]).await;
    assert!(matches!(asked, Err(CoreError::AlreadyPaid(_))), "{asked:?}");
    assert_eq!(rig.ofis.reconcile().await.unwrap(), 0, "nothing pending");
    let charges = rig.sandbox.state.charges_per_bill();
    assert_eq!(charges.get(bill.id.as_str()), Some(&1), "{charges:?}");
    assert_eq!(rig.sandbox.state.charges().len(), 1);
    let states: Vec<_> = rig.outbox().into_iter().map(|o| o.state).collect();
    assert_eq!(states, vec![OutboxState::Paid]);

    // The receipt is in «История»; the общий счёт is as it was.
    let history = rig.ofis.history().await.unwrap();
    assert_eq!(history.entries[0].status, HistoryStatus::Paid);
    assert!(history.entries[0].receipt.is_some());
    let after = rig.ofis.snapshot();
    assert_eq!(after.combined, before.combined);
    assert!(!rig.ofis.has_bill(&bill.id));
    rig.shutdown().await;
}

#[tokio::test]
async fn a_refused_card_freezes_the_same_outside_bill_again() {
    let rig = rig().await;
    let bill = rig.ofis.find_by_account(OTHER_ACCOUNT).await.unwrap()[0].clone();
    let first = rig.ofis.start_payment_of(vec![bill.clone()]).await.unwrap();
    let refused = rig
        .ofis
        .submit_card(&first.key, test_cards::DECLINE, "12/30", "123")
        .await
        .unwrap();
    assert!(matches!(refused, PaymentStep::Declined(_)), "{refused:?}");

    // The card form freezes the same bills again (a refused order is final).
    let again = rig.ofis.start_payment(first.again()).await.unwrap();
    assert_ne!(again.key, first.key);
    assert_eq!(again.lines, first.lines);
    let paid = rig
        .ofis
        .submit_card(&again.key, test_cards::SUCCESS_VISA, "12/30", "123")
        .await
        .unwrap();
    assert!(matches!(paid, PaymentStep::Paid(_)), "{paid:?}");
    assert_eq!(rig.sandbox.state.charges().len(), 1);
    rig.shutdown().await;
}
