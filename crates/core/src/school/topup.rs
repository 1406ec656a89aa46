//! «Пополнить»: an amount within the meal account's rules becomes the server's one-off bill,
//! asked under an idempotency key committed (and kept) before the first send, then paid through
//! the one payment engine ([`Ofis::start_payment_of`]): the card form, 3-D Secure, the outbox,
//! reconciling and the receipt are those of every bill.

use std::time::Duration;

use ofis_api::BillDto;
use ofis_client::ClientError;
use ofis_domain::{Bill, BillId, CombinedError, Money, PaymentRules};
use ofis_store::OutboxState;
use serde::{Deserialize, Serialize};
use tracing::{instrument, warn};

use super::SchoolError;
use crate::app::Ofis;
use crate::error::CoreError;
use crate::payment::PaymentTicket;

const ASK_ATTEMPTS: u32 = 3;

/// What the top-up screen shows before the amount: the account and its rules.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TopUpForm {
    /// The meal account (лицевой счёт).
    pub meal_account: String,
    pub balance: Money,
    pub processing: Money,
    /// The account's rules, when known: «от 10,00 ₽ до 15 000,00 ₽».
    pub hint: Option<String>,
}

/// The top-up asked last for a child, kept until its bill is paid: a retry of the same amount
/// reuses the key, so the server answers the same bill and the engine settles its order.
#[derive(Clone, Debug, Serialize, Deserialize)]
struct KeptTopUp {
    amount: Money,
    key: String,
    bill: Option<String>,
}

fn kept_setting(child_id: &str) -> String {
    format!("school.top_up.{child_id}")
}

fn rules_hint(rules: &PaymentRules) -> Option<String> {
    match (rules.min, rules.max) {
        (Some(min), Some(max)) => Some(format!(
            "Сумма пополнения: от {} до {}",
            min.display_rub(),
            max.display_rub()
        )),
        (Some(min), None) => Some(format!("Сумма пополнения: от {}", min.display_rub())),
        (None, Some(max)) => Some(format!("Сумма пополнения: до {}", max.display_rub())),
        (None, None) => None,
    }
}

impl Ofis {
    /// The top-up screen's account, balance and the amounts it takes.
    #[instrument(skip(self))]
    pub async fn top_up_form(&self, child_id: &str) -> Result<TopUpForm, CoreError> {
        let child = self.inner.gorod.child(child_id).await?;
        let rules = self.meal_account_rules(&child.meal_account).await?;
        Ok(TopUpForm {
            meal_account: child.meal_account,
            balance: child.balance,
            processing: child.processing_topups,
            hint: rules.as_ref().and_then(rules_hint),
        })
    }

    /// «Пополнить» on `amount` as typed: checked against the account's rules, the server's
    /// bill asked under a kept idempotency key, then frozen and ordered. Open the card form with
    /// the ticket's key (`Checkout`).
    #[instrument(skip(self, amount))]
    pub async fn top_up(&self, child_id: &str, amount: &str) -> Result<PaymentTicket, CoreError> {
        let amount = Money::parse_input(amount)?;
        if amount.is_zero() {
            return Err(SchoolError::TopUpZero.into());
        }
        let child = self.inner.gorod.child(child_id).await?;
        if let Some(rules) = self.meal_account_rules(&child.meal_account).await? {
            rules
                .check(amount, amount)
                .map_err(|e| CoreError::Combined(CombinedError::Rule(e)))?;
        }
        let key = self.top_up_key(child_id, amount).await?;
        let dto = self.ask_top_up_bill(child_id, amount, &key).await?;
        let bill = Bill::try_from(dto).map_err(ClientError::Implausible)?;
        let kept = KeptTopUp {
            amount,
            key,
            bill: Some(bill.id.0.clone()),
        };
        self.keep_top_up(child_id, &kept).await?;
        self.start_payment_of(vec![bill]).await
    }

    /// The provider's rules for the meal account, from its bill this month (`None` when it
    /// has none posted: the server then is the only judge).
    async fn meal_account_rules(&self, account: &str) -> Result<Option<PaymentRules>, CoreError> {
        match self.inner.gorod.account_bills(account, None).await {
            Ok(bills) => Ok(bills
                .into_iter()
                .find(|b| b.account == account)
                .map(|b| PaymentRules::from(b.rules))),
            Err(ClientError::NotFound(_)) => Ok(None),
            Err(e) => Err(e.into()),
        }
    }

    /// The kept key when the same amount is asked again and its bill is not paid yet; a new
    /// one, committed to the device before it is sent, otherwise.
    async fn top_up_key(&self, child_id: &str, amount: Money) -> Result<String, CoreError> {
        let setting = kept_setting(child_id);
        let kept: Option<KeptTopUp> = self
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
        let fresh = KeptTopUp {
            amount,
            key: uuid::Uuid::new_v4().to_string(),
            bill: None,
        };
        self.keep_top_up(child_id, &fresh).await?;
        Ok(fresh.key)
    }

    async fn bill_paid_through_app(&self, bill: BillId) -> Result<bool, CoreError> {
        let orders = self.inner.db.run(|s| s.outbox_all()).await?;
        Ok(orders
            .iter()
            .any(|o| o.state == OutboxState::Paid && o.lines.iter().any(|l| l.bill.id == bill)))
    }

    async fn keep_top_up(&self, child_id: &str, kept: &KeptTopUp) -> Result<(), CoreError> {
        let (setting, json) = (
            kept_setting(child_id),
            serde_json::to_string(kept).map_err(|e| CoreError::Task(e.to_string()))?,
        );
        self.inner
            .db
            .run(move |s| s.set_setting(&setting, &json))
            .await
    }

    /// Asks the bill, resending with the same key when the answer was lost.
    async fn ask_top_up_bill(
        &self,
        child_id: &str,
        amount: Money,
        key: &str,
    ) -> Result<BillDto, CoreError> {
        let mut attempt = 0;
        loop {
            attempt += 1;
            match self.inner.gorod.top_up_bill(child_id, amount, key).await {
                Ok(dto) => return Ok(dto),
                Err(e) if e.is_retryable() && attempt < ASK_ATTEMPTS => {
                    warn!(attempt, error = %e, "top-up bill will be asked again with the same key");
                    tokio::time::sleep(Duration::from_millis(300 * u64::from(attempt))).await;
                }
                Err(e) => return Err(e.into()),
            }
        }
    }
}
