//! The children of the section: who they are, and their meal account as the card shows it.

use ofis_api::ChildDto;
use ofis_domain::school::limit::left_today;
use ofis_domain::Money;
use tracing::instrument;

use crate::app::Ofis;
use crate::error::CoreError;

/// A child's card: who, where, and the meal account.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChildCard {
    pub id: String,
    /// «Соколова Мария».
    pub name: String,
    /// «МОАУ "СОШ № 5"».
    pub school: String,
    /// «5 «А»».
    pub class_name: String,
    /// The meal account (лицевой счёт), also payable from «Мои платежи».
    pub meal_account: String,
    /// Posted balance.
    pub balance: Money,
    /// Top-ups paid and not posted yet («в обработке»).
    pub processing: Money,
    /// Today's spending limit; `None`: no limit.
    pub daily_limit: Option<Money>,
    /// Spent at the canteen today.
    pub spent_today: Money,
    /// What the limit still allows today; `None`: no limit.
    pub left_today: Option<Money>,
    /// Whether the school has paid education services for the child.
    pub has_paid_services: bool,
    /// Whether a photo was uploaded.
    pub has_photo: bool,
}

impl From<ChildDto> for ChildCard {
    fn from(c: ChildDto) -> Self {
        ChildCard {
            left_today: left_today(c.daily_limit, c.spent_today),
            id: c.id,
            name: c.name,
            school: c.school_name,
            class_name: c.class_name,
            meal_account: c.meal_account,
            balance: c.balance,
            processing: c.processing_topups,
            daily_limit: c.daily_limit,
            spent_today: c.spent_today,
            has_paid_services: c.has_paid_services,
            has_photo: c.photo_url.is_some(),
        }
    }
}

impl Ofis {
    /// The children linked to the signed-in phone; empty when none are (the section then
    /// explains and sends the parent to «Мои платежи» → «+»).
    #[instrument(skip(self))]
    pub async fn children(&self) -> Result<Vec<ChildCard>, CoreError> {
        let children: Vec<ChildCard> = self
            .inner
            .gorod
            .children()
            .await?
            .into_iter()
            .map(ChildCard::from)
            .collect();
        // Every fresh balance is held against the parent's low-balance threshold (once, re-armed
        // after a top-up posts); an alert that cannot be checked never hides the children.
        for card in &children {
            if let Err(e) = self.observe_balance(card).await {
                tracing::warn!(error = %e, "the low-balance alert could not be checked");
            }
        }
        Ok(children)
    }

    /// One child's card, fresh from the server.
    #[instrument(skip(self))]
    pub async fn child(&self, child_id: &str) -> Result<ChildCard, CoreError> {
        Ok(self.inner.gorod.child(child_id).await?.into())
    }
}
