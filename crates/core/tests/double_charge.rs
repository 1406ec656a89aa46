//! The double-charge windows of issue 10, each shut and kept shut: paid bills found while
//! settling are asked about, not charged again; a card that may have left is never taken for
//! one that did not; a cancelled 3-D Secure frees its bills; leaving the card screen does not
//! drop the card. Each scenario runs through the fault proxies of `common/fault_proxy.rs`.

mod common {
    pub mod app;
    pub mod fault_proxy;
    pub mod fault_rig;
}

use std::time::Duration;

use common::fault_proxy::Fault;
use common::fault_rig::{rig, Rig, CARD, ORDER_STATUS};
use gorod_sandbox::{test_cards, THREE_DS_CODE};
use ofis_api::OrderStatus;
use ofis_core::{CoreError, HistoryStatus, PayScope, PaymentStep};
use ofis_store::OutboxState;

/// Pays everything with a card whose bank answer and status answer are both lost: the bank
/// charges, the app cannot tell, the order stays pending.
async fn charged_but_unknown(rig: &Rig) {
    let ticket = rig.ofis.start_payment(PayScope::All).await.unwrap();
    rig.gateway.arm(CARD, Fault::DropAnswer);
    rig.gorod.arm(ORDER_STATUS, Fault::DropAnswer);
    let lost = rig
        .ofis
        .submit_card(&ticket.key, test_cards::SUCCESS_VISA, "12/30", "123")
        .await;
    assert!(lost.is_err(), "{lost:?}");
    assert_eq!(rig.sandbox.state.charges().len(), 1, "the bank did charge");
    assert_eq!(rig.outbox()[0].state, OutboxState::Created, "not yet known");
}

/// Pays everything with a 3-D Secure card, up to the screen that asks for the code.
async fn at_the_3ds_code(rig: &Rig) -> ofis_core::PaymentTicket {
    let ticket = rig.ofis.start_payment(PayScope::All).await.unwrap();
    let step = rig
        .ofis
        .submit_card(&ticket.key, test_cards::THREE_DS, "12/30", "123")
        .await
        .unwrap();
    assert_eq!(step, PaymentStep::Challenge);
    ticket
}

/// No bill was charged twice.
fn assert_each_bill_charged_at_most_once(rig: &Rig) {
    let twice: Vec<_> = rig
        .sandbox
        .state
        .charges_per_bill()
        .into_iter()
        .filter(|(_, n)| *n > 1)
        .collect();
    assert!(twice.is_empty(), "bills charged twice: {twice:?}");
}

#[tokio::test]
async fn bills_found_paid_while_settling_are_asked_about_and_not_charged_again() {
    let rig = rig().await;
    let before = rig.ofis.snapshot().combined.lines().to_vec();
    charged_but_unknown(&rig).await;

    // «‹», then «Оплатить» again: settling finds the first order paid.
    let asked = rig.ofis.start_payment(PayScope::All).await.unwrap_err();
    assert!(
        matches!(asked, CoreError::AlreadyPaid(ref bills) if bills.len() == before.len()),
        "{asked:?}"
    );
    assert_eq!(rig.sandbox.state.charges().len(), 1);
    assert_eq!(rig.sandbox.state.orders_count(), 1, "no second order");
    let shown = rig.ofis.snapshot();
    assert!(before.iter().all(|l| shown.paid.contains(&l.bill.id)));
    assert_eq!(
        shown.combined.lines(),
        &before[..],
        "the lines keep what the person froze, so «Оплатить ещё раз» pays what they saw"
    );
    assert_eq!(rig.outbox()[0].state, OutboxState::Paid);

    // Only on purpose: «Оплатить ещё раз» makes a new order of the same lines.
    let again = rig.ofis.start_payment_again(PayScope::All).await.unwrap();
    assert_eq!(again.lines, before);
    assert_eq!(rig.sandbox.state.charges().len(), 1, "nothing charged yet");
    rig.shutdown().await;
}

#[tokio::test]
async fn pay_pressed_while_the_start_up_reconcile_runs_charges_once() {
    let rig = rig().await;
    charged_but_unknown(&rig).await;

    let (settled, started) =
        tokio::join!(rig.ofis.reconcile(), rig.ofis.start_payment(PayScope::All));
    let settled = settled.unwrap();
    // Whichever runs first settles the order; «Оплатить» then either asks about the paid
    // bills or finds nothing left to pay. It never makes a new order.
    match started {
        Err(CoreError::AlreadyPaid(_)) => assert_eq!(settled, 0),
        Err(CoreError::Combined(_)) => assert_eq!(settled, 1),
        other => panic!("a second payment was started: {other:?}"),
    }
    assert_eq!(rig.sandbox.state.orders_count(), 1);
    assert_eq!(rig.sandbox.state.charges().len(), 1);
    assert_eq!(rig.outbox()[0].state, OutboxState::Paid);
    rig.shutdown().await;
}

