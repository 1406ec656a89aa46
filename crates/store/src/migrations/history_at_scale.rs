//! Version 9, "history at scale": indexes for the paths that page through ten years of
//! history, the spending per month kept as a running sum, and a full-text index of receipts.
//! Both derived tables are filled from the receipts already kept.

use rusqlite::Connection;

use crate::error::StoreError;

const SQL: &str = r#"
-- Keyset pages of receipts, newest first: (issued_at, id) walked backwards.
DROP INDEX receipt_by_issued;
CREATE INDEX receipt_by_issued_order ON receipt (issued_at, id);
-- Keyset pages of the outbox, newest first: (created_at, idempotency_key).
DROP INDEX outbox_order_by_created;
CREATE INDEX outbox_order_by_entry ON outbox_order (created_at, idempotency_key);
-- Pending payments, oldest first, without reading the settled ones.
DROP INDEX outbox_order_by_state;
CREATE INDEX outbox_order_by_state_created ON outbox_order (state, created_at);
-- A receipt's order in the outbox.
CREATE INDEX outbox_order_by_server_order ON outbox_order (server_order_id);
-- Which payments hold a bill.
DROP INDEX outbox_line_by_bill;
CREATE INDEX outbox_line_bills ON outbox_line (bill_id, idempotency_key);
-- One meter's readings sent without payment, in order.
CREATE INDEX reading_queue_by_meter ON reading_queue (meter_id, queued_at);

-- Spending per local month and service (fees under `Комиссия`), kept by save_receipt in the
-- receipt's own transaction, so the chart over ten years reads at most 120 × services rows.
CREATE TABLE spending_month (
    month   TEXT NOT NULL CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]'),
    service TEXT NOT NULL,
    total   TEXT NOT NULL
            CHECK (total NOT GLOB '*[^0-9.]*' AND total GLOB '*[0-9].[0-9][0-9]'),
    PRIMARY KEY (month, service)
) STRICT, WITHOUT ROWID;

-- Receipts by their words (providers, services, accounts, addresses). The rowid is the
-- receipt's `search_key`, its issue time in microseconds (made unique), so the newest matches
-- come first straight from the index: ORDER BY rowid DESC LIMIT n sorts nothing.
ALTER TABLE receipt ADD COLUMN search_key INTEGER;
CREATE UNIQUE INDEX receipt_by_search_key ON receipt (search_key);
CREATE VIRTUAL TABLE receipt_search USING fts5(
    receipt_id UNINDEXED,
    body,
    tokenize = 'unicode61 remove_diacritics 2'
);
"#;

/// Builds the indexes and tables, then fills them from every kept receipt.
pub(super) fn migrate(conn: &Connection) -> Result<(), StoreError> {
    conn.execute_batch(SQL)?;
    let ids: Vec<String> = conn
        .prepare("SELECT id FROM receipt ORDER BY issued_at, id")?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    for id in ids {
        let receipt = crate::receipts::load(conn, &id)?
            .ok_or_else(|| StoreError::Corrupt(format!("receipt {id:?} vanished")))?;
        crate::derived::add(conn, &receipt)?;
    }
    Ok(())
}
