//! Paying the общий счёт exactly once: the idempotency key is committed before the first send,
//! retries reuse it, and unfinished orders are reconciled before the same bills are paid again.

use std::collections::BTreeSet;
use std::time::Duration;

use ofis_api::{CreateOrder, OrderDto, OrderLineRequest, OrderStatus, ReadingSubmission};
use ofis_client::ClientError;
use ofis_domain::{Bill, BillId, FrozenOrder, Line, Money, Receipt};
use ofis_store::{OutboxOrder, OutboxReading, OutboxState, Store, StoreError};
use tracing::{info, instrument, warn};

use crate::app::Ofis;
use crate::error::CoreError;

/// What to pay.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PayScope {
    /// Every line with a non-zero amount («Оплатить» at the bottom).
    All,
    /// One line alone (the line's own «Оплатить»).
    Line(BillId),
    /// These bills: lines of the общий счёт at their amounts, or bills paid outside it (a
    /// top-up, a paid service) at the amount they ask.
    Bills(Vec<BillId>),
}

/// A created order waiting for the card: its composition is frozen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PaymentTicket {
    pub key: String,
    pub order_id: String,
    pub payment_id: String,
    pub gateway_url: String,
    pub total: Money,
    pub lines: Vec<Line>,
}

impl PaymentTicket {
    /// The providers' fees on top of the lines (included in the total).
    pub fn fees(&self) -> Money {
        self.lines.iter().map(Line::fee).sum()
    }

    /// The same composition, to freeze again after a refusal (a refused order is final).
    pub fn again(&self) -> PayScope {
        PayScope::Bills(self.lines.iter().map(|l| l.bill.id.clone()).collect())
    }
}

/// Where a payment stands after the card or the 3-D Secure code.
#[derive(Clone, Debug, PartialEq)]
pub enum PaymentStep {
    /// Paid; the receipt is stored.
    Paid(Receipt),
    /// The bank asks for a 3-D Secure code.
    Challenge,
    /// The bank refused, or the payment was cancelled; nothing was charged. The message is
    /// Russian.
    Declined(String),
}

const CREATE_ATTEMPTS: u32 = 3;
/// What the person reads when a payment was cancelled at the bank without an explanation.
pub(crate) const CANCELLED: &str = "Оплата отменена";

/// Bills paid through the app (from final paid orders in the outbox).
pub(crate) fn paid_bills(store: &mut Store) -> Result<BTreeSet<BillId>, StoreError> {
    Ok(store
        .outbox_all()?
        .into_iter()
        .filter(|o| o.state == OutboxState::Paid)
        .flat_map(|o| o.lines.into_iter().map(|l| l.bill.id))
        .collect())
}

fn order_request(order: &OutboxOrder) -> CreateOrder {
    CreateOrder {
        lines: order
            .lines
            .iter()
            .map(|l| OrderLineRequest {
                bill_id: l.bill.id.0.clone(),
                amount: l.amount,
                readings: order
                    .readings
                    .iter()
                    .filter(|r| r.bill_id == l.bill.id)
                    .map(|r| ReadingSubmission {
                        meter_id: r.meter_id.0.clone(),
                        value: r.value,
                    })
                    .collect(),
            })
            .collect(),
    }
}

impl Ofis {
    /// Looks up which of `bills` were paid through the app (on the outbox's index by bill) and
    /// tells the basket, before they are shown, merged or paid: the rule «a paid line is not
    /// offered again» then holds for every bill, however old its payment.
    pub(crate) async fn learn_paid(&self, bills: &[Bill]) -> Result<(), CoreError> {
        let ids: Vec<BillId> = bills.iter().map(|b| b.id.clone()).collect();
        let paid = self.inner.db.run(move |s| s.paid_among(&ids)).await?;
        if !paid.is_empty() {
            self.change().basket_mut().known_paid(paid);
        }
        Ok(())
    }

    /// «Оплатить»: freezes the composition, commits an idempotency key, creates the order.
    #[instrument(skip(self))]
    pub async fn start_payment(&self, scope: PayScope) -> Result<PaymentTicket, CoreError> {
        self.start_payment_checked(scope, false).await
    }

