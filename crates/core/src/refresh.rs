//! Refreshing the общий счёт from the server: this period's bills of every saved address and of
//! every single bill, merged into the basket; a bill posted since the last look becomes a
//! notification, and a line whose provider has not posted this period's bill yet waits for it.
//! An address's bills kept with their `ETag` are asked about conditionally (a 304 costs no body).

use ofis_client::{IfChanged, Tagged};
use ofis_domain::{AddressId, Bill, Period};
use tracing::instrument;

use crate::app::Ofis;
use crate::error::CoreError;
use crate::snapshot::Snapshot;
use crate::state::bill_posted;

impl Ofis {
    /// Fetches this period's bills of every saved address and of every single bill, and merges
    /// them into the общий счёт. A bill posted since the last look becomes a notification; a
    /// line whose provider has not posted this period's bill yet is marked as awaiting.
    #[instrument(skip(self))]
    pub async fn refresh(&self) -> Result<Snapshot, CoreError> {
        let addresses = self.read().basket().addresses().to_vec();
        let mut current = Period::of(self.inner.clock.today());
        for address in &addresses {
            current = current.max(self.refresh_address(&address.id).await?);
        }
        let singles = self.read().basket().single_accounts();
        for (provider, account) in singles {
            match self
                .inner
                .gorod
                .provider_bills(&provider, &account, None)
                .await
            {
                Ok(found) => {
                    let bills: Vec<Bill> = crate::finding::domain_bills(found)?;
                    self.learn_paid(&bills).await?;
                    self.merge_fresh_bills(&bills);
                }
                // Not posted (or no longer known): the line stays as it is and is marked below.
                Err(ofis_client::ClientError::NotFound(_)) => {}
                Err(e) => return Err(e.into()),
            }
        }
        self.change().basket_mut().refreshed(current);
        self.persist_combined().await?;
        Ok(self.snapshot())
    }

    /// This period's bills of one saved address, merged into the basket; returns their period.
    /// Bills kept with their `ETag` are asked about conditionally: on a 304 (no body) the kept
    /// bills are merged — what the same answer in full would have done — and nothing is
    /// decoded or written again.
    async fn refresh_address(&self, address_id: &str) -> Result<Period, CoreError> {
        let id = AddressId(address_id.to_string());
        let lookup = id.clone();
        let kept = match self
            .inner
            .db
            .run(move |s| s.tagged_address_bills(&lookup))
            .await
        {
            Ok(kept) => kept,
            Err(e) => {
                tracing::warn!(error = %e, "kept bills unreadable: asking for them whole");
                None
            }
        };
        let known = kept.as_ref().map(|k| k.etag.as_str());
        let answer = self
            .inner
            .gorod
            .address_bills_if_changed(address_id, known)
            .await?;
        let Tagged { value: found, etag } = match (answer, kept) {
            (IfChanged::Unchanged, Some(kept)) => {
                self.learn_paid(&kept.bills).await?;
                self.merge_fresh_bills(&kept.bills);
                return Ok(kept.period);
            }
            (IfChanged::Changed(fresh), _) => fresh,
            // Only a request naming a tag is answered so.
            (IfChanged::Unchanged, None) => {
                return Err(ofis_client::ClientError::Redirect { status: 304 }.into())
            }
        };
        let bills: Vec<Bill> = crate::finding::domain_bills(found.bills)?;
        self.learn_paid(&bills).await?;
        self.merge_fresh_bills(&bills);
        let (period, now) = (found.period, self.inner.clock.now());
        self.inner
            .db
            .run(move |s| s.cache_tagged_address_bills(&id, period, &bills, etag.as_deref(), now))
            .await?;
        Ok(period)
    }

    /// Merges fresh bills into the basket; each bill just posted is a notification, in the app
    /// and in the platform's notification centre.
    fn merge_fresh_bills(&self, bills: &[Bill]) {
        let posted: Vec<String> = {
            let mut s = self.change();
            let posted: Vec<String> = s
                .basket_mut()
                .merge_fresh(bills)
                .iter()
                .map(bill_posted)
                .collect();
            for text in &posted {
                s.notices_mut().add(text.clone());
            }
            posted
        };
        for text in &posted {
            self.notify_os("Выставлен счёт", text);
        }
    }
}
