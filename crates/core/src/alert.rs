//! The low-balance alert of any balance the person watches — a child's meal account, a transport
//! card: a threshold kept in the device's settings under a key of its section, one notification
//! when a freshly read balance falls below it, re-armed when a top-up reaches the balance (the
//! balance rose, or money awaiting credit was credited).

use ofis_domain::school::LowBalanceAlert;
use ofis_domain::Money;
use serde::{Deserialize, Serialize};

use crate::app::Ofis;
use crate::error::CoreError;

/// Where one balance's alert is kept: `{section}.alert.{id}` in the settings.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct AlertKey(String);

impl AlertKey {
    /// The alert of `id` (a child, a card number) in `section` («school», «transport»).
    pub(crate) fn new(section: &str, id: &str) -> Self {
        AlertKey(format!("{section}.alert.{id}"))
    }
}

/// A freshly read balance.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Balance {
    pub now: Money,
    /// Paid top-ups not credited yet, where the balance's keeper reports them.
    pub awaiting: Option<Money>,
}

/// What the notification says, should the alert fire.
pub(crate) struct Notice {
    pub title: &'static str,
    pub body: String,
}

/// The alert as kept in the settings: the rule's state and the balance last seen.
#[derive(Clone, Debug, Serialize, Deserialize)]
struct KeptAlert {
    alert: LowBalanceAlert,
    last_balance: Option<Money>,
    #[serde(default)]
    last_awaiting: Option<Money>,
}

impl KeptAlert {
    /// A top-up reached the balance since the last look: it rose, or less awaits credit.
    fn topped_up(&self, seen: Balance) -> bool {
        let rose = self.last_balance.is_some_and(|last| seen.now > last);
        let credited = self
            .last_awaiting
            .zip(seen.awaiting)
            .is_some_and(|(last, now)| now < last);
        rose || credited
    }
}

impl Ofis {
    /// Sets the threshold as typed (empty text removes the alert); a new alert is armed, so a
    /// balance already below it notifies once.
    pub(crate) async fn set_balance_alert(
        &self,
        key: &AlertKey,
        text: &str,
    ) -> Result<Option<Money>, CoreError> {
        if text.trim().is_empty() {
            let setting = key.0.clone();
            self.inner
                .db
                .run(move |s| s.remove_setting(&setting))
                .await?;
            return Ok(None);
        }
        let threshold = Money::parse_input(text)?;
        if threshold.is_zero() {
            return Err(CoreError::ThresholdZero);
        }
        let kept = KeptAlert {
            alert: LowBalanceAlert::new(threshold),
            last_balance: None,
            last_awaiting: None,
        };
        self.keep_alert(key, &kept).await?;
        Ok(Some(threshold))
    }

    /// The threshold, if set.
    pub(crate) async fn balance_alert_threshold(
        &self,
        key: &AlertKey,
    ) -> Result<Option<Money>, CoreError> {
        Ok(self.kept_alert(key).await?.map(|k| k.alert.threshold))
    }

    /// Looks at a fresh balance: a top-up since the last look re-arms the alert; a balance below
    /// the threshold notifies once (in the app's list and the platform's notification centre).
    /// Returns whether it notified.
    pub(crate) async fn observe_balance_alert(
        &self,
        key: &AlertKey,
        seen: Balance,
        notice: impl FnOnce() -> Notice,
    ) -> Result<bool, CoreError> {
        let Some(mut kept) = self.kept_alert(key).await? else {
            return Ok(false);
        };
        if kept.topped_up(seen) {
            kept.alert.top_up_posted();
        }
        let fire = kept.alert.observe(seen.now);
        kept.last_balance = Some(seen.now);
        kept.last_awaiting = seen.awaiting;
        self.keep_alert(key, &kept).await?;
        if fire {
            let notice = notice();
            self.change().notices_mut().add(notice.body.clone());
            self.notify_os(notice.title, &notice.body);
        }
        Ok(fire)
    }

    async fn kept_alert(&self, key: &AlertKey) -> Result<Option<KeptAlert>, CoreError> {
        let setting = key.0.clone();
        let json = self.inner.db.run(move |s| s.get_setting(&setting)).await?;
        Ok(json.and_then(|j| serde_json::from_str(&j).ok()))
    }

    async fn keep_alert(&self, key: &AlertKey, kept: &KeptAlert) -> Result<(), CoreError> {
        let setting = key.0.clone();
        let json = serde_json::to_string(kept).map_err(|e| CoreError::Task(e.to_string()))?;
        self.inner
            .db
            .run(move |s| s.set_setting(&setting, &json))
            .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kept(last: u32, awaiting: Option<u32>) -> KeptAlert {
        KeptAlert {
            alert: LowBalanceAlert::new(Money::from_whole_roubles(100)),
            last_balance: Some(Money::from_whole_roubles(last)),
            last_awaiting: awaiting.map(Money::from_whole_roubles),
        }
    }

    fn seen(now: u32, awaiting: Option<u32>) -> Balance {
        Balance {
            now: Money::from_whole_roubles(now),
            awaiting: awaiting.map(Money::from_whole_roubles),
        }
    }

    #[test]
    fn a_top_up_is_a_rise_or_a_credit_of_what_awaited() {
        assert!(kept(50, None).topped_up(seen(60, None)), "rose");
        assert!(!kept(50, None).topped_up(seen(40, None)), "a trip");
        assert!(
            kept(50, Some(300)).topped_up(seen(40, Some(0))),
            "credited, then trips took more than it"
        );
        assert!(!kept(50, Some(300)).topped_up(seen(40, Some(300))));
        assert!(!kept(50, Some(0)).topped_up(seen(40, Some(300))), "paid");
    }

    #[test]
    fn keys_keep_the_school_settings_name() {
        assert_eq!(AlertKey::new("school", "c1").0, "school.alert.c1");
    }
}
