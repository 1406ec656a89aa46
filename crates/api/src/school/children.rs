//! Children, their meal accounts, the history of operations, top-ups and the daily limit.

use chrono::{DateTime, Utc};
use ofis_domain::Money;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A child whose school-meal account is linked to the signed-in phone.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ChildDto {
    pub id: String,
    /// «Соколова Мария».
    pub name: String,
    pub school_id: String,
    /// «МОАУ "СОШ № 5"».
    pub school_name: String,
    /// «3 «Б»».
    pub class_name: String,
    /// Where the photo is (GET with the session's token), with a version that changes with it;
    /// absent when there is none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub photo_url: Option<String>,
    /// The meal account (лицевой счёт) number, also payable from «Мои платежи».
    pub meal_account: String,
    /// The provider that keeps the meal account.
    pub provider_id: String,
    /// Posted balance.
    #[schema(value_type = String, example = "845.50")]
    pub balance: Money,
    /// Top-ups paid but not posted to the balance yet.
    #[schema(value_type = String, example = "500.00")]
    pub processing_topups: Money,
    /// Today's spending limit; absent: no limit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<String>, example = "300.00")]
    pub daily_limit: Option<Money>,
    /// Spent at the canteen today.
    #[schema(value_type = String, example = "125.00")]
    pub spent_today: Money,
    /// Whether the child has paid education services at school.
    pub has_paid_services: bool,
    /// The school's cut-off of meal requests: local time, `HH:MM`…
    #[schema(example = "10:00")]
    pub cut_off_time: String,
    /// …of this many school days before the day (0: the day itself).
    pub cut_off_school_days_before: u8,
}

/// One item bought at the canteen.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct PurchaseItemDto {
    pub name: String,
    pub quantity: u32,
    /// Price of one.
    #[schema(value_type = String, example = "45.00")]
    pub price: Money,
}

/// One purchase at a canteen.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct PurchaseDto {
    pub id: String,
    pub at: DateTime<Utc>,
    /// «Столовая, 1 этаж».
    pub canteen: String,
    pub items: Vec<PurchaseItemDto>,
    /// The sum of the items.
    #[schema(value_type = String, example = "125.00")]
    pub total: Money,
}

/// Where a top-up stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum TopUpState {
    /// Paid; not on the balance yet.
    Processing,
    /// On the balance.
    Posted,
}

/// One top-up of a meal account.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct TopUpDto {
    pub id: String,
    #[schema(value_type = String, example = "500.00")]
    pub amount: Money,
    pub state: TopUpState,
    pub paid_at: DateTime<Utc>,
    /// When it reached (or is expected to reach) the balance.
    pub posts_at: DateTime<Utc>,
    /// The order that paid it; absent for top-ups made elsewhere (bank office, other apps).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub order_id: Option<String>,
}

/// «История операций» of a period: purchases and top-ups, newest first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct MealHistoryDto {
    pub from: chrono::NaiveDate,
    pub to: chrono::NaiveDate,
    pub purchases: Vec<PurchaseDto>,
    /// Top-ups paid in the period.
    pub top_ups: Vec<TopUpDto>,
}

/// Ask for a bill that tops up the child's meal account; sent with an `Idempotency-Key`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct TopUpRequest {
    #[schema(value_type = String, example = "500.00")]
    pub amount: Money,
}

/// The daily spending limit of a meal account.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct MealLimitDto {
    /// Absent: no limit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<String>, example = "300.00")]
    pub daily_limit: Option<Money>,
    #[schema(value_type = String, example = "125.00")]
    pub spent_today: Money,
    /// What may still be spent today; absent without a limit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<String>, example = "175.00")]
    pub left_today: Option<Money>,
    /// Dishes the canteen will not sell to the child (menu item ids), set by the parent.
    #[serde(default)]
    pub stop_list: Vec<String>,
}

/// Set (or, with `null`, lift) the daily limit; it holds from the next purchase.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct SetMealLimit {
    #[serde(default)]
    #[schema(value_type = Option<String>, example = "300.00")]
    pub daily_limit: Option<Money>,
}

/// Set the dishes the canteen will not sell to the child (menu item ids; empty: none); it holds
/// from the next purchase.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct SetStopList {
    pub items: Vec<String>,
}

/// A stored photo of a child.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct PhotoDto {
    /// Where to GET it, with its version.
    pub url: String,
    /// `image/jpeg` or `image/png`.
    pub content_type: String,
    pub size: u32,
}

/// The bytes of a photo (a JPEG or PNG file), as the OpenAPI document names them: a binary string.
#[derive(Clone, Debug, PartialEq, Eq, ToSchema)]
#[schema(value_type = String, format = Binary)]
pub struct PhotoBytes(pub Vec<u8>);
