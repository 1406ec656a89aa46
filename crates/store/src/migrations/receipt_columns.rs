//! Version 4: receipts move from the API's JSON to columns of the app's own record, so a change
//! of the wire format can never make a kept receipt unreadable.

use chrono::{DateTime, Utc};
use ofis_domain::Money;
use rusqlite::{params, Connection};
use serde::Deserialize;

use crate::codec::{money_text, time_text};
use crate::error::StoreError;

const TABLES: &str = r#"
CREATE TABLE receipt_v4 (
    id         TEXT PRIMARY KEY,
    order_id   TEXT NOT NULL,
    issued_at  TEXT NOT NULL,
    total      TEXT NOT NULL CHECK (total NOT GLOB '*[^0-9.]*' AND total GLOB '*[0-9].[0-9][0-9]'),
    fees       TEXT NOT NULL CHECK (fees NOT GLOB '*[^0-9.]*' AND fees GLOB '*[0-9].[0-9][0-9]'),
    fn_number  TEXT NOT NULL,
    fd_number  INTEGER NOT NULL CHECK (fd_number >= 0),
    fp         TEXT NOT NULL,
    fiscal_sum TEXT NOT NULL
               CHECK (fiscal_sum NOT GLOB '*[^0-9.]*' AND fiscal_sum GLOB '*[0-9].[0-9][0-9]')
) STRICT;

CREATE TABLE receipt_line (
    receipt_id    TEXT NOT NULL REFERENCES receipt_v4 (id) ON DELETE CASCADE,
    position      INTEGER NOT NULL,
    bill_id       TEXT NOT NULL,
    provider_name TEXT NOT NULL,
    service_name  TEXT NOT NULL,
    account       TEXT NOT NULL,
    address_title TEXT,
    amount        TEXT NOT NULL
                  CHECK (amount NOT GLOB '*[^0-9.]*' AND amount GLOB '*[0-9].[0-9][0-9]'),
    fee           TEXT NOT NULL
                  CHECK (fee NOT GLOB '*[^0-9.]*' AND fee GLOB '*[0-9].[0-9][0-9]'),
    PRIMARY KEY (receipt_id, position)
) STRICT, WITHOUT ROWID;
"#;

const SWAP: &str = r#"
DROP TABLE receipt;
ALTER TABLE receipt_v4 RENAME TO receipt;
CREATE INDEX receipt_by_order ON receipt (order_id);
CREATE INDEX receipt_by_issued ON receipt (issued_at);
"#;

/// A receipt as versions 1–3 kept it: the JSON of the API's receipt of that time. Read here
/// and nowhere else, so the store does not depend on today's wire types.
#[derive(Deserialize)]
struct Kept {
    id: String,
    order_id: String,
    lines: Vec<KeptLine>,
    total: Money,
    #[serde(default)]
    fees: Money,
    fiscal: KeptFiscal,
}

#[derive(Deserialize)]
struct KeptLine {
    bill_id: String,
    provider_name: String,
    service_name: String,
    account: String,
    #[serde(default)]
    address_title: Option<String>,
    amount: Money,
    #[serde(default)]
    fee: Money,
}

#[derive(Deserialize)]
struct KeptFiscal {
    fn_number: String,
    fd_number: u64,
    fp: String,
    issued_at: DateTime<Utc>,
    sum: Money,
}

/// Creates the new tables, moves every kept receipt into them, and swaps them in. A receipt
/// that does not decode fails the step, and the upgrade's transaction keeps the old table.
pub(super) fn migrate(conn: &Connection) -> Result<(), StoreError> {
    conn.execute_batch(TABLES)?;
    let rows: Vec<(String, String)> = conn
        .prepare("SELECT id, receipt_json FROM receipt")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    for (id, json) in rows {
        let kept: Kept = serde_json::from_str(&json)
            .map_err(|e| StoreError::Corrupt(format!("receipt {id:?}: {e}")))?;
        if kept.id != id {
            return Err(StoreError::Corrupt(format!(
                "receipt {id:?} holds {:?}",
                kept.id
            )));
        }
        move_one(conn, kept)?;
    }
    conn.execute_batch(SWAP)?;
    Ok(())
}

fn move_one(conn: &Connection, r: Kept) -> Result<(), StoreError> {
    conn.execute(
        "INSERT INTO receipt_v4 (id, order_id, issued_at, total, fees, fn_number, fd_number, fp,
                                 fiscal_sum)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            r.id,
            r.order_id,
            time_text(r.fiscal.issued_at),
            money_text(r.total),
            money_text(r.fees),
            r.fiscal.fn_number,
            i64::try_from(r.fiscal.fd_number)
                .map_err(|_| StoreError::Corrupt(format!("receipt {:?}: ФД too large", r.id)))?,
            r.fiscal.fp,
            money_text(r.fiscal.sum),
        ],
    )?;
    for (position, l) in r.lines.into_iter().enumerate() {
        conn.execute(
            "INSERT INTO receipt_line (receipt_id, position, bill_id, provider_name, service_name,
                                       account, address_title, amount, fee)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![
                r.id,
                position as i64,
                l.bill_id,
                l.provider_name,
                l.service_name,
                l.account,
                l.address_title,
                money_text(l.amount),
                money_text(l.fee),
            ],
        )?;
    }
    Ok(())
}
