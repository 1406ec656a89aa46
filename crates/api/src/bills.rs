//! Addresses, providers and bills.

use ofis_domain::{
    AccountNumber, AddressId, Bill, BillId, Fee, Money, PaymentRules, Period, ProviderId,
    ServiceKind,
};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::providers::AccountFieldDto;

/// An address known to the system (also an address suggestion).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct AddressDto {
    pub id: String,
    /// Full text as shown to the user: «г. Оренбург, ул. Советская, д. 12, кв. 5».
    pub title: String,
    pub city: String,
    pub street: String,
    pub house: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub flat: Option<String>,
}

/// A service provider (payee).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ProviderDto {
    pub id: String,
    pub name: String,
    pub inn: String,
    /// Whether Система «Город» itself bills this provider's accounts.
    pub billed_by_gorod: bool,
    /// What the provider accepts for its bills (the same rules every bill of it carries).
    #[serde(default)]
    pub rules: PaymentRulesDto,
    /// The number the provider asks for to find a bill: account, contract or phone.
    pub account_field: AccountFieldDto,
}

/// Kinds of service on the wire (snake_case, same as the domain).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ServiceKindDto {
    ColdWater,
    HotWater,
    Electricity,
    Gas,
    Heating,
    Sewage,
    Waste,
    Intercom,
    Internet,
    Housing,
    SchoolMeals,
    Other,
}

impl From<ServiceKindDto> for ServiceKind {
    fn from(k: ServiceKindDto) -> Self {
        match k {
            ServiceKindDto::ColdWater => ServiceKind::ColdWater,
            ServiceKindDto::HotWater => ServiceKind::HotWater,
            ServiceKindDto::Electricity => ServiceKind::Electricity,
            ServiceKindDto::Gas => ServiceKind::Gas,
            ServiceKindDto::Heating => ServiceKind::Heating,
            ServiceKindDto::Sewage => ServiceKind::Sewage,
            ServiceKindDto::Waste => ServiceKind::Waste,
            ServiceKindDto::Intercom => ServiceKind::Intercom,
            ServiceKindDto::Internet => ServiceKind::Internet,
            ServiceKindDto::Housing => ServiceKind::Housing,
            ServiceKindDto::SchoolMeals => ServiceKind::SchoolMeals,
            ServiceKindDto::Other => ServiceKind::Other,
        }
    }
}

impl From<ServiceKind> for ServiceKindDto {
    fn from(k: ServiceKind) -> Self {
        match k {
            ServiceKind::ColdWater => ServiceKindDto::ColdWater,
            ServiceKind::HotWater => ServiceKindDto::HotWater,
            ServiceKind::Electricity => ServiceKindDto::Electricity,
            ServiceKind::Gas => ServiceKindDto::Gas,
            ServiceKind::Heating => ServiceKindDto::Heating,
            ServiceKind::Sewage => ServiceKindDto::Sewage,
            ServiceKind::Waste => ServiceKindDto::Waste,
            ServiceKind::Intercom => ServiceKindDto::Intercom,
            ServiceKind::Internet => ServiceKindDto::Internet,
            ServiceKind::Housing => ServiceKindDto::Housing,
            ServiceKind::SchoolMeals => ServiceKindDto::SchoolMeals,
            ServiceKind::Other => ServiceKindDto::Other,
        }
    }
}

/// A provider's fee: a percentage with a minimum.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct FeeDto {
    /// Percent of the amount, e.g. "1.5".
    #[schema(value_type = String, example = "1.5")]
    #[serde(deserialize_with = "crate::text::decimal")]
    pub percent: Decimal,
    /// Minimum fee on a non-zero amount.
    #[schema(value_type = String, example = "10.00")]
    pub min: Money,
}

/// What a provider accepts for its bills.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct PaymentRulesDto {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<String>, example = "10.00")]
    pub min: Option<Money>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<String>, example = "15000.00")]
    pub max: Option<Money>,
    /// Only the exact charged amount (or nothing) is accepted.
    #[serde(default)]
    pub pay_in_full: bool,
    #[serde(default)]
    pub fee: FeeDto,
}

impl From<PaymentRulesDto> for PaymentRules {
    fn from(r: PaymentRulesDto) -> Self {
        PaymentRules {
            min: r.min,
            max: r.max,
            pay_in_full: r.pay_in_full,
            fee: Fee {
                percent: r.fee.percent,
                min: r.fee.min,
            },
        }
    }
}

impl From<PaymentRules> for PaymentRulesDto {
    fn from(r: PaymentRules) -> Self {
        PaymentRulesDto {
            min: r.min,
            max: r.max,
            pay_in_full: r.pay_in_full,
            fee: FeeDto {
                percent: r.fee.percent,
                min: r.fee.min,
            },
        }
    }
}

/// One bill posted by a provider for one account and period.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct BillDto {
    pub id: String,
    pub provider_id: String,
    pub provider_name: String,
    pub service: ServiceKindDto,
    /// Russian name of the service as the provider prints it.
    pub service_name: String,
    pub account: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address_title: Option<String>,
    /// `YYYY-MM`.
    #[schema(value_type = String, example = "2026-11")]
    pub period: Period,
    /// Amount charged, roubles, two decimal places.
    #[schema(value_type = String, example = "1234.56")]
    pub amount_due: Money,
    pub metered: bool,
    pub billed_by_gorod: bool,
    /// The provider's rules for paying this bill.
    #[serde(default)]
    pub rules: PaymentRulesDto,
}

/// The domain bill, once its numbers are checked ([`crate::Plausible`]): a fee of more than
/// 100 % is refused here, so no fee or total computed from it can overflow.
impl TryFrom<BillDto> for Bill {
    type Error = crate::WireError;
    fn try_from(b: BillDto) -> Result<Self, Self::Error> {
        crate::Plausible::check(&b)?;
        Ok(Bill {
            id: BillId(b.id),
            provider_id: ProviderId(b.provider_id),
            provider_name: b.provider_name,
            service: b.service.into(),
            service_name: b.service_name,
            account: AccountNumber(b.account),
            address_id: b.address_id.map(AddressId),
            address_title: b.address_title,
            period: b.period,
            amount_due: b.amount_due,
            metered: b.metered,
            billed_by_gorod: b.billed_by_gorod,
            rules: b.rules.into(),
        })
    }
}

/// The payment QR code printed on a bill (GOST R 56042-2014).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct BillQrDto {
    /// The text to encode, UTF-8: `ST00012|Name=…|PersonalAcc=…|BankName=…|BIC=…|CorrespAcc=…|
    /// PayeeINN=…|KPP=…|PersAcc=…|PayerAddress=…|Purpose=…|PaymPeriod=MMYYYY|Sum=<kopecks>`.
    #[schema(
        example = "ST00012|Name=ООО \"Уфанет\"|PayeeINN=0273006788|PersAcc=UF5612505|Sum=72000"
    )]
    pub payload: String,
}

/// The bills of one address for one period: the basis of the общий счёт.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct AddressBills {
    pub address: AddressDto,
    #[schema(value_type = String, example = "2026-11")]
    pub period: Period,
    pub bills: Vec<BillDto>,
}

/// Query of the address suggestions.
#[derive(
    Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema, utoipa::IntoParams,
)]
pub struct AddressQuery {
    /// What the user typed: street, house, flat in any order.
    pub q: String,
}

/// Query of an address's bills.
#[derive(
    Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema, utoipa::IntoParams,
)]
pub struct PeriodQuery {
    /// `YYYY-MM`; the current period when absent.
    #[serde(default)]
    pub period: Option<String>,
}
