//! The last known bills of each address and period, so the app shows the общий счёт at once on
//! start and refreshes it in the background.

use chrono::{DateTime, Utc};
use ofis_domain::{AddressId, Bill, Period};
use rusqlite::{params, OptionalExtension};

use crate::codec::{from_json, parse_time, period_text, time_text, to_json};
use crate::error::StoreError;
use crate::open::Store;

/// Cached bills of one address and period, and when the server sent them.
pub type CachedBills = (Vec<Bill>, DateTime<Utc>);

impl Store {
    /// Replaces the cached bills of an address for a period with a fresh answer from the server.
    pub fn cache_address_bills(
        &mut self,
        address_id: &AddressId,
        period: Period,
        bills: &[Bill],
        fetched_at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        self.conn.execute(
            "INSERT INTO bill_cache (address_id, period, bills_json, fetched_at)
             VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (address_id, period)
             DO UPDATE SET bills_json = excluded.bills_json, fetched_at = excluded.fetched_at",
            params![
                address_id.as_str(),
                period_text(period),
                to_json(bills, "bills")?,
                time_text(fetched_at)
            ],
        )?;
        Ok(())
    }

    /// The cached bills of an address for a period and when they were fetched, if any.
    pub fn cached_address_bills(
        &self,
        address_id: &AddressId,
        period: Period,
    ) -> Result<Option<CachedBills>, StoreError> {
        let row: Option<(String, String)> = self
            .conn
            .query_row(
                "SELECT bills_json, fetched_at FROM bill_cache WHERE address_id = ?1 AND period = ?2",
                params![address_id.as_str(), period_text(period)],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let Some((bills_json, fetched_at)) = row else {
            return Ok(None);
        };
        let bills = from_json(&bills_json, "bill_cache.bills_json")?;
        let fetched_at = parse_time(&fetched_at, "bill_cache.fetched_at")?;
        Ok(Some((bills, fetched_at)))
    }

    /// Drops cached bills of periods before `period`; returns how many address-periods went.
    pub fn forget_cached_bills_before(&mut self, period: Period) -> Result<usize, StoreError> {
        // `YYYY-MM` text sorts like the periods it names.
        Ok(self.conn.execute(
            "DELETE FROM bill_cache WHERE period < ?1",
            [period_text(period)],
        )?)
    }
}
