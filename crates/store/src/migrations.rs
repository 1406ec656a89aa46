//! The schema, as the list of steps that build it. Version N means the first N steps have run.
//!
//! A fresh database runs every step from the first, so there is one description of the schema
//! and every user's database took the same path to it. To change the schema, append a step;
//! never edit a step that has shipped.

mod history_at_scale;
mod receipt_columns;

use rusqlite::Connection;

use crate::error::StoreError;

/// One schema step: a name for logs and errors, and what it does.
#[derive(Clone, Copy, Debug)]
pub struct Migration {
    /// What the step does, in a few words.
    pub name: &'static str,
    /// The work of the step.
    pub step: Step,
}

/// The work of a schema step; it runs inside the upgrade's transaction.
#[derive(Clone, Copy, Debug)]
pub enum Step {
    /// A batch of SQL statements.
    Sql(&'static str),
    /// Code, for steps that must rewrite data (e.g. re-encode JSON).
    Code(fn(&Connection) -> Result<(), StoreError>),
}

impl Migration {
    /// A step made of SQL statements.
    pub const fn sql(name: &'static str, sql: &'static str) -> Self {
        Migration {
            name,
            step: Step::Sql(sql),
        }
    }

    /// A step made of code.
    pub const fn code(name: &'static str, f: fn(&Connection) -> Result<(), StoreError>) -> Self {
        Migration {
            name,
            step: Step::Code(f),
        }
    }

