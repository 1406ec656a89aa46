//! The payment outbox: every payment is written here, durably, before the first request about
//! it leaves the phone, so a crash or a lost answer is reconciled with the server by its
//! idempotency key instead of paying twice.
//!
//! States: `Prepared` (key on disk, nothing sent) → `Created` (the server has the order) →
//! `Paid` | `Declined` | `Cancelled` (the bank's word); and `Prepared` | `Created` → `Abandoned`
//! (no money moved and none will). A `Created` order whose card was sent (`sent_to_bank_at`, on disk
//! before the card leaves) is never abandoned: it ends only on the bank's word. Final states
//! never change. Card data has no place here.

mod order;
mod rows;

pub use order::{OutboxOrder, OutboxReading, OutboxState};

use chrono::{DateTime, Utc};
use rusqlite::params;

use crate::codec::{money_text, reading_text, time_text, to_json};
use crate::error::StoreError;
use crate::open::Store;
use rows::{read_state, OrderRow};
pub(crate) use rows::{LINES, READINGS};

const ORDER_COLUMNS: &str = "idempotency_key, created_at, total, state, server_order_id, \
                             payment_id, gateway_url, failure, receipt_id, sent_to_bank_at";

/// The newest payments (see [`crate::HOT_QUERIES`]).
pub(crate) const PAGE_FIRST: &str = "SELECT idempotency_key, created_at, total, state, \
     server_order_id, payment_id, gateway_url, failure, receipt_id, sent_to_bank_at \
     FROM outbox_order ORDER BY created_at DESC, idempotency_key DESC LIMIT ?1";
/// The payments made before a cursor's.
pub(crate) const PAGE_AFTER: &str = "SELECT idempotency_key, created_at, total, state, \
     server_order_id, payment_id, gateway_url, failure, receipt_id, sent_to_bank_at \
     FROM outbox_order WHERE (created_at, idempotency_key) < (?1, ?2) \
     ORDER BY created_at DESC, idempotency_key DESC LIMIT ?3";
/// Payments whose outcome is not known, oldest first.
pub(crate) const PENDING: &str = "SELECT idempotency_key, created_at, total, state, \
     server_order_id, payment_id, gateway_url, failure, receipt_id, sent_to_bank_at \
     FROM outbox_order WHERE state IN ('prepared', 'created') ORDER BY created_at, rowid";
/// The payment the server knows by an order id.
pub(crate) const BY_SERVER_ORDER: &str = "SELECT idempotency_key, created_at, total, state, \
     server_order_id, payment_id, gateway_url, failure, receipt_id, sent_to_bank_at \
     FROM outbox_order WHERE server_order_id = ?1";

/// Where a page of payments ends: the last payment shown. The next page starts after it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutboxCursor {
    pub created_at: DateTime<Utc>,
    pub idempotency_key: String,
}

impl Store {
    /// Records a new payment. When this returns, the key is committed to disk (synchronous=FULL),
    /// so the caller may send the order request.
    pub fn outbox_insert(&mut self, order: &OutboxOrder) -> Result<(), StoreError> {
        order.check_insertable()?;
        let tx = self.write_tx()?;
        if read_state(&tx, &order.idempotency_key)?.is_some() {
            return Err(StoreError::DuplicateKey(order.idempotency_key.clone()));
        }
        tx.execute(
            &format!("INSERT INTO outbox_order ({ORDER_COLUMNS}) VALUES (?1, ?2, ?3, ?4, NULL, NULL, NULL, NULL, NULL, NULL)"),
            params![
                order.idempotency_key,
                time_text(order.created_at),
                money_text(order.total),
                OutboxState::Prepared.as_str(),
            ],
        )?;
        insert_lines(&tx, order)?;
        tx.commit()?;
        tracing::info!(key = %order.idempotency_key, total = %order.total, "payment recorded in the outbox");
        Ok(())
    }

