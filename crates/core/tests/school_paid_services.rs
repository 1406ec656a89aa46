//! «Платные образовательные услуги» against the sandbox over loopback HTTP: the services with
//! what is owed, their bills paid once through the one engine (then «в обработке» until the
//! school posts them), requests to enrol or leave, attendance by period.

mod common {
    pub mod app;
}

use common::app;
use gorod_sandbox::test_cards;
use ofis_core::{last_week, CoreError, HistoryStatus, Ofis, PaymentStep, SchoolError};

/// The demo phone's child with paid services.
async fn child_with_services(ofis: &Ofis) -> String {
    let children = ofis.children().await.unwrap();
    assert_eq!(children.len(), 2, "the demo phone has two children");
    let with: Vec<_> = children.iter().filter(|c| c.has_paid_services).collect();
    assert_eq!(with.len(), 1, "one of them has paid services");
    with[0].id.clone()
}

#[tokio::test]
async fn services_owed_are_paid_once_and_then_processing_until_posted() {
    let sandbox = app::sandbox().await;
    let dir = tempfile::tempdir().unwrap();
    let ofis = app::open(&sandbox.gorod_url, dir.path()).await;
    app::sign_in(&ofis).await;
    let child = child_with_services(&ofis).await;

    let before = ofis.paid_services(&child).await.unwrap();
    let owed: Vec<_> = before
        .services
        .iter()
        .filter(|s| !s.owed.is_zero())
        .collect();
    assert!(
        !owed.is_empty(),
        "last month is unpaid: {:?}",
        before.services
    );
    assert!(!before.to_pay.is_empty());
    let due: ofis_domain::Money = before.to_pay.iter().map(|b| b.amount_due).sum();

    let ticket = ofis.pay_services(before.to_pay.clone()).await.unwrap();
    assert_eq!(ticket.total - ticket.fees(), due);
    let step = ofis
        .submit_card(&ticket.key, test_cards::SUCCESS_VISA, "12/30", "123")
        .await
        .unwrap();
    assert!(matches!(step, PaymentStep::Paid(_)), "{step:?}");
    for bill in &before.to_pay {
        assert_eq!(
            sandbox.state.charges_per_bill().get(bill.id.as_str()),
            Some(&1),
            "{} charged once",
            bill.id
        );
    }

    // Paid, not posted: «в обработке» until the school's monthly posting; nothing left to pay.
    let after = ofis.paid_services(&child).await.unwrap();
    assert!(after.to_pay.is_empty(), "{:?}", after.to_pay);
    let processing: ofis_domain::Money = after.services.iter().map(|s| s.processing).sum();
    assert_eq!(processing, due);
    let history = ofis.history().await.unwrap();
    assert_eq!(history.entries[0].status, HistoryStatus::Paid);

    // Paying the same bills again is asked about, never charged twice.
    let again = ofis.pay_services(before.to_pay.clone()).await;
    assert!(matches!(again, Err(CoreError::AlreadyPaid(_))), "{again:?}");
    sandbox.shutdown().await;
}

#[tokio::test]
async fn a_request_to_enrol_or_leave_is_listed_until_the_school_decides() {
    let sandbox = app::sandbox().await;
    let dir = tempfile::tempdir().unwrap();
    let ofis = app::open(&sandbox.gorod_url, dir.path()).await;
    app::sign_in(&ofis).await;
    let child = child_with_services(&ofis).await;
    let services = ofis.paid_services(&child).await.unwrap().services;
    let other = services
        .iter()
        .find(|s| !s.enrolled)
        .expect("a service not attended");

    let made = ofis.request_service(&child, &other.id, true).await.unwrap();
    assert_eq!((made.what, made.state), ("Запись", "На рассмотрении"));
    assert!(made.decided_on > ofis.today());
    let listed = ofis.service_requests(&child).await.unwrap();
    assert!(listed
        .iter()
        .any(|r| r.id == made.id && r.service_name == other.name));
    sandbox.shutdown().await;
}

#[tokio::test]
async fn attendance_is_shown_for_a_period_oldest_first_and_a_reversed_period_is_refused() {
    let sandbox = app::sandbox().await;
    let dir = tempfile::tempdir().unwrap();
    let ofis = app::open(&sandbox.gorod_url, dir.path()).await;
    app::sign_in(&ofis).await;
    let child = child_with_services(&ofis).await;

    let (from, to) = last_week(ofis.today());
    let week = ofis.attendance(&child, from, to).await.unwrap();
    assert!(!week.is_empty(), "lessons took place last week");
    assert!(week.windows(2).all(|w| w[0].day <= w[1].day));
    assert!(week.iter().all(|d| (from..=to).contains(&d.day)));

    let month_from = to - chrono::Days::new(30);
    let month = ofis.attendance(&child, month_from, to).await.unwrap();
    assert!(month.len() > week.len(), "a longer period, more lessons");

    let reversed = ofis.attendance(&child, to, from).await;
    assert!(
        matches!(
            reversed,
            Err(CoreError::School(SchoolError::PeriodReversed))
        ),
        "{reversed:?}"
    );
    sandbox.shutdown().await;
}
