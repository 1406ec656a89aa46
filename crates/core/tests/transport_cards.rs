//! «Транспорт» cards against the sandbox over loopback HTTP: the demo phone's card, adding an
//! online card and refusing the others with the manual's advice, a number checked here first;
//! «Пополнение» through the one payment engine — one charge whatever answer is lost — and
//! «ожидает зачисления» until the transport system credits it.

mod common {
    pub mod app;
    pub mod fault_proxy;
    pub mod fault_rig;
}

use chrono::Days;
use common::fault_proxy::Fault;
use common::fault_rig::{rig, ORDER_CREATION};
use gorod_sandbox::test_cards;
use ofis_core::{CoreError, PaymentStep, TransportError};
use ofis_domain::transport::CardNumberError;

/// The demo phone's saved card («Моя карта», ЕТК-Онлайн).
const MY_CARD: &str = "9643100000123456789";
/// An online card to add («КШ Airtag-Онлайн»).
const ONLINE: &str = "9643 2000 0011 1122 228";
/// A card that is not online («ЕТК»).
const NOT_ONLINE: &str = "9643 1100 0099 9900 000";

#[tokio::test]
async fn an_online_card_is_added_another_refused_with_the_advice_and_a_typo_caught_here() {
    let rig = rig().await;
    let cards = rig.ofis.transport_cards().await.unwrap();
    assert_eq!(cards.len(), 1, "the demo phone starts with one card");
    assert_eq!(cards[0].number, MY_CARD);
    assert_eq!(cards[0].grouped, "9643 1000 0012 3456 789");
    assert!(
        cards[0].updated.starts_with("обновлено "),
        "{}",
        cards[0].updated
    );
    assert!(cards[0]
        .trips_left
        .as_deref()
        .is_some_and(|t| t.starts_with("Хватит на ")));

    let added = rig.ofis.save_card(ONLINE, "Карта сына").await.unwrap();
    assert_eq!((added.name.as_str(), added.online), ("Карта сына", true));
    assert_eq!(rig.ofis.transport_cards().await.unwrap().len(), 2);

    let refused = rig.ofis.save_card(NOT_ONLINE, "").await.unwrap_err();
    let said = ofis_core::messages::core_error(&refused);
    assert!(said.contains("орск.рф"), "{said}");
    let looked = rig.ofis.look_up_card(NOT_ONLINE).await.unwrap();
    assert!(!looked.online && looked.advice.is_some());

    // A digit mistyped: refused here, by its check digit, before anything is sent.
    let typo = rig
        .ofis
        .save_card("9643 2000 0011 1122 227", "")
        .await
        .unwrap_err();
    assert!(
        matches!(
            typo,
            CoreError::Transport(TransportError::Number(CardNumberError::CheckDigit))
        ),
        "{typo:?}"
    );

    rig.ofis.remove_card(&added.number).await.unwrap();
    assert_eq!(rig.ofis.transport_cards().await.unwrap().len(), 1);
    rig.ofis.save_card(ONLINE, "").await.expect("added again");
    rig.shutdown().await;
}

#[tokio::test]
async fn a_top_up_whose_answers_are_lost_is_charged_once_and_awaits_credit_until_credited() {
    let rig = rig().await;
    let before = rig.ofis.transport_card(MY_CARD).await.unwrap();
    let orders_before = rig.sandbox.state.orders_count();

    // Outside the type's limits: refused here, nothing asked.
    let small = rig.ofis.top_up_card(MY_CARD, "10").await.unwrap_err();
    assert!(
        matches!(small, CoreError::Transport(TransportError::TopUp(_))),
        "{small:?}"
    );
    assert_eq!(rig.sandbox.state.orders_count(), orders_before);

    // The order's answer is lost, then the bank's and the status answers after the charge.
    rig.gorod.arm(ORDER_CREATION, Fault::DropAnswer);
    let ticket = rig.ofis.top_up_card(MY_CARD, "300").await.unwrap();
    rig.pay_losing_the_answers(&ticket).await;
    // «Пополнение» again with the same amount: the same bill, found paid, asked about.
    let again = rig.ofis.top_up_card(MY_CARD, "300").await;
    assert!(matches!(again, Err(CoreError::AlreadyPaid(_))), "{again:?}");
    assert_eq!(rig.sandbox.state.charges().len(), 1, "one charge");
    assert!(rig
        .sandbox
        .state
        .charges_per_bill()
        .values()
        .all(|n| *n == 1));

    let card = rig.ofis.transport_card(MY_CARD).await.unwrap();
    assert_eq!(card.balance, before.balance, "not credited yet");
    assert_eq!(
        card.pending,
        before.pending + ofis_domain::Money::from_whole_roubles(300)
    );
    let history = rig.ofis.card_history(MY_CARD, None).await.unwrap();
    assert!(history
        .rows
        .iter()
        .any(|r| r.incoming && r.state == Some("ожидает зачисления")));

    // The next day the transport system has credited it.
    let tomorrow = ofis_core::Ofis::today(&rig.ofis)
        .checked_add_days(Days::new(1))
        .unwrap();
    rig.sandbox.state.set_today(tomorrow);
    let card = rig.ofis.transport_card(MY_CARD).await.unwrap();
    assert_eq!(card.pending, before.pending);
    assert!(
        card.balance >= before.balance,
        "credited (trips of the day may follow)"
    );

    // A later top-up is a new one: paid with its own bill.
    let next = rig.ofis.top_up_card(MY_CARD, "300").await.unwrap();
    let paid = rig
        .ofis
        .submit_card(&next.key, test_cards::SUCCESS_VISA, "12/30", "123")
        .await
        .unwrap();
    assert!(matches!(paid, PaymentStep::Paid(_)), "{paid:?}");
    assert_eq!(rig.sandbox.state.charges().len(), 2);
    rig.shutdown().await;
}
