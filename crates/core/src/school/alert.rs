//! What the card adds to the balance: «Хватит на N дней» (the balance over the last four weeks'
//! average daily spend), and the low-balance alert of each child (see [`crate::alert`]): one
//! notification when a refreshed balance falls below it, re-armed when a top-up posts (the
//! balance goes up).

use chrono::Days;
use ofis_domain::school::{days_left, FORECAST_DAYS};
use ofis_domain::{tz, Money};
use tracing::instrument;

use super::text::days_ru;
use super::ChildCard;
use crate::alert::{AlertKey, Balance, Notice};
use crate::app::Ofis;
use crate::error::CoreError;

/// The card's forecast and alert.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MealOutlook {
    /// «Хватит на 5 дней»; `None` when nothing was spent in four weeks.
    pub days_left: Option<String>,
    /// The low-balance threshold, when set.
    pub alert_threshold: Option<Money>,
    /// Whether this refresh notified the parent (the balance fell below the threshold).
    pub notified: bool,
}

fn alert_key(child_id: &str) -> AlertKey {
    AlertKey::new("school", child_id)
}

/// The notification's text.
fn low_balance_ru(card: &ChildCard) -> String {
    format!(
        "{}: на счёте питания {} — меньше порога. Пополните счёт.",
        card.name,
        card.balance.display_rub()
    )
}

impl Ofis {
    /// The card's «Хватит на N дней» and the low-balance alert, observed on this balance.
    #[instrument(skip(self, card), fields(child = %card.id))]
    pub async fn meal_outlook(&self, card: &ChildCard) -> Result<MealOutlook, CoreError> {
        let today = self.today();
        let first = today
            .checked_sub_days(Days::new(FORECAST_DAYS))
            .unwrap_or(today);
        let last = today.pred_opt().unwrap_or(today);
        let history = self
            .inner
            .gorod
            .meal_history(&card.id, Some(first), Some(last))
            .await?;
        let spends = history
            .purchases
            .iter()
            .map(|p| (tz::local_date(p.at), p.total));
        let days = days_left(card.balance, spends, today);
        let notified = self.observe_balance(card).await?;
        Ok(MealOutlook {
            days_left: days.map(|n| format!("Хватит на {}", days_ru(n))),
            alert_threshold: self.low_balance_threshold(&card.id).await?,
            notified,
        })
    }

    /// Sets the low-balance threshold as typed (empty text removes the alert); a new alert is
    /// armed.
    #[instrument(skip(self))]
    pub async fn set_low_balance_alert(
        &self,
        child_id: &str,
        text: &str,
    ) -> Result<Option<Money>, CoreError> {
        self.set_balance_alert(&alert_key(child_id), text).await
    }

    /// The child's low-balance threshold, if set.
    pub async fn low_balance_threshold(&self, child_id: &str) -> Result<Option<Money>, CoreError> {
        self.balance_alert_threshold(&alert_key(child_id)).await
    }

    /// Looks at a refreshed balance: a rise since the last look (a top-up posted) re-arms the
    /// alert; a balance below the threshold notifies once. Returns whether it notified.
    pub async fn observe_balance(&self, card: &ChildCard) -> Result<bool, CoreError> {
        let seen = Balance {
            now: card.balance,
            awaiting: None,
        };
        self.observe_balance_alert(&alert_key(&card.id), seen, || Notice {
            title: "Мало денег на счёте питания",
            body: low_balance_ru(card),
        })
        .await
    }
}
