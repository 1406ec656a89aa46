//! What an outbox payment is: its states and its frozen composition.

use std::fmt;

use chrono::{DateTime, Utc};
use ofis_domain::readings::MeterId;
use ofis_domain::{BillId, Line, Money};
use rust_decimal::Decimal;
use uuid::Uuid;

use crate::error::StoreError;

/// Where a payment stands, as far as this phone knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum OutboxState {
    /// The idempotency key is on disk; nothing has been sent yet (or the answer was lost).
    Prepared,
    /// The server created the order; the card may be with the bank's gateway.
    Created,
    /// Paid: the money went.
    Paid,
    /// The bank refused; nothing was charged.
    Declined,
    /// Cancelled at the bank before any charge (its word, not a guess); nothing was charged.
    Cancelled,
    /// Given up with no money moved: no card was ever sent for it, so none can be charged.
    Abandoned,
}

impl OutboxState {
    /// Whether the payment's outcome is known and can no longer change.
    pub fn is_final(self) -> bool {
        matches!(
            self,
            OutboxState::Paid
                | OutboxState::Declined
                | OutboxState::Cancelled
                | OutboxState::Abandoned
        )
    }

    /// The state's name in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            OutboxState::Prepared => "prepared",
            OutboxState::Created => "created",
            OutboxState::Paid => "paid",
            OutboxState::Declined => "declined",
            OutboxState::Cancelled => "cancelled",
            OutboxState::Abandoned => "abandoned",
        }
    }

    pub(super) fn parse(text: &str) -> Result<Self, StoreError> {
        Ok(match text {
            "prepared" => OutboxState::Prepared,
            "created" => OutboxState::Created,
            "paid" => OutboxState::Paid,
            "declined" => OutboxState::Declined,
            "cancelled" => OutboxState::Cancelled,
            "abandoned" => OutboxState::Abandoned,
            other => return Err(StoreError::Corrupt(format!("outbox_order.state {other:?}"))),
        })
    }
}

impl fmt::Display for OutboxState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One payment in the outbox: its frozen composition and what the server said about it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutboxOrder {
    /// A UUID, sent as the `Idempotency-Key` of the order request.
    pub idempotency_key: String,
    pub created_at: DateTime<Utc>,
    /// The frozen composition: each bill and the amount paid for it.
    pub lines: Vec<Line>,
    /// The sum of the lines' amounts.
    pub total: Money,
    pub state: OutboxState,
    pub server_order_id: Option<String>,
    /// The bank gateway's payment id.
    pub payment_id: Option<String>,
    /// Where the card goes for this payment.
    pub gateway_url: Option<String>,
    /// Why the bank refused or the payment was abandoned, in Russian.
    pub failure: Option<String>,
    pub receipt_id: Option<String>,
    /// When the card was sent to the bank (recorded before sending): from then on the payment
    /// ends only on the bank's word.
    pub sent_to_bank_at: Option<DateTime<Utc>>,
    /// The meter readings sent with the lines (in the receipt), part of the frozen composition.
    pub readings: Vec<OutboxReading>,
}

/// A meter reading sent with one line of a payment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutboxReading {
    /// The line's bill.
    pub bill_id: BillId,
    pub meter_id: MeterId,
    pub value: Decimal,
}

impl OutboxOrder {
    /// A payment of a frozen composition (`FrozenOrder::lines`) under a new idempotency key
    /// (a UUID), not sent yet; the total is the sum of the lines.
    pub fn prepared(idempotency_key: String, created_at: DateTime<Utc>, lines: Vec<Line>) -> Self {
        OutboxOrder {
            idempotency_key,
            created_at,
            total: lines.iter().map(|l| l.amount).sum(),
            lines,
            state: OutboxState::Prepared,
            server_order_id: None,
            payment_id: None,
            gateway_url: None,
            failure: None,
            receipt_id: None,
            sent_to_bank_at: None,
            readings: Vec::new(),
        }
    }

    /// The same payment carrying these readings with its lines.
    pub fn with_readings(self, readings: Vec<OutboxReading>) -> Self {
        OutboxOrder { readings, ..self }
    }

    /// Refuses what would make the outbox lie: a non-UUID key, a payment that claims to be
    /// sent already, an empty composition, or a total that is not the sum of the lines.
    pub(super) fn check_insertable(&self) -> Result<(), StoreError> {
        let refuse = |why: &str| {
            Err(StoreError::InvalidOrder(format!(
                "{}: {why}",
                self.idempotency_key
            )))
        };
        if Uuid::parse_str(&self.idempotency_key).is_err() {
            return refuse("the idempotency key is not a UUID");
        }
        let untouched = self.server_order_id.is_none()
            && self.payment_id.is_none()
            && self.gateway_url.is_none()
            && self.failure.is_none()
            && self.receipt_id.is_none()
            && self.sent_to_bank_at.is_none();
        if self.state != OutboxState::Prepared || !untouched {
            return refuse("a new payment must be prepared and not sent yet");
        }
        if self.lines.is_empty() {
            return refuse("no lines to pay");
        }
        if self.lines.iter().map(|l| l.amount).sum::<Money>() != self.total {
            return refuse("the total is not the sum of the lines");
        }
        for (i, r) in self.readings.iter().enumerate() {
            if !self.lines.iter().any(|l| l.bill.id == r.bill_id) {
                return refuse("a reading for a bill that is not paid");
            }
            let twice = self.readings[..i]
                .iter()
                .any(|e| e.bill_id == r.bill_id && e.meter_id == r.meter_id);
            if twice || r.value.is_sign_negative() {
                return refuse("a reading twice, or a negative one");
            }
        }
        Ok(())
    }
}