#[tokio::test]
async fn a_card_that_reaches_the_bank_after_the_app_gave_up_is_never_a_second_charge() {
    let rig = rig().await;
    let lines = rig.ofis.snapshot().combined.lines().to_vec();
    assert!(lines.len() >= 2, "the demo address has several bills");
    let ticket = rig.ofis.start_payment(PayScope::All).await.unwrap();
    // The connection is cut at once; the card reaches the bank 6 s later, after the app's
    // polling of the Город API gave up.
    rig.gateway
        .arm(CARD, Fault::DeliverLate(Duration::from_secs(6)));
    let gave_up = rig
        .ofis
        .submit_card(&ticket.key, test_cards::SUCCESS_VISA, "12/30", "123")
        .await;
    assert!(gave_up.is_err(), "{gave_up:?}");
    assert!(
        rig.sandbox.state.charges().is_empty(),
        "the card has not reached the bank yet"
    );
    let first = rig.outbox()[0].clone();
    assert!(
        first.sent_to_bank_at.is_some(),
        "the outbox knows the card left"
    );

    // The person pays one line of the same address meanwhile.
    let one = lines[0].bill.id.clone();
    let step = common::app::pay(
        &rig.ofis,
        PayScope::Line(one.clone()),
        test_cards::SUCCESS_MIR,
    )
    .await;
    assert!(matches!(step, PaymentStep::Paid(_)), "{step:?}");

    rig.gateway.late_delivered(1).await;
    assert_each_bill_charged_at_most_once(&rig);
    assert_eq!(rig.sandbox.state.charges().len(), 1);
    // Every payment accounted for: the first ended on the bank's word, the second is paid.
    let outbox = rig.outbox();
    let first_now = outbox
        .iter()
        .find(|o| o.idempotency_key == first.idempotency_key)
        .unwrap();
    assert_eq!(first_now.state, OutboxState::Cancelled);
    let statuses = rig.sandbox.state.order_statuses();
    assert_eq!(
        statuses[first.server_order_id.as_deref().unwrap()],
        OrderStatus::Cancelled
    );
    assert!(outbox.iter().all(|o| o.state.is_final()), "{outbox:?}");
    let history = rig.ofis.history().await.unwrap();
    assert_eq!(history.entries.len(), 2, "{history:?}");
    assert!(history.server_unavailable.is_none());
    assert_eq!(rig.ofis.reconcile().await.unwrap(), 0);
    rig.shutdown().await;
}

#[tokio::test]
async fn a_cancelled_3ds_ends_at_the_bank_and_frees_its_bills_for_good() {
    let mut rig = rig().await;
    let ticket = at_the_3ds_code(&rig).await;

    let cancelled = rig.ofis.cancel_payment(&ticket.key).await.unwrap();
    assert!(
        matches!(cancelled, PaymentStep::Declined(_)),
        "{cancelled:?}"
    );
    assert_eq!(rig.outbox()[0].state, OutboxState::Cancelled);
    assert_eq!(
        rig.sandbox.state.order_statuses()[&ticket.order_id],
        OrderStatus::Cancelled
    );
    // A code typed later cannot charge it.
    let late = rig.ofis.confirm_3ds(&ticket.key, THREE_DS_CODE).await;
    assert!(late.is_err(), "{late:?}");
    assert!(rig.sandbox.state.charges().is_empty());

    // A restart brings no block back; the bills are paid with one charge.
    rig.restart().await;
    assert_eq!(rig.ofis.reconcile().await.unwrap(), 0);
    let step = common::app::pay(&rig.ofis, PayScope::All, test_cards::SUCCESS_VISA).await;
    assert!(matches!(step, PaymentStep::Paid(_)), "{step:?}");
    assert_eq!(rig.sandbox.state.charges().len(), 1);
    rig.shutdown().await;
}

#[tokio::test]
async fn a_3ds_left_open_by_a_closed_app_is_cancelled_at_the_next_start() {
    let mut rig = rig().await;
    at_the_3ds_code(&rig).await;

    rig.restart().await;
    assert_eq!(rig.ofis.reconcile().await.unwrap(), 1);
    assert_eq!(rig.outbox()[0].state, OutboxState::Cancelled);
    let history = rig.ofis.history().await.unwrap();
    assert_eq!(history.entries[0].status, HistoryStatus::Cancelled);
    let step = common::app::pay(&rig.ofis, PayScope::All, test_cards::SUCCESS_VISA).await;
    assert!(matches!(step, PaymentStep::Paid(_)), "{step:?}");
    assert_eq!(rig.sandbox.state.charges().len(), 1);
    rig.shutdown().await;
}

