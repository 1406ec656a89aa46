//! Bills: a provider's charge on one account for one period, and the services they are for.

use serde::{Deserialize, Serialize};

use crate::ids::{AccountNumber, AddressId, BillId, ProviderId};
use crate::money::Money;
use crate::period::Period;
use crate::rules::PaymentRules;

/// The kind of service a bill is for; decides whether meters apply.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ServiceKind {
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

impl ServiceKind {
    /// Russian name of the service as bills print it.
    pub fn label_ru(self) -> &'static str {
        match self {
            ServiceKind::ColdWater => "Холодное водоснабжение",
            ServiceKind::HotWater => "Горячее водоснабжение",
            ServiceKind::Electricity => "Электроэнергия",
            ServiceKind::Gas => "Газоснабжение",
            ServiceKind::Heating => "Отопление",
            ServiceKind::Sewage => "Водоотведение",
            ServiceKind::Waste => "Вывоз ТКО",
            ServiceKind::Intercom => "Домофон",
            ServiceKind::Internet => "Интернет",
            ServiceKind::Housing => "Содержание жилья",
            ServiceKind::SchoolMeals => "Школьное питание",
            ServiceKind::Other => "Прочие услуги",
        }
    }

    /// Services that individual meters (ИПУ) can measure.
    pub fn can_be_metered(self) -> bool {
        matches!(
            self,
            ServiceKind::ColdWater
                | ServiceKind::HotWater
                | ServiceKind::Electricity
                | ServiceKind::Gas
                | ServiceKind::Heating
                | ServiceKind::Sewage
        )
    }
}

/// One bill as the system knows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bill {
    pub id: BillId,
    pub provider_id: ProviderId,
    pub provider_name: String,
    pub service: ServiceKind,
    /// The service's name as the provider prints it (e.g. «Мобильная связь»); may be empty.
    #[serde(default)]
    pub service_name: String,
    pub account: AccountNumber,
    /// The address the bill belongs to; `None` for bills found by account alone with no address.
    pub address_id: Option<AddressId>,
    pub address_title: Option<String>,
    pub period: Period,
    /// What the provider charged; the default amount to pay.
    pub amount_due: Money,
    /// Whether this account is charged by meters (readings may go with the payment).
    pub metered: bool,
    /// Whether Система «Город» itself bills this account (readings without payment allowed).
    pub billed_by_gorod: bool,
    /// What the provider accepts: minimum, maximum, full payment only, fee.
    #[serde(default)]
    pub rules: PaymentRules,
}

impl Bill {
    /// What to call the service on screen: the provider's own name for it, else the kind's.
    pub fn service_title(&self) -> &str {
        if self.service_name.trim().is_empty() {
            self.service.label_ru()
        } else {
            &self.service_name
        }
    }

    /// The key that makes two bills "the same bill" even if ids differ: provider, account, period.
    pub fn identity(&self) -> (&ProviderId, &AccountNumber, Period) {
        (&self.provider_id, &self.account, self.period)
    }
}
