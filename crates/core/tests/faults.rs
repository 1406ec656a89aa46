//! The pay flow through a fault-injecting proxy (`common/fault_proxy.rs`, our own, in process):
//! lost answers, stalls, latency and truncated bodies. Every scenario ends with exactly one charge
//! at the bank and the right outcome in the app.

mod common {
    pub mod app;
    pub mod fault_proxy;
    pub mod fault_rig;
}

use std::time::Duration;

use common::fault_proxy::Fault;
use common::fault_rig::{rig, CARD, ORDER_CREATION, ORDER_STATUS};
use gorod_sandbox::test_cards;
use ofis_core::{ClientError, CoreError, PayScope, PaymentStep};
use ofis_store::OutboxState;

#[tokio::test]
async fn a_lost_answer_to_order_creation_is_retried_with_the_same_key_and_makes_one_order() {
    let rig = rig().await;
    rig.gorod.arm(ORDER_CREATION, Fault::DropAnswer);

    let ticket = rig.ofis.start_payment(PayScope::All).await.unwrap();
    assert_eq!(rig.gorod.fired(), 1, "the answer was really lost");
    assert_eq!(
        rig.sandbox.state.orders_count(),
        1,
        "the retry replayed the order"
    );
    let stored = rig.outbox();
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].idempotency_key, ticket.key);

    let step = rig
        .ofis
        .submit_card(&ticket.key, test_cards::SUCCESS_VISA, "12/30", "123")
        .await
        .unwrap();
    assert!(matches!(step, PaymentStep::Paid(_)), "{step:?}");
    rig.assert_paid_once().await;
    rig.shutdown().await;
}

#[tokio::test]
async fn a_stalled_order_creation_times_out_and_the_retry_with_the_same_key_makes_one_order() {
    let rig = rig().await;
    rig.gorod.arm(ORDER_CREATION, Fault::Stall);

    let ticket = rig.ofis.start_payment(PayScope::All).await.unwrap();
    assert_eq!(rig.gorod.fired(), 1);
    assert_eq!(rig.sandbox.state.orders_count(), 1);
    let step = rig
        .ofis
        .submit_card(&ticket.key, test_cards::SUCCESS_MIR, "12/30", "123")
        .await
        .unwrap();
    assert!(matches!(step, PaymentStep::Paid(_)), "{step:?}");
    rig.assert_paid_once().await;
    rig.shutdown().await;
}

#[tokio::test]
async fn a_charge_whose_gateway_answer_is_lost_is_found_paid_through_the_gorod_api() {
    let rig = rig().await;
    let ticket = rig.ofis.start_payment(PayScope::All).await.unwrap();
    assert!(
        ticket.gateway_url.starts_with(&rig.gateway.url),
        "the card goes through the gateway proxy: {}",
        ticket.gateway_url
    );
    rig.gateway.arm(CARD, Fault::DropAnswer);

    let step = rig
        .ofis
        .submit_card(&ticket.key, test_cards::SUCCESS_VISA, "12/30", "123")
        .await
        .unwrap();
    assert_eq!(rig.gateway.fired(), 1, "the bank's answer was really lost");
    assert!(matches!(step, PaymentStep::Paid(_)), "{step:?}");
    rig.assert_paid_once().await;
    rig.shutdown().await;
}

#[tokio::test]
async fn a_lost_gateway_answer_and_a_lost_status_answer_are_settled_by_reconcile() {
    let rig = rig().await;
    let ticket = rig.ofis.start_payment(PayScope::All).await.unwrap();
    rig.gateway.arm(CARD, Fault::DropAnswer);
    rig.gorod.arm(ORDER_STATUS, Fault::DropAnswer);

    let err = rig
        .ofis
        .submit_card(&ticket.key, test_cards::SUCCESS_VISA, "12/30", "123")
        .await
        .unwrap_err();
    assert!(
        matches!(err, CoreError::Client(ClientError::Network(_))),
        "{err:?}"
    );
    assert_eq!(rig.gateway.fired() + rig.gorod.fired(), 2);
    assert_eq!(rig.sandbox.state.charges().len(), 1, "the bank did charge");
    assert_eq!(rig.outbox()[0].state, OutboxState::Created, "not yet known");

    assert_eq!(rig.ofis.reconcile().await.unwrap(), 1);
    rig.assert_paid_once().await;
    rig.shutdown().await;
}

#[tokio::test]
async fn added_latency_only_slows_a_payment_down() {
    let rig = rig().await;
    rig.gorod.set_latency(Duration::from_millis(150));
    rig.gateway.set_latency(Duration::from_millis(150));

    let ticket = rig.ofis.start_payment(PayScope::All).await.unwrap();
    let step = rig
        .ofis
        .submit_card(&ticket.key, test_cards::SUCCESS_MASTERCARD, "12/30", "123")
        .await
        .unwrap();
    assert!(matches!(step, PaymentStep::Paid(_)), "{step:?}");
    assert_eq!(rig.sandbox.state.orders_count(), 1);
    rig.assert_paid_once().await;
    rig.shutdown().await;
}

#[tokio::test]
async fn truncated_bodies_are_a_typed_decode_error_and_reconcile_finds_the_one_charge() {
    let rig = rig().await;
    let ticket = rig.ofis.start_payment(PayScope::All).await.unwrap();
    rig.gateway.arm(CARD, Fault::TruncateBody);
    rig.gorod.arm(ORDER_STATUS, Fault::TruncateBody);

    let err = rig
        .ofis
        .submit_card(&ticket.key, test_cards::SUCCESS_VISA, "12/30", "123")
        .await
        .unwrap_err();
    assert!(
        matches!(err, CoreError::Client(ClientError::Decode(_))),
        "{err:?}"
    );
    assert_eq!(rig.gateway.fired() + rig.gorod.fired(), 2);
    assert_eq!(rig.outbox()[0].state, OutboxState::Created);

    assert_eq!(rig.ofis.reconcile().await.unwrap(), 1);
    rig.assert_paid_once().await;
    rig.shutdown().await;
}
