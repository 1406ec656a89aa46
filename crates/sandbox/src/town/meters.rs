//! The meters (ИПУ) of the demo town's metered accounts, the providers' reading policies and
//! their published tariffs. Every metered account has at least one meter; no other has any.
//!
//! Ids are `m-<account>-<n>`, or `m-<account>-t1…t3` for the registers of a multi-tariff
//! electricity meter (registers share the serial and a group: they are sent together).

use chrono::NaiveDate;
use ofis_api::{MeterDto, ReadingDto, ReadingSource, TariffDto};
use ofis_domain::readings::{AcceptanceWindow, MeterKind, TariffZone, RECOMMENDED_WINDOW};
use ofis_domain::{Period, ServiceKind};
use rust_decimal::Decimal;

use super::{fnv1a, provider, Account, ACCOUNTS};

/// One meter of the seed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MeterSeed {
    pub id: &'static str,
    pub account: &'static str,
    pub kind: MeterKind,
    pub zone: Option<TariffZone>,
    pub serial: &'static str,
    /// Digits before and after the comma.
    pub digits: (u8, u8),
    /// Plausible monthly consumption, whole units.
    pub max_monthly: u32,
    pub group: Option<&'static str>,
    pub ban: Option<&'static str>,
    /// `YYYY-MM-DD`.
    pub next_verification: &'static str,
    /// The reading six months before the sandbox's first day, whole units.
    pub start: u32,
}

/// How a provider takes readings: its window and whether it refuses a payment without them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReadingPolicy {
    pub window: AcceptanceWindow,
    pub payment_requires_readings: bool,
}

const fn window(first_day: u8, last_day: u8) -> AcceptanceWindow {
    AcceptanceWindow {
        first_day,
        last_day,
    }
}

/// The reading policy of a provider. Город-billed providers use the recommended 15th–25th;
/// «Уральские коммунальные системы» refuses a payment without readings.
pub fn policy(provider_id: &str) -> ReadingPolicy {
    let (window, payment_requires_readings) = match provider_id {
        "vodokanal" => (window(20, 26), false),
        "gazprom" => (window(16, 25), false),
        "energosbyt" | "orskvodokanal" => (AcceptanceWindow::WHOLE_MONTH, false),
        "ucs" => (window(20, 25), true),
        _ => (RECOMMENDED_WINDOW, false),
    };
    ReadingPolicy {
        window,
        payment_requires_readings,
    }
}

use MeterKind::{ColdWater, Electricity, Gas, HotWater, Sewage};
use TariffZone::{T1, T2, T3};

const fn m(
    id: &'static str,
    account: &'static str,
    kind: MeterKind,
    serial: &'static str,
    max_monthly: u32,
    start: u32,
) -> MeterSeed {
    let digits = match kind {
        Electricity => (6, 1),
        _ => (5, 3),
    };
    MeterSeed {
        id,
        account,
        kind,
        zone: None,
        serial,
        digits,
        max_monthly,
        group: None,
        ban: None,
        next_verification: "2030-06-30",
        start,
    }
}

const fn grouped(group: &'static str, meter: MeterSeed) -> MeterSeed {
    MeterSeed {
        group: Some(group),
        ..meter
    }
}

const fn zone(zone: TariffZone, meter: MeterSeed) -> MeterSeed {
    MeterSeed {
        zone: Some(zone),
        ..meter
    }
}

