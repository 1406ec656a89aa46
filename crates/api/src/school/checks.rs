//! What the app refuses in the school answers before using them ([`Plausible`]): a purchase
//! whose total is not the sum of its items, a dish of a million kcal, a cut-off rule no school has.

use ofis_domain::Money;

use super::{ChildDto, MealHistoryDto, MenuDto, MenuItemDto, PurchaseDto};
use crate::plausible::{Plausible, WireError};

/// The most of one item a purchase carries.
pub const MAX_QUANTITY: u32 = 100;
/// The most kcal a dish has (a whole lunch is about 800).
pub const MAX_KCAL: u32 = 5_000;
/// The most school days ahead a cut-off may be.
pub const MAX_CUT_OFF_DAYS: u8 = 10;

impl Plausible for PurchaseDto {
    fn check(&self) -> Result<(), WireError> {
        let bad = || WireError::Purchase(self.id.clone());
        if self.items.is_empty() {
            return Err(bad());
        }
        let mut sum = Money::ZERO;
        for item in &self.items {
            if !(1..=MAX_QUANTITY).contains(&item.quantity) {
                return Err(bad());
            }
            let line = item
                .price
                .value()
                .checked_mul(item.quantity.into())
                .and_then(|v| Money::new(v).ok())
                .ok_or_else(bad)?;
            sum = sum.checked_add(line).ok_or_else(bad)?;
        }
        if sum == self.total {
            Ok(())
        } else {
            Err(bad())
        }
    }
}

impl Plausible for MealHistoryDto {
    fn check(&self) -> Result<(), WireError> {
        self.purchases.check()
    }
}

impl Plausible for MenuItemDto {
    fn check(&self) -> Result<(), WireError> {
        match self.kcal {
            Some(kcal) if kcal > MAX_KCAL => Err(WireError::MenuItem(self.id.clone())),
            _ => Ok(()),
        }
    }
}

impl Plausible for MenuDto {
    fn check(&self) -> Result<(), WireError> {
        self.items.check()
    }
}

impl Plausible for ChildDto {
    fn check(&self) -> Result<(), WireError> {
        let time_ok = chrono::NaiveTime::parse_from_str(&self.cut_off_time, "%H:%M").is_ok();
        if time_ok && self.cut_off_school_days_before <= MAX_CUT_OFF_DAYS {
            Ok(())
        } else {
            Err(WireError::CutOff(self.id.clone()))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::school::PurchaseItemDto;

    fn purchase(items: &[(u32, u64)], total: u64) -> PurchaseDto {
        PurchaseDto {
            id: "p-1".into(),
            at: chrono::DateTime::from_timestamp(1_790_000_000, 0).unwrap(),
            canteen: "Столовая".into(),
            items: items
                .iter()
                .map(|&(quantity, kopecks)| PurchaseItemDto {
                    name: "Блюдо".into(),
                    quantity,
                    price: Money::from_kopecks(kopecks).unwrap(),
                })
                .collect(),
            total: Money::from_kopecks(total).unwrap(),
        }
    }

    #[test]
    fn a_purchase_must_add_up() {
        assert_eq!(purchase(&[(2, 4500), (1, 1250)], 10250).check(), Ok(()));
        for bad in [
            purchase(&[(2, 4500)], 4500),
            purchase(&[], 0),
            purchase(&[(0, 4500)], 0),
            purchase(&[(101, 100)], 10100),
            purchase(&[(100, 100_000_000_000)], 0),
        ] {
            assert_eq!(bad.check(), Err(WireError::Purchase("p-1".into())));
        }
    }

    #[test]
    fn a_dish_of_a_million_kcal_is_refused() {
        let dish = |kcal| MenuItemDto {
            id: "m-1".into(),
            name: "Каша".into(),
            meal: super::super::MealKind::Breakfast,
            price: Money::from_whole_roubles(40),
            allergens: None,
            kcal,
            blocked: false,
        };
        assert_eq!(dish(Some(350)).check(), Ok(()));
        assert_eq!(dish(None).check(), Ok(()));
        assert!(dish(Some(u32::MAX)).check().is_err());
    }
}
