//! What the app refuses in an answer of the server before computing with it: a fee of more than
//! 100 %, a meter with 29 digits, a reading or a price beyond any meter. Decoding already bounds
//! money (`Money`: two places, not negative, at most 10^9); these bound the other numbers, so
//! no computation on them (fees, totals, consumption, roll-over, cost) can overflow.

use rust_decimal::Decimal;

use crate::bills::{AddressBills, BillDto, PaymentRulesDto, ProviderDto};
use crate::readings::{MeterDto, ReadingDto, TariffDto};

/// The largest fee a provider may charge, in percent of the amount.
pub const MAX_FEE_PERCENT: Decimal = Decimal::ONE_HUNDRED;
/// The most digits a meter's display has before the comma (real ones: 5 to 9).
pub const MAX_INTEGER_DIGITS: u8 = 15;
/// The most digits a meter's display has after the comma (real ones: 0 to 3).
pub const MAX_FRACTION_DIGITS: u8 = 6;
/// The highest price per unit, in roubles (real ones: a few thousand per Гкал).
pub const MAX_PRICE_PER_UNIT: Decimal = Decimal::from_parts(1_000_000, 0, 0, false, 0);

/// Why an answer of the server is refused: its numbers make no sense.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum WireError {
    #[error("bill or provider {0}: fee percent outside 0..=100")]
    FeePercent(String),
    #[error("meter {0}: digits outside 1..=15 before and 0..=6 after the comma")]
    MeterDigits(String),
    #[error("meter {0}: last reading or plausible consumption out of the display's range")]
    MeterValue(String),
    #[error("meter {0}: acceptance window is not days 1..=31")]
    MeterWindow(String),
    #[error("tariff of {0}: price per unit outside 0..=1000000")]
    Price(String),
    #[error("reading {0}: value negative or beyond any meter")]
    Reading(String),
    #[error("purchase {0}: no items, a quantity outside 1..=100, or a total not their sum")]
    Purchase(String),
    #[error("menu item {0}: energy value beyond any dish")]
    MenuItem(String),
    #[error("child {0}: cut-off outside 0..=10 school days or not HH:MM")]
    CutOff(String),
    #[error("trip {0}: fare beyond any town fare")]
    Trip(String),
    #[error("transport card ending {0}: number not of its type, fare or top-up limits absurd")]
    TransportCard(String),
}

impl WireError {
    /// One sentence in Russian for the person.
    pub fn message_ru(&self) -> String {
        let what = match self {
            WireError::FeePercent(_) => "комиссия поставщика больше 100 %",
            WireError::MeterDigits(_) => "у счётчика неверное число разрядов",
            WireError::MeterValue(_) => "показание счётчика вне его шкалы",
            WireError::MeterWindow(_) => "неверные дни приёма показаний",
            WireError::Price(_) => "неверный тариф",
            WireError::Reading(_) => "неверное показание в истории счётчика",
            WireError::Purchase(_) => "сумма покупки не сходится",
            WireError::MenuItem(_) => "неверная калорийность блюда",
            WireError::CutOff(_) => "неверный срок подачи заявок",
            WireError::Trip(_) => "неверная стоимость поездки",
            WireError::TransportCard(_) => "неверные данные транспортной карты",
        };
        format!(
            "Сервер прислал неверные данные ({what}). Повторите попытку позже или напишите в поддержку («Вопрос-ответ» → «Написать»)."
        )
    }
}

/// An answer that can be checked before use.
pub trait Plausible {
    /// `Ok` when every number in it is within what the app computes with.
    fn check(&self) -> Result<(), WireError>;
}

impl<T: Plausible> Plausible for Vec<T> {
    fn check(&self) -> Result<(), WireError> {
        self.iter().try_for_each(Plausible::check)
    }
}

fn rules(rules: &PaymentRulesDto, id: &str) -> Result<(), WireError> {
    let p = rules.fee.percent;
    if p.is_sign_negative() && !p.is_zero() || p > MAX_FEE_PERCENT {
        return Err(WireError::FeePercent(id.to_string()));
    }
    Ok(())
}

impl Plausible for BillDto {
    fn check(&self) -> Result<(), WireError> {
        rules(&self.rules, &self.id)
    }
}

impl Plausible for ProviderDto {
    fn check(&self) -> Result<(), WireError> {
        rules(&self.rules, &self.id)
    }
}

impl Plausible for AddressBills {
    fn check(&self) -> Result<(), WireError> {
        self.bills.check()
    }
}

/// 10^digits: the display's roll-over value.
fn ten_to(digits: u8) -> Decimal {
    Decimal::from_i128_with_scale(10i128.pow(u32::from(digits)), 0)
}

fn within(value: Decimal, top: Decimal) -> bool {
    !value.is_sign_negative() && value < top || value.is_zero()
}

impl Plausible for MeterDto {
    fn check(&self) -> Result<(), WireError> {
        let id = || self.id.clone();
        if !(1..=MAX_INTEGER_DIGITS).contains(&self.integer_digits)
            || self.fraction_digits > MAX_FRACTION_DIGITS
        {
            return Err(WireError::MeterDigits(id()));
        }
        let top = ten_to(self.integer_digits);
        let last_ok = self.last_value.is_none_or(|v| within(v, top));
        if !last_ok || !within(self.max_monthly_consumption, top) {
            return Err(WireError::MeterValue(id()));
        }
        if !(1..=31).contains(&self.window_from)
            || !(self.window_from..=31).contains(&self.window_to)
        {
            return Err(WireError::MeterWindow(id()));
        }
        match &self.tariff {
            Some(t) => t.check().map_err(|_| WireError::Price(id())),
            None => Ok(()),
        }
    }
}

impl Plausible for TariffDto {
    fn check(&self) -> Result<(), WireError> {
        if within(self.price, MAX_PRICE_PER_UNIT) || self.price == MAX_PRICE_PER_UNIT {
            Ok(())
        } else {
            Err(WireError::Price(self.provider_id.clone()))
        }
    }
}

impl Plausible for ReadingDto {
    fn check(&self) -> Result<(), WireError> {
        if within(self.value, ten_to(MAX_INTEGER_DIGITS)) {
            Ok(())
        } else {
            Err(WireError::Reading(self.id.clone()))
        }
    }
}

#[cfg(test)]
#[path = "plausible_tests.rs"]
mod tests;
