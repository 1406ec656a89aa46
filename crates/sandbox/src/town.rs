//! The seeded demo town: addresses in the Orenburg region, providers and their accounts, and the
//! deterministic bills they post.
//!
//! Nothing here is random: a bill's amount is a hash of its account and period, so every run (and
//! every test) sees the same numbers, while consecutive months still differ.

use chrono::{Datelike, NaiveDate};
use ofis_api::{AddressDto, BillDto, ProviderDto};
use ofis_domain::{Money, Period, ServiceKind};

/// A payee.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Provider {
    /// Stable id, e.g. `vodokanal`.
    pub id: &'static str,
    /// Legal name as printed on bills.
    pub name: &'static str,
    /// Ten-digit INN of a legal entity (with a valid check digit).
    pub inn: &'static str,
    /// Whether Система «Город» itself bills this provider's accounts.
    pub billed_by_gorod: bool,
    /// Day of the month (1..=10) on which the provider posts the bills of that month.
    pub posting_day: u32,
}

/// A known address.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Address {
    /// Stable id, e.g. `orb-sovetskaya-12-5`.
    pub id: &'static str,
    /// City without «г.».
    pub city: &'static str,
    /// Street with its kind: «ул. Советская», «пр-т Победы».
    pub street: &'static str,
    /// House number.
    pub house: &'static str,
    /// Flat number.
    pub flat: &'static str,
}

/// A personal account (лицевой счёт) at a provider, for one service at one address.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Account {
    /// The account number (лицевой счёт), unique in town.
    pub number: &'static str,
    /// Id of the provider.
    pub provider: &'static str,
    /// Id of the address.
    pub address: &'static str,
    /// The one service billed on this account.
    pub service: ServiceKind,
    /// Whether the account is charged by meter readings.
    pub metered: bool,
}

/// The providers of the town; posting days spread over the 1st–10th, most by the 5th.
#[rustfmt::skip]
pub const PROVIDERS: &[Provider] = &[
    p("gorod", "АО \"Система \"Город\"", "5610001237", true, 1),
    p("tplus", "ПАО \"Т Плюс\"", "5610005672", true, 2),
    p("vodokanal", "ООО \"Оренбург Водоканал\"", "5612004561", false, 3),
    p("orskvodokanal", "ООО \"Орскводоканал\"", "5615009127", false, 3),
    p("energosbyt", "АО \"Энергосбыт Плюс\"", "5609007890", false, 4),
    p("gazprom", "АО \"Газпром межрегионгаз Оренбург\"", "5611002346", false, 5),
    p("priroda", "ООО \"Природа\"", "5614008917", true, 5),
    p("domofon", "ООО \"Домофон-Сервис\"", "5612033450", true, 7),
    p("ufanet", "ООО \"Уфанет\"", "0273006788", false, 10),
];

const fn p(
    id: &'static str,
    name: &'static str,
    inn: &'static str,
    billed_by_gorod: bool,
    posting_day: u32,
) -> Provider {
    Provider {
        id,
        name,
        inn,
        billed_by_gorod,
        posting_day,
    }
}

/// The addresses; the last one is a new building with no accounts yet (no bills in any period).
#[rustfmt::skip]
pub const ADDRESSES: &[Address] = &[
    a("orb-sovetskaya-12-5", "Оренбург", "ул. Советская", "12", "5"),
    a("orb-sovetskaya-12-17", "Оренбург", "ул. Советская", "12", "17"),
    a("orb-pobedy-114-27", "Оренбург", "пр-т Победы", "114", "27"),
    a("orsk-stroiteley-3-41", "Орск", "ул. Строителей", "3", "41"),
    a("orb-chkalova-30-8", "Оренбург", "ул. Чкалова", "30", "8"),
];

const fn a(
    id: &'static str,
    city: &'static str,
    street: &'static str,
    house: &'static str,
    flat: &'static str,
) -> Address {
    Address {
        id,
        city,
        street,
        house,
        flat,
    }
}

