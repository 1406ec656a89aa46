//! Meal requests (order or cancel a day's meals before the school's cut-off) and menus.

use chrono::{DateTime, NaiveDate, Utc};
use ofis_domain::Money;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// What a meal request asks for a day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum MealRequestKind {
    /// Meals are wanted that day.
    Order,
    /// No meals that day.
    Cancel,
}

/// Why meals are cancelled, when the parent says.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum MealRequestReason {
    /// «Болеет».
    Sick,
}

/// Where a meal request stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum MealRequestState {
    /// Taken: the kitchen counts it.
    Active,
    /// Withdrawn by the parent before the cut-off, or replaced by a later request for the day.
    Withdrawn,
}

/// One day's meal request.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct MealRequestDto {
    pub id: String,
    pub day: NaiveDate,
    pub kind: MealRequestKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<MealRequestReason>,
    pub state: MealRequestState,
    /// Until when it could be made or withdrawn.
    pub cut_off: DateTime<Utc>,
    pub created_at: DateTime<Utc>,
}

/// Order or cancel meals for one day (`to` absent) or each school day of a range.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct CreateMealRequests {
    pub kind: MealRequestKind,
    pub from: NaiveDate,
    /// Last day of the range, included; absent for one day.
    #[serde(default)]
    pub to: Option<NaiveDate>,
    #[serde(default)]
    pub reason: Option<MealRequestReason>,
}

/// A school day of the range that was already past its cut-off (its meals stay as they were).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct LateDayDto {
    pub day: NaiveDate,
    pub cut_off: DateTime<Utc>,
}

/// What a meal request did: a request per school day still open, and the days too late.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct MealRequestsCreated {
    pub created: Vec<MealRequestDto>,
    pub late: Vec<LateDayDto>,
}

/// Which meal of the day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum MealKind {
    Breakfast,
    Lunch,
    Snack,
    /// Sold any time at the buffet.
    Buffet,
}

/// One dish of a day's menu.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct MenuItemDto {
    pub id: String,
    pub name: String,
    pub meal: MealKind,
    #[schema(value_type = String, example = "45.00")]
    pub price: Money,
    /// Allergens, where the school gives them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allergens: Option<Vec<String>>,
    /// Energy value in kcal, where the school gives it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kcal: Option<u32>,
    /// Whether the child's stop-list blocks it at the canteen.
    #[serde(default)]
    pub blocked: bool,
}

/// The menu of one day at the child's school; empty on a day without school.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct MenuDto {
    pub day: NaiveDate,
    pub school_id: String,
    pub items: Vec<MenuItemDto>,
}
