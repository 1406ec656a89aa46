//! The fault rig: the sandbox with the Город API and the gateway each behind a fault proxy, and
//! the demo user signed in with the demo address through them.

#![allow(dead_code)]

use std::time::Duration;

use gorod_sandbox::RunningSandbox;
use ofis_core::Ofis;
use ofis_store::OutboxState;

use super::app;
use super::fault_proxy::{host_port, FaultProxy};

/// The order request, as the proxies see its request line.
pub const ORDER_CREATION: &str = "POST /api/v1/orders ";
/// An order's status request.
pub const ORDER_STATUS: &str = "GET /api/v1/orders/";
/// The card's request to the gateway.
pub const CARD: &str = "/card ";
/// The 3-D Secure code's request to the gateway.
pub const THREE_DS: &str = "/3ds ";
/// Short, so a stalled answer becomes a timeout quickly.
const TIMEOUT: Duration = Duration::from_secs(2);

/// The sandbox, with the Город API behind one fault proxy and the gateway behind another (the
/// gateway address in the Город API's answers is rewritten to the gateway proxy's).
pub struct Rig {
    pub sandbox: RunningSandbox,
    pub gorod: FaultProxy,
    pub gateway: FaultProxy,
    pub dir: tempfile::TempDir,
    pub ofis: Ofis,
}

pub async fn rig() -> Rig {
    let sandbox = app::sandbox().await;
    let gorod = FaultProxy::start(host_port(&sandbox.gorod_url)).await;
    let gateway = FaultProxy::start(host_port(&sandbox.gateway_url)).await;
    // Loopback ephemeral ports have the same number of digits, so lengths stay right.
    gorod.rewrite_answers(&sandbox.gateway_url, &gateway.url);
    let dir = tempfile::tempdir().unwrap();
    // Short, so a stalled answer becomes a timeout quickly.
    let ofis = app::signed_in_through(&gorod.url, dir.path(), TIMEOUT).await;
    Rig {
        sandbox,
        gorod,
        gateway,
        dir,
        ofis,
    }
}

impl Rig {
    /// Sends the success card for `ticket` while the bank's answer and the status answer are
    /// both lost: the bank charges, the app cannot tell yet.
    pub async fn pay_losing_the_answers(&self, ticket: &ofis_core::PaymentTicket) {
        self.gateway
            .arm(CARD, super::fault_proxy::Fault::DropAnswer);
        self.gorod
            .arm(ORDER_STATUS, super::fault_proxy::Fault::DropAnswer);
        let lost = self
            .ofis
            .submit_card(
                &ticket.key,
                gorod_sandbox::test_cards::SUCCESS_VISA,
                "12/30",
                "123",
            )
            .await;
        assert!(lost.is_err(), "the answers were lost: {lost:?}");
    }

    pub fn outbox(&self) -> Vec<ofis_store::OutboxOrder> {
        app::outbox(self.dir.path())
    }

    /// Exactly one charge at the bank, one paid order in the outbox, one receipt, nothing owed.
    pub async fn assert_paid_once(&self) {
        assert_eq!(self.sandbox.state.charges().len(), 1, "exactly one charge");
        let states: Vec<_> = self.outbox().into_iter().map(|o| o.state).collect();
        assert_eq!(states, vec![OutboxState::Paid]);
        assert_eq!(self.ofis.receipts().await.unwrap().len(), 1);
        assert!(self.ofis.snapshot().total().is_zero());
        assert_eq!(
            self.ofis.reconcile().await.unwrap(),
            0,
            "nothing left pending"
        );
    }

    pub async fn shutdown(self) {
        self.sandbox.shutdown().await;
    }
}

impl Rig {
    /// The app closed and opened again on the same data folder (a fresh keyring, so the demo
    /// user signs in again), as after a crash.
    pub async fn restart(&mut self) {
        self.ofis = app::signed_in_through(&self.gorod.url, self.dir.path(), TIMEOUT).await;
    }
}
