//! Meters, tariffs and readings (ИПУ). Readings travel as decimal strings («123.456»).

use chrono::NaiveDate;
use ofis_domain::readings::{
    AcceptanceWindow, LastReading, Meter, MeterId, MeterKind, Precision, TariffZone,
};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::bills::ServiceKindDto;

/// What a meter measures (snake_case, same as the domain).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum MeterKindDto {
    ColdWater,
    HotWater,
    Electricity,
    Gas,
    Heating,
    Sewage,
}

/// A register of a multi-tariff electricity meter.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
pub enum TariffZoneDto {
    T1,
    T2,
    T3,
}

/// A provider's price per unit for a service (and tariff zone).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct TariffDto {
    pub provider_id: String,
    pub service: ServiceKindDto,
    /// «м³», «кВт·ч», «Гкал».
    pub unit: String,
    /// Roubles per unit, e.g. "43.71"; may have more than two places.
    #[schema(value_type = String, example = "43.71")]
    #[serde(deserialize_with = "crate::text::decimal")]
    pub price: Decimal,
    /// The zone of a multi-tariff electricity price; absent for single-tariff prices.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zone: Option<TariffZoneDto>,
}

/// One meter (or one register of a multi-tariff meter) of a personal account.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct MeterDto {
    pub id: String,
    pub account: String,
    pub provider_id: String,
    pub provider_name: String,
    /// The service the account is billed for.
    pub service: ServiceKindDto,
    pub kind: MeterKindDto,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zone: Option<TariffZoneDto>,
    /// Заводской номер.
    pub serial: String,
    /// Digits before the comma on the meter's display.
    pub integer_digits: u8,
    /// Digits after the comma (0 for whole units).
    pub fraction_digits: u8,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::text::option_decimal"
    )]
    #[schema(value_type = Option<String>, example = "123.456")]
    pub last_value: Option<Decimal>,
    /// Local date (Asia/Yekaterinburg) of the last accepted reading.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_date: Option<NaiveDate>,
    /// The most a household plausibly uses in a month, in the meter's unit.
    #[schema(value_type = String, example = "15")]
    #[serde(deserialize_with = "crate::text::decimal")]
    pub max_monthly_consumption: Decimal,
    /// Meters sharing a group are sent together: all or none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// Why readings are not accepted (e.g. «Истёк срок поверки»), when they are not.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ban_reason: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_verification: Option<NaiveDate>,
    /// First day of the month the provider counts readings.
    pub window_from: u8,
    /// Last day of the month the provider counts readings (inclusive).
    pub window_to: u8,
    /// The provider refuses a payment of this account without this meter's reading.
    pub payment_requires_readings: bool,
    /// Readings may be sent without payment (only for accounts Система «Город» bills).
    pub billed_by_gorod: bool,
    /// «м³», «кВт·ч», «Гкал».
    pub unit: String,
    /// The price per unit that applies to this meter, for the cost preview.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tariff: Option<TariffDto>,
}

impl MeterDto {
    /// The domain meter, for validation.
    pub fn to_domain(&self) -> Meter {
        Meter {
            id: MeterId(self.id.clone()),
            kind: self.kind.into(),
            zone: self.zone.map(Into::into),
            serial: self.serial.clone(),
            precision: Precision {
                integer_digits: self.integer_digits,
                fraction_digits: self.fraction_digits,
            },
            last: self
                .last_value
                .zip(self.last_date)
                .map(|(value, date)| LastReading { value, date }),
            max_monthly_consumption: self.max_monthly_consumption,
            group: self.group.clone(),
            ban: self.ban_reason.clone(),
            next_verification: self.next_verification,
            window: AcceptanceWindow {
                first_day: self.window_from,
                last_day: self.window_to,
            },
            payment_requires_readings: self.payment_requires_readings,
        }
    }
}

impl From<&MeterDto> for Meter {
    fn from(m: &MeterDto) -> Self {
        m.to_domain()
    }
}

/// How a reading reached the provider.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ReadingSource {
    /// In the receipt, with a payment.
    WithPayment,
    /// Through «Подать показания ИПУ», without payment.
    WithoutPayment,
}

/// One accepted reading of a meter.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ReadingDto {
    pub id: String,
    pub meter_id: String,
    #[schema(value_type = String, example = "130.5")]
    #[serde(deserialize_with = "crate::text::decimal")]
    pub value: Decimal,
    /// Local date (Asia/Yekaterinburg).
    pub date: NaiveDate,
    pub source: ReadingSource,
}

/// A reading sent with an order line.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ReadingSubmission {
    pub meter_id: String,
    #[schema(value_type = String, example = "130.5")]
    #[serde(deserialize_with = "crate::text::decimal")]
    pub value: Decimal,
}

/// A reading sent without payment; with an `Idempotency-Key` header.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct SubmitReading {
    #[schema(value_type = String, example = "130.5")]
    #[serde(deserialize_with = "crate::text::decimal")]
    pub value: Decimal,
}

/// Query of an account's meters.
#[derive(
    Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema, utoipa::IntoParams,
)]
pub struct MetersQuery {
    /// The provider keeping the account; when given, an account of another provider is 404.
    #[serde(default)]
    pub provider_id: Option<String>,
}

impl From<MeterKindDto> for MeterKind {
    fn from(k: MeterKindDto) -> Self {
        match k {
            MeterKindDto::ColdWater => MeterKind::ColdWater,
            MeterKindDto::HotWater => MeterKind::HotWater,
            MeterKindDto::Electricity => MeterKind::Electricity,
            MeterKindDto::Gas => MeterKind::Gas,
            MeterKindDto::Heating => MeterKind::Heating,
            MeterKindDto::Sewage => MeterKind::Sewage,
        }
    }
}

impl From<MeterKind> for MeterKindDto {
    fn from(k: MeterKind) -> Self {
        match k {
            MeterKind::ColdWater => MeterKindDto::ColdWater,
            MeterKind::HotWater => MeterKindDto::HotWater,
            MeterKind::Electricity => MeterKindDto::Electricity,
            MeterKind::Gas => MeterKindDto::Gas,
            MeterKind::Heating => MeterKindDto::Heating,
            MeterKind::Sewage => MeterKindDto::Sewage,
        }
    }
}

impl From<TariffZoneDto> for TariffZone {
    fn from(z: TariffZoneDto) -> Self {
        match z {
            TariffZoneDto::T1 => TariffZone::T1,
            TariffZoneDto::T2 => TariffZone::T2,
            TariffZoneDto::T3 => TariffZone::T3,
        }
    }
}

impl From<TariffZone> for TariffZoneDto {
    fn from(z: TariffZone) -> Self {
        match z {
            TariffZone::T1 => TariffZoneDto::T1,
            TariffZone::T2 => TariffZoneDto::T2,
            TariffZone::T3 => TariffZoneDto::T3,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn readings_travel_as_decimal_strings_and_old_bodies_still_parse() {
        let r: ReadingSubmission =
            serde_json::from_str(r#"{"meter_id":"m-1","value":"0.1"}"#).unwrap();
        assert_eq!(r.value, Decimal::new(1, 1));
        assert_eq!(
            serde_json::to_string(&r).unwrap(),
            r#"{"meter_id":"m-1","value":"0.1"}"#
        );
        let line: crate::OrderLineRequest =
            serde_json::from_str(r#"{"bill_id":"b","amount":"10.00"}"#).unwrap();
        assert!(line.readings.is_empty());
        assert_eq!(
            serde_json::to_string(&line).unwrap(),
            r#"{"bill_id":"b","amount":"10.00"}"#,
            "a line without readings is the same body as before"
        );
    }
}
