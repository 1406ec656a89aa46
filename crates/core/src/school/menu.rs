//! «Меню»: the dishes of a day at the child's school with prices, and the allergens and energy
//! value where the school gives them; today and the coming school week.

use chrono::{Days, NaiveDate};
use ofis_api::{MealKind, MenuDto, MenuItemDto};
use ofis_domain::school::next_school_day;
use ofis_domain::Money;
use tracing::instrument;

use super::text::weekday_day_ru;
use crate::app::Ofis;
use crate::error::CoreError;

/// One dish.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MenuDish {
    pub name: String,
    pub price: Money,
    /// «Аллергены: глютен, молоко», where given.
    pub allergens: Option<String>,
    /// «180 ккал», where given.
    pub kcal: Option<String>,
    /// Blocked by the child's stop-list: the canteen will not sell it.
    pub blocked: bool,
}

/// The dishes of one meal of the day.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MenuSection {
    /// «Завтрак», «Обед», «Полдник», «Буфет».
    pub title: String,
    pub dishes: Vec<MenuDish>,
}

/// The menu of one day; no sections on a day without school.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DayMenu {
    pub day: NaiveDate,
    /// «ср, 25.11.2026».
    pub title: String,
    pub sections: Vec<MenuSection>,
}

/// A day the menu screen offers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MenuDay {
    pub day: NaiveDate,
    /// «Сегодня» or «пт, 27.11.2026».
    pub label: String,
}

const MEALS: [(MealKind, &str); 4] = [
    (MealKind::Breakfast, "Завтрак"),
    (MealKind::Lunch, "Обед"),
    (MealKind::Snack, "Полдник"),
    (MealKind::Buffet, "Буфет"),
];

impl From<MenuItemDto> for MenuDish {
    fn from(d: MenuItemDto) -> Self {
        MenuDish {
            allergens: d
                .allergens
                .filter(|a| !a.is_empty())
                .map(|a| format!("Аллергены: {}", a.join(", "))),
            kcal: d.kcal.map(|k| format!("{k} ккал")),
            name: d.name,
            price: d.price,
            blocked: d.blocked,
        }
    }
}

impl From<MenuDto> for DayMenu {
    fn from(m: MenuDto) -> Self {
        let sections = MEALS
            .iter()
            .map(|(kind, title)| MenuSection {
                title: title.to_string(),
                dishes: m
                    .items
                    .iter()
                    .filter(|d| d.meal == *kind)
                    .cloned()
                    .map(MenuDish::from)
                    .collect(),
            })
            .filter(|s| !s.dishes.is_empty())
            .collect();
        DayMenu {
            title: weekday_day_ru(m.day),
            day: m.day,
            sections,
        }
    }
}

/// Today and the school days of the coming week.
pub fn menu_days(today: NaiveDate) -> Vec<MenuDay> {
    let end = today.checked_add_days(Days::new(7)).unwrap_or(today);
    let mut days = vec![MenuDay {
        day: today,
        label: "Сегодня".into(),
    }];
    let mut d = today;
    while let Some(next) = next_school_day(d).filter(|n| *n <= end) {
        days.push(MenuDay {
            day: next,
            label: weekday_day_ru(next),
        });
        d = next;
    }
    days
}

impl Ofis {
    /// «Меню» of `day`.
    #[instrument(skip(self))]
    pub async fn day_menu(&self, child_id: &str, day: NaiveDate) -> Result<DayMenu, CoreError> {
        Ok(self.inner.gorod.menu(child_id, Some(day)).await?.into())
    }

    /// The days the menu screen offers: today and the coming school week.
    pub fn menu_days(&self) -> Vec<MenuDay> {
        menu_days(self.today())
    }
}
