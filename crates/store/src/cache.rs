//! The last known bills of each address and period, so the app shows the общий счёт at once on
//! start and refreshes it in the background.

use chrono::{DateTime, Utc};
use ofis_domain::{AddressId, Bill, Period};
use rusqlite::{params, OptionalExtension};

use crate::codec::{from_json, parse_period, parse_time, period_text, time_text, to_json};
use crate::error::StoreError;
use crate::open::Store;

/// Cached bills of one address and period, and when the server sent them.
pub type CachedBills = (Vec<Bill>, DateTime<Utc>);

/// The newest cached bills of an address with the `ETag` of the answer they came in: the
/// server is asked whether they are still current rather than for them again.
#[derive(Clone, Debug, PartialEq)]
pub struct TaggedBills {
    /// Their period.
    pub period: Period,
    /// The answer's validator, as the server sent it.
    pub etag: String,
    /// The bills.
    pub bills: Vec<Bill>,
}

impl Store {
    /// Replaces the cached bills of an address for a period with a fresh answer from the server
    /// that came without a validator.
    pub fn cache_address_bills(
        &mut self,
        address_id: &AddressId,
        period: Period,
        bills: &[Bill],
        fetched_at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        self.cache_tagged_address_bills(address_id, period, bills, None, fetched_at)
    }

    /// Replaces the cached bills of an address for a period with a fresh answer from the server
    /// and its `ETag` (`None`: the answer had none, or the bills are not exactly the answer's).
    pub fn cache_tagged_address_bills(
        &mut self,
        address_id: &AddressId,
        period: Period,
        bills: &[Bill],
        etag: Option<&str>,
        fetched_at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        self.conn.execute(
            "INSERT INTO bill_cache (address_id, period, bills_json, fetched_at, etag)
             VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (address_id, period)
             DO UPDATE SET bills_json = excluded.bills_json, fetched_at = excluded.fetched_at,
                           etag = excluded.etag",
            params![
                address_id.as_str(),
                period_text(period),
                to_json(bills, "bills")?,
                time_text(fetched_at),
                etag
            ],
        )?;
        Ok(())
    }

    /// The newest period's cached bills of an address, if they were kept with their `ETag`.
    pub fn tagged_address_bills(
        &self,
        address_id: &AddressId,
    ) -> Result<Option<TaggedBills>, StoreError> {
        // `YYYY-MM` text sorts like the periods it names.
        let row: Option<(String, String, Option<String>)> = self
            .conn
            .query_row(
                "SELECT period, bills_json, etag FROM bill_cache WHERE address_id = ?1
                 ORDER BY period DESC LIMIT 1",
                [address_id.as_str()],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        let Some((period, bills_json, Some(etag))) = row else {
            return Ok(None);
        };
        Ok(Some(TaggedBills {
            period: parse_period(&period, "bill_cache.period")?,
            etag,
            bills: from_json(&bills_json, "bill_cache.bills_json")?,
        }))
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
