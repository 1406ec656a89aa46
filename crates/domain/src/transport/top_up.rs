//! «Сумма за пополнение» against the card's type, and «Хватит на N поездок».

use rust_decimal::prelude::ToPrimitive;

use super::card_type::CardType;
use crate::Money;

/// Why a top-up amount is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TopUpError {
    #[error("the card type cannot be topped up through the app")]
    NotOnline(CardType),
    #[error("amount is zero")]
    Zero,
    #[error("amount below the minimum {0}")]
    BelowMin(Money),
    #[error("amount above the maximum {0}")]
    AboveMax(Money),
}

impl TopUpError {
    /// One sentence in Russian.
    pub fn message_ru(&self) -> String {
        match self {
            TopUpError::NotOnline(card_type) => card_type.offline_advice().unwrap_or_default(),
            TopUpError::Zero => "Сумма пополнения должна быть больше нуля".into(),
            TopUpError::BelowMin(min) => {
                format!("Сумма пополнения — не меньше {}", min.display_rub())
            }
            TopUpError::AboveMax(max) => {
                format!("Сумма пополнения — не больше {}", max.display_rub())
            }
        }
    }
}

/// Checks «Сумма за пополнение» for a card of this type: online, within its minimum and maximum.
pub fn check_top_up(card_type: CardType, amount: Money) -> Result<(), TopUpError> {
    let (min, max) = card_type
        .top_up_limits()
        .ok_or(TopUpError::NotOnline(card_type))?;
    if amount.is_zero() {
        return Err(TopUpError::Zero);
    }
    if amount < min {
        return Err(TopUpError::BelowMin(min));
    }
    if amount > max {
        return Err(TopUpError::AboveMax(max));
    }
    Ok(())
}

/// «Хватит на N поездок»: the balance over the fare, rounded down; `None` for a free fare.
pub fn trips_left(balance: Money, fare: Money) -> Option<u32> {
    if fare.is_zero() {
        return None;
    }
    let ratio = balance.value().checked_div(fare.value())?;
    Some(ratio.floor().to_u32().unwrap_or(u32::MAX))
}
