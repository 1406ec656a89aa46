//! Nothing cached may crash the next start: bills a server sent before the app checked them —
//! a fee of 10^28 %, of `Decimal::MAX` %, a negative one, an amount at the money ceiling with a
//! 100 % fee — sit in the real SQLite file (the saved общий счёт and the address cache), with a
//! saved reading and a queued one at `Decimal::MAX`. The app opens on it, shows totals, refuses
//! to pay with a typed error, signs in, settles, refreshes and sends its queue, and opens again.

mod common {
    pub mod app;
}

use chrono::Utc;
use common::app;
use ofis_core::{CoreError, PayScope};
use ofis_domain::readings::MeterId;
use ofis_domain::{
    AccountNumber, AddressId, Bill, BillId, CombinedBill, CombinedError, Fee, Line, Money,
    PaymentRules, Period, ProviderId, ServiceKind,
};
use ofis_store::{QueuedReading, Store};
use rust_decimal::Decimal;

fn bill(id: &str, due: Money, percent: Decimal, min: Money) -> Bill {
    Bill {
        id: BillId(id.into()),
        provider_id: ProviderId(format!("hostile-{id}")),
        provider_name: "Поставщик".into(),
        service: ServiceKind::ColdWater,
        service_name: String::new(),
        account: AccountNumber(format!("acc-{id}")),
        address_id: None,
        address_title: None,
        period: Period::new(2026, 11).unwrap(),
        amount_due: due,
        metered: true,
        billed_by_gorod: true,
        rules: PaymentRules {
            fee: Fee { percent, min },
            ..PaymentRules::default()
        },
    }
}

fn hostile_bills() -> Vec<Bill> {
    let ceiling = Money::from_whole_roubles(1_000_000_000);
    let hundred = Money::from_whole_roubles(100);
    vec![
        bill(
            "fee-1e28",
            ceiling,
            Decimal::from_i128_with_scale(10i128.pow(28), 0),
            Money::ZERO,
        ),
        bill("fee-max", hundred, Decimal::MAX, Money::ZERO),
        bill("fee-negative", hundred, Decimal::from(-5), Money::ZERO),
        bill("ceiling-plus-fee", ceiling, Decimal::ONE_HUNDRED, ceiling),
        bill("sane", hundred, Decimal::ONE, Money::ZERO),
    ]
}

#[tokio::test]
async fn hostile_bills_and_readings_in_the_cache_do_not_crash_the_next_start() {
    let sandbox = app::sandbox().await;
    let dir = tempfile::tempdir().unwrap();
    {
        let mut store = Store::open(&dir.path().join("ofis.sqlite")).unwrap();
        let bills = hostile_bills();
        store
            .save_combined(&CombinedBill::from_lines(
                bills.iter().cloned().map(Line::new),
            ))
            .unwrap();
        let address = AddressId("hostile-address".into());
        let period = Period::new(2026, 11).unwrap();
        store
            .cache_address_bills(&address, period, &bills, Utc::now())
            .unwrap();
        let huge = vec![(MeterId("m-huge".into()), Decimal::MAX)];
        store
            .save_line_readings(&BillId("sane".into()), &huge)
            .unwrap();
        store
            .queue_reading(&QueuedReading {
                idempotency_key: uuid::Uuid::new_v4().to_string(),
                meter_id: MeterId("m-huge".into()),
                value: Decimal::MAX,
                queued_at: Utc::now(),
            })
            .unwrap();
    }

    let ofis = app::open(&sandbox.gorod_url, dir.path()).await;
    let shown = ofis.snapshot();
    assert_eq!(
        shown.combined.lines().len(),
        5,
        "the cached lines are shown"
    );
    for line in shown.combined.lines() {
        let _ = (line.fee(), line.checked_fee());
    }
    assert!(shown.total() <= Money::from_whole_roubles(1_000_000_000));
    let _ = shown.combined.groups();
    assert_eq!(
        shown.combined.checked_total(),
        Err(CombinedError::AmountOutOfRange(BillId("fee-1e28".into())))
    );
    match ofis.start_payment(PayScope::All).await {
        Err(CoreError::Combined(CombinedError::AmountOutOfRange(_))) => {}
        other => panic!("expected a typed refusal, got {other:?}"),
    }
    match ofis
        .start_payment(PayScope::Line(BillId("fee-max".into())))
        .await
    {
        Err(CoreError::Combined(CombinedError::AmountOutOfRange(_))) => {}
        other => panic!("expected a typed refusal, got {other:?}"),
    }
    assert!(app::outbox(dir.path()).is_empty(), "no order was made");

    // The rest of a start: sign in, settle, refresh (the server knows none of these bills: they
    // stay as they are), send the queue.
    app::sign_in(&ofis).await;
    assert_eq!(ofis.reconcile().await.unwrap(), 0);
    ofis.refresh().await.unwrap();
    let _ = ofis.flush_reading_queue().await;
    let _ = ofis.reading_queue().await.unwrap();
    let _ = ofis.snapshot().total();
    drop(ofis);

    let again = app::open(&sandbox.gorod_url, dir.path()).await;
    let _ = again.snapshot().total();
    assert!(again.snapshot().combined.checked_total().is_err());
    sandbox.shutdown().await;
}
