//! Per-provider payment rules: minimum and maximum, "must be paid in full", and the fee.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::money::{Money, MoneyError};

/// The most one payment (one order) may carry, as the bank gateway allows.
pub const PAYMENT_LIMIT: Money = Money::from_whole_roubles(600_000);

/// A provider's fee: a percentage of the amount, not less than a minimum (zero for none).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fee {
    /// Percent of the amount, e.g. `1.5`.
    pub percent: Decimal,
    /// The fee is never below this when the amount is not zero.
    pub min: Money,
}

impl Fee {
    /// No fee (Город-billed services).
    pub const NONE: Fee = Fee {
        percent: Decimal::ZERO,
        min: Money::ZERO,
    };

    /// The fee on an amount: zero for a zero amount, otherwise the percentage but at least `min`.
    /// A percentage that gives no amount of money (negative, or past the ceiling) is an error.
    pub fn checked_on(self, amount: Money) -> Result<Money, MoneyError> {
        if amount.is_zero() || (self.percent.is_zero() && self.min.is_zero()) {
            return Ok(Money::ZERO);
        }
        if self.percent.is_sign_negative() && !self.percent.is_zero() {
            return Err(MoneyError::Negative);
        }
        let fee = amount
            .checked_percent(self.percent)
            .ok_or(MoneyError::TooLarge)?;
        Ok(fee.max(self.min))
    }

    /// [`Fee::checked_on`] for display: never panics, kept between the minimum and the money
    /// ceiling. What is paid is checked ([`crate::CombinedBill::freeze`]).
    pub fn on(self, amount: Money) -> Money {
        if amount.is_zero() || (self.percent.is_zero() && self.min.is_zero()) {
            return Money::ZERO;
        }
        amount.percent(self.percent).max(self.min)
    }
}

/// What a provider accepts for one of its bills.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaymentRules {
    /// The smallest non-zero amount accepted.
    #[serde(default)]
    pub min: Option<Money>,
    /// The largest amount accepted.
    #[serde(default)]
    pub max: Option<Money>,
    /// Bills of this category can only be paid exactly as charged (or not at all).
    #[serde(default)]
    pub pay_in_full: bool,
    /// The fee the payer is charged on top.
    #[serde(default)]
    pub fee: Fee,
}

/// Why an amount is not accepted for a bill.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RuleError {
    #[error("amount below the provider's minimum {0}")]
    BelowMinimum(Money),
    #[error("amount above the provider's maximum {0}")]
    AboveMaximum(Money),
    #[error("this bill must be paid in full: {0}")]
    MustPayInFull(Money),
    #[error("one payment may not exceed {0}")]
    OverPaymentLimit(Money),
}

impl PaymentRules {
    /// Checks an amount for a bill charged `due`. Zero («не платить») is always allowed.
    pub fn check(&self, amount: Money, due: Money) -> Result<(), RuleError> {
        if amount.is_zero() {
            return Ok(());
        }
        if self.pay_in_full && amount != due {
            return Err(RuleError::MustPayInFull(due));
        }
        if let Some(min) = self.min {
            if amount < min {
                return Err(RuleError::BelowMinimum(min));
            }
        }
        if let Some(max) = self.max {
            if amount > max {
                return Err(RuleError::AboveMaximum(max));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn rub(v: Decimal) -> Money {
        Money::new(v).unwrap()
    }

    #[test]
    fn fee_is_a_percentage_with_a_floor_and_nothing_on_zero() {
        let fee = Fee {
            percent: dec!(1.5),
            min: rub(dec!(10)),
        };
        let cases = [
            (dec!(0), dec!(0)),
            (dec!(100), dec!(10)),
            (dec!(666.67), dec!(10.00)),
            (dec!(1000), dec!(15)),
            (dec!(1234.56), dec!(18.52)),
        ];
        for (amount, expected) in cases {
            assert_eq!(fee.on(rub(amount)), rub(expected), "amount {amount}");
        }
        assert_eq!(Fee::NONE.on(rub(dec!(5000))), Money::ZERO);
    }

    #[test]
    fn rules_check_min_max_and_full_payment() {
        let due = rub(dec!(500));
        let rules = PaymentRules {
            min: Some(rub(dec!(10))),
            max: Some(rub(dec!(15000))),
            ..Default::default()
        };
        let cases = [
            (dec!(0), Ok(())),
            (dec!(9.99), Err(RuleError::BelowMinimum(rub(dec!(10))))),
            (dec!(10), Ok(())),
            (dec!(15000), Ok(())),
            (
                dec!(15000.01),
                Err(RuleError::AboveMaximum(rub(dec!(15000)))),
            ),
        ];
        for (amount, expected) in cases {
            assert_eq!(rules.check(rub(amount), due), expected, "amount {amount}");
        }
        let full = PaymentRules {
            pay_in_full: true,
            ..Default::default()
        };
        assert_eq!(full.check(due, due), Ok(()));
        assert_eq!(full.check(Money::ZERO, due), Ok(()));
        assert_eq!(
            full.check(rub(dec!(499)), due),
            Err(RuleError::MustPayInFull(due))
        );
        assert_eq!(
            full.check(rub(dec!(501)), due),
            Err(RuleError::MustPayInFull(due))
        );
    }
}
