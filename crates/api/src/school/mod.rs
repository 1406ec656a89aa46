//! «Школы и Сады» on the wire: children and their meal accounts, history, top-ups (asked for as
//! bills and paid through orders like any bill), the daily limit, meal requests with their
//! cut-off, menus, paid education services, service requests, attendance and photos.

mod checks;
mod children;
mod meals;
mod services;

pub use checks::{MAX_CUT_OFF_DAYS, MAX_KCAL, MAX_QUANTITY};
pub use children::*;
pub use meals::*;
pub use services::*;

use serde::{Deserialize, Serialize};

/// A range of local dates (Asia/Yekaterinburg); the last week (today and the six days before)
/// when both are absent.
#[derive(
    Clone,
    Debug,
    Default,
    PartialEq,
    Eq,
    Serialize,
    Deserialize,
    utoipa::ToSchema,
    utoipa::IntoParams,
)]
pub struct DateRangeQuery {
    /// First day, `YYYY-MM-DD`; six days before `to` when absent.
    #[serde(default)]
    pub from: Option<String>,
    /// Last day, `YYYY-MM-DD`; today when absent.
    #[serde(default)]
    pub to: Option<String>,
}

/// One local date (Asia/Yekaterinburg); today when absent.
#[derive(
    Clone,
    Debug,
    Default,
    PartialEq,
    Eq,
    Serialize,
    Deserialize,
    utoipa::ToSchema,
    utoipa::IntoParams,
)]
pub struct DayQuery {
    /// `YYYY-MM-DD`; today when absent.
    #[serde(default)]
    pub day: Option<String>,
}
