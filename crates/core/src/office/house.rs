//! «Информация по дому» of an address: under-supply acts (service, from–to, reason, whether it
//! goes on now), the common-house meters by month, the organisations with their phones and hours.

use chrono::NaiveDateTime;
use ofis_api::{HouseInfoDto, HouseMeterDto, HouseOrganisationDto, UnderSupplyActDto};
use ofis_domain::readings::decimal_ru;
use tracing::instrument;

use crate::app::Ofis;
use crate::error::CoreError;

/// What is known about the house of an address, ready to show.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HouseInfo {
    pub address_id: String,
    /// «г. Оренбург, ул. Советская, д. 12».
    pub house: String,
    /// Newest first.
    pub acts: Vec<ActRow>,
    pub meters: Vec<HouseMeter>,
    pub organisations: Vec<Organisation>,
}

/// An under-supply act.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ActRow {
    pub id: String,
    /// «Горячее водоснабжение».
    pub service: String,
    /// Local time (Asia/Yekaterinburg).
    pub from: NaiveDateTime,
    pub to: NaiveDateTime,
    /// «с 01.12.2026 09:00 по 04.12.2026 18:00».
    pub when: String,
    pub reason: String,
    /// Going on now.
    pub active: bool,
}

/// A common-house meter, its months newest first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HouseMeter {
    /// «Тепловая энергия».
    pub service: String,
    /// «Гкал».
    pub unit: String,
    pub rows: Vec<HouseMeterRow>,
}

/// One month of a common-house meter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HouseMeterRow {
    /// «ноябрь 2026».
    pub month: String,
    /// The reading at the month's end: «12 345,678».
    pub reading: String,
    /// Used in the month: «56,789».
    pub consumption: String,
}

/// An organisation serving the house.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Organisation {
    /// «Управляющая компания».
    pub role: String,
    pub name: String,
    /// As printed: «+7 (3532) 45-12-07».
    pub phone: String,
    /// For a `tel:` link: «+73532451207».
    pub dial: String,
    /// «Пн–Пт 08:00–17:00».
    pub hours: String,
}

/// «с 01.12.2026 09:00 по 04.12.2026 18:00».
pub(crate) fn span_ru(from: NaiveDateTime, to: NaiveDateTime) -> String {
    format!(
        "с {} по {}",
        from.format("%d.%m.%Y %H:%M"),
        to.format("%d.%m.%Y %H:%M")
    )
}

/// «12 345,678»: thousands apart (a no-break space), a decimal comma.
fn grouped_ru(value: rust_decimal::Decimal) -> String {
    let text = decimal_ru(value);
    let (int, frac) = match text.split_once(',') {
        Some((i, f)) => (i.to_string(), Some(f.to_string())),
        None => (text.clone(), None),
    };
    let (sign, digits) = match int.strip_prefix('-') {
        Some(d) => ("-", d),
        None => ("", int.as_str()),
    };
    let mut out = String::from(sign);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push('\u{a0}');
        }
        out.push(ch);
    }
    if let Some(f) = frac {
        out.push(',');
        out.push_str(&f);
    }
    out
}

/// The digits and a leading «+» of a phone as printed, for a `tel:` link.
fn dial(phone: &str) -> String {
    phone
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '+')
        .collect()
}

impl From<UnderSupplyActDto> for ActRow {
    fn from(a: UnderSupplyActDto) -> Self {
        ActRow {
            when: span_ru(a.from, a.to),
            id: a.id,
            service: a.service,
            from: a.from,
            to: a.to,
            reason: a.reason,
            active: a.active,
        }
    }
}

impl From<HouseMeterDto> for HouseMeter {
    fn from(m: HouseMeterDto) -> Self {
        HouseMeter {
            service: m.service,
            unit: m.unit,
            rows: m
                .months
                .into_iter()
                .rev()
                .map(|r| HouseMeterRow {
                    month: r.period.label_ru(),
                    reading: grouped_ru(r.reading),
                    consumption: grouped_ru(r.consumption),
                })
                .collect(),
        }
    }
}

impl From<HouseOrganisationDto> for Organisation {
    fn from(o: HouseOrganisationDto) -> Self {
        Organisation {
            dial: dial(&o.phone),
            role: o.role,
            name: o.name,
            phone: o.phone,
            hours: o.hours,
        }
    }
}

impl From<HouseInfoDto> for HouseInfo {
    fn from(h: HouseInfoDto) -> Self {
        let mut acts: Vec<ActRow> = h.acts.into_iter().map(ActRow::from).collect();
        acts.sort_by_key(|a| std::cmp::Reverse(a.from));
        HouseInfo {
            address_id: h.address_id,
            house: h.house,
            acts,
            meters: h.meters.into_iter().map(HouseMeter::from).collect(),
            organisations: h
                .organisations
                .into_iter()
                .map(Organisation::from)
                .collect(),
        }
    }
}

impl HouseInfo {
    /// The acts going on now.
    pub fn active_acts(&self) -> impl Iterator<Item = &ActRow> {
        self.acts.iter().filter(|a| a.active)
    }
}

impl Ofis {
    /// «Информация по дому» of an address of «Мои платежи».
    #[instrument(skip(self))]
    pub async fn house_info(&self, address_id: &str) -> Result<HouseInfo, CoreError> {
        Ok(self.inner.gorod.house_info(address_id).await?.into())
    }
}
