//! The seed of the school world: the school, its canteen's dishes and paid services, the
//! children and the phones they are linked to. Ids and numbers are stable: tests and the demo
//! depend on them.

use ofis_api::MealKind;
use ofis_domain::Money;

/// The demo phone (the README's sign-in): two children, one with meals and paid services, one
/// with meals only.
pub const DEMO_PHONE: &str = "+79123456789";
/// A phone with a single child.
pub const ONE_CHILD_PHONE: &str = "+79225550202";
/// A phone with no linked meal account: the section explains and sends to «Мои платежи».
pub const NO_CHILDREN_PHONE: &str = "+79225550303";

/// A school with a canteen.
#[derive(Debug)]
pub struct School {
    pub id: &'static str,
    pub name: &'static str,
    /// The provider that keeps its meal accounts (see `town::PROVIDERS`).
    pub provider: &'static str,
    pub canteen: &'static str,
    pub buffet: &'static str,
}

/// The one school of the demo town whose meal accounts the bank's project serves.
pub const SCHOOL: School = School {
    id: "sosh5",
    name: "МОАУ \"СОШ № 5\"",
    provider: "school5",
    canteen: "Столовая, 1 этаж",
    buffet: "Буфет, 2 этаж",
};

/// A dish the canteen makes.
#[derive(Debug)]
pub struct Dish {
    pub id: &'static str,
    pub name: &'static str,
    pub meal: MealKind,
    /// Price in kopecks.
    pub kopecks: u32,
    /// Allergens, where the school gives them.
    pub allergens: Option<&'static [&'static str]>,
    pub kcal: Option<u32>,
}

impl Dish {
    pub fn price(&self) -> Money {
        Money::from_kopecks(u64::from(self.kopecks)).unwrap_or(Money::ZERO)
    }
}

const fn dish(
    id: &'static str,
    name: &'static str,
    meal: MealKind,
    kopecks: u32,
    allergens: Option<&'static [&'static str]>,
    kcal: Option<u32>,
) -> Dish {
    Dish {
        id,
        name,
        meal,
        kopecks,
        allergens,
        kcal,
    }
}

use MealKind::{Breakfast, Buffet, Lunch, Snack};

const MILK: &[&str] = &["молоко"];
const MILK_GLUTEN: &[&str] = &["молоко", "глютен"];
const MILK_EGGS_GLUTEN: &[&str] = &["молоко", "яйца", "глютен"];
const EGGS_MILK: &[&str] = &["яйца", "молоко"];
const GLUTEN: &[&str] = &["глютен"];
const FISH: &[&str] = &["рыба"];
const GLUTEN_SESAME: &[&str] = &["глютен", "кунжут"];

/// The canteen's dishes. Breakfast and lunch dishes rotate by day; drinks and the buffet are
/// there every school day.
#[rustfmt::skip]
pub const DISHES: &[Dish] = &[
    dish("porridge", "Каша овсяная с маслом", Breakfast, 3800, Some(MILK_GLUTEN), Some(250)),
    dish("syrniki", "Сырники со сметаной", Breakfast, 5200, Some(MILK_EGGS_GLUTEN), Some(380)),
    dish("omelette", "Омлет натуральный", Breakfast, 4500, Some(EGGS_MILK), Some(290)),
    dish("cocoa", "Какао с молоком", Breakfast, 1800, Some(MILK), Some(120)),
    dish("tea", "Чай с сахаром", Breakfast, 600, None, Some(60)),
    dish("chicken-soup", "Суп куриный с лапшой", Lunch, 4200, Some(GLUTEN), Some(180)),
    dish("borscht", "Борщ со сметаной", Lunch, 4400, Some(MILK), Some(210)),
    dish("cutlet", "Котлета с картофельным пюре", Lunch, 7800, Some(MILK_EGGS_GLUTEN), Some(520)),
    dish("pilaf", "Плов с курицей", Lunch, 8200, None, Some(560)),
    dish("fish", "Рыба запечённая с рисом", Lunch, 8500, Some(FISH), Some(430)),
    dish("beet-salad", "Салат из свёклы", Lunch, 2200, None, None),
    dish("compote", "Компот из сухофруктов", Lunch, 1200, None, Some(110)),
    dish("poppy-bun", "Булочка с маком", Buffet, 2500, Some(GLUTEN_SESAME), Some(310)),
    dish("cabbage-pie", "Пирожок с капустой", Buffet, 2800, Some(GLUTEN), Some(240)),
    dish("apple-juice", "Сок яблочный, 0,2 л", Buffet, 3000, None, Some(90)),
    dish("yoghurt", "Йогурт питьевой", Snack, 3500, Some(MILK), None),
    dish("pizza", "Пицца школьная", Snack, 5500, Some(MILK_GLUTEN), Some(420)),
];