    /// The server created the order: `Prepared` → `Created`. Repeating it with the same ids
    /// (e.g. while reconciling) changes nothing; anything else is an illegal transition.
    pub fn outbox_mark_created(
        &mut self,
        key: &str,
        server_order_id: &str,
        payment_id: &str,
        gateway_url: &str,
    ) -> Result<(), StoreError> {
        let tx = self.write_tx()?;
        let current = read_state(&tx, key)?.ok_or_else(|| StoreError::UnknownOrder(key.into()))?;
        let wanted = [Some(server_order_id), Some(payment_id), Some(gateway_url)];
        let illegal = || StoreError::IllegalTransition {
            key: key.into(),
            from: current.state,
            to: OutboxState::Created,
        };
        match current.state {
            OutboxState::Prepared => {}
            OutboxState::Created if current.server_ids() == wanted => return Ok(()),
            _ => return Err(illegal()),
        }
        tx.execute(
            "UPDATE outbox_order SET state = ?2, server_order_id = ?3, payment_id = ?4, gateway_url = ?5
             WHERE idempotency_key = ?1",
            params![key, OutboxState::Created.as_str(), server_order_id, payment_id, gateway_url],
        )?;
        tx.commit()?;
        tracing::info!(key, server_order_id, "payment created on the server");
        Ok(())
    }

    /// The card is about to leave for the bank: recorded (committed) before it is sent, so that
    /// from now on the payment ends only on the bank's word. Needs a `Created` order; repeating
    /// it (a second card for the same payment) keeps the first time.
    pub fn outbox_mark_card_sent(
        &mut self,
        key: &str,
        at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let tx = self.write_tx()?;
        let current = read_state(&tx, key)?.ok_or_else(|| StoreError::UnknownOrder(key.into()))?;
        if current.state != OutboxState::Created {
            return Err(StoreError::IllegalTransition {
                key: key.into(),
                from: current.state,
                to: OutboxState::Created,
            });
        }
        if current.card_sent {
            return Ok(());
        }
        tx.execute(
            "UPDATE outbox_order SET sent_to_bank_at = ?2 WHERE idempotency_key = ?1",
            params![key, time_text(at)],
        )?;
        tx.commit()?;
        tracing::info!(key, "card sent to the bank");
        Ok(())
    }

    /// Records how the payment ended: `state` is `Paid` (with the receipt id when known),
    /// `Declined` (with the bank's reason) or `Abandoned` (with the reason, if any).
    ///
    /// `Paid`, `Declined` and `Cancelled` need a `Created` order; `Abandoned` may come from
    /// `Prepared` or from a `Created` order whose card was never sent. A final state never changes; repeating the same outcome is accepted, and a
    /// paid order may get its receipt id later.
    pub fn outbox_mark_final(
        &mut self,
        key: &str,
        state: OutboxState,
        failure: Option<&str>,
        receipt_id: Option<&str>,
    ) -> Result<(), StoreError> {
        let to = state;
        let tx = self.write_tx()?;
        let current = read_state(&tx, key)?.ok_or_else(|| StoreError::UnknownOrder(key.into()))?;
        if !to.is_final() {
            return Err(StoreError::IllegalTransition {
                key: key.into(),
                from: current.state,
                to,
            });
        }
        let fits = match to {
            OutboxState::Paid => failure.is_none(),
            _ => receipt_id.is_none(),
        };
        if !fits {
            return Err(StoreError::InvalidOrder(format!(
                "{key}: only a paid order has a receipt, only an unpaid one a failure"
            )));
        }
        let allowed = match (current.state, to) {
            // Money may have moved: only the bank's word ends it.
            (OutboxState::Created, OutboxState::Abandoned) => !current.card_sent,
            (OutboxState::Created, _) | (OutboxState::Prepared, OutboxState::Abandoned) => true,
            (from, to) if from == to && current.failure.as_deref() == failure => {
                match (current.receipt_id.as_deref(), receipt_id) {
                    // A repeat that adds nothing; a stored receipt id is never erased.
                    (_, None) => return Ok(()),
                    (Some(old), Some(new)) if old == new => return Ok(()),
                    // The receipt arrived after the payment.
                    (None, Some(_)) => true,
                    (Some(_), Some(_)) => false,
                }
            }
            _ => false,
        };
        if !allowed {
            return Err(StoreError::IllegalTransition {
                key: key.into(),
                from: current.state,
                to,
            });
        }
        tx.execute(
            "UPDATE outbox_order SET state = ?2, failure = ?3, receipt_id = ?4 WHERE idempotency_key = ?1",
            params![key, to.as_str(), failure, receipt_id],
        )?;
        if to == OutboxState::Paid {
            record_paid(&tx, key)?;
        }
        tx.commit()?;
        tracing::info!(key, state = %to, "payment outcome recorded");
        Ok(())
    }

