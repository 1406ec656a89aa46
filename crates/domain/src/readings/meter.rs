//! A meter as the billing centre knows it, and its provider's acceptance window.

use std::fmt;

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// One meter, or one register (T1, T2, T3) of a multi-tariff electricity meter.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct MeterId(pub String);

impl MeterId {
    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for MeterId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<&str> for MeterId {
    fn from(s: &str) -> Self {
        MeterId(s.to_string())
    }
}

/// What a meter measures.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MeterKind {
    /// ХВС.
    ColdWater,
    /// ГВС (the cold-water component of hot water is billed by it too).
    HotWater,
    /// Электроэнергия, single- or multi-tariff (see [`TariffZone`]).
    Electricity,
    Gas,
    /// Тепловая энергия.
    Heating,
    /// Водоотведение.
    Sewage,
}

impl MeterKind {
    /// «ХВС», «ГВС», «Электроэнергия»…
    pub fn label_ru(self) -> &'static str {
        match self {
            MeterKind::ColdWater => "ХВС",
            MeterKind::HotWater => "ГВС",
            MeterKind::Electricity => "Электроэнергия",
            MeterKind::Gas => "Газ",
            MeterKind::Heating => "Отопление",
            MeterKind::Sewage => "Водоотведение",
        }
    }

    /// The unit readings are in: «м³», «кВт·ч», «Гкал».
    pub fn unit(self) -> &'static str {
        match self {
            MeterKind::ColdWater | MeterKind::HotWater | MeterKind::Gas | MeterKind::Sewage => "м³",
            MeterKind::Electricity => "кВт·ч",
            MeterKind::Heating => "Гкал",
        }
    }
}

/// A tariff zone (register) of a multi-tariff electricity meter.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum TariffZone {
    /// Day (or peak in three-zone meters).
    T1,
    /// Night.
    T2,
    /// Half-peak (three-zone meters only).
    T3,
}

impl TariffZone {
    /// «T1 (день)», «T2 (ночь)», «T3 (полупик)».
    pub fn label_ru(self) -> &'static str {
        match self {
            TariffZone::T1 => "T1 (день)",
            TariffZone::T2 => "T2 (ночь)",
            TariffZone::T3 => "T3 (полупик)",
        }
    }
}

/// How many digits the meter's display has before and after the comma.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Precision {
    pub integer_digits: u8,
    pub fraction_digits: u8,
}

impl Precision {
    /// The value after which the display rolls over to zero: 10^integer_digits; `None` past
    /// what a decimal holds (29 digits and more).
    pub fn rollover_at(self) -> Option<Decimal> {
        (0..self.integer_digits).try_fold(Decimal::ONE, |v, _| v.checked_mul(Decimal::TEN))
    }
}

/// Days of the month on which a provider counts readings, inclusive, in Asia/Yekaterinburg.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct AcceptanceWindow {
    /// 1..=31.
    pub first_day: u8,
    /// first_day..=31; 31 means "to the end of the month" in shorter months.
    pub last_day: u8,
}

/// The window the manual recommends to everyone: the 15th to the 25th.
pub const RECOMMENDED_WINDOW: AcceptanceWindow = AcceptanceWindow {
    first_day: 15,
    last_day: 25,
};

impl AcceptanceWindow {
    /// Every day of the month.
    pub const WHOLE_MONTH: AcceptanceWindow = AcceptanceWindow {
        first_day: 1,
        last_day: 31,
    };

    /// Whether `date` (a local date) falls in the window.
    pub fn contains(self, date: NaiveDate) -> bool {
        let day = date.day();
        day >= u32::from(self.first_day) && day <= u32::from(self.last_day)
    }

    /// Whether the window is every day of the month.
    pub fn is_whole_month(self) -> bool {
        self.first_day <= 1 && self.last_day >= 31
    }

    /// «с 15 по 25 число».
    pub fn label_ru(self) -> String {
        format!("с {} по {} число", self.first_day, self.last_day)
    }
}

/// The last reading the provider accepted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LastReading {
    pub value: Decimal,
    /// Local date it was taken into account.
    pub date: NaiveDate,
}

/// A meter on a personal account, with everything validation needs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meter {
    pub id: MeterId,
    pub kind: MeterKind,
    /// The register of a multi-tariff electricity meter; `None` for single-tariff meters.
    pub zone: Option<TariffZone>,
    /// Заводской номер, as printed on the meter.
    pub serial: String,
    pub precision: Precision,
    /// `None` for a meter that has never been read.
    pub last: Option<LastReading>,
    /// The most a household plausibly uses in a month; more asks for confirmation.
    pub max_monthly_consumption: Decimal,
    /// Meters with the same group must be sent together (all or none).
    pub group: Option<String>,
    /// Why readings of this meter are not accepted (e.g. «Истёк срок поверки»), if they are not.
    pub ban: Option<String>,
    /// Дата следующей поверки.
    pub next_verification: Option<NaiveDate>,
    /// The provider's acceptance window.
    pub window: AcceptanceWindow,
    /// Whether the provider refuses a payment of this account without its readings.
    pub payment_requires_readings: bool,
}

impl Meter {
    /// «ХВС № 12345678», «Электроэнергия T2 (ночь) № 0456».
    pub fn title_ru(&self) -> String {
        match self.zone {
            Some(zone) => format!(
                "{} {} № {}",
                self.kind.label_ru(),
                zone.label_ru(),
                self.serial
            ),
            None => format!("{} № {}", self.kind.label_ru(), self.serial),
        }
    }

    /// Why entry is refused today, if it is: an explicit ban, or a verification date passed.
    pub fn ban_reason(&self, today: NaiveDate) -> Option<String> {
        if let Some(reason) = &self.ban {
            return Some(reason.clone());
        }
        self.next_verification
            .filter(|date| *date < today)
            .map(|date| format!("Истёк срок поверки ({})", date.format("%d.%m.%Y")))
    }
}