use ServiceKind::*;

/// Every account in town. Numbers are unique, so a bill id names exactly one account.
#[rustfmt::skip]
pub const ACCOUNTS: &[Account] = &[
    // ул. Советская, 12-5: the fullest address, every kind of service.
    acc("1000125005", "gorod", "orb-sovetskaya-12-5", Housing, false),
    acc("0312500501", "vodokanal", "orb-sovetskaya-12-5", ColdWater, true),
    acc("0312500502", "vodokanal", "orb-sovetskaya-12-5", Sewage, true),
    acc("560012512005", "energosbyt", "orb-sovetskaya-12-5", Electricity, true),
    acc("5601200505", "gazprom", "orb-sovetskaya-12-5", Gas, true),
    acc("7012505001", "tplus", "orb-sovetskaya-12-5", Heating, false),
    acc("7012505002", "tplus", "orb-sovetskaya-12-5", HotWater, true),
    acc("TKO-125-005", "priroda", "orb-sovetskaya-12-5", Waste, false),
    acc("D-12-5", "domofon", "orb-sovetskaya-12-5", Intercom, false),
    acc("UF5612505", "ufanet", "orb-sovetskaya-12-5", Internet, false),
    // ул. Советская, 12-17: same house, no gas and no internet.
    acc("1000125017", "gorod", "orb-sovetskaya-12-17", Housing, false),
    acc("0312501701", "vodokanal", "orb-sovetskaya-12-17", ColdWater, true),
    acc("0312501702", "vodokanal", "orb-sovetskaya-12-17", Sewage, true),
    acc("560012512017", "energosbyt", "orb-sovetskaya-12-17", Electricity, true),
    acc("7012517001", "tplus", "orb-sovetskaya-12-17", Heating, false),
    acc("7012517002", "tplus", "orb-sovetskaya-12-17", HotWater, true),
    acc("TKO-125-017", "priroda", "orb-sovetskaya-12-17", Waste, false),
    acc("D-12-17", "domofon", "orb-sovetskaya-12-17", Intercom, false),
    // пр-т Победы, 114-27: electric stove, no gas.
    acc("1001140027", "gorod", "orb-pobedy-114-27", Housing, false),
    acc("0311402701", "vodokanal", "orb-pobedy-114-27", ColdWater, true),
    acc("0311402702", "vodokanal", "orb-pobedy-114-27", Sewage, true),
    acc("560011427027", "energosbyt", "orb-pobedy-114-27", Electricity, true),
    acc("7111427001", "tplus", "orb-pobedy-114-27", Heating, false),
    acc("7111427002", "tplus", "orb-pobedy-114-27", HotWater, true),
    acc("TKO-1142-027", "priroda", "orb-pobedy-114-27", Waste, false),
    acc("UF5611427", "ufanet", "orb-pobedy-114-27", Internet, false),
    // г. Орск, ул. Строителей, 3-41: another town's water company, unmetered gas.
    acc("1000034041", "gorod", "orsk-stroiteley-3-41", Housing, false),
    acc("OV-3-41-1", "orskvodokanal", "orsk-stroiteley-3-41", ColdWater, true),
    acc("OV-3-41-2", "orskvodokanal", "orsk-stroiteley-3-41", Sewage, true),
    acc("560100341041", "energosbyt", "orsk-stroiteley-3-41", Electricity, true),
    acc("5611034141", "gazprom", "orsk-stroiteley-3-41", Gas, false),
    acc("7200341001", "tplus", "orsk-stroiteley-3-41", Heating, false),
    acc("TKO-3-041", "priroda", "orsk-stroiteley-3-41", Waste, false),
];

const fn acc(
    number: &'static str,
    provider: &'static str,
    address: &'static str,
    service: ServiceKind,
    metered: bool,
) -> Account {
    Account {
        number,
        provider,
        address,
        service,
        metered,
    }
}

