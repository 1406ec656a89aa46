//! The card's trip to the bank: recorded as sent before it leaves, carried by a task of its own
//! (so leaving the screen does not drop it), and followed until the Город API knows the outcome.

use std::future::Future;
use std::time::Duration;

use ofis_api::{GatewayOutcome, GatewayStatus, OrderDto};
use ofis_client::{ClientError, GatewayClient};
use ofis_domain::card::CardData;
use tracing::{instrument, warn};

use crate::app::Ofis;
use crate::error::CoreError;
use crate::payment::{PaymentStep, PaymentTicket};

const POLL_ATTEMPTS: u32 = 20;
const POLL_INTERVAL: Duration = Duration::from_millis(250);

/// Marks a payment as having a request at the bank in this process, until dropped.
struct InFlight {
    ofis: Ofis,
    key: String,
}

impl InFlight {
    fn new(ofis: &Ofis, key: &str) -> Self {
        ofis.change().payments_mut().took_off(key);
        InFlight {
            ofis: ofis.clone(),
            key: key.to_string(),
        }
    }
}

impl Drop for InFlight {
    fn drop(&mut self) {
        self.ofis.change().payments_mut().landed(&self.key);
    }
}

impl Ofis {
    /// Sends the card to the bank gateway (and nowhere else) for a created order.
    ///
    /// The outbox records that the card left before it leaves. The request runs in a task of
    /// its own: if the caller gives up (the person taps «‹»), it still ends, and its outcome
    /// reaches «История».
    #[instrument(skip(self, number, expiry, cvc))]
    pub async fn submit_card(
        &self,
        key: &str,
        number: &str,
        expiry: &str,
        cvc: &str,
    ) -> Result<PaymentStep, CoreError> {
        let card = CardData::parse(number, expiry, cvc, self.inner.clock.today())?;
        self.require_payment_pin(key)?;
        let ticket = self.ticket(key)?;
        self.record_card_sent(key).await?;
        self.travel(&ticket, |gateway, t| async move {
            gateway
                .pay_with_card(&t.gateway_url, &t.payment_id, card)
                .await
        })
        .await
    }

    /// Sends the 3-D Secure code; like the card, it goes on if the caller gives up.
    #[instrument(skip(self, code))]
    pub async fn confirm_3ds(&self, key: &str, code: &str) -> Result<PaymentStep, CoreError> {
        let ticket = self.ticket(key)?;
        let code = code.trim().to_string();
        self.travel(&ticket, |gateway, t| async move {
            gateway
                .confirm_3ds(&t.gateway_url, &t.payment_id, &code)
                .await
        })
        .await
    }

    /// Runs one request to the bank and what follows its answer in a task of its own, marked
    /// in flight until it ends, so that a caller who gives up drops nothing.
    async fn travel<F, Fut>(
        &self,
        ticket: &PaymentTicket,
        request: F,
    ) -> Result<PaymentStep, CoreError>
    where
        F: FnOnce(GatewayClient, PaymentTicket) -> Fut + Send + 'static,
        Fut: Future<Output = Result<GatewayOutcome, ClientError>> + Send,
    {
        let (this, ticket) = (self.clone(), ticket.clone());
        let flight = InFlight::new(self, &ticket.key);
        let trip = tokio::spawn(async move {
            let _flight = flight;
            let outcome = request(this.inner.gateway.clone(), ticket.clone()).await;
            this.after_gateway(&ticket, outcome).await
        });
        trip.await.map_err(|e| CoreError::Task(e.to_string()))?
    }

    async fn record_card_sent(&self, key: &str) -> Result<(), CoreError> {
        let (k, now) = (key.to_string(), self.inner.clock.now());
        self.inner
            .db
            .run(move |s| s.outbox_mark_card_sent(&k, now))
            .await
    }

    pub(crate) fn ticket(&self, key: &str) -> Result<PaymentTicket, CoreError> {
        self.read()
            .payments()
            .ticket(key)
            .cloned()
            .ok_or(CoreError::UnknownPayment)
    }

    async fn after_gateway(
        &self,
        ticket: &PaymentTicket,
        outcome: Result<GatewayOutcome, ClientError>,
    ) -> Result<PaymentStep, CoreError> {
        let outcome = match outcome {
            Ok(o) => o,
            Err(e) if e.is_retryable() => {
                // The bank may have charged: ask the Город API before saying anything.
                warn!(error = %e, "gateway answer lost; reconciling");
                let dto = self.poll_final(&ticket.order_id).await?;
                return match self.record_final(&ticket.key, &dto).await? {
                    Some(step) => Ok(step),
                    None => Err(e.into()),
                };
            }
            Err(e) => return Err(e.into()),
        };
        match outcome.status {
            GatewayStatus::ChallengeRequired => Ok(PaymentStep::Challenge),
            // The gateway never answers a card with "no card"; should it, the order is followed
            // like any other, through the Город API.
            GatewayStatus::Succeeded
            | GatewayStatus::Declined
            | GatewayStatus::InsufficientFunds
            | GatewayStatus::Cancelled
            | GatewayStatus::AwaitingCard => {
                let dto = self.poll_final(&ticket.order_id).await?;
                match self.record_final(&ticket.key, &dto).await? {
                    Some(step) => Ok(step),
                    None => Err(CoreError::PaymentInProgress),
                }
            }
        }
    }

    /// The order as the Город API has it, asked again for a few seconds until it is final.
    pub(crate) async fn poll_final(&self, order_id: &str) -> Result<OrderDto, CoreError> {
        let mut last = self.inner.gorod.order(order_id).await?;
        for _ in 0..POLL_ATTEMPTS {
            if last.status.is_final() {
                break;
            }
            tokio::time::sleep(POLL_INTERVAL).await;
            last = self.inner.gorod.order(order_id).await?;
        }
        Ok(last)
    }
}
