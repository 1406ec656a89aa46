//! Reconciliation: before new money moves for bills, every earlier unfinished order that shares
//! one of them is settled with the server; on start, every unfinished order is.

use std::collections::BTreeSet;

use ofis_api::{OrderDto, OrderStatus};
use ofis_domain::{BillId, FrozenOrder};
use ofis_store::{OutboxOrder, OutboxReading, OutboxState};

use crate::app::Ofis;
use crate::error::CoreError;
use crate::payment::PaymentTicket;

impl Ofis {
    /// Before new money moves for these bills, earlier unfinished orders that share a bill are
    /// reconciled. The same composition still awaiting a card is reused instead of duplicated.
    pub(crate) async fn settle_overlapping(
        &self,
        frozen: &FrozenOrder,
        readings: &[OutboxReading],
    ) -> Result<Option<PaymentTicket>, CoreError> {
        let ids: BTreeSet<BillId> = frozen.bill_ids().into_iter().collect();
        let pending = self.inner.db.run(|s| s.outbox_pending()).await?;
        for order in pending
            .into_iter()
            .filter(|o| o.lines.iter().any(|l| ids.contains(&l.bill.id)))
        {
            let server = self.reconcile_one(&order).await?;
            let Some(server) = server else { continue };
            if server.status.is_final() {
                continue;
            }
            if order.lines == frozen.lines()
                && order.readings == readings
                && server.status == OrderStatus::AwaitingPayment
            {
                let ticket = PaymentTicket {
                    key: order.idempotency_key.clone(),
                    order_id: server.id.clone(),
                    payment_id: server.payment.payment_id.clone(),
                    gateway_url: server.payment.gateway_url.clone(),
                    total: server.total,
                    lines: order.lines.clone(),
                };
                self.state()
                    .tickets
                    .insert(ticket.key.clone(), ticket.clone());
                return Ok(Some(ticket));
            }
            if server.status == OrderStatus::AwaitingPayment {
                // No card was ever sent for it: nothing can be charged, so it is safe to drop.
                let k = order.idempotency_key.clone();
                self.inner
                    .db
                    .run(move |s| s.outbox_mark_final(&k, OutboxState::Abandoned, None, None))
                    .await?;
                continue;
            }
            return Err(CoreError::PaymentInProgress);
        }
        Ok(None)
    }

    /// Asks the server where one unfinished order stands and records a final answer.
    async fn reconcile_one(&self, order: &OutboxOrder) -> Result<Option<OrderDto>, CoreError> {
        let dto = match &order.server_order_id {
            Some(id) => self.inner.gorod.order(id).await?,
            None => {
                // Never confirmed as created: re-send with the same key; the server replays.
                let ticket = self.create_on_server(order).await?;
                self.inner.gorod.order(&ticket.order_id).await?
            }
        };
        self.record_final(&order.idempotency_key, &dto).await?;
        Ok(Some(dto))
    }

    /// Reconciles every unfinished order (on start, before anything is paid).
    pub async fn reconcile(&self) -> Result<usize, CoreError> {
        let pending = self.inner.db.run(|s| s.outbox_pending()).await?;
        let mut settled = 0;
        for order in pending {
            if let Some(dto) = self.reconcile_one(&order).await? {
                if dto.status.is_final() {
                    settled += 1;
                }
            }
        }
        Ok(settled)
    }
}
