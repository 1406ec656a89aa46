//! Paid receipts (чеки) with their fiscal data, kept so they can be shown and e-mailed offline.
//! Kept in columns of the app's own record (`ofis_domain::Receipt`), not as the wire's JSON.

use ofis_domain::{BillId, Fiscal, Receipt, ReceiptLine};
use rusqlite::{params, Connection, OptionalExtension};

use crate::codec::{money_text, parse_money, parse_time, time_text};
use crate::error::StoreError;
use crate::open::Store;

pub(crate) const COLUMNS: &str =
    "id, order_id, issued_at, total, fees, fn_number, fd_number, fp, fiscal_sum";

impl Store {
    /// Keeps a receipt; saving the same receipt again replaces it.
    pub fn save_receipt(&mut self, receipt: &Receipt) -> Result<(), StoreError> {
        let tx = self.write_tx()?;
        let kept: Option<Option<i64>> = tx
            .query_row(
                "SELECT search_key FROM receipt WHERE id = ?1",
                [&receipt.id],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(key) = kept {
            let old = load(&tx, &receipt.id)?
                .ok_or_else(|| StoreError::Corrupt(format!("receipt {:?}", receipt.id)))?;
            crate::derived::remove(&tx, &old, key)?;
        }
        tx.execute("DELETE FROM receipt WHERE id = ?1", [&receipt.id])?;
        insert_rows(&tx, receipt)?;
        crate::derived::add(&tx, receipt)?;
        tx.commit()?;
        Ok(())
    }

    /// Every kept receipt, newest first.
    pub fn receipts(&self) -> Result<Vec<Receipt>, StoreError> {
        let sql = format!("SELECT {COLUMNS} FROM receipt ORDER BY issued_at DESC, id");
        let rows: Vec<Row> = self
            .conn
            .prepare(&sql)?
            .query_map([], Row::read)?
            .collect::<Result<_, _>>()?;
        rows.into_iter().map(|r| r.decode(&self.conn)).collect()
    }

    /// One receipt by its id.
    pub fn receipt(&self, id: &str) -> Result<Option<Receipt>, StoreError> {
        self.receipt_where("id", id)
    }

    /// The receipt of an order, if it has arrived.
    pub fn receipt_for_order(&self, order_id: &str) -> Result<Option<Receipt>, StoreError> {
        self.receipt_where("order_id", order_id)
    }

    fn receipt_where(&self, column: &str, value: &str) -> Result<Option<Receipt>, StoreError> {
        // `column` is one of two literals above, never caller text.
        let sql = format!(
            "SELECT {COLUMNS} FROM receipt WHERE {column} = ?1 ORDER BY issued_at DESC LIMIT 1"
        );
        let row = self.conn.query_row(&sql, [value], Row::read).optional()?;
        row.map(|r| r.decode(&self.conn)).transpose()
    }
}

/// Writes a receipt's rows (the caller's transaction; nothing derived).
pub(crate) fn insert_rows(conn: &Connection, receipt: &Receipt) -> Result<(), StoreError> {
    let f = &receipt.fiscal;
    let fd = i64::try_from(f.fd_number)
        .map_err(|_| StoreError::Encode(format!("receipt {:?}: ФД too large", receipt.id)))?;
    conn.prepare_cached(
        "INSERT INTO receipt (id, order_id, issued_at, total, fees, fn_number, fd_number, fp,
                                  fiscal_sum) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?
    .execute(params![
        receipt.id,
        receipt.order_id,
        time_text(f.issued_at),
        money_text(receipt.total),
        money_text(receipt.fees),
        f.fn_number,
        fd,
        f.fp,
        money_text(f.sum),
    ])?;
    for (position, l) in receipt.lines.iter().enumerate() {
        conn.prepare_cached(
            "INSERT INTO receipt_line (receipt_id, position, bill_id, provider_name,
                                           service_name, account, address_title, amount, fee)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        )?
        .execute(params![
            receipt.id,
            position as i64,
            l.bill_id.as_str(),
            l.provider_name,
            l.service_name,
            l.account,
            l.address_title,
            money_text(l.amount),
            money_text(l.fee),
        ])?;
    }
    Ok(())
}

