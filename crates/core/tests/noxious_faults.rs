//! The pay flow through noxious (Toxiproxy's Rust port, run in process) between the app and the
//! sandbox: generic network chaos on whole connections, where `faults.rs` aims at one request.
//! Latency with jitter, sliced answers, answers that never come (`timeout`), a connection closed
//! after the server accepted the request or halfway through its answer (`limit_data`). Every
//! scenario ends with exactly one charge, the bills paid in the app and nothing pending, and
//! prints one line of figures (`--nocapture` shows them). noxious 1.0 has no `reset_peer` toxic.

mod common {
    pub mod app;
    pub mod fault_proxy;
    pub mod noxious_proxy;
}

use std::time::{Duration, Instant};

use common::app;
use common::fault_proxy::{host_port, FaultProxy};
use common::noxious_proxy::Noxious;
use gorod_sandbox::{test_cards, RunningSandbox};
use noxious::toxic::ToxicKind;
use ofis_core::{ClientError, CoreError, Ofis, PayScope, PaymentStep, PaymentTicket};
use ofis_store::OutboxState;

/// The client's whole-request timeout: an answer that never comes fails this fast.
const CLIENT_TIMEOUT: Duration = Duration::from_secs(2);

/// The sandbox with noxious in front of the Город API and of the gateway, the app opened on the
/// first and signed in with the demo address. The gateway address in the Город API's answers is
/// rewritten to the gateway proxy's by a rewrite-only `FaultProxy` behind the Город one.
struct Rig {
    sandbox: RunningSandbox,
    gorod: Noxious,
    gateway: Noxious,
    dir: tempfile::TempDir,
    ofis: Ofis,
}

async fn rig() -> Rig {
    let sandbox = app::sandbox().await;
    let gateway = Noxious::start("gateway", host_port(&sandbox.gateway_url)).await;
    let rewrite = FaultProxy::start(host_port(&sandbox.gorod_url)).await;
    // Loopback ephemeral ports have the same number of digits, so lengths stay right.
    rewrite.rewrite_answers(&sandbox.gateway_url, &gateway.url);
    let gorod = Noxious::start("gorod", host_port(&rewrite.url)).await;
    let dir = tempfile::tempdir().unwrap();
    let ofis = app::signed_in_through(&gorod.url, dir.path(), CLIENT_TIMEOUT).await;
    Rig {
        sandbox,
        gorod,
        gateway,
        dir,
        ofis,
    }
}

impl Rig {
    fn outbox_states(&self) -> Vec<OutboxState> {
        app::outbox(self.dir.path())
            .into_iter()
            .map(|o| o.state)
            .collect()
    }

    async fn start_payment(&self) -> PaymentTicket {
        let ticket = self.ofis.start_payment(PayScope::All).await.unwrap();
        assert!(
            ticket.gateway_url.starts_with(&self.gateway.url),
            "the card goes through the gateway proxy: {}",
            ticket.gateway_url
        );
        ticket
    }

    async fn submit_card(&self, ticket: &PaymentTicket) -> Result<PaymentStep, CoreError> {
        self.ofis
            .submit_card(&ticket.key, test_cards::SUCCESS_VISA, "12/30", "123")
            .await
    }

    /// Submits the card and expects the app to say it is paid.
    async fn submit_card_paid(&self, ticket: &PaymentTicket) {
        let step = self.submit_card(ticket).await.unwrap();
        assert!(matches!(step, PaymentStep::Paid(_)), "{step:?}");
    }

    /// Adds `kind` on the answers of both the Город API and the gateway.
    async fn poison_both(&self, kind: ToxicKind) -> [String; 2] {
        [
            self.gorod.poison_answers(kind).await,
            self.gateway.poison_answers(kind).await,
        ]
    }

    /// After a failed payment: the bank charged, the app does not know it yet.
    fn assert_charged_not_known(&self) {
        assert_eq!(self.sandbox.state.charges().len(), 1, "the bank did charge");
        assert_eq!(
            self.outbox_states(),
            vec![OutboxState::Created],
            "not yet known"
        );
    }

    /// Removes the toxics of [`Rig::poison_both`]; then `reconcile()` settles the one payment.
    async fn settle_by_reconcile(&self, toxics: [String; 2], ticket: &PaymentTicket) {
        let [gorod, gateway] = toxics;
        self.gorod.cure(gorod).await;
        self.gateway.cure(gateway).await;
        assert_eq!(self.ofis.reconcile().await.unwrap(), 1);
        self.assert_paid_once(ticket).await;
    }

    /// Exactly one charge, for this order and its total; one order on the server; one paid
    /// order in the outbox and one receipt; the ticket's bills paid, nothing owed or pending.
    async fn assert_paid_once(&self, ticket: &PaymentTicket) {
        let charges = self.sandbox.state.charges();
        assert_eq!(charges.len(), 1, "exactly one charge: {charges:?}");
        assert_eq!(charges[0].order_id, ticket.order_id);
        assert_eq!(charges[0].amount, ticket.total);
        assert_eq!(self.sandbox.state.orders_count(), 1, "one order");
        assert_eq!(self.outbox_states(), vec![OutboxState::Paid]);
        assert_eq!(self.ofis.receipts().await.unwrap().len(), 1);
        let snapshot = self.ofis.snapshot();
        assert!(snapshot.total().is_zero(), "nothing owed");
        for line in &ticket.lines {
            assert!(
                snapshot.paid.contains(&line.bill.id),
                "{:?} paid",
                line.bill.id
            );
        }
        assert_eq!(
            self.ofis.reconcile().await.unwrap(),
            0,
            "nothing left pending"
        );
    }

