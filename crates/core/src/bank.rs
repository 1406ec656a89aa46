//! The bank's word on a payment whose card may have left: where the Город API cannot say yet,
//! the gateway is asked, and a payment still open there is cancelled, so that it ends for sure
//! (paid, declined or cancelled) before its bills are free again.

use ofis_api::GatewayOutcome;
use ofis_client::ClientError;
use ofis_store::{OutboxOrder, OutboxState};
use tracing::{info, instrument, warn};

use crate::app::Ofis;
use crate::error::CoreError;
use crate::payment::{PaymentStep, CANCELLED};

/// How far settling an unfinished order got.
#[derive(Debug)]
pub(crate) enum Settlement {
    /// Final, as the Город API tells it (a paid order with its receipt).
    Known(PaymentStep),
    /// Paid on the bank's word alone (no receipt yet): the Город API does not know the order,
    /// or has not heard how it ended.
    OnBankWord,
    /// Not final yet: the order stays pending.
    Open,
}

impl Ofis {
    /// «Отменить» on the 3-D Secure screen (or a payment left half-way): the cancel reaches
    /// the gateway, and the payment ends as the bank says — cancelled, or paid if the bank had
    /// charged already (then the receipt is the answer).
    #[instrument(skip(self))]
    pub async fn cancel_payment(&self, key: &str) -> Result<PaymentStep, CoreError> {
        let order = self
            .inner
            .db
            .run({
                let k = key.to_string();
                move |s| s.outbox_get(&k)
            })
            .await?
            .ok_or(CoreError::UnknownPayment)?;
        match self.settle_with_bank(&order).await? {
            Settlement::Known(step) => Ok(step),
            Settlement::OnBankWord | Settlement::Open => Err(CoreError::PaymentInProgress),
        }
    }

    /// Ends an unfinished order on the bank's word: the gateway's final outcome, or its cancel
    /// of a payment still open. The Город API hears it from the gateway; its answer (with the
    /// receipt of a paid order) is recorded.
    pub(crate) async fn settle_with_bank(
        &self,
        order: &OutboxOrder,
    ) -> Result<Settlement, CoreError> {
        let (Some(order_id), Some(payment_id), Some(gateway_url)) = (
            order.server_order_id.as_deref(),
            order.payment_id.as_deref(),
            order.gateway_url.as_deref(),
        ) else {
            return Ok(Settlement::Open);
        };
        let gateway = &self.inner.gateway;
        let bank = match gateway.status(gateway_url, payment_id).await {
            Ok(o) if o.status.is_final() => o,
            Ok(_) => gateway.cancel(gateway_url, payment_id).await?,
            Err(ClientError::NotFound(_)) => return self.unknown_to_bank(order).await,
            Err(e) => return Err(e.into()),
        };
        info!(key = %order.idempotency_key, status = ?bank.status, "the bank's word");
        let dto = match self.poll_final(order_id).await {
            Ok(dto) => dto,
            // The Город API no longer knows the order (e.g. another person signed in since):
            // the bank's word settles it, once.
            Err(CoreError::Client(ClientError::NotFound(_))) => {
                return self.settle_on_bank_word(order, &bank).await
            }
            Err(e) => return Err(e),
        };
        Ok(
            match self.record_final(&order.idempotency_key, &dto).await? {
                Some(step) => Settlement::Known(step),
                // The bank has ended it but the Город API has not heard (its notice lost): the
                // bank's word settles it, so nothing stays blocked for ever.
                None if bank.status.is_final() => self.settle_on_bank_word(order, &bank).await?,
                None => Settlement::Open,
            },
        )
    }

    /// Records the gateway's final outcome when the Город API cannot give one.
    async fn settle_on_bank_word(
        &self,
        order: &OutboxOrder,
        bank: &GatewayOutcome,
    ) -> Result<Settlement, CoreError> {
        use ofis_api::GatewayStatus as G;
        let (state, failure) = match bank.status {
            G::Succeeded => (OutboxState::Paid, None),
            G::Declined | G::InsufficientFunds => (
                OutboxState::Declined,
                Some(
                    bank.message
                        .clone()
                        .unwrap_or_else(|| "Банк отклонил операцию".into()),
                ),
            ),
            G::Cancelled => (
                OutboxState::Cancelled,
                Some(bank.message.clone().unwrap_or_else(|| CANCELLED.into())),
            ),
            G::ChallengeRequired | G::AwaitingCard => return Ok(Settlement::Open),
        };
        warn!(key = %order.idempotency_key, %state, "settled on the bank's word alone");
        let (k, f) = (order.idempotency_key.clone(), failure.clone());
        self.inner
            .db
            .run(move |s| s.outbox_mark_final(&k, state, f.as_deref(), None))
            .await?;
        self.change().payments_mut().ended(&order.idempotency_key);
        match failure {
            // Declined or cancelled: said as the bank said it.
            Some(message) => Ok(Settlement::Known(PaymentStep::Declined(message))),
            // Paid, with no receipt to show until the Город API hears of it.
            None => {
                let paid = order.lines.iter().map(|l| l.bill.id.clone()).collect();
                self.bills_paid(&order.idempotency_key, paid).await?;
                Ok(Settlement::OnBankWord)
            }
        }
    }

    /// Neither the Город API nor the bank knows the payment: no money can move for it.
    async fn unknown_to_bank(&self, order: &OutboxOrder) -> Result<Settlement, CoreError> {
        let k = order.idempotency_key.clone();
        let (state, failure) = if order.sent_to_bank_at.is_some() {
            (OutboxState::Cancelled, Some(UNKNOWN_TO_BANK))
        } else {
            (OutboxState::Abandoned, None)
        };
        warn!(key = %k, %state, "the bank does not know the payment");
        self.inner
            .db
            .run(move |s| s.outbox_mark_final(&k, state, failure, None))
            .await?;
        self.change().payments_mut().ended(&order.idempotency_key);
        Ok(Settlement::Known(PaymentStep::Declined(
            UNKNOWN_TO_BANK.to_string(),
        )))
    }
}

const UNKNOWN_TO_BANK: &str = "Банк не знает этот платёж: деньги не списаны";
