//! Meter readings kept on the phone: those «Сохранить» keeps for a bill line until it is paid,
//! and the queue of readings sent without payment («Подать показания ИПУ»), each queued under
//! its idempotency key before the first send so an offline entry is never lost and a resend is
//! never a duplicate.
//!
//! Queue states: `Queued` → `Sent` (the server's reading id) | `Refused` (its Russian message).
//! An outcome never changes; repeating the same one is accepted.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use ofis_domain::readings::MeterId;
use ofis_domain::BillId;
use rusqlite::{params, OptionalExtension};
use rust_decimal::Decimal;

use crate::codec::{parse_reading, parse_time, reading_text, time_text};
use crate::error::StoreError;
use crate::open::Store;

/// A reading to send without payment, as queued.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QueuedReading {
    /// A UUID, sent as the `Idempotency-Key` of the reading request.
    pub idempotency_key: String,
    pub meter_id: MeterId,
    pub value: Decimal,
    pub queued_at: DateTime<Utc>,
}

/// Where a queued reading stands, as far as this phone knows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum QueueState {
    /// Not sent yet, or the answer was lost: send (again) under the same key.
    Queued,
    /// The server accepted it.
    Sent { server_reading_id: String },
    /// The server refused it; the message is Russian and fit for the person.
    Refused { message: String },
}

/// A queued reading and its state (what the person sees in the queue).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QueueEntry {
    pub reading: QueuedReading,
    pub state: QueueState,
}

const QUEUE_SELECT: &str = "SELECT idempotency_key, meter_id, value, queued_at, state, \
     server_reading_id, refusal FROM reading_queue";
/// Readings still to send, oldest first (see [`crate::HOT_QUERIES`]).
pub(crate) const OPEN_QUEUE: &str = "SELECT idempotency_key, meter_id, value, queued_at, state, \
     server_reading_id, refusal FROM reading_queue WHERE state = 'queued' \
     ORDER BY queued_at, rowid";
/// The newest settled readings of one outcome.
pub(crate) const RECENT_SETTLED: &str = "SELECT idempotency_key, meter_id, value, queued_at, \
     state, server_reading_id, refusal FROM reading_queue WHERE state = ?1 \
     ORDER BY queued_at DESC, rowid DESC LIMIT ?2";
/// One meter's accepted readings, oldest first.
pub(crate) const METER_READINGS: &str = "SELECT idempotency_key, meter_id, value, queued_at, \
     state, server_reading_id, refusal FROM reading_queue WHERE meter_id = ?1 AND state = 'sent' \
     ORDER BY queued_at";