/// Every meter in town.
#[rustfmt::skip]
pub const METERS: &[MeterSeed] = &[
    // ул. Советская, 12-5: two cold and two hot water meters (kitchen, bathroom), each pair a
    // group; a two-tariff electricity meter; gas; a sewage meter.
    grouped("cold-0312500501", m("m-0312500501-1", "0312500501", ColdWater, "21034567", 15, 312)),
    grouped("cold-0312500501", m("m-0312500501-2", "0312500501", ColdWater, "21034568", 15, 187)),
    m("m-0312500502-1", "0312500502", Sewage, "30011245", 25, 498),
    grouped("el-011245789", zone(T1, m("m-560012512005-t1", "560012512005", Electricity, "011245789", 450, 15210))),
    grouped("el-011245789", zone(T2, m("m-560012512005-t2", "560012512005", Electricity, "011245789", 250, 6104))),
    m("m-5601200505-1", "5601200505", Gas, "G4-1120345", 60, 2230),
    grouped("hot-7012505002", m("m-7012505002-1", "7012505002", HotWater, "22098765", 10, 205)),
    grouped("hot-7012505002", m("m-7012505002-2", "7012505002", HotWater, "22098766", 10, 143)),
    // ул. Советская, 12-17: one meter of each kind, single-tariff electricity.
    m("m-0312501701-1", "0312501701", ColdWater, "21040011", 15, 415),
    m("m-0312501702-1", "0312501702", Sewage, "30011301", 25, 640),
    m("m-560012512017-1", "560012512017", Electricity, "011250017", 500, 23817),
    m("m-7012517002-1", "7012517002", HotWater, "22101717", 10, 260),
    // пр-т Победы, 114-27: a three-tariff meter (electric stove); one hot-water meter of the
    // pair is overdue for verification and closed to entry.
    m("m-0311402701-1", "0311402701", ColdWater, "21077027", 15, 522),
    m("m-0311402702-1", "0311402702", Sewage, "30077027", 25, 801),
    grouped("el-091142727", zone(T1, m("m-560011427027-t1", "560011427027", Electricity, "091142727", 350, 8920))),
    grouped("el-091142727", zone(T2, m("m-560011427027-t2", "560011427027", Electricity, "091142727", 300, 5311))),
    grouped("el-091142727", zone(T3, m("m-560011427027-t3", "560011427027", Electricity, "091142727", 300, 7045))),
    grouped("hot-7111427002", m("m-7111427002-1", "7111427002", HotWater, "22114271", 10, 330)),
    MeterSeed {
        ban: Some("Истёк срок поверки"),
        next_verification: "2026-09-30",
        ..grouped("hot-7111427002", m("m-7111427002-2", "7111427002", HotWater, "22114272", 10, 298))
    },
    // г. Орск, ул. Строителей, 3-41.
    m("m-OV-3-41-1-1", "OV-3-41-1", ColdWater, "OV340141", 15, 276),
    m("m-OV-3-41-2-1", "OV-3-41-2", Sewage, "OV350141", 25, 390),
    m("m-560100341041-1", "560100341041", Electricity, "013410041", 500, 31402),
    // ул. Гагарина, 25-14.
    m("m-560025025014-1", "560025025014", Electricity, "012502514", 500, 17733),
    // ул. Пушкинская, 20-9: cold water from a provider that refuses payment without readings.
    m("m-4202000901-1", "4202000901", ColdWater, "21200091", 15, 98),
    m("m-560020020009-1", "560020020009", Electricity, "012000209", 500, 4410),
    m("m-7020009002-1", "7020009002", HotWater, "22200092", 10, 61),
];

/// Published prices per unit: (provider, service, zone, price in kopecks × 100 for 4 places).
#[rustfmt::skip]
const PRICES: &[(&str, ServiceKind, Option<TariffZone>, i64)] = &[
    ("vodokanal", ServiceKind::ColdWater, None, 43_7100),
    ("vodokanal", ServiceKind::Sewage, None, 33_5600),
    ("orskvodokanal", ServiceKind::ColdWater, None, 38_2000),
    ("orskvodokanal", ServiceKind::Sewage, None, 29_8500),
    ("ucs", ServiceKind::ColdWater, None, 45_1000),
    ("tplus", ServiceKind::HotWater, None, 232_1700),
    ("tplus", ServiceKind::Heating, None, 2456_8400),
    ("energosbyt", ServiceKind::Electricity, None, 6_1800),
    ("energosbyt", ServiceKind::Electricity, Some(T1), 6_6200),
    ("energosbyt", ServiceKind::Electricity, Some(T2), 3_8700),
    ("energosbyt", ServiceKind::Electricity, Some(T3), 6_1800),
    ("gazprom", ServiceKind::Gas, None, 8_3400),
];

