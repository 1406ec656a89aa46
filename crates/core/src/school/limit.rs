//! «Лимит питания»: the daily spending limit the canteen keeps, shown and changed; a new limit
//! takes effect from the next purchase (what was bought today stays bought).

use ofis_api::MealLimitDto;
use ofis_domain::school::validate_limit;
use ofis_domain::Money;
use tracing::instrument;

use super::SchoolError;
use crate::app::Ofis;
use crate::error::CoreError;

/// The daily limit as the screen shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MealLimit {
    /// `None`: no limit.
    pub daily_limit: Option<Money>,
    pub spent_today: Money,
    /// What the limit still allows today; `None` without a limit.
    pub left_today: Option<Money>,
    /// «Лимит на день: 300,00 ₽» or «Лимит питания не установлен».
    pub summary: String,
}

impl From<MealLimitDto> for MealLimit {
    fn from(l: MealLimitDto) -> Self {
        let summary = match l.daily_limit {
            Some(limit) => format!("Лимит на день: {}", limit.display_rub()),
            None => "Лимит питания не установлен".to_string(),
        };
        MealLimit {
            daily_limit: l.daily_limit,
            spent_today: l.spent_today,
            left_today: l.left_today,
            summary,
        }
    }
}

/// A limit as typed: empty lifts it.
pub(crate) fn parse_limit(text: &str) -> Result<Option<Money>, CoreError> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    let limit = Money::parse_input(text)?;
    Ok(validate_limit(Some(limit)).map_err(SchoolError::from)?)
}

impl Ofis {
    /// «Лимит питания»: the limit, today's spend and what is left.
    #[instrument(skip(self))]
    pub async fn meal_limit(&self, child_id: &str) -> Result<MealLimit, CoreError> {
        Ok(self.inner.gorod.meal_limit(child_id).await?.into())
    }

    /// Sets the daily limit as typed (empty text lifts it), checked by the domain's rule before
    /// it is sent; the canteen keeps it from the next purchase.
    #[instrument(skip(self))]
    pub async fn set_meal_limit(&self, child_id: &str, text: &str) -> Result<MealLimit, CoreError> {
        let limit = parse_limit(text)?;
        Ok(self
            .inner
            .gorod
            .set_meal_limit(child_id, limit)
            .await?
            .into())
    }
}