/// One receipt by its id, on any connection (the migration's transaction too).
pub(crate) fn load(conn: &Connection, id: &str) -> Result<Option<Receipt>, StoreError> {
    let sql = format!("SELECT {COLUMNS} FROM receipt WHERE id = ?1");
    let row = conn.query_row(&sql, [id], Row::read).optional()?;
    row.map(|r| r.decode(conn)).transpose()
}

/// Decodes rows read with [`COLUMNS`], in their order.
pub(crate) fn load_rows(
    conn: &Connection,
    sql: &str,
    params: impl rusqlite::Params,
) -> Result<Vec<Receipt>, StoreError> {
    let rows: Vec<Row> = conn
        .prepare_cached(sql)?
        .query_map(params, Row::read)?
        .collect::<Result<_, _>>()?;
    rows.into_iter().map(|r| r.decode(conn)).collect()
}

/// A `receipt` row as stored, before decoding.
struct Row {
    id: String,
    order_id: String,
    issued_at: String,
    total: String,
    fees: String,
    fn_number: String,
    fd_number: i64,
    fp: String,
    fiscal_sum: String,
}

impl Row {
    fn read(r: &rusqlite::Row<'_>) -> rusqlite::Result<Self> {
        Ok(Row {
            id: r.get(0)?,
            order_id: r.get(1)?,
            issued_at: r.get(2)?,
            total: r.get(3)?,
            fees: r.get(4)?,
            fn_number: r.get(5)?,
            fd_number: r.get(6)?,
            fp: r.get(7)?,
            fiscal_sum: r.get(8)?,
        })
    }

    fn decode(self, conn: &Connection) -> Result<Receipt, StoreError> {
        let raw: Vec<[Option<String>; 7]> = conn
            .prepare_cached(
                "SELECT bill_id, provider_name, service_name, account, address_title, amount, fee
                 FROM receipt_line WHERE receipt_id = ?1 ORDER BY position",
            )?
            .query_map([&self.id], |r| {
                Ok([
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                ])
            })?
            .collect::<Result<_, _>>()?;
        let lines = raw
            .into_iter()
            .map(decode_line)
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Receipt {
            total: parse_money(&self.total, "receipt.total")?,
            fees: parse_money(&self.fees, "receipt.fees")?,
            fiscal: Fiscal {
                fn_number: self.fn_number,
                fd_number: u64::try_from(self.fd_number)
                    .map_err(|_| StoreError::Corrupt(format!("receipt {:?}: ФД", self.id)))?,
                fp: self.fp,
                issued_at: parse_time(&self.issued_at, "receipt.issued_at")?,
                sum: parse_money(&self.fiscal_sum, "receipt.fiscal_sum")?,
            },
            id: self.id,
            order_id: self.order_id,
            lines,
        })
    }
}

/// One line, its NOT NULL columns checked again on the way out.
fn decode_line(cols: [Option<String>; 7]) -> Result<ReceiptLine, StoreError> {
    let [bill_id, provider_name, service_name, account, address_title, amount, fee] = cols;
    let need = |v: Option<String>, what: &str| {
        v.ok_or_else(|| StoreError::Corrupt(format!("receipt_line.{what} is NULL")))
    };
    Ok(ReceiptLine {
        bill_id: BillId(need(bill_id, "bill_id")?),
        provider_name: need(provider_name, "provider_name")?,
        service_name: need(service_name, "service_name")?,
        account: need(account, "account")?,
        address_title,
        amount: parse_money(&need(amount, "amount")?, "receipt_line.amount")?,
        fee: parse_money(&need(fee, "fee")?, "receipt_line.fee")?,
    })
}
