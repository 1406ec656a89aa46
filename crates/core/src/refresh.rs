//! Refreshing the общий счёт from the server: this period's bills of every saved address and of
//! every single bill, merged into the basket; a bill posted since the last look becomes a
//! notification, and a line whose provider has not posted this period's bill yet waits for it.

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
            let found = self.inner.gorod.address_bills(&address.id, None).await?;
            current = current.max(found.period);
            let bills: Vec<Bill> = crate::finding::domain_bills(found.bills)?;
            self.learn_paid(&bills).await?;
            self.merge_fresh_bills(&bills);
            let (id, period, now) = (
                AddressId(address.id.clone()),
                found.period,
                self.inner.clock.now(),
            );
            self.inner
                .db
                .run(move |s| s.cache_address_bills(&id, period, &bills, now))
                .await?;
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
