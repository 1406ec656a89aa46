//! The user's saved selection: the общий счёт and the addresses searched for, which come back
//! every month.

use std::collections::BTreeSet;

use ofis_domain::{AddressId, Bill, BillId, CombinedBill, Line};
use rusqlite::{params, OptionalExtension};

use crate::codec::{from_json, money_text, parse_money, to_json};
use crate::error::StoreError;
use crate::open::Store;

impl Store {
    /// Replaces the saved общий счёт with this one: its lines, their amounts and their order.
    /// A line whose bill a payment through the app paid is marked paid as it is saved (a
    /// trigger: migration "paid bills at hand").
    pub fn save_combined(&mut self, combined: &CombinedBill) -> Result<(), StoreError> {
        let tx = self.write_tx()?;
        tx.execute("DELETE FROM selection_line", [])?;
        {
            let mut insert = tx.prepare(
                "INSERT INTO selection_line (position, bill_id, bill_json, amount)
                 VALUES (?1, ?2, ?3, ?4)",
            )?;
            for (position, line) in combined.lines().iter().enumerate() {
                insert.execute(params![
                    position as i64,
                    line.bill.id.as_str(),
                    to_json(&line.bill, "bill")?,
                    money_text(line.amount),
                ])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// The saved общий счёт; empty when nothing was saved.
    pub fn load_combined(&self) -> Result<CombinedBill, StoreError> {
        Ok(self.load_selection()?.0)
    }

    /// The saved общий счёт and which of its bills a payment through the app paid (what
    /// [`Store::paid_among`] would say of them), read from its own rows: what the start shows.
    pub fn load_selection(&self) -> Result<(CombinedBill, BTreeSet<BillId>), StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT bill_id, bill_json, amount, paid FROM selection_line ORDER BY position",
        )?;
        let rows: Vec<(String, String, String, bool)> = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
            .collect::<Result<_, _>>()?;
        let mut paid = BTreeSet::new();
        let lines = rows
            .into_iter()
            .map(|(bill_id, bill_json, amount, is_paid)| {
                let bill = decode_bill(&bill_id, &bill_json, "selection_line")?;
                let amount = parse_money(&amount, "selection_line.amount")?;
                if is_paid {
                    paid.insert(bill.id.clone());
                }
                Ok(Line { bill, amount })
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
        Ok((CombinedBill::from_lines(lines), paid))
    }

    /// The saved addresses, `(id, title)`, in the order they were first added.
    pub fn saved_addresses(&self) -> Result<Vec<(AddressId, String)>, StoreError> {
        let mut stmt = self
            .conn
            .prepare("SELECT address_id, title FROM saved_address ORDER BY seq")?;
        let rows = stmt.query_map([], |r| Ok((AddressId(r.get(0)?), r.get(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Keeps an address; adding it again updates its title and keeps its place.
    pub fn add_saved_address(&mut self, id: &AddressId, title: &str) -> Result<(), StoreError> {
        self.conn.execute(
            "INSERT INTO saved_address (address_id, title) VALUES (?1, ?2)
             ON CONFLICT (address_id) DO UPDATE SET title = excluded.title",
            params![id.as_str(), title],
        )?;
        Ok(())
    }

    /// Forgets an address; returns whether it was saved.
    pub fn remove_saved_address(&mut self, id: &AddressId) -> Result<bool, StoreError> {
        let removed = self.conn.execute(
            "DELETE FROM saved_address WHERE address_id = ?1",
            [id.as_str()],
        )?;
        Ok(removed > 0)
    }

    /// Whether an address is saved.
    pub fn is_address_saved(&self, id: &AddressId) -> Result<bool, StoreError> {
        let found = self
            .conn
            .query_row(
                "SELECT 1 FROM saved_address WHERE address_id = ?1",
                [id.as_str()],
                |_| Ok(()),
            )
            .optional()?;
        Ok(found.is_some())
    }
}

/// A bill from its JSON, checked against the id column it was indexed under.
pub(crate) fn decode_bill(bill_id: &str, bill_json: &str, table: &str) -> Result<Bill, StoreError> {
    let bill: Bill = from_json(bill_json, &format!("{table}.bill_json"))?;
    if bill.id.as_str() != bill_id {
        return Err(StoreError::Corrupt(format!(
            "{table}: bill_id {bill_id:?} holds bill {:?}",
            bill.id.as_str()
        )));
    }
    Ok(bill)
}