#[tokio::test]
async fn leaving_the_card_screen_does_not_drop_the_card() {
    let rig = rig().await;
    let ticket = rig.ofis.start_payment(PayScope::All).await.unwrap();
    rig.gateway.set_latency(Duration::from_millis(400));
    // «‹» while the card is on its way: the caller gives up at once.
    let left = tokio::time::timeout(
        Duration::from_millis(50),
        rig.ofis
            .submit_card(&ticket.key, test_cards::SUCCESS_VISA, "12/30", "123"),
    )
    .await;
    assert!(left.is_err(), "the caller gave up before the answer");

    // The payment goes on and its outcome reaches «История».
    let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
    // (The outbox is written first, then the shown общий счёт: wait for both.)
    while rig.outbox()[0].state != OutboxState::Paid || !rig.ofis.snapshot().total().is_zero() {
        assert!(tokio::time::Instant::now() < deadline, "{:?}", rig.outbox());
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    rig.assert_paid_once().await;
    rig.shutdown().await;
}

/// Another person signs in on the same phone after «Выйти».
async fn another_person_signs_in(rig: &Rig) {
    const OTHER: &str = "+7 922 000-11-22";
    rig.ofis.request_code(OTHER).await.unwrap();
    rig.ofis
        .sign_in(OTHER, gorod_sandbox::SMS_CODE)
        .await
        .unwrap();
}

#[tokio::test]
async fn after_sign_out_an_open_payment_of_the_previous_person_is_cancelled_once() {
    let rig = rig().await;
    let ticket = at_the_3ds_code(&rig).await;
    rig.ofis.sign_out().await.unwrap();
    assert_eq!(
        rig.outbox().len(),
        1,
        "a card-sent payment outlives «Выйти»"
    );

    // The Город API does not show the new person the old order: the bank settles it.
    another_person_signs_in(&rig).await;
    assert_eq!(rig.ofis.reconcile().await.unwrap(), 1);
    assert_eq!(rig.outbox()[0].state, OutboxState::Cancelled);
    assert_eq!(
        rig.sandbox.state.order_statuses()[&ticket.order_id],
        OrderStatus::Cancelled
    );
    assert_eq!(
        rig.ofis.reconcile().await.unwrap(),
        0,
        "the next start is clean"
    );
    assert!(rig.sandbox.state.charges().is_empty());
    rig.shutdown().await;
}

#[tokio::test]
async fn after_sign_out_a_charged_payment_of_the_previous_person_is_recorded_paid_once() {
    let rig = rig().await;
    charged_but_unknown(&rig).await;
    rig.ofis.sign_out().await.unwrap();

    another_person_signs_in(&rig).await;
    assert_eq!(rig.ofis.reconcile().await.unwrap(), 1);
    assert_eq!(rig.outbox()[0].state, OutboxState::Paid);
    assert_eq!(
        rig.ofis.reconcile().await.unwrap(),
        0,
        "the next start is clean"
    );
    assert_eq!(rig.sandbox.state.charges().len(), 1);
    rig.shutdown().await;
}

/// Pays everything while the gateway's notices to the Город API are lost: the bank charges, the
/// Город API never hears, and the app cannot say how it ended.
async fn charged_but_untold(rig: &Rig) {
    let ticket = rig.ofis.start_payment(PayScope::All).await.unwrap();
    rig.sandbox.state.lose_outcome_notices(true);
    let unknown = rig
        .ofis
        .submit_card(&ticket.key, test_cards::SUCCESS_VISA, "12/30", "123")
        .await;
    assert!(
        matches!(unknown, Err(CoreError::PaymentInProgress)),
        "{unknown:?}"
    );
    assert_eq!(rig.sandbox.state.charges().len(), 1, "the bank did charge");
}

#[tokio::test]
async fn a_lost_notice_is_told_again_when_the_app_asks_the_bank() {
    let rig = rig().await;
    charged_but_untold(&rig).await;
    rig.sandbox.state.lose_outcome_notices(false);

    let asked = rig.ofis.start_payment(PayScope::All).await.unwrap_err();
    assert!(matches!(asked, CoreError::AlreadyPaid(_)), "{asked:?}");
    assert_eq!(rig.outbox()[0].state, OutboxState::Paid);
    assert_eq!(
        rig.ofis.receipts().await.unwrap().len(),
        1,
        "with its receipt"
    );
    assert_eq!(rig.sandbox.state.charges().len(), 1);
    assert_eq!(rig.sandbox.state.orders_count(), 1);
    rig.shutdown().await;
}

#[tokio::test]
async fn a_charge_the_gorod_api_never_hears_of_is_settled_on_the_banks_word() {
    let rig = rig().await;
    charged_but_untold(&rig).await;

    // «Оплатить» again: the bank says paid; the Город API still does not know. Nothing stays
    // blocked and nothing is charged twice: the person is asked about the paid bills.
    let asked = rig.ofis.start_payment(PayScope::All).await.unwrap_err();
    assert!(matches!(asked, CoreError::AlreadyPaid(_)), "{asked:?}");
    assert_eq!(rig.outbox()[0].state, OutboxState::Paid);
    assert_eq!(rig.sandbox.state.charges().len(), 1);
    assert_eq!(rig.sandbox.state.orders_count(), 1);
    assert_eq!(
        rig.ofis.reconcile().await.unwrap(),
        0,
        "nothing left pending"
    );
    rig.shutdown().await;
}
