//! «Пополнить»: an amount within the meal account's rules becomes the server's one-off bill,
//! asked under an idempotency key committed (and kept) before the first send, then paid through
//! the one payment engine ([`Ofis::start_payment_of`]): the card form, 3-D Secure, the outbox,
//! reconciling and the receipt are those of every bill.

use ofis_client::ClientError;
use ofis_domain::{CombinedError, Money, PaymentRules};
use tracing::instrument;

use super::SchoolError;
use crate::app::Ofis;
use crate::error::CoreError;
use crate::payment::PaymentTicket;

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
        let gorod = &self.inner.gorod;
        let bill = self
            .one_off_bill(&kept_setting(child_id), amount, |key| async move {
                gorod.top_up_bill(child_id, amount, &key).await
            })
            .await?;
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
}