/// The unit of a metered service.
fn unit(service: ServiceKind) -> &'static str {
    match service {
        ServiceKind::Electricity => Electricity.unit(),
        ServiceKind::Heating => MeterKind::Heating.unit(),
        _ => ColdWater.unit(),
    }
}

/// Every published tariff.
pub fn tariffs() -> Vec<TariffDto> {
    PRICES
        .iter()
        .map(|&(provider_id, service, zone, price)| TariffDto {
            provider_id: provider_id.to_string(),
            service: service.into(),
            unit: unit(service).to_string(),
            price: Decimal::new(price, 4).normalize(),
            zone: zone.map(Into::into),
        })
        .collect()
}

/// The meter with this id.
pub fn meter(id: &str) -> Option<&'static MeterSeed> {
    METERS.iter().find(|m| m.id == id)
}

/// The meters of an account, in seed order.
pub fn meters_of(account: &str) -> impl Iterator<Item = &'static MeterSeed> + '_ {
    METERS.iter().filter(move |m| m.account == account)
}

impl MeterSeed {
    /// The account the meter is on (every seed meter has one).
    pub fn account(&self) -> &'static Account {
        ACCOUNTS
            .iter()
            .find(|a| a.number == self.account)
            .expect("seed meters are on seed accounts")
    }

    /// The wire form, with the last accepted reading from `history` (oldest first).
    pub fn dto(&self, history: &[ReadingDto]) -> Option<MeterDto> {
        let account = self.account();
        let provider = provider(account.provider)?;
        let policy = policy(provider.id);
        let last = history.last();
        let tariff = tariffs().into_iter().find(|t| {
            t.provider_id == provider.id
                && t.service == account.service.into()
                && t.zone == self.zone.map(Into::into)
        });
        Some(MeterDto {
            id: self.id.to_string(),
            account: account.number.to_string(),
            provider_id: provider.id.to_string(),
            provider_name: provider.name.to_string(),
            service: account.service.into(),
            kind: self.kind.into(),
            zone: self.zone.map(Into::into),
            serial: self.serial.to_string(),
            integer_digits: self.digits.0,
            fraction_digits: self.digits.1,
            last_value: last.map(|r| r.value),
            last_date: last.map(|r| r.date),
            max_monthly_consumption: self.max_monthly.into(),
            group: self.group.map(str::to_string),
            ban_reason: self.ban.map(str::to_string),
            next_verification: NaiveDate::parse_from_str(self.next_verification, "%Y-%m-%d").ok(),
            window_from: policy.window.first_day,
            window_to: policy.window.last_day,
            payment_requires_readings: policy.payment_requires_readings,
            billed_by_gorod: provider.billed_by_gorod,
            unit: self.kind.unit().to_string(),
            tariff,
        })
    }

    /// Six monthly readings before `today`'s month, on the 20th, each a deterministic part of
    /// the plausible consumption more than the one before.
    pub fn seeded_history(&self, today: NaiveDate) -> Vec<ReadingDto> {
        let gorod = provider(self.account().provider).is_some_and(|p| p.billed_by_gorod);
        let scale = u32::from(self.digits.1.min(2));
        let mut value = Decimal::from(self.start);
        let mut period = Period::of(today);
        let periods: Vec<Period> = (0..6)
            .map(|_| {
                period = period.previous();
                period
            })
            .collect();
        periods
            .into_iter()
            .rev()
            .filter_map(|period| {
                let seed = fnv1a(format!("{}|{period}", self.id).as_bytes());
                // 20 % to 70 % of the plausible month, at the meter's shown precision.
                let hundredths = u64::from(self.max_monthly) * (20 + seed % 51);
                value += Decimal::new(hundredths as i64, 2).round_dp(scale);
                let date = NaiveDate::from_ymd_opt(period.year(), period.month(), 20)?;
                Some(ReadingDto {
                    id: format!("rd-{}-{period}", self.id),
                    meter_id: self.id.to_string(),
                    value,
                    date,
                    source: if gorod {
                        ReadingSource::WithoutPayment
                    } else {
                        ReadingSource::WithPayment
                    },
                })
            })
            .collect()
    }
}
