//! Sign-out: forgetting the user's personal data.

use crate::error::StoreError;
use crate::open::Store;

impl Store {
    /// Forgets the selection, saved addresses, cached bills, receipts, settings, saved readings,
    /// applications to the office typed here (they are the person's: never sent as another's),
    /// favourite stops and their reminders,
    /// every payment but those whose card was sent and whose outcome is not known, and every
    /// queued reading whose outcome is known.
    ///
    /// A payment whose card was sent and whose outcome is unknown is kept on purpose: money may
    /// be in flight, and only its record lets the app find out exactly once whether it went (the
    /// bank answers by payment id, whoever is signed in next). It holds bills and amounts, never
    /// card data, and leaves the outbox once settled. A payment whose card never left cannot
    /// move money: it goes with the rest (its order, if the server made one, waits for a card
    /// that never comes). Readings still
    /// queued stay for the same reason: the person entered them and their send may be in flight.
    pub fn wipe_personal_data(&mut self) -> Result<(), StoreError> {
        let tx = self.write_tx()?;
        tx.execute_batch(
            "DELETE FROM selection_line;
             DELETE FROM saved_address;
             DELETE FROM bill_cache;
             DELETE FROM receipt;
             DELETE FROM receipt_search;
             DELETE FROM spending_month;
             DELETE FROM setting;
             DELETE FROM saved_reading;
             DELETE FROM favourite_stop;
             DELETE FROM transport_reminder;
             DELETE FROM support_outbox;
             DELETE FROM office_application;
             DELETE FROM office_application_seen;
             DELETE FROM reading_queue WHERE state IN ('sent', 'refused');
             DELETE FROM outbox_order
             WHERE state NOT IN ('prepared', 'created') OR sent_to_bank_at IS NULL;
             DELETE FROM paid_bill;",
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
