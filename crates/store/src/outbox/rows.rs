//! Reading outbox rows back into payments, refusing any that do not decode.

use rusqlite::{Connection, OptionalExtension};

use super::order::{OutboxOrder, OutboxReading, OutboxState};
use crate::codec::{parse_money, parse_reading, parse_time};
use crate::error::StoreError;
use crate::selection::decode_bill;
use ofis_domain::readings::MeterId;
use ofis_domain::{BillId, Line};

/// A payment's lines, in order.
pub(crate) const LINES: &str = "SELECT bill_id, bill_json, amount FROM outbox_line \
     WHERE idempotency_key = ?1 ORDER BY position";
/// A payment's readings, in order.
pub(crate) const READINGS: &str = "SELECT bill_id, meter_id, value FROM outbox_reading \
     WHERE idempotency_key = ?1 ORDER BY position";

/// An `outbox_order` row as stored, before decoding.
pub(super) struct OrderRow {
    key: String,
    created_at: String,
    total: String,
    state: String,
    server_order_id: Option<String>,
    payment_id: Option<String>,
    gateway_url: Option<String>,
    failure: Option<String>,
    receipt_id: Option<String>,
    sent_to_bank_at: Option<String>,
}

impl OrderRow {
    pub(super) fn read(r: &rusqlite::Row<'_>) -> rusqlite::Result<Self> {
        Ok(OrderRow {
            key: r.get(0)?,
            created_at: r.get(1)?,
            total: r.get(2)?,
            state: r.get(3)?,
            server_order_id: r.get(4)?,
            payment_id: r.get(5)?,
            gateway_url: r.get(6)?,
            failure: r.get(7)?,
            receipt_id: r.get(8)?,
            sent_to_bank_at: r.get(9)?,
        })
    }

    pub(super) fn decode(self, conn: &Connection) -> Result<OutboxOrder, StoreError> {
        let mut stmt = conn.prepare_cached(LINES)?;
        let raw: Vec<(String, String, String)> = stmt
            .query_map([&self.key], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<Result<_, _>>()?;
        let lines = raw
            .into_iter()
            .map(|(bill_id, bill_json, amount)| {
                Ok(Line {
                    bill: decode_bill(&bill_id, &bill_json, "outbox_line")?,
                    amount: parse_money(&amount, "outbox_line.amount")?,
                })
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
        if lines.is_empty() {
            return Err(StoreError::Corrupt(format!(
                "outbox order {} has no lines",
                self.key
            )));
        }
        let readings = read_readings(conn, &self.key)?;
        let sent_to_bank_at = self
            .sent_to_bank_at
            .as_deref()
            .map(|t| parse_time(t, "outbox_order.sent_to_bank_at"))
            .transpose()?;
        Ok(OutboxOrder {
            created_at: parse_time(&self.created_at, "outbox_order.created_at")?,
            total: parse_money(&self.total, "outbox_order.total")?,
            state: OutboxState::parse(&self.state)?,
            idempotency_key: self.key,
            lines,
            server_order_id: self.server_order_id,
            payment_id: self.payment_id,
            gateway_url: self.gateway_url,
            failure: self.failure,
            receipt_id: self.receipt_id,
            sent_to_bank_at,
            readings,
        })
    }
}

/// The readings a payment carried, in the order they were recorded.
fn read_readings(conn: &Connection, key: &str) -> Result<Vec<OutboxReading>, StoreError> {
    let mut stmt = conn.prepare_cached(READINGS)?;
    let raw: Vec<(String, String, String)> = stmt
        .query_map([key], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<Result<_, _>>()?;
    raw.into_iter()
        .map(|(bill_id, meter_id, value)| {
            Ok(OutboxReading {
                bill_id: BillId(bill_id),
                meter_id: MeterId(meter_id),
                value: parse_reading(&value, "outbox_reading.value")?,
            })
        })
        .collect()
}

/// The parts of an order a transition is decided on.
pub(super) struct CurrentState {
    pub(super) state: OutboxState,
    server_order_id: Option<String>,
    payment_id: Option<String>,
    gateway_url: Option<String>,
    pub(super) failure: Option<String>,
    pub(super) receipt_id: Option<String>,
    pub(super) card_sent: bool,
}

impl CurrentState {
    pub(super) fn server_ids(&self) -> [Option<&str>; 3] {
        [
            self.server_order_id.as_deref(),
            self.payment_id.as_deref(),
            self.gateway_url.as_deref(),
        ]
    }
}

pub(super) fn read_state(conn: &Connection, key: &str) -> Result<Option<CurrentState>, StoreError> {
    let row = conn
        .query_row(
            "SELECT state, server_order_id, payment_id, gateway_url, failure, receipt_id,
                    sent_to_bank_at IS NOT NULL
             FROM outbox_order WHERE idempotency_key = ?1",
            [key],
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get::<_, bool>(6)?,
                ))
            },
        )
        .optional()?;
    row.map(
        |(state, server_order_id, payment_id, gateway_url, failure, receipt_id, card_sent)| {
            Ok(CurrentState {
                state: OutboxState::parse(&state)?,
                server_order_id,
                payment_id,
                gateway_url,
                failure,
                receipt_id,
                card_sent,
            })
        },
    )
    .transpose()
}
