//! Sign-out: forgetting the user's personal data.

use crate::error::StoreError;
use crate::open::Store;

impl Store {
    /// Forgets the selection, saved addresses, cached bills, receipts, settings, saved readings,
    /// every payment whose outcome is known and every queued reading whose outcome is known.
    ///
    /// Payments still `Prepared` or `Created` are kept on purpose: money may be in flight, and
    /// only their idempotency keys let the app find out exactly once whether it went. They hold
    /// bills and amounts, never card data, and leave the outbox once reconciled. Readings still
    /// queued stay for the same reason: the person entered them and their send may be in flight.
    pub fn wipe_personal_data(&mut self) -> Result<(), StoreError> {
        let tx = self.write_tx()?;
        tx.execute_batch(
            "DELETE FROM selection_line;
             DELETE FROM saved_address;
             DELETE FROM bill_cache;
             DELETE FROM receipt;
             DELETE FROM setting;
             DELETE FROM saved_reading;
             DELETE FROM reading_queue WHERE state IN ('sent', 'refused');
             DELETE FROM outbox_order WHERE state IN ('paid', 'declined', 'abandoned');",
        )?;
        tx.commit()?;
        // secure_delete zeroed the freed pages; copying the WAL back and truncating it removes
        // the last copies of the old pages. Busy readers only delay this, so its result is moot.
        self.conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        let kept: i64 = self
            .conn
            .query_row("SELECT count(*) FROM outbox_order", [], |r| r.get(0))?;
        tracing::info!(kept_pending_payments = kept, "personal data wiped");
        Ok(())
    }
}