impl Address {
    /// «г. Оренбург, ул. Советская, д. 12, кв. 5».
    pub fn title(&self) -> String {
        format!(
            "г. {}, {}, д. {}, кв. {}",
            self.city, self.street, self.house, self.flat
        )
    }

    /// The wire form.
    pub fn dto(&self) -> AddressDto {
        AddressDto {
            id: self.id.to_string(),
            title: self.title(),
            city: self.city.to_string(),
            street: self.street.to_string(),
            house: self.house.to_string(),
            flat: Some(self.flat.to_string()),
        }
    }
}

impl Provider {
    /// The wire form.
    pub fn dto(&self) -> ProviderDto {
        ProviderDto {
            id: self.id.to_string(),
            name: self.name.to_string(),
            inn: self.inn.to_string(),
            billed_by_gorod: self.billed_by_gorod,
        }
    }

    /// Whether this provider's bill for `period` has been posted by `today`.
    pub fn has_posted(&self, period: Period, today: NaiveDate) -> bool {
        let current = Period::of(today);
        period < current || (period == current && today.day() >= self.posting_day)
    }
}

/// The address with this id.
pub fn address(id: &str) -> Option<&'static Address> {
    ADDRESSES.iter().find(|a| a.id == id)
}

/// The provider with this id.
pub fn provider(id: &str) -> Option<&'static Provider> {
    PROVIDERS.iter().find(|p| p.id == id)
}

/// Splits text into lower-case words, ignoring punctuation, so «ул. Советская, д. 12» and
/// «советская 12» share words.
fn words(text: &str) -> Vec<String> {
    text.to_lowercase()
        .replace('ё', "е")
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// Address suggestions: every word of the query must start some word of the title (so the list
/// narrows as the person types). An empty query suggests nothing. At most `limit` results.
pub fn search_addresses(query: &str, limit: usize) -> Vec<&'static Address> {
    let wanted = words(query);
    if wanted.is_empty() {
        return Vec::new();
    }
    ADDRESSES
        .iter()
        .filter(|a| {
            let have = words(&a.title());
            wanted
                .iter()
                .all(|w| have.iter().any(|h| h.starts_with(w.as_str())))
        })
        .take(limit)
        .collect()
}

/// Id of the bill of `account` for `period`: `bill-<account>-<YYYY-MM>`.
pub fn bill_id(account: &Account, period: Period) -> String {
    format!("bill-{}-{}", account.number, period)
}

/// The account and period a bill id names, if it names one.
pub fn parse_bill_id(id: &str) -> Option<(&'static Account, Period)> {
    let rest = id.strip_prefix("bill-")?;
    // The period is the last seven characters; account numbers may themselves contain dashes.
    let split = rest.len().checked_sub(8)?;
    let (number, period) = (rest.get(..split)?, rest.get(split..)?.strip_prefix('-')?);
    let period: Period = period.parse().ok()?;
    let account = ACCOUNTS.iter().find(|a| a.number == number)?;
    Some((account, period))
}

/// FNV-1a, 64 bit: a tiny stable hash (std's hasher is randomly seeded and may change).
pub fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// Plausible monthly charges in roubles, by service: (from, to).
fn amount_range(service: ServiceKind) -> (u64, u64) {
    match service {
        Housing => (1800, 3600),
        ColdWater => (350, 950),
        HotWater => (700, 1900),
        Electricity => (600, 2600),
        Gas => (150, 950),
        Heating => (1900, 4800),
        Sewage => (250, 750),
        Waste => (180, 420),
        Intercom => (100, 160),
        Internet => (550, 900),
        SchoolMeals | Other => (100, 1000),
    }
}

/// The amount of an account's bill for a period. Intercom and internet are flat monthly fees, so
/// their amount depends on the account alone; the rest vary month to month.
pub fn bill_amount(account: &Account, period: Period) -> Money {
    let seed = if matches!(account.service, Intercom | Internet) {
        account.number.to_string()
    } else {
        format!("{}|{}", account.number, period)
    };
    let (from, to) = amount_range(account.service);
    let span = (to - from) * 100 + 1;
    let kopecks = from * 100 + fnv1a(seed.as_bytes()) % span;
    // In range by construction: far below the money ceiling.
    Money::from_kopecks(kopecks).unwrap_or(Money::ZERO)
}

