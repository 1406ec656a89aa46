//! Reconciliation: before new money moves for bills, every earlier unfinished order that shares
//! one of them is settled; on start, every unfinished order is. An order whose card may have left
//! ends only on the word of the Город API or of the bank, never on a guess.

use std::collections::BTreeSet;

use ofis_api::{OrderDto, OrderStatus};
use ofis_client::ClientError;
use ofis_domain::{BillId, FrozenOrder};
use ofis_store::{OutboxOrder, OutboxReading, OutboxState};
use tracing::info;

use crate::app::Ofis;
use crate::bank::Settlement;
use crate::error::CoreError;
use crate::payment::PaymentTicket;

/// Where an unfinished order stands after asking the Город API.
enum Standing {
    /// Final now (recorded), or settled on the bank's word.
    Settled,
    /// Still open on the server, as this answer says.
    Open(Box<OrderDto>),
    /// Unknown to the Город API and still open at the bank: it holds its bills.
    OpenAtBank,
}

/// Whether money may have left for this order: its card was sent, or the server says the bank
/// has it (an order written before the outbox recorded sent cards).
fn money_may_move(order: &OutboxOrder, server: &OrderDto) -> bool {
    order.sent_to_bank_at.is_some() || server.status != OrderStatus::AwaitingPayment
}

impl Ofis {
    /// Before new money moves for these bills, earlier unfinished orders that share a bill are
    /// settled. The same composition still awaiting a card is handed back to be reused instead
    /// of duplicated; a payment with a request at the bank right now holds its bills.
    pub(crate) async fn settle_overlapping(
        &self,
        frozen: &FrozenOrder,
        readings: &[OutboxReading],
    ) -> Result<Option<PaymentTicket>, CoreError> {
        let ids: BTreeSet<BillId> = frozen.bill_ids().into_iter().collect();
        let pending = self.inner.db.run(|s| s.outbox_pending()).await?;
        let mut reusable = None;
        for order in pending
            .into_iter()
            .filter(|o| o.lines.iter().any(|l| ids.contains(&l.bill.id)))
        {
            if self.read().payments().is_in_flight(&order.idempotency_key) {
                return Err(CoreError::PaymentInProgress);
            }
            let server = match self.reconcile_one(&order).await? {
                Standing::Settled => continue,
                Standing::OpenAtBank => return Err(CoreError::PaymentInProgress),
                Standing::Open(server) => server,
            };
            if order.lines == frozen.lines()
                && order.readings == readings
                && !money_may_move(&order, &server)
            {
                // The same composition, no card ever sent for it: the same order serves.
                reusable = Some(self.ticket_for(&order, &server));
                continue;
            }
            if !money_may_move(&order, &server) {
                // No card was ever sent for it: nothing can be charged, so it is safe to drop.
                let k = order.idempotency_key.clone();
                self.inner
                    .db
                    .run(move |s| s.outbox_mark_final(&k, OutboxState::Abandoned, None, None))
                    .await?;
                continue;
            }
            if let Settlement::Open = self.settle_with_bank(&order).await? {
                return Err(CoreError::PaymentInProgress);
            }
        }
        Ok(reusable)
    }

    fn ticket_for(&self, order: &OutboxOrder, server: &OrderDto) -> PaymentTicket {
        let ticket = PaymentTicket {
            key: order.idempotency_key.clone(),
            order_id: server.id.clone(),
            payment_id: server.payment.payment_id.clone(),
            gateway_url: server.payment.gateway_url.clone(),
            total: server.total,
            lines: order.lines.clone(),
        };
        self.change().payments_mut().hold(ticket.clone());
        ticket
    }

    /// Asks the Город API where one unfinished order stands and records a final answer. An
    /// order the Город API does not know (another person has signed in since) is settled on the
    /// bank's word.
    async fn reconcile_one(&self, order: &OutboxOrder) -> Result<Standing, CoreError> {
        let dto = match &order.server_order_id {
            Some(id) => match self.inner.gorod.order(id).await {
                Ok(dto) => dto,
                Err(ClientError::NotFound(_)) => {
                    return Ok(match self.settle_with_bank(order).await? {
                        Settlement::Open => Standing::OpenAtBank,
                        _ => Standing::Settled,
                    })
                }
                Err(e) => return Err(e.into()),
            },
            None => {
                // Never confirmed as created: re-send with the same key; the server replays.
                let ticket = self.create_on_server(order).await?;
                self.inner.gorod.order(&ticket.order_id).await?
            }
        };
        Ok(
            match self.record_final(&order.idempotency_key, &dto).await? {
                Some(_) => Standing::Settled,
                None => Standing::Open(Box::new(dto)),
            },
        )
    }

    /// Settles every unfinished order (on start, before anything is paid; never at the same
    /// time as «Оплатить»). A payment open at the bank whose flow is gone from this process —
    /// the app was closed on the card or the 3-D Secure code — is cancelled there, so its bills
    /// are free again; one still on screen or in flight is left to its flow.
    pub async fn reconcile(&self) -> Result<usize, CoreError> {
        let _not_while_paying = self.inner.pay_lock.lock().await;
        let pending = self.inner.db.run(|s| s.outbox_pending()).await?;
        let mut settled = 0;
        for order in pending {
            let server = match self.reconcile_one(&order).await? {
                Standing::Settled => {
                    settled += 1;
                    continue;
                }
                Standing::OpenAtBank => continue,
                Standing::Open(server) => server,
            };
            let live = self.read().payments().is_live(&order.idempotency_key);
            if live || !money_may_move(&order, &server) {
                continue;
            }
            if !matches!(self.settle_with_bank(&order).await?, Settlement::Open) {
                info!(key = %order.idempotency_key, "an abandoned payment was ended at the bank");
                settled += 1;
            }
        }
        Ok(settled)
    }
}