    /// The scenario's line of figures.
    fn report(&self, scenario: &str, outcome: &str, started: Instant) {
        println!(
            "noxious | {scenario} | charges {} | orders {} | {outcome} | {:.2} s",
            self.sandbox.state.charges().len(),
            self.sandbox.state.orders_count(),
            started.elapsed().as_secs_f64()
        );
    }

    async fn shutdown(self) {
        self.gorod.stop();
        self.gateway.stop();
        self.sandbox.shutdown().await;
    }
}

#[tokio::test]
async fn latency_with_jitter_on_every_answer_only_slows_the_payment_down() {
    let rig = rig().await;
    rig.poison_both(ToxicKind::Latency {
        latency: 150,
        jitter: 100,
    })
    .await;

    let started = Instant::now();
    let ticket = rig.start_payment().await;
    rig.submit_card_paid(&ticket).await;
    // At least three answers (order, card, status), each held 50 ms or more.
    let took = started.elapsed();
    assert!(
        took >= Duration::from_millis(150),
        "latency acted: {took:?}"
    );
    rig.assert_paid_once(&ticket).await;
    rig.report("latency 150±100 ms", "paid at once", started);
    rig.shutdown().await;
}

#[tokio::test]
async fn answers_sliced_into_small_delayed_packets_are_read_whole() {
    let rig = rig().await;
    rig.poison_both(ToxicKind::Slicer {
        average_size: 16,
        size_variation: 8,
        delay: 1_000,
    })
    .await;

    let started = Instant::now();
    let ticket = rig.start_payment().await;
    rig.submit_card_paid(&ticket).await;
    rig.assert_paid_once(&ticket).await;
    rig.report("slicer 16±8 B, 1 ms apart", "paid at once", started);
    rig.shutdown().await;
}

#[tokio::test]
async fn order_creation_answers_that_never_come_time_out_and_the_retry_reuses_the_order() {
    let rig = rig().await;
    let stall = rig
        .gorod
        .poison_answers(ToxicKind::Timeout { timeout: 0 })
        .await;

    let started = Instant::now();
    let err = rig.ofis.start_payment(PayScope::All).await.unwrap_err();
    assert!(
        matches!(err, CoreError::Client(ClientError::Timeout)),
        "{err:?}"
    );
    assert_eq!(
        rig.sandbox.state.orders_count(),
        1,
        "the server created the order; the retries replayed it"
    );
    let stored = app::outbox(rig.dir.path());
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].state, OutboxState::Prepared, "not yet confirmed");

    rig.gorod.cure(stall).await;
    let ticket = rig.start_payment().await;
    assert_eq!(ticket.key, stored[0].idempotency_key, "the same key again");
    rig.submit_card_paid(&ticket).await;
    rig.assert_paid_once(&ticket).await;
    rig.report(
        "timeout on order creation",
        "timed out, retry reused the order, paid",
        started,
    );
    rig.shutdown().await;
}

#[tokio::test]
async fn card_answers_that_never_come_time_out_and_reconcile_finds_the_one_charge() {
    let rig = rig().await;
    let ticket = rig.start_payment().await;
    let stalls = rig.poison_both(ToxicKind::Timeout { timeout: 0 }).await;

    let started = Instant::now();
    let err = rig.submit_card(&ticket).await.unwrap_err();
    assert!(
        matches!(err, CoreError::Client(ClientError::Timeout)),
        "{err:?}"
    );
    rig.assert_charged_not_known();

    rig.settle_by_reconcile(stalls, &ticket).await;
    rig.report(
        "timeout on the card and the status",
        "timed out, reconcile found it paid",
        started,
    );
    rig.shutdown().await;
}

#[tokio::test]
async fn a_connection_closed_after_the_bank_accepted_the_card_is_found_paid_through_the_gorod_api()
{
    let rig = rig().await;
    let ticket = rig.start_payment().await;
    // One byte of the bank's answer, then the connection is closed: the card was charged.
    rig.gateway
        .poison_answers(ToxicKind::LimitData { bytes: 1 })
        .await;

    let started = Instant::now();
    rig.submit_card_paid(&ticket).await;
    rig.assert_paid_once(&ticket).await;
    rig.report(
        "limit_data 1 B on the card answer",
        "answer lost, found paid through the Город API",
        started,
    );
    rig.shutdown().await;
}

#[tokio::test]
async fn answers_cut_halfway_are_a_typed_error_and_reconcile_finds_the_one_charge() {
    let rig = rig().await;
    let ticket = rig.start_payment().await;
    // Past the status line and headers of both answers (108 B for the bank's, about 163 B for the
    // Город API's, whose `GET`s carry an `ETag`), short of the end of either body. A keep-alive
    // connection already open when noxious adds this toxic is closed before its next answer.
    let cuts = rig.poison_both(ToxicKind::LimitData { bytes: 170 }).await;

    let started = Instant::now();
    let err = rig.submit_card(&ticket).await.unwrap_err();
    assert!(
        matches!(
            err,
            CoreError::Client(ClientError::Network(_) | ClientError::Decode(_))
        ),
        "{err:?}"
    );
    rig.assert_charged_not_known();
    // Still cut: the status comes on a new connection, its body cut halfway.
    let still = rig.ofis.reconcile().await.unwrap_err();
    assert!(
        matches!(still, CoreError::Client(ClientError::Decode(_))),
        "{still:?}"
    );
    rig.assert_charged_not_known();

    rig.settle_by_reconcile(cuts, &ticket).await;
    rig.report(
        "limit_data 170 B on the card and status answers",
        &format!("typed errors ({err}; then {still}), reconcile found it paid"),
        started,
    );
    rig.shutdown().await;
}
