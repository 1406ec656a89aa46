//! «Школьное питание» against the sandbox over loopback HTTP and a real SQLite file: the
//! history of a period, top-ups through the one payment engine (charged once whatever answer
//! is lost; processing, then posted when the sandbox clock moves), the daily limit, meal
//! requests before and after the cut-off, the menu, the photo, and the low-balance alert.

mod common {
    pub mod app;
    pub mod fault_proxy;
    pub mod fault_rig;
}
#[path = "meals_parts/day_to_day.rs"]
mod day_to_day;

use chrono::{Days, NaiveDate};
use common::app;
use common::fault_proxy::Fault;
use common::fault_rig::{rig, ORDER_CREATION};
use gorod_sandbox::{test_cards, RunningSandbox};
use ofis_core::messages::core_error;
use ofis_core::{CoreError, MealRowKind, Ofis, PaymentStep, SchoolError};
use ofis_domain::Money;

const MARIA: &str = "ch-maria";
const ARTEM: &str = "ch-artem";

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
}

fn dec(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, d).unwrap()
}

/// The sandbox on the demo date and the demo parent signed in (no address needed).
async fn parent() -> (RunningSandbox, tempfile::TempDir, Ofis) {
    let sandbox = app::sandbox().await;
    let dir = tempfile::tempdir().unwrap();
    let ofis = app::open(&sandbox.gorod_url, dir.path()).await;
    app::sign_in(&ofis).await;
    (sandbox, dir, ofis)
}

async fn pay(ofis: &Ofis, key: &str, pan: &str) -> PaymentStep {
    ofis.submit_card(key, pan, "12/30", "123").await.unwrap()
}

fn message(e: &CoreError) -> String {
    core_error(e)
}

#[tokio::test]
async fn the_parent_sees_two_children_and_last_weeks_history_with_what_was_bought() {
    let (sandbox, _dir, ofis) = parent().await;
    let children = ofis.children().await.unwrap();
    let names: Vec<&str> = children.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["Соколова Мария", "Соколов Артём"]);

    let week = ofis.meal_history(MARIA, None).await.unwrap();
    assert_eq!(
        (week.from, week.to),
        (day(19), day(25)),
        "today and six days before"
    );
    assert_eq!(week.period, "19.11.2026 — 25.11.2026");
    let purchase = week
        .rows
        .iter()
        .find(|r| r.kind == MealRowKind::Purchase)
        .expect("purchases last week");
    assert!(
        !purchase.items.is_empty() && purchase.items[0].contains(" × "),
        "{purchase:?}"
    );
    assert!(
        purchase.title.contains("этаж"),
        "the canteen: {}",
        purchase.title
    );
    assert!(purchase.when.contains(".11.2026 "), "{}", purchase.when);
    let spent: Money = week
        .rows
        .iter()
        .filter(|r| !r.incoming)
        .map(|r| r.amount)
        .sum();
    assert_eq!(spent, week.spent);

    // Another period: the first half of the month has the bank office's top-up.
    let early = ofis
        .meal_history(MARIA, Some((day(1), day(7))))
        .await
        .unwrap();
    assert_eq!(early.period, "01.11.2026 — 07.11.2026");
    assert!(
        early
            .rows
            .iter()
            .any(|r| r.kind == MealRowKind::TopUpPosted && r.state == "Зачислено"),
        "{:?}",
        early.rows
    );
    let reversed = ofis.meal_history(MARIA, Some((day(7), day(1)))).await;
    assert!(matches!(
        reversed,
        Err(CoreError::School(SchoolError::PeriodReversed))
    ));
    sandbox.shutdown().await;
}

#[tokio::test]
async fn a_top_up_whose_order_answer_is_lost_is_charged_once() {
    let rig = rig().await;
    rig.gorod.arm(ORDER_CREATION, Fault::DropAnswer);
    let ticket = rig.ofis.top_up(MARIA, "500").await.unwrap();
    assert_eq!(
        rig.sandbox.state.orders_count(),
        1,
        "the retry reused the key"
    );
    assert_eq!(ticket.total, Money::from_whole_roubles(500));
    let step = pay(&rig.ofis, &ticket.key, test_cards::SUCCESS_VISA).await;
    assert!(matches!(step, PaymentStep::Paid(_)), "{step:?}");
    let bill = ticket.lines[0].bill.id.clone();
    let charges = rig.sandbox.state.charges_per_bill();
    assert_eq!(charges.get(bill.as_str()), Some(&1), "{charges:?}");
    assert_eq!(rig.sandbox.state.charges().len(), 1);
    let card = rig.ofis.child(MARIA).await.unwrap();
    assert_eq!(card.processing, Money::from_whole_roubles(500));
    rig.shutdown().await;
}

#[tokio::test]
async fn a_top_up_whose_bank_answer_is_lost_is_charged_once_and_the_retry_finds_it_paid() {
    let rig = rig().await;
    let ticket = rig.ofis.top_up(MARIA, "700").await.unwrap();
    let bill = ticket.lines[0].bill.id.clone();
    rig.pay_losing_the_answers(&ticket).await;

    // «Пополнить» again with the same amount: the kept key brings the same bill, whose order
    // is settled first and found paid; the person is asked, nothing is charged.
    let again = rig.ofis.top_up(MARIA, "700").await;
    assert!(matches!(again, Err(CoreError::AlreadyPaid(_))), "{again:?}");
    assert_eq!(rig.sandbox.state.orders_count(), 1);
    let charges = rig.sandbox.state.charges_per_bill();
    assert_eq!(charges.get(bill.as_str()), Some(&1), "{charges:?}");
    assert_eq!(rig.sandbox.state.charges().len(), 1);

    // Once paid, a new top-up of the same amount is a new bill.
    let next = rig.ofis.top_up(MARIA, "700").await.unwrap();
    assert_ne!(next.lines[0].bill.id, bill);
    rig.shutdown().await;
}

