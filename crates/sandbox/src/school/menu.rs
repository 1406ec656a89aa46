//! The canteen's menu of a day: breakfast and lunch dishes rotate by date, drinks, the buffet
//! and snacks are there every school day; no menu on weekends and in the summer holidays.

use chrono::{Datelike, NaiveDate};
use ofis_api::{MealKind, MenuDto, MenuItemDto};

use super::school_runs;
use super::world::{dish_by_id, Dish, DISHES, SCHOOL};

const BREAKFAST_PAIRS: [[&str; 2]; 3] = [
    ["porridge", "syrniki"],
    ["omelette", "porridge"],
    ["syrniki", "omelette"],
];
const SOUPS: [&str; 2] = ["chicken-soup", "borscht"];
const MAINS: [&str; 3] = ["cutlet", "pilaf", "fish"];

/// The dishes on the menu that day, in menu order.
pub(crate) fn dishes_of(day: NaiveDate) -> Vec<&'static Dish> {
    if !school_runs(day) {
        return Vec::new();
    }
    let n = day.num_days_from_ce().unsigned_abs() as usize;
    let mut ids: Vec<&str> = BREAKFAST_PAIRS[n % 3].to_vec();
    ids.extend(["cocoa", "tea", SOUPS[n % 2], MAINS[n % 3]]);
    if n % 2 == 1 {
        ids.push("beet-salad");
    }
    ids.push("compote");
    let mut dishes: Vec<&Dish> = ids.into_iter().filter_map(dish_by_id).collect();
    dishes.extend(
        DISHES
            .iter()
            .filter(|d| matches!(d.meal, MealKind::Buffet | MealKind::Snack)),
    );
    dishes
}

/// The menu of a day, with the dishes of the child's stop-list marked.
pub(crate) fn menu(blocked: &[&str], day: NaiveDate) -> MenuDto {
    MenuDto {
        day,
        school_id: SCHOOL.id.to_string(),
        items: dishes_of(day)
            .into_iter()
            .map(|d| MenuItemDto {
                id: d.id.to_string(),
                name: d.name.to_string(),
                meal: d.meal,
                price: d.price(),
                allergens: d
                    .allergens
                    .map(|list| list.iter().map(|a| a.to_string()).collect()),
                kcal: d.kcal,
                blocked: blocked.contains(&d.id),
            })
            .collect(),
    }
}