impl Store {
    /// Replaces the readings saved for a bill line («Сохранить»), in the given order.
    pub fn save_line_readings(
        &mut self,
        bill_id: &BillId,
        readings: &[(MeterId, Decimal)],
    ) -> Result<(), StoreError> {
        let tx = self.write_tx()?;
        tx.execute(
            "DELETE FROM saved_reading WHERE bill_id = ?1",
            [bill_id.as_str()],
        )?;
        {
            let mut insert = tx.prepare(
                "INSERT INTO saved_reading (bill_id, meter_id, value, position) VALUES (?1, ?2, ?3, ?4)",
            )?;
            for (position, (meter_id, value)) in readings.iter().enumerate() {
                insert.execute(params![
                    bill_id.as_str(),
                    meter_id.as_str(),
                    reading_text(*value)?,
                    position as i64
                ])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// The readings saved for a bill line, in the order saved (empty when none).
    pub fn line_readings(&self, bill_id: &BillId) -> Result<Vec<(MeterId, Decimal)>, StoreError> {
        Ok(self
            .saved_readings(Some(bill_id))?
            .remove(bill_id)
            .unwrap_or_default())
    }

    /// Every saved reading, by bill line: what «Оплатить» at the bottom sends with the payment.
    pub fn all_saved_readings(
        &self,
    ) -> Result<BTreeMap<BillId, Vec<(MeterId, Decimal)>>, StoreError> {
        self.saved_readings(None)
    }

    /// Forgets the readings saved for a bill line (after it is paid, or when the person clears them).
    pub fn clear_line_readings(&mut self, bill_id: &BillId) -> Result<(), StoreError> {
        self.conn.execute(
            "DELETE FROM saved_reading WHERE bill_id = ?1",
            [bill_id.as_str()],
        )?;
        Ok(())
    }

    fn saved_readings(
        &self,
        only: Option<&BillId>,
    ) -> Result<BTreeMap<BillId, Vec<(MeterId, Decimal)>>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT bill_id, meter_id, value FROM saved_reading
             WHERE ?1 IS NULL OR bill_id = ?1 ORDER BY bill_id, position",
        )?;
        let raw: Vec<(String, String, String)> = stmt
            .query_map([only.map(BillId::as_str)], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })?
            .collect::<Result<_, _>>()?;
        let mut out: BTreeMap<BillId, Vec<(MeterId, Decimal)>> = BTreeMap::new();
        for (bill_id, meter_id, value) in raw {
            let value = parse_reading(&value, "saved_reading.value")?;
            out.entry(BillId(bill_id))
                .or_default()
                .push((MeterId(meter_id), value));
        }
        Ok(out)
    }

    /// Queues a reading to send without payment. When this returns, it is committed to disk,
    /// so the caller may send it.
    pub fn queue_reading(&mut self, reading: &QueuedReading) -> Result<(), StoreError> {
        let tx = self.write_tx()?;
        let exists: Option<i64> = tx
            .query_row(
                "SELECT 1 FROM reading_queue WHERE idempotency_key = ?1",
                [&reading.idempotency_key],
                |r| r.get(0),
            )
            .optional()?;
        if exists.is_some() {
            return Err(StoreError::DuplicateReading(
                reading.idempotency_key.clone(),
            ));
        }
        tx.execute(
            "INSERT INTO reading_queue (idempotency_key, meter_id, value, queued_at, state)
             VALUES (?1, ?2, ?3, ?4, 'queued')",
            params![
                reading.idempotency_key,
                reading.meter_id.as_str(),
                reading_text(reading.value)?,
                time_text(reading.queued_at)
            ],
        )?;
        tx.commit()?;
        tracing::info!(key = %reading.idempotency_key, meter = %reading.meter_id, "reading queued");
        Ok(())
    }

    /// Readings still to send, oldest first.
    pub fn queued_readings(&self) -> Result<Vec<QueuedReading>, StoreError> {
        Ok(self
            .load_queue("WHERE state = 'queued'")?
            .into_iter()
            .map(|e| e.reading)
            .collect())
    }

    /// Every reading in the queue with its state, oldest first.
    pub fn reading_queue(&self) -> Result<Vec<QueueEntry>, StoreError> {
        self.load_queue("")
    }

    /// The server accepted the reading: `Queued` → `Sent`.
    pub fn mark_reading_sent(
        &mut self,
        key: &str,
        server_reading_id: &str,
    ) -> Result<(), StoreError> {
        self.settle(
            key,
            QueueState::Sent {
                server_reading_id: server_reading_id.to_string(),
            },
        )
    }

    /// The server refused the reading: `Queued` → `Refused`, with its message.
    pub fn mark_reading_refused(&mut self, key: &str, message: &str) -> Result<(), StoreError> {
        self.settle(
            key,
            QueueState::Refused {
                message: message.to_string(),
            },
        )
    }