/// A dish by id.
pub fn dish_by_id(id: &str) -> Option<&'static Dish> {
    DISHES.iter().find(|d| d.id == id)
}

/// A paid education service of the school.
#[derive(Debug)]
pub struct Service {
    pub id: &'static str,
    pub name: &'static str,
    pub schedule: &'static str,
    /// Weekdays it meets, Monday = 0.
    pub weekdays: &'static [u32],
    pub monthly_charge: Money,
}

/// The school's paid services.
#[rustfmt::skip]
pub const SERVICES: &[Service] = &[
    Service { id: "robotics", name: "Робототехника", schedule: "Пн, Ср 15:00",
        weekdays: &[0, 2], monthly_charge: Money::from_whole_roubles(2400) },
    Service { id: "extended-day", name: "Группа продлённого дня", schedule: "Пн–Пт 13:00–18:00",
        weekdays: &[0, 1, 2, 3, 4], monthly_charge: Money::from_whole_roubles(3500) },
    Service { id: "english-club", name: "Английский клуб", schedule: "Вт, Чт 14:30",
        weekdays: &[1, 3], monthly_charge: Money::from_whole_roubles(1800) },
    Service { id: "chess", name: "Шахматы", schedule: "Пт 14:00",
        weekdays: &[4], monthly_charge: Money::from_whole_roubles(900) },
];

/// A service by id.
pub fn service_by_id(id: &str) -> Option<&'static Service> {
    SERVICES.iter().find(|s| s.id == id)
}

/// A child with a meal account.
#[derive(Debug)]
pub struct Child {
    pub id: &'static str,
    pub phone: &'static str,
    pub name: &'static str,
    pub class_name: &'static str,
    /// The meal account number (a `town::ACCOUNTS` entry of the school's provider).
    pub account: &'static str,
    /// The limit the parent had set before the sandbox started; `None`: no limit.
    pub seeded_limit: Option<Money>,
    /// The stop-list the parent had set before the sandbox started.
    pub stop_list: &'static [&'static str],
    /// What the parent tops up at the bank office twice a month (after the 1st and the 15th).
    pub top_up: Money,
    /// Whether the child takes breakfast.
    pub breakfast: bool,
    /// Services the child attended from the start of the school year.
    pub services: &'static [&'static str],
    /// Services whose previous month is still unpaid (so the bill shows two months).
    pub in_arrears: &'static [&'static str],
}

/// The children of the demo town.
#[rustfmt::skip]
pub const CHILDREN: &[Child] = &[
    Child { id: "ch-maria", phone: DEMO_PHONE, name: "Соколова Мария", class_name: "5 «А»",
        account: "50500123", seeded_limit: Some(Money::from_whole_roubles(300)),
        stop_list: &["poppy-bun", "pizza"], top_up: Money::from_whole_roubles(2000),
        breakfast: true, services: &["robotics", "extended-day"], in_arrears: &["robotics"] },
    Child { id: "ch-artem", phone: DEMO_PHONE, name: "Соколов Артём", class_name: "2 «В»",
        account: "50500124", seeded_limit: None, stop_list: &[],
        top_up: Money::from_whole_roubles(1500), breakfast: false, services: &[],
        in_arrears: &[] },
    Child { id: "ch-daria", phone: ONE_CHILD_PHONE, name: "Ковалёва Дарья", class_name: "7 «Б»",
        account: "50500125", seeded_limit: Some(Money::from_whole_roubles(250)), stop_list: &[],
        top_up: Money::from_whole_roubles(2000), breakfast: true, services: &["chess"],
        in_arrears: &[] },
];

/// The children linked to a phone (`+7XXXXXXXXXX`).
pub fn children_of(phone: &str) -> impl Iterator<Item = &'static Child> + '_ {
    CHILDREN.iter().filter(move |c| c.phone == phone)
}

/// A child of this phone, by id.
pub fn child_of(phone: &str, child_id: &str) -> Option<&'static Child> {
    children_of(phone).find(|c| c.id == child_id)
}

/// What the sandbox prints on start: each demo phone and what it shows.
pub fn demo_phones() -> Vec<(&'static str, String)> {
    [DEMO_PHONE, ONE_CHILD_PHONE, NO_CHILDREN_PHONE]
        .into_iter()
        .map(|phone| {
            let names: Vec<&str> = children_of(phone).map(|c| c.name).collect();
            let what = if names.is_empty() {
                "без детей".to_string()
            } else {
                names.join(", ")
            };
            (phone, what)
        })
        .collect()
}

/// The school's cut-off of meal requests: 10:00 of the previous school day.
pub fn cut_off_rule() -> ofis_domain::school::CutOffRule {
    ofis_domain::school::CutOffRule::default()
}