    /// Runs the step on the upgrade's transaction.
    pub(crate) fn apply(&self, conn: &Connection) -> Result<(), StoreError> {
        match self.step {
            Step::Sql(sql) => Ok(conn.execute_batch(sql)?),
            Step::Code(f) => f(conn),
        }
    }
}

/// Every schema step, oldest first. Append only.
pub static MIGRATIONS: &[Migration] = &[
    Migration::sql("initial schema", V1_INITIAL),
    Migration::sql("meter readings", V2_READINGS),
    Migration::sql("card sent, cancelled payments", V3_CARD_SENT),
    Migration::code("receipts in columns of their own", receipt_columns::migrate),
    Migration::sql("questions and answers", crate::faq::V5_FAQ),
    Migration::sql(
        "transport timetable and favourite stops",
        crate::transport::V6_TRANSPORT,
    ),
    Migration::sql("support messages", crate::support::SUPPORT_MESSAGES),
    Migration::sql(
        "office applications",
        crate::office_applications::OFFICE_APPLICATIONS,
    ),
    Migration::code("history at scale", history_at_scale::migrate),
    Migration::sql("validators of cached bills", BILL_CACHE_ETAG),
    Migration::sql("paid bills at hand", PAID_BILLS),
];

// The `ETag` of the answer the cached bills came in, so the first refresh after a restart asks
// "changed since?" (a 304 with no body when not). NULL: kept without one.
const BILL_CACHE_ETAG: &str = "ALTER TABLE bill_cache ADD COLUMN etag TEXT;";

// Every bill a payment through the app paid, beside the outbox, where after ten years a bill
// has a dozen orders to read (the ones refused or waiting too); and the same mark on the saved
// общий счёт's own rows, so the start reads which bills on screen are paid with the rows
// themselves. Derived, never the truth: `paid_bill` is written in the transaction that records
// the payment as paid (`outbox::record_paid`), emptied with the paid orders at sign-out, and
// rebuilt from the outbox here; the triggers keep each saved line's mark equal to "its bill is
// in `paid_bill`", whichever comes first, the payment or the line.
const PAID_BILLS: &str = r#"
CREATE TABLE paid_bill (
    bill_id TEXT PRIMARY KEY
) STRICT, WITHOUT ROWID;
INSERT OR IGNORE INTO paid_bill (bill_id)
    SELECT l.bill_id FROM outbox_line l JOIN outbox_order o ON o.idempotency_key = l.idempotency_key
    WHERE o.state = 'paid';
ALTER TABLE selection_line ADD COLUMN paid INTEGER NOT NULL DEFAULT 0 CHECK (paid IN (0, 1));
UPDATE selection_line SET paid = 1 WHERE bill_id IN (SELECT bill_id FROM paid_bill);
CREATE TRIGGER selection_line_paid AFTER INSERT ON selection_line
WHEN EXISTS (SELECT 1 FROM paid_bill WHERE bill_id = NEW.bill_id)
BEGIN
    UPDATE selection_line SET paid = 1 WHERE position = NEW.position;
END;
CREATE TRIGGER paid_bill_marks_selection AFTER INSERT ON paid_bill
BEGIN
    UPDATE selection_line SET paid = 1 WHERE bill_id = NEW.bill_id;
END;
"#;

/// The schema version this build writes and understands.
pub const SCHEMA_VERSION: u32 = MIGRATIONS.len() as u32;

// STRICT tables so a float can never slip into a money column; CHECKs so only the text forms
// the codec writes are accepted. No column may ever hold card data: the card goes to the bank's
// gateway and nowhere else (a test scans the schema for it).
const V1_INITIAL: &str = r#"
-- The user's общий счёт, one row per line in display order; it comes back every month.
CREATE TABLE selection_line (
    position  INTEGER PRIMARY KEY,
    bill_id   TEXT NOT NULL UNIQUE,
    bill_json TEXT NOT NULL CHECK (json_valid(bill_json)),
    amount    TEXT NOT NULL
              CHECK (amount NOT GLOB '*[^0-9.]*' AND amount GLOB '*[0-9].[0-9][0-9]')
) STRICT;

-- Addresses the user searched for; they come back next month. `seq` keeps the order added.
CREATE TABLE saved_address (
    seq        INTEGER PRIMARY KEY,
    address_id TEXT NOT NULL UNIQUE,
    title      TEXT NOT NULL
) STRICT;

-- The last known bills of an address for a period, shown at once on start.
CREATE TABLE bill_cache (
    address_id TEXT NOT NULL,
    period     TEXT NOT NULL CHECK (period GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]'),
    bills_json TEXT NOT NULL CHECK (json_valid(bills_json)),
    fetched_at TEXT NOT NULL,
    PRIMARY KEY (address_id, period)
) STRICT, WITHOUT ROWID;

-- Payments, recorded before the first request goes out so a crash or a lost answer can be
-- reconciled with the server instead of paying twice.
CREATE TABLE outbox_order (
    idempotency_key TEXT PRIMARY KEY,
    created_at      TEXT NOT NULL,
    total           TEXT NOT NULL
                    CHECK (total NOT GLOB '*[^0-9.]*' AND total GLOB '*[0-9].[0-9][0-9]'),
    state           TEXT NOT NULL
                    CHECK (state IN ('prepared', 'created', 'paid', 'declined', 'abandoned')),
    server_order_id TEXT,
    payment_id      TEXT,
    gateway_url     TEXT,
    failure         TEXT,
    receipt_id      TEXT,
    -- Only an order the server has accepted can be paid or declined by the bank.
    CHECK (state IN ('prepared', 'abandoned') OR server_order_id IS NOT NULL)
) STRICT;
CREATE INDEX outbox_order_by_state ON outbox_order (state);
CREATE INDEX outbox_order_by_created ON outbox_order (created_at);

-- The frozen composition of each payment.
CREATE TABLE outbox_line (
    idempotency_key TEXT NOT NULL
                    REFERENCES outbox_order (idempotency_key) ON DELETE CASCADE,
    position        INTEGER NOT NULL,
    bill_id         TEXT NOT NULL,
    bill_json       TEXT NOT NULL CHECK (json_valid(bill_json)),
    amount          TEXT NOT NULL
                    CHECK (amount NOT GLOB '*[^0-9.]*' AND amount GLOB '*[0-9].[0-9][0-9]'),
    PRIMARY KEY (idempotency_key, position)
) STRICT, WITHOUT ROWID;
CREATE INDEX outbox_line_by_bill ON outbox_line (bill_id);

-- Paid receipts (чеки) with their fiscal data, kept as the server sent them.
CREATE TABLE receipt (
    id           TEXT PRIMARY KEY,
    order_id     TEXT NOT NULL,
    issued_at    TEXT NOT NULL,
    receipt_json TEXT NOT NULL CHECK (json_valid(receipt_json))
) STRICT;
CREATE INDEX receipt_by_order ON receipt (order_id);
CREATE INDEX receipt_by_issued ON receipt (issued_at);

-- Small non-secret preferences (the last sign-in phone). Tokens live in the OS keyring.
CREATE TABLE setting (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT, WITHOUT ROWID;
"#;

// Readings are decimal text as the codec writes it (digits, at most one point, no sign).
const V2_READINGS: &str = r#"
-- Readings «Сохранить» keeps for a bill line until it is paid (or they are cleared).
CREATE TABLE saved_reading (
    bill_id  TEXT NOT NULL,
    meter_id TEXT NOT NULL,
    value    TEXT NOT NULL
             CHECK (value GLOB '[0-9]*' AND value NOT GLOB '*[^0-9.]*' AND value NOT GLOB '*.*.*'),
    position INTEGER NOT NULL,
    PRIMARY KEY (bill_id, meter_id)
) STRICT, WITHOUT ROWID;

-- Readings sent without payment, queued before the first send so an offline entry is never
-- lost and a resend under the same key is never a duplicate.
CREATE TABLE reading_queue (
    idempotency_key   TEXT PRIMARY KEY,
    meter_id          TEXT NOT NULL,
    value             TEXT NOT NULL
                      CHECK (value GLOB '[0-9]*' AND value NOT GLOB '*[^0-9.]*' AND value NOT GLOB '*.*.*'),
    queued_at         TEXT NOT NULL,
    state             TEXT NOT NULL CHECK (state IN ('queued', 'sent', 'refused')),
    server_reading_id TEXT,
    refusal           TEXT,
    CHECK ((state = 'sent') = (server_reading_id IS NOT NULL)),
    CHECK ((state = 'refused') = (refusal IS NOT NULL))
) STRICT;
CREATE INDEX reading_queue_by_state ON reading_queue (state, queued_at);

-- The readings each payment carried, part of its frozen composition.
CREATE TABLE outbox_reading (
    idempotency_key TEXT NOT NULL
                    REFERENCES outbox_order (idempotency_key) ON DELETE CASCADE,
    bill_id         TEXT NOT NULL,
    meter_id        TEXT NOT NULL,
    value           TEXT NOT NULL
                    CHECK (value GLOB '[0-9]*' AND value NOT GLOB '*[^0-9.]*' AND value NOT GLOB '*.*.*'),
    position        INTEGER NOT NULL,
    PRIMARY KEY (idempotency_key, bill_id, meter_id)
) STRICT, WITHOUT ROWID;
"#;

// SQLite cannot change a CHECK in place, so the outbox tables are rebuilt. Children first, so no
// DROP cascades: the lines and readings move to new tables that point to the new orders table,
// the old ones are dropped (children, then orders), and the renames rewrite the references.
const V3_CARD_SENT: &str = r#"
CREATE TABLE outbox_order_v3 (
    idempotency_key TEXT PRIMARY KEY,
    created_at      TEXT NOT NULL,
    total           TEXT NOT NULL
                    CHECK (total NOT GLOB '*[^0-9.]*' AND total GLOB '*[0-9].[0-9][0-9]'),
    state           TEXT NOT NULL
                    CHECK (state IN ('prepared', 'created', 'paid', 'declined', 'cancelled', 'abandoned')),
    server_order_id TEXT,
    payment_id      TEXT,
    gateway_url     TEXT,
    failure         TEXT,
    receipt_id      TEXT,
    -- When the card left for the bank (committed before it is sent): from then on money may
    -- move, so the order ends only on the bank's word (paid, declined, cancelled), never
    -- abandoned on a guess.
    sent_to_bank_at    TEXT,
    CHECK (state IN ('prepared', 'abandoned') OR server_order_id IS NOT NULL),
    CHECK (sent_to_bank_at IS NULL OR state NOT IN ('prepared', 'abandoned'))
) STRICT;
INSERT INTO outbox_order_v3 (idempotency_key, created_at, total, state, server_order_id,
                             payment_id, gateway_url, failure, receipt_id, sent_to_bank_at)
    SELECT idempotency_key, created_at, total, state, server_order_id, payment_id, gateway_url,
           failure, receipt_id, NULL
    FROM outbox_order;

CREATE TABLE outbox_line_v3 (
    idempotency_key TEXT NOT NULL
                    REFERENCES outbox_order_v3 (idempotency_key) ON DELETE CASCADE,
    position        INTEGER NOT NULL,
    bill_id         TEXT NOT NULL,
    bill_json       TEXT NOT NULL CHECK (json_valid(bill_json)),
    amount          TEXT NOT NULL
                    CHECK (amount NOT GLOB '*[^0-9.]*' AND amount GLOB '*[0-9].[0-9][0-9]'),
    PRIMARY KEY (idempotency_key, position)
) STRICT, WITHOUT ROWID;
INSERT INTO outbox_line_v3 SELECT idempotency_key, position, bill_id, bill_json, amount
    FROM outbox_line;

CREATE TABLE outbox_reading_v3 (
    idempotency_key TEXT NOT NULL
                    REFERENCES outbox_order_v3 (idempotency_key) ON DELETE CASCADE,
    bill_id         TEXT NOT NULL,
    meter_id        TEXT NOT NULL,
    value           TEXT NOT NULL
                    CHECK (value GLOB '[0-9]*' AND value NOT GLOB '*[^0-9.]*' AND value NOT GLOB '*.*.*'),
    position        INTEGER NOT NULL,
    PRIMARY KEY (idempotency_key, bill_id, meter_id)
) STRICT, WITHOUT ROWID;
INSERT INTO outbox_reading_v3 SELECT idempotency_key, bill_id, meter_id, value, position
    FROM outbox_reading;

DROP TABLE outbox_reading;
DROP TABLE outbox_line;
DROP TABLE outbox_order;
ALTER TABLE outbox_order_v3 RENAME TO outbox_order;
ALTER TABLE outbox_line_v3 RENAME TO outbox_line;
ALTER TABLE outbox_reading_v3 RENAME TO outbox_reading;
CREATE INDEX outbox_order_by_state ON outbox_order (state);
CREATE INDEX outbox_order_by_created ON outbox_order (created_at);
CREATE INDEX outbox_line_by_bill ON outbox_line (bill_id);
"#;