    fn settle(&mut self, key: &str, outcome: QueueState) -> Result<(), StoreError> {
        let tx = self.write_tx()?;
        let current = tx
            .query_row(
                "SELECT state, server_reading_id, refusal FROM reading_queue WHERE idempotency_key = ?1",
                [key],
                |r| Ok((r.get::<_, String>(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?
            .ok_or_else(|| StoreError::UnknownReading(key.to_string()))?;
        let current = decode_state(current.0, current.1, current.2)?;
        if current == outcome {
            return Ok(());
        }
        if current != QueueState::Queued {
            return Err(StoreError::ReadingSettled {
                key: key.to_string(),
                state: state_name(&current),
            });
        }
        let (server_reading_id, refusal) = match &outcome {
            QueueState::Sent { server_reading_id } => (Some(server_reading_id.as_str()), None),
            QueueState::Refused { message } => (None, Some(message.as_str())),
            QueueState::Queued => (None, None),
        };
        tx.execute(
            "UPDATE reading_queue SET state = ?2, server_reading_id = ?3, refusal = ?4
             WHERE idempotency_key = ?1",
            params![key, state_name(&outcome), server_reading_id, refusal],
        )?;
        tx.commit()?;
        tracing::info!(key, state = state_name(&outcome), "queued reading settled");
        Ok(())
    }

    fn load_queue(&self, filter: &str) -> Result<Vec<QueueEntry>, StoreError> {
        let sql = format!("{QUEUE_SELECT} {filter} ORDER BY queued_at, rowid");
        self.load_queue_sql(&sql, [])
    }

    /// The queue as shown at start: every reading still to send, and the `recent` newest of
    /// those sent and of those refused; oldest first. Each part is read on an index.
    pub fn reading_queue_recent(&self, recent: u32) -> Result<Vec<QueueEntry>, StoreError> {
        let mut rows = self.load_queue_sql(OPEN_QUEUE, [])?;
        for state in ["sent", "refused"] {
            rows.extend(self.load_queue_sql(RECENT_SETTLED, params![state, recent])?);
        }
        rows.sort_by_key(|e| e.reading.queued_at);
        Ok(rows)
    }

    /// The readings of one meter the server accepted from the queue, oldest first.
    pub fn meter_sent_readings(&self, meter: &MeterId) -> Result<Vec<QueueEntry>, StoreError> {
        self.load_queue_sql(METER_READINGS, [meter.as_str()])
    }

    fn load_queue_sql(
        &self,
        sql: &str,
        params: impl rusqlite::Params,
    ) -> Result<Vec<QueueEntry>, StoreError> {
        let mut stmt = self.conn.prepare_cached(sql)?;
        type Row = (
            String,
            String,
            String,
            String,
            String,
            Option<String>,
            Option<String>,
        );
        let rows: Vec<Row> = stmt
            .query_map(params, |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                ))
            })?
            .collect::<Result<_, _>>()?;
        rows.into_iter()
            .map(|(key, meter_id, value, queued_at, state, id, refusal)| {
                Ok(QueueEntry {
                    reading: QueuedReading {
                        idempotency_key: key,
                        meter_id: MeterId(meter_id),
                        value: parse_reading(&value, "reading_queue.value")?,
                        queued_at: parse_time(&queued_at, "reading_queue.queued_at")?,
                    },
                    state: decode_state(state, id, refusal)?,
                })
            })
            .collect()
    }
}

fn decode_state(
    state: String,
    server_reading_id: Option<String>,
    refusal: Option<String>,
) -> Result<QueueState, StoreError> {
    match (state.as_str(), server_reading_id, refusal) {
        ("queued", None, None) => Ok(QueueState::Queued),
        ("sent", Some(server_reading_id), None) => Ok(QueueState::Sent { server_reading_id }),
        ("refused", None, Some(message)) => Ok(QueueState::Refused { message }),
        _ => Err(StoreError::Corrupt(format!(
            "reading_queue.state {state:?}"
        ))),
    }
}

fn state_name(state: &QueueState) -> &'static str {
    match state {
        QueueState::Queued => "queued",
        QueueState::Sent { .. } => "sent",
        QueueState::Refused { .. } => "refused",
    }
}
