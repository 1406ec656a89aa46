//! The cost preview: what a consumption would cost at the provider's tariff, so a typo that
//! would mean a huge bill is obvious before sending.

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

use super::meter::TariffZone;
use crate::money::{Money, MoneyError};

/// A price per unit (roubles per м³, кВт·ч or Гкал), for one tariff zone or for all.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tariff {
    /// `None`: the price of a single-tariff meter.
    pub zone: Option<TariffZone>,
    /// Roubles per unit; may have more than two places (e.g. 4.718).
    pub price: Decimal,
}

/// Consumption × price per unit, rounded half-up to the kopeck. Fails only for absurd sizes
/// (over the money ceiling) or a negative consumption.
pub fn cost_preview(consumption: Decimal, price_per_unit: Decimal) -> Result<Money, MoneyError> {
    let cost = consumption
        .checked_mul(price_per_unit)
        .ok_or(MoneyError::TooLarge)?
        .round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    Money::new(cost)
}
