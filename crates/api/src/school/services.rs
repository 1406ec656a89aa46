//! Paid education services (кружки, продлёнка), requests to enrol or leave, and attendance.

use chrono::{DateTime, NaiveDate, Utc};
use ofis_domain::Money;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// Whether the child attends a service.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ServiceState {
    Enrolled,
    NotEnrolled,
}

/// One paid service of the child's school, and where the child stands with it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct PaidServiceDto {
    pub id: String,
    /// «Робототехника».
    pub name: String,
    /// «Пн, Ср 15:00».
    pub schedule: String,
    #[schema(value_type = String, example = "2400.00")]
    pub monthly_charge: Money,
    /// Charged and not covered by posted payments.
    #[schema(value_type = String, example = "2400.00")]
    pub owed: Money,
    /// Posted payments of the school year.
    #[schema(value_type = String, example = "7200.00")]
    pub paid: Money,
    /// Paid but not posted yet (posting is monthly, on the 10th).
    #[schema(value_type = String, example = "0.00")]
    pub processing: Money,
    pub state: ServiceState,
}

/// What a service request asks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ServiceRequestKind {
    Enrol,
    Leave,
}

/// Where a service request stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ServiceRequestState {
    /// The school has not decided yet.
    Pending,
    Approved,
}

/// A request to enrol in a service or to leave it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ServiceRequestDto {
    pub id: String,
    pub service_id: String,
    pub service_name: String,
    pub kind: ServiceRequestKind,
    pub state: ServiceRequestState,
    pub created_at: DateTime<Utc>,
    /// The school day it is (or will be) decided on.
    pub decided_on: NaiveDate,
}

/// Ask to enrol in a service or to leave it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct CreateServiceRequest {
    pub service_id: String,
    pub kind: ServiceRequestKind,
}

/// A mark of attendance.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum AttendanceMark {
    Present,
    Absent,
    /// Absent, with a "болеет" cancel for the day.
    Sick,
}

/// Whether the child came to one lesson of a service.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct AttendanceDto {
    pub day: NaiveDate,
    pub service_id: String,
    pub service_name: String,
    pub mark: AttendanceMark,
}