    /// One payment by its idempotency key.
    pub fn outbox_get(&self, key: &str) -> Result<Option<OutboxOrder>, StoreError> {
        let sql = format!("SELECT {ORDER_COLUMNS} FROM outbox_order WHERE idempotency_key = ?1");
        Ok(self.load_orders(&sql, [key])?.pop())
    }

    /// Payments whose outcome is not known yet, oldest first: reconcile these before paying
    /// any of their bills again.
    pub fn outbox_pending(&self) -> Result<Vec<OutboxOrder>, StoreError> {
        self.load_orders(PENDING, [])
    }

    /// Up to `limit` payments made before `after` (from the newest when `None`), newest first.
    pub fn outbox_page(
        &self,
        after: Option<&OutboxCursor>,
        limit: u32,
    ) -> Result<Vec<OutboxOrder>, StoreError> {
        match after {
            None => self.load_orders(PAGE_FIRST, [limit]),
            Some(c) => self.load_orders(
                PAGE_AFTER,
                params![time_text(c.created_at), c.idempotency_key, limit],
            ),
        }
    }

    /// The payment the server knows by `order_id`, if it was made on this device.
    pub fn outbox_by_server_order(
        &self,
        order_id: &str,
    ) -> Result<Option<OutboxOrder>, StoreError> {
        Ok(self.load_orders(BY_SERVER_ORDER, [order_id])?.pop())
    }

    /// Every payment in the outbox, newest first.
    pub fn outbox_all(&self) -> Result<Vec<OutboxOrder>, StoreError> {
        let sql = format!(
            "SELECT {ORDER_COLUMNS} FROM outbox_order ORDER BY created_at DESC, rowid DESC"
        );
        self.load_orders(&sql, [])
    }

    fn load_orders(
        &self,
        sql: &str,
        params: impl rusqlite::Params,
    ) -> Result<Vec<OutboxOrder>, StoreError> {
        let mut stmt = self.conn.prepare_cached(sql)?;
        let rows: Vec<OrderRow> = stmt
            .query_map(params, OrderRow::read)?
            .collect::<Result<_, _>>()?;
        rows.into_iter().map(|row| row.decode(&self.conn)).collect()
    }
}

/// Notes the bills of the paid order `key` in `paid_bill` (what `paid_among` reads; a trigger
/// marks them on the saved общий счёт's rows, what `load_selection` gives), in the transaction
/// that records the payment.
pub(crate) fn record_paid(conn: &rusqlite::Connection, key: &str) -> Result<(), StoreError> {
    conn.prepare_cached(
        "INSERT OR IGNORE INTO paid_bill (bill_id)
         SELECT bill_id FROM outbox_line WHERE idempotency_key = ?1",
    )?
    .execute([key])?;
    Ok(())
}

/// Writes a payment's lines and readings (the caller's transaction).
pub(crate) fn insert_lines(
    conn: &rusqlite::Connection,
    order: &OutboxOrder,
) -> Result<(), StoreError> {
    {
        let mut insert = conn.prepare_cached(
            "INSERT INTO outbox_line (idempotency_key, position, bill_id, bill_json, amount)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        for (position, line) in order.lines.iter().enumerate() {
            insert.execute(params![
                order.idempotency_key,
                position as i64,
                line.bill.id.as_str(),
                to_json(&line.bill, "bill")?,
                money_text(line.amount),
            ])?;
        }
    }
    {
        let mut insert = conn.prepare_cached(
            "INSERT INTO outbox_reading (idempotency_key, bill_id, meter_id, value, position)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        for (position, reading) in order.readings.iter().enumerate() {
            insert.execute(params![
                order.idempotency_key,
                reading.bill_id.as_str(),
                reading.meter_id.as_str(),
                reading_text(reading.value)?,
                position as i64,
            ])?;
        }
    }
    Ok(())
}
