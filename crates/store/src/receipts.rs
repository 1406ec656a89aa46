//! Paid receipts (чеки) with their fiscal data, kept so they can be shown and e-mailed offline.

use ofis_api::ReceiptDto;
use rusqlite::{params, OptionalExtension};

use crate::codec::{from_json, time_text, to_json};
use crate::error::StoreError;
use crate::open::Store;

impl Store {
    /// Keeps a receipt; saving the same receipt again replaces it.
    pub fn save_receipt(&mut self, receipt: &ReceiptDto) -> Result<(), StoreError> {
        self.conn.execute(
            "INSERT INTO receipt (id, order_id, issued_at, receipt_json) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (id) DO UPDATE SET order_id = excluded.order_id,
                 issued_at = excluded.issued_at, receipt_json = excluded.receipt_json",
            params![
                receipt.id,
                receipt.order_id,
                time_text(receipt.fiscal.issued_at),
                to_json(receipt, "receipt")?,
            ],
        )?;
        Ok(())
    }

    /// Every kept receipt, newest first.
    pub fn receipts(&self) -> Result<Vec<ReceiptDto>, StoreError> {
        let mut stmt = self
            .conn
            .prepare("SELECT id, receipt_json FROM receipt ORDER BY issued_at DESC, id")?;
        let rows: Vec<(String, String)> = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?;
        rows.iter()
            .map(|(id, json)| decode_receipt(id, json))
            .collect()
    }

    /// One receipt by its id.
    pub fn receipt(&self, id: &str) -> Result<Option<ReceiptDto>, StoreError> {
        self.receipt_where("id", id)
    }

    /// The receipt of an order, if it has arrived.
    pub fn receipt_for_order(&self, order_id: &str) -> Result<Option<ReceiptDto>, StoreError> {
        self.receipt_where("order_id", order_id)
    }

    fn receipt_where(&self, column: &str, value: &str) -> Result<Option<ReceiptDto>, StoreError> {
        // `column` is one of two literals above, never caller text.
        let sql = format!(
            "SELECT id, receipt_json FROM receipt WHERE {column} = ?1 ORDER BY issued_at DESC LIMIT 1"
        );
        let row: Option<(String, String)> = self
            .conn
            .query_row(&sql, [value], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        row.map(|(id, json)| decode_receipt(&id, &json)).transpose()
    }
}

/// A receipt from its JSON, checked against the id it was indexed under.
fn decode_receipt(id: &str, json: &str) -> Result<ReceiptDto, StoreError> {
    let receipt: ReceiptDto = from_json(json, "receipt.receipt_json")?;
    if receipt.id != id {
        return Err(StoreError::Corrupt(format!(
            "receipt {id:?} holds receipt {:?}",
            receipt.id
        )));
    }
    Ok(receipt)
}
