//! What the card adds to the balance: «Хватит на N дней» (the balance over the last four weeks'
//! average daily spend), and the low-balance alert — a threshold per child kept in the device's
//! settings, one notification when a refreshed balance falls below it, re-armed when a top-up
//! posts (the balance goes up).

use chrono::Days;
use ofis_domain::school::{days_left, LowBalanceAlert, FORECAST_DAYS};
use ofis_domain::{tz, Money};
use serde::{Deserialize, Serialize};
use tracing::instrument;

use super::text::days_ru;
use super::{ChildCard, SchoolError};
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

/// The alert as kept in the settings: the rule's state and the balance last seen.
#[derive(Clone, Debug, Serialize, Deserialize)]
struct KeptAlert {
    alert: LowBalanceAlert,
    last_balance: Option<Money>,
}

fn alert_setting(child_id: &str) -> String {
    format!("school.alert.{child_id}")
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
        let setting = alert_setting(child_id);
        if text.trim().is_empty() {
            self.inner
                .db
                .run(move |s| s.remove_setting(&setting))
                .await?;
            return Ok(None);
        }
        let threshold = Money::parse_input(text)?;
        if threshold.is_zero() {
            return Err(SchoolError::ThresholdZero.into());
        }
        let kept = KeptAlert {
            alert: LowBalanceAlert::new(threshold),
            last_balance: None,
        };
        self.keep_alert(child_id, &kept).await?;
        Ok(Some(threshold))
    }

    /// The child's low-balance threshold, if set.
    pub async fn low_balance_threshold(&self, child_id: &str) -> Result<Option<Money>, CoreError> {
        Ok(self.kept_alert(child_id).await?.map(|k| k.alert.threshold))
    }

    /// Looks at a refreshed balance: a rise since the last look (a top-up posted) re-arms the
    /// alert; a balance below the threshold notifies once. Returns whether it notified.
    pub async fn observe_balance(&self, card: &ChildCard) -> Result<bool, CoreError> {
        let Some(mut kept) = self.kept_alert(&card.id).await? else {
            return Ok(false);
        };
        if kept.last_balance.is_some_and(|last| card.balance > last) {
            kept.alert.top_up_posted();
        }
        let fire = kept.alert.observe(card.balance);
        kept.last_balance = Some(card.balance);
        self.keep_alert(&card.id, &kept).await?;
        if fire {
            let text = low_balance_ru(card);
            self.change().notices_mut().add(text.clone());
            self.notify_os("Мало денег на счёте питания", &text);
        }
        Ok(fire)
    }

    async fn kept_alert(&self, child_id: &str) -> Result<Option<KeptAlert>, CoreError> {
        let setting = alert_setting(child_id);
        let json = self.inner.db.run(move |s| s.get_setting(&setting)).await?;
        Ok(json.and_then(|j| serde_json::from_str(&j).ok()))
    }

    async fn keep_alert(&self, child_id: &str, kept: &KeptAlert) -> Result<(), CoreError> {
        let setting = alert_setting(child_id);
        let json = serde_json::to_string(kept).map_err(|e| CoreError::Task(e.to_string()))?;
        self.inner
            .db
            .run(move |s| s.set_setting(&setting, &json))
            .await
    }
}
