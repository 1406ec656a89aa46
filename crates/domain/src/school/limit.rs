//! The daily spending limit a parent sets on a meal account, and the canteen's check of each
//! purchase against it and against the balance. A new limit takes effect from the next purchase:
//! what was bought stays bought.

use crate::Money;

/// The highest daily limit a parent may set.
pub const MAX_DAILY_LIMIT: Money = Money::from_whole_roubles(10_000);

/// Why a limit is not accepted.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum LimitError {
    #[error("a daily limit must be more than zero")]
    Zero,
    #[error("a daily limit is at most {MAX_DAILY_LIMIT}")]
    TooHigh,
}

impl LimitError {
    /// One sentence in Russian.
    pub fn message_ru(&self) -> String {
        match self {
            LimitError::Zero => "Лимит должен быть больше нуля".to_string(),
            LimitError::TooHigh => format!(
                "Лимит не может быть больше {} в день",
                MAX_DAILY_LIMIT.display_rub()
            ),
        }
    }
}

/// A limit a parent typed, if the canteen can keep it; `None` (no limit) is always fine.
pub fn validate_limit(limit: Option<Money>) -> Result<Option<Money>, LimitError> {
    match limit {
        Some(l) if l.is_zero() => Err(LimitError::Zero),
        Some(l) if l > MAX_DAILY_LIMIT => Err(LimitError::TooHigh),
        other => Ok(other),
    }
}

/// Why the canteen does not sell something.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PurchaseRefusal {
    #[error("{price} would pass the daily limit {limit} ({spent} spent)")]
    OverDailyLimit {
        limit: Money,
        spent: Money,
        price: Money,
    },
    #[error("{price} is more than the balance {balance}")]
    InsufficientBalance { balance: Money, price: Money },
}

impl PurchaseRefusal {
    /// One sentence in Russian.
    pub fn message_ru(&self) -> String {
        match self {
            PurchaseRefusal::OverDailyLimit {
                limit,
                spent,
                price,
            } => format!(
                "Покупка на {} превышает дневной лимит {} (сегодня потрачено {})",
                price.display_rub(),
                limit.display_rub(),
                spent.display_rub()
            ),
            PurchaseRefusal::InsufficientBalance { balance, price } => format!(
                "Недостаточно средств: на счёте {}, покупка на {}",
                balance.display_rub(),
                price.display_rub()
            ),
        }
    }
}

/// What may still be spent today under the limit (`None`: no limit).
pub fn left_today(limit: Option<Money>, spent_today: Money) -> Option<Money> {
    limit.map(|l| l - spent_today)
}

/// The canteen's check: a purchase that would take the day's spend past the limit, or cost more
/// than the balance, is refused. Spending exactly up to the limit is allowed.
pub fn check_purchase(
    price: Money,
    balance: Money,
    limit: Option<Money>,
    spent_today: Money,
) -> Result<(), PurchaseRefusal> {
    if let Some(limit) = limit {
        let after = spent_today.checked_add(price);
        if after.is_none_or(|after| after > limit) {
            return Err(PurchaseRefusal::OverDailyLimit {
                limit,
                spent: spent_today,
                price,
            });
        }
    }
    if price > balance {
        return Err(PurchaseRefusal::InsufficientBalance { balance, price });
    }
    Ok(())
}