#[tokio::test]
async fn a_top_up_is_processing_until_the_sandbox_clock_moves_then_posted() {
    let (sandbox, _dir, ofis) = parent().await;
    let form = ofis.top_up_form(ARTEM).await.unwrap();
    assert_eq!(form.meal_account, "50500124");
    let hint = form.hint.expect("the account's rules");
    let (min, max) = (
        Money::from_whole_roubles(10),
        Money::from_whole_roubles(15_000),
    );
    assert_eq!(
        hint,
        format!(
            "Сумма пополнения: от {} до {}",
            min.display_rub(),
            max.display_rub()
        )
    );

    // Outside the account's rules: refused here, nothing asked of the server.
    let small = ofis.top_up(ARTEM, "5").await.unwrap_err();
    assert_eq!(
        message(&small),
        format!("Поставщик принимает не меньше {}.", min.display_rub())
    );
    let zero = ofis.top_up(ARTEM, "0").await.unwrap_err();
    assert!(
        matches!(zero, CoreError::School(SchoolError::TopUpZero)),
        "{zero:?}"
    );
    assert!(ofis.top_up(ARTEM, "сто").await.is_err());
    assert_eq!(sandbox.state.orders_count(), 0);

    let before = ofis.child(ARTEM).await.unwrap();
    let ticket = ofis.top_up(ARTEM, "1 000,50").await.unwrap();
    let step = pay(&ofis, &ticket.key, test_cards::SUCCESS_VISA).await;
    assert!(matches!(step, PaymentStep::Paid(_)), "{step:?}");
    let card = ofis.child(ARTEM).await.unwrap();
    assert_eq!(card.processing, Money::parse_input("1000,50").unwrap());
    assert_eq!(card.balance, before.balance, "not posted yet");
    let history = ofis.meal_history(ARTEM, None).await.unwrap();
    let row = history
        .rows
        .iter()
        .find(|r| r.incoming)
        .expect("the top-up");
    assert_eq!(
        (row.kind, row.state.as_str()),
        (MealRowKind::TopUpProcessing, "В обработке")
    );

    sandbox.state.set_today(day(26));
    let card = ofis.child(ARTEM).await.unwrap();
    assert!(card.processing.is_zero(), "{card:?}");
    let history = ofis
        .meal_history(ARTEM, Some((day(20), day(26))))
        .await
        .unwrap();
    let row = history
        .rows
        .iter()
        .find(|r| r.amount == Money::parse_input("1000,50").unwrap())
        .expect("the top-up");
    assert_eq!(
        (row.kind, row.state.as_str()),
        (MealRowKind::TopUpPosted, "Зачислено")
    );
    sandbox.shutdown().await;
}

#[tokio::test]
async fn the_low_balance_alert_fires_once_and_re_arms_after_a_top_up_posts() {
    let (sandbox, dir, ofis) = parent().await;
    let card = ofis.child(ARTEM).await.unwrap();
    let outlook = ofis.meal_outlook(&card).await.unwrap();
    assert!(!outlook.notified, "no alert set");
    let days = outlook.days_left.expect("Артём eats at school");
    assert!(days.starts_with("Хватит на "), "{days}");

    let threshold = card.balance + Money::from_whole_roubles(5000);
    let typed = threshold.display_plain();
    ofis.set_low_balance_alert(ARTEM, &typed).await.unwrap();
    // Listing the children checks every fresh balance: below the threshold, one notice.
    ofis.children().await.unwrap();
    assert_eq!(
        ofis.snapshot().notifications.len(),
        1,
        "the list checked it"
    );
    assert!(
        !ofis.meal_outlook(&card).await.unwrap().notified,
        "below: once, and only once"
    );
    assert!(
        !ofis.meal_outlook(&card).await.unwrap().notified,
        "not twice"
    );
    let notices = ofis.snapshot().notifications;
    assert_eq!(notices.len(), 1, "{notices:?}");
    assert!(
        notices[0].starts_with("Соколов Артём: на счёте питания"),
        "{notices:?}"
    );

    // The threshold lives in the device's settings: a restart keeps it (and its silence).
    drop(ofis);
    let ofis = app::open(&sandbox.gorod_url, dir.path()).await;
    app::sign_in(&ofis).await;
    assert_eq!(
        ofis.low_balance_threshold(ARTEM).await.unwrap(),
        Some(threshold)
    );
    assert!(!ofis.meal_outlook(&card).await.unwrap().notified);

    // A top-up posts (the balance goes up, still under the threshold): the alert fires again.
    let ticket = ofis.top_up(ARTEM, "1000").await.unwrap();
    pay(&ofis, &ticket.key, test_cards::SUCCESS_VISA).await;
    sandbox
        .state
        .set_today(day(25).checked_add_days(Days::new(1)).unwrap());
    let after = ofis.child(ARTEM).await.unwrap();
    assert!(
        after.balance > card.balance,
        "{} > {}",
        after.balance,
        card.balance
    );
    assert!(
        ofis.meal_outlook(&after).await.unwrap().notified,
        "re-armed"
    );
    assert!(!ofis.meal_outlook(&after).await.unwrap().notified);
    assert_eq!(ofis.set_low_balance_alert(ARTEM, "").await.unwrap(), None);
    assert_eq!(ofis.low_balance_threshold(ARTEM).await.unwrap(), None);
    sandbox.shutdown().await;
}
