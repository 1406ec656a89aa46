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

/// The in-app notices about `card`'s balance.
fn low_balance_notices(ofis: &ofis_core::Ofis, card: &str) -> usize {
    let notices = ofis.snapshot().notifications;
    notices
        .iter()
        .filter(|n| n.starts_with(&format!("{card}: на карте")))
        .count()
}

#[tokio::test]
async fn a_card_is_renamed_and_its_low_balance_alert_fires_once_until_a_top_up_is_credited() {
    let rig = rig().await;
    let renamed = rig.ofis.rename_card(MY_CARD, "  На работу ").await.unwrap();
    assert_eq!(renamed.name, "На работу");
    let cards = rig.ofis.transport_cards().await.unwrap();
    assert_eq!(cards[0].name, "На работу", "kept by the server");
    let long = "Очень длинное название карты, больше сорока знаков";
    assert!(rig.ofis.rename_card(MY_CARD, long).await.is_err());
    assert_eq!(
        rig.ofis.transport_card(MY_CARD).await.unwrap().name,
        "На работу"
    );

    // A threshold above the balance: the next read notifies, once.
    let card = rig.ofis.transport_card(MY_CARD).await.unwrap();
    assert!(!card.below_alert && card.alert.is_none(), "no alert set");
    assert!(matches!(
        rig.ofis.set_card_alert(MY_CARD, "0").await,
        Err(CoreError::ThresholdZero)
    ));
    let threshold = card.balance + ofis_domain::Money::from_whole_roubles(5000);
    let set = rig
        .ofis
        .set_card_alert(MY_CARD, &threshold.display_plain())
        .await;
    assert_eq!(set.unwrap(), Some(threshold));
    let read = rig.ofis.transport_card(MY_CARD).await.unwrap();
    assert!(read.below_alert, "below the threshold: notified");
    assert_eq!(read.alert, Some(threshold));
    assert!(!rig.ofis.transport_card(MY_CARD).await.unwrap().below_alert);
    assert!(
        !rig.ofis.transport_cards().await.unwrap()[0].below_alert,
        "not twice"
    );
    assert_eq!(low_balance_notices(&rig.ofis, "На работу"), 1);

    // A top-up paid but awaiting credit is not yet money on the card: still silent.
    let ticket = rig.ofis.top_up_card(MY_CARD, "300").await.unwrap();
    let paid = rig
        .ofis
        .submit_card(&ticket.key, test_cards::SUCCESS_VISA, "12/30", "123")
        .await
        .unwrap();
    assert!(matches!(paid, PaymentStep::Paid(_)), "{paid:?}");
    let awaiting = rig.ofis.transport_card(MY_CARD).await.unwrap();
    assert!(!awaiting.pending.is_zero() && !awaiting.below_alert);

    // Credited (the next day): re-armed, and still below the threshold — notified again, once.
    let tomorrow = ofis_core::Ofis::today(&rig.ofis)
        .checked_add_days(Days::new(1))
        .unwrap();
    rig.sandbox.state.set_today(tomorrow);
    let credited = rig.ofis.transport_card(MY_CARD).await.unwrap();
    assert!(credited.pending < awaiting.pending, "credited");
    assert!(credited.below_alert, "re-armed by the top-up");
    assert!(!rig.ofis.transport_card(MY_CARD).await.unwrap().below_alert);
    assert_eq!(low_balance_notices(&rig.ofis, "На работу"), 2);

    assert_eq!(rig.ofis.set_card_alert(MY_CARD, " ").await.unwrap(), None);
    assert_eq!(rig.ofis.card_alert(MY_CARD).await.unwrap(), None);
    rig.shutdown().await;
}
