//! A one-off bill the server makes on request (a top-up of a meal account or of a transport
//! card): asked under an idempotency key committed to the device before the first send and kept
//! until that bill is paid, so a retry of the same amount gets the same bill and the one payment
//! engine settles its order instead of making another.

use std::future::Future;
use std::time::Duration;

use ofis_api::BillDto;
use ofis_client::ClientError;
use ofis_domain::{Bill, BillId, Money};
use serde::{Deserialize, Serialize};
use tracing::warn;

use crate::app::Ofis;
use crate::error::CoreError;

const ASK_ATTEMPTS: u32 = 3;

/// The top-up asked last in a slot, kept until its bill is paid.
#[derive(Clone, Debug, Serialize, Deserialize)]
struct Kept {
    amount: Money,
    key: String,
    bill: Option<String>,
}

impl Ofis {
    /// The bill for `amount` in `slot` (a settings key naming what is topped up), asked with
    /// `ask(key)`: the kept key when the same amount was asked before and its bill is not paid
    /// yet, a new one (committed before it is sent) otherwise; resent with the same key when
    /// the answer was lost.
    pub(crate) async fn one_off_bill<F, Fut>(
        &self,
        slot: &str,
        amount: Money,
        ask: F,
    ) -> Result<Bill, CoreError>
    where
        F: Fn(String) -> Fut,
        Fut: Future<Output = Result<BillDto, ClientError>>,
    {
        let key = self.one_off_key(slot, amount).await?;
        let mut attempt = 0;
        let dto = loop {
            attempt += 1;
            match ask(key.clone()).await {
                Ok(dto) => break dto,
                Err(e) if e.is_retryable() && attempt < ASK_ATTEMPTS => {
                    warn!(attempt, error = %e, "one-off bill will be asked again with the same key");
                    tokio::time::sleep(Duration::from_millis(300 * u64::from(attempt))).await;
                }
                Err(e) => return Err(e.into()),
            }
        };
        let bill = Bill::try_from(dto).map_err(ClientError::Implausible)?;
        let kept = Kept {
            amount,
            key,
            bill: Some(bill.id.0.clone()),
        };
        self.keep_one_off(slot, &kept).await?;
        Ok(bill)
    }

    async fn one_off_key(&self, slot: &str, amount: Money) -> Result<String, CoreError> {
        let setting = slot.to_string();
        let kept: Option<Kept> = self
            .inner
            .db
            .run(move |s| s.get_setting(&setting))
            .await?
            .and_then(|json| serde_json::from_str(&json).ok());
        if let Some(kept) = kept.filter(|k| k.amount == amount) {
            let paid = match &kept.bill {
                Some(bill) => self.bill_paid_through_app(BillId(bill.clone())).await?,
                None => false,
            };
            if !paid {
                return Ok(kept.key);
            }
        }
        let fresh = Kept {
            amount,
            key: uuid::Uuid::new_v4().to_string(),
            bill: None,
        };
        self.keep_one_off(slot, &fresh).await?;
        Ok(fresh.key)
    }

    async fn bill_paid_through_app(&self, bill: BillId) -> Result<bool, CoreError> {
        let ids = [bill];
        let paid = self.inner.db.run(move |s| s.paid_among(&ids)).await?;
        Ok(!paid.is_empty())
    }

    async fn keep_one_off(&self, slot: &str, kept: &Kept) -> Result<(), CoreError> {
        let (setting, json) = (
            slot.to_string(),
            serde_json::to_string(kept).map_err(|e| CoreError::Task(e.to_string()))?,
        );
        self.inner
            .db
            .run(move |s| s.set_setting(&setting, &json))
            .await
    }
}