/// The bill of `account` for `period` as the API sends it (whether posted or not).
pub fn bill(account: &Account, period: Period) -> Option<BillDto> {
    let provider = provider(account.provider)?;
    let address = address(account.address)?;
    Some(BillDto {
        id: bill_id(account, period),
        provider_id: provider.id.to_string(),
        provider_name: provider.name.to_string(),
        service: account.service.into(),
        service_name: account.service.label_ru().to_string(),
        account: account.number.to_string(),
        address_id: Some(address.id.to_string()),
        address_title: Some(address.title()),
        period,
        amount_due: bill_amount(account, period),
        metered: account.metered,
        billed_by_gorod: provider.billed_by_gorod,
        rules: Default::default(),
    })
}

/// The bills of an address for a period that have been posted by `today`.
pub fn posted_bills(address_id: &str, period: Period, today: NaiveDate) -> Vec<BillDto> {
    ACCOUNTS
        .iter()
        .filter(|a| a.address == address_id)
        .filter(|a| provider(a.provider).is_some_and(|p| p.has_posted(period, today)))
        .filter_map(|a| bill(a, period))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inn_valid(inn: &str) -> bool {
        const W: [u32; 9] = [2, 4, 10, 3, 5, 9, 4, 6, 8];
        let d: Vec<u32> = inn.chars().filter_map(|c| c.to_digit(10)).collect();
        d.len() == 10 && W.iter().zip(&d).map(|(w, x)| w * x).sum::<u32>() % 11 % 10 == d[9]
    }

    #[test]
    fn seed_is_consistent() {
        for p in PROVIDERS {
            assert!(inn_valid(p.inn), "{}", p.inn);
            assert!((1..=10).contains(&p.posting_day));
        }
        for (i, a) in ACCOUNTS.iter().enumerate() {
            assert!(
                provider(a.provider).is_some() && address(a.address).is_some(),
                "{a:?}"
            );
            assert!(
                ACCOUNTS[i + 1..].iter().all(|b| b.number != a.number),
                "{}",
                a.number
            );
        }
    }

    #[test]
    fn bill_ids_round_trip_and_amounts_are_plausible() {
        let p: Period = "2026-11".parse().unwrap();
        for a in ACCOUNTS {
            let (back, period) = parse_bill_id(&bill_id(a, p)).unwrap();
            assert_eq!((back, period), (a, p));
            let amount = bill_amount(a, p).value();
            assert!(amount >= 100.into() && amount <= 5000.into(), "{amount}");
        }
        assert!(parse_bill_id("bill-").is_none());
        assert!(parse_bill_id("bill-nope-2026-11").is_none());
        assert!(parse_bill_id("bill-D-12-5-2026-1").is_none());
        assert!(parse_bill_id("ьььььььььь").is_none());
        let housing = &ACCOUNTS[0];
        assert_ne!(bill_amount(housing, p), bill_amount(housing, p.next()));
    }

    #[test]
    fn search_matches_every_word_ignoring_punctuation() {
        let ids = |q: &str| {
            search_addresses(q, 10)
                .iter()
                .map(|a| a.id)
                .collect::<Vec<_>>()
        };
        assert_eq!(
            ids("Советская 12"),
            ["orb-sovetskaya-12-5", "orb-sovetskaya-12-17"]
        );
        assert_eq!(ids("ул. Советская, д. 12, кв. 5"), ["orb-sovetskaya-12-5"]);
        assert_eq!(ids("орск"), ["orsk-stroiteley-3-41"]);
        assert!(ids("  , ").is_empty());
        assert!(ids("Ленина").is_empty());
    }
}
