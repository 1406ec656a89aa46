//! «Информация по дому»: under-supply acts, common-house meter readings by month, and the
//! organisations serving the house.

use chrono::NaiveDateTime;
use ofis_domain::Period;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// An act of under-supply: a service not given (or given poorly) for a time.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct UnderSupplyActDto {
    pub id: String,
    /// «Горячее водоснабжение».
    pub service: String,
    /// Local time (Asia/Yekaterinburg).
    #[schema(value_type = String, example = "2026-12-01T09:00:00")]
    pub from: NaiveDateTime,
    #[schema(value_type = String, example = "2026-12-04T18:00:00")]
    pub to: NaiveDateTime,
    /// «Плановый ремонт тепловых сетей».
    pub reason: String,
    /// Whether it is going on now.
    pub active: bool,
}

/// One month of a common-house meter.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct HouseMeterMonthDto {
    #[schema(value_type = String, example = "2026-11")]
    pub period: Period,
    /// The reading at the month's end.
    #[schema(value_type = String, example = "12345.678")]
    pub reading: Decimal,
    /// Used in the month.
    #[schema(value_type = String, example = "56.789")]
    pub consumption: Decimal,
}

/// A common-house meter with its monthly readings, oldest first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct HouseMeterDto {
    /// «Тепловая энергия».
    pub service: String,
    /// «Гкал».
    pub unit: String,
    pub months: Vec<HouseMeterMonthDto>,
}

/// An organisation serving the house.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct HouseOrganisationDto {
    /// «Управляющая компания», «Аварийно-диспетчерская служба», «Поставщик: …».
    pub role: String,
    pub name: String,
    pub phone: String,
    /// «Круглосуточно», «Пн–Пт 08:00–17:00».
    pub hours: String,
}

/// What is known about the house of an address.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct HouseInfoDto {
    pub address_id: String,
    /// «г. Оренбург, ул. Советская, д. 12».
    pub house: String,
    /// Newest first.
    pub acts: Vec<UnderSupplyActDto>,
    pub meters: Vec<HouseMeterDto>,
    pub organisations: Vec<HouseOrganisationDto>,
}