    /// Pays bills outside the общий счёт — a top-up, a paid service — through the same engine:
    /// frozen, an idempotency key committed before the first send, reconciled, one receipt.
    #[instrument(skip_all)]
    pub async fn start_payment_of(&self, bills: Vec<Bill>) -> Result<PaymentTicket, CoreError> {
        let ids = bills.iter().map(|b| b.id.clone()).collect();
        self.change().basket_mut().hold_outside(bills);
        self.start_payment(PayScope::Bills(ids)).await
    }

    /// «Оплатить ещё раз»: the user saw that some of these bills are paid already and confirmed.
    pub async fn start_payment_again(&self, scope: PayScope) -> Result<PaymentTicket, CoreError> {
        self.start_payment_checked(scope, true).await
    }

    async fn start_payment_checked(
        &self,
        scope: PayScope,
        paid_again_confirmed: bool,
    ) -> Result<PaymentTicket, CoreError> {
        let _one_at_a_time = self.inner.pay_lock.lock().await;
        let frozen: FrozenOrder = self.read().basket().freeze(&scope)?;
        let bills: Vec<Bill> = frozen.lines().iter().map(|l| l.bill.clone()).collect();
        self.learn_paid(&bills).await?;
        let readings = self.saved_readings_of(&frozen).await?;
        // Settle first, then decide: an earlier order of these bills found paid just now makes
        // them paid as surely as one paid before.
        let reusable = self.settle_overlapping(&frozen, &readings).await?;
        self.ask_before_paying_again(&frozen, paid_again_confirmed)
            .await?;
        if let Some(ticket) = reusable {
            return Ok(ticket);
        }
        let order = OutboxOrder::prepared(
            uuid::Uuid::new_v4().to_string(),
            self.inner.clock.now(),
            frozen.lines().to_vec(),
        )
        .with_readings(readings);
        let stored = order.clone();
        self.inner.db.run(move |s| s.outbox_insert(&stored)).await?;
        self.create_on_server(&order).await
    }

    /// Readings saved with «Сохранить» go in the receipt with their lines.
    async fn saved_readings_of(
        &self,
        frozen: &FrozenOrder,
    ) -> Result<Vec<OutboxReading>, CoreError> {
        let saved = self.inner.db.run(|s| s.all_saved_readings()).await?;
        Ok(frozen
            .lines()
            .iter()
            .flat_map(|l| {
                let id = l.bill.id.clone();
                saved
                    .get(&l.bill.id)
                    .into_iter()
                    .flatten()
                    .map(move |(meter_id, value)| OutboxReading {
                        bill_id: id.clone(),
                        meter_id: meter_id.clone(),
                        value: *value,
                    })
            })
            .collect())
    }

    /// A bill paid this period is paid again only on purpose: «Уже оплачено … Оплатить ещё
    /// раз?». The lines the person froze keep their amounts (settling may have just set a paid
    /// line to zero), so «Оплатить ещё раз» pays what they saw.
    async fn ask_before_paying_again(
        &self,
        frozen: &FrozenOrder,
        confirmed: bool,
    ) -> Result<(), CoreError> {
        let (already, restored) = self.change().basket_mut().paying_again(frozen)?;
        if restored {
            self.persist_combined().await?;
        }
        if already.is_empty() || confirmed {
            return Ok(());
        }
        Err(CoreError::AlreadyPaid(
            already
                .iter()
                .map(|l| format!("{} ({})", l.bill.service_title(), l.bill.period.label_ru()))
                .collect(),
        ))
    }

