//! A card's name and its low-balance alert: the name is the server's (renamed there); the
//! threshold is this device's (see [`crate::alert`]), observed whenever the card is read, one
//! notification below it, re-armed when a top-up is credited.

use ofis_domain::Money;
use tracing::instrument;

use super::cards::TransportCard;
use crate::alert::{AlertKey, Balance, Notice};
use crate::app::Ofis;
use crate::error::CoreError;

fn alert_key(number: &str) -> AlertKey {
    AlertKey::new("transport", number)
}

/// The notification's text.
fn low_balance_ru(card: &TransportCard) -> String {
    format!(
        "{}: на карте {} — меньше порога. Пополните карту.",
        card.name,
        card.balance.display_rub()
    )
}

impl Ofis {
    /// Gives a saved card a new name (empty: named after its type).
    #[instrument(skip(self, name))]
    pub async fn rename_card(&self, number: &str, name: &str) -> Result<TransportCard, CoreError> {
        let card = self.inner.gorod.rename_card(number, name.trim()).await?;
        self.watched(card.into()).await
    }

    /// Sets the card's low-balance threshold as typed (empty text removes the alert); a new
    /// alert is armed, so a balance already below it notifies once.
    #[instrument(skip(self))]
    pub async fn set_card_alert(
        &self,
        number: &str,
        text: &str,
    ) -> Result<Option<Money>, CoreError> {
        self.set_balance_alert(&alert_key(number), text).await
    }

    /// The card's low-balance threshold, if set.
    pub async fn card_alert(&self, number: &str) -> Result<Option<Money>, CoreError> {
        self.balance_alert_threshold(&alert_key(number)).await
    }

    /// The card as read, held against its alert: the threshold filled in, and whether this
    /// read notified. An alert that cannot be checked never hides the card.
    pub(super) async fn watched(
        &self,
        mut card: TransportCard,
    ) -> Result<TransportCard, CoreError> {
        let key = alert_key(&card.number);
        let seen = Balance {
            now: card.balance,
            awaiting: Some(card.pending),
        };
        let notice = || Notice {
            title: "Мало денег на транспортной карте",
            body: low_balance_ru(&card),
        };
        match self.observe_balance_alert(&key, seen, notice).await {
            Ok(fired) => card.below_alert = fired,
            Err(e) => tracing::warn!(error = %e, "the low-balance alert could not be checked"),
        }
        card.alert = self.card_alert(&card.number).await?;
        Ok(card)
    }
}