    /// Sends (or re-sends, with the same key) the order to the server and records the answer.
    pub(crate) async fn create_on_server(
        &self,
        order: &OutboxOrder,
    ) -> Result<PaymentTicket, CoreError> {
        let key = order.idempotency_key.clone();
        let request = order_request(order);
        let mut attempt = 0;
        let created: OrderDto = loop {
            attempt += 1;
            match self.inner.gorod.create_order(&key, &request).await {
                Ok(dto) => break dto,
                Err(e) if e.is_retryable() && attempt < CREATE_ATTEMPTS => {
                    warn!(attempt, error = %e, "order creation will be retried with the same key");
                    tokio::time::sleep(Duration::from_millis(300 * u64::from(attempt))).await;
                }
                Err(e) if e.is_retryable() => return Err(e.into()),
                Err(e) => {
                    // A final refusal: this key is done; a later attempt gets a new one.
                    let (k, msg) = (key.clone(), e.to_string());
                    self.inner
                        .db
                        .run(move |s| {
                            s.outbox_mark_final(&k, OutboxState::Abandoned, Some(&msg), None)
                        })
                        .await?;
                    return Err(self.readings_refusal(order, e));
                }
            }
        };
        let (k, oid, pid, url) = (
            key.clone(),
            created.id.clone(),
            created.payment.payment_id.clone(),
            created.payment.gateway_url.clone(),
        );
        self.inner
            .db
            .run(move |s| s.outbox_mark_created(&k, &oid, &pid, &url))
            .await?;
        let ticket = PaymentTicket {
            key: key.clone(),
            order_id: created.id,
            payment_id: created.payment.payment_id,
            gateway_url: created.payment.gateway_url,
            total: created.total,
            lines: order.lines.clone(),
        };
        self.change().payments_mut().hold(ticket.clone());
        Ok(ticket)
    }

    /// A refusal for want of readings names the line to enter them for (manual, section 8).
    fn readings_refusal(&self, order: &OutboxOrder, e: ClientError) -> CoreError {
        let ClientError::ReadingsRequired(message) = e else {
            return e.into();
        };
        let without = order
            .lines
            .iter()
            .find(|l| l.bill.metered && !order.readings.iter().any(|r| r.bill_id == l.bill.id))
            .or_else(|| order.lines.iter().find(|l| l.bill.metered));
        match without {
            Some(line) => CoreError::ReadingsRequired {
                bill_id: line.bill.id.clone(),
                message,
            },
            None => ClientError::ReadingsRequired(message).into(),
        }
    }

    /// These bills are paid (by the order of `key`): shown as paid, out of what is still to
    /// pay, and their saved readings gone with the payment (never sent twice).
    pub(crate) async fn bills_paid(
        &self,
        key: &str,
        paid_ids: Vec<BillId>,
    ) -> Result<(), CoreError> {
        {
            let mut s = self.change();
            s.basket_mut().paid(&paid_ids);
            s.payments_mut().ended(key);
        }
        self.inner
            .db
            .run(move |s| paid_ids.iter().try_for_each(|id| s.clear_line_readings(id)))
            .await?;
        self.persist_combined().await
    }

    /// Records a final server answer in the outbox (and the receipt); `None` if not final yet.
    pub(crate) async fn record_final(
        &self,
        key: &str,
        dto: &OrderDto,
    ) -> Result<Option<PaymentStep>, CoreError> {
        match dto.status {
            OrderStatus::Paid => {
                let Some(receipt) = dto.receipt.clone().map(Receipt::from) else {
                    return Err(ClientError::Decode("paid order without a receipt".into()).into());
                };
                let (k, r) = (key.to_string(), receipt.clone());
                self.inner
                    .db
                    .run(move |s| {
                        s.save_receipt(&r)?;
                        s.outbox_mark_final(&k, OutboxState::Paid, None, Some(&r.id))
                    })
                    .await?;
                let paid_ids: Vec<BillId> = dto
                    .lines
                    .iter()
                    .map(|l| BillId(l.bill_id.clone()))
                    .collect();
                self.bills_paid(key, paid_ids).await?;
                info!(order = %dto.id, "paid");
                Ok(Some(PaymentStep::Paid(receipt)))
            }
            OrderStatus::Declined | OrderStatus::Cancelled => {
                let (state, fallback) = if dto.status == OrderStatus::Declined {
                    (OutboxState::Declined, "Банк отклонил операцию")
                } else {
                    (OutboxState::Cancelled, CANCELLED)
                };
                let message = dto.failure.clone().unwrap_or_else(|| fallback.to_string());
                let (k, m) = (key.to_string(), message.clone());
                self.inner
                    .db
                    .run(move |s| s.outbox_mark_final(&k, state, Some(&m), None))
                    .await?;
                self.change().payments_mut().ended(key);
                Ok(Some(PaymentStep::Declined(message)))
            }
            OrderStatus::AwaitingPayment | OrderStatus::Processing => Ok(None),
        }
    }
}
