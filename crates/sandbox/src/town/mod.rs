//! The seeded demo town: addresses in the Orenburg region, providers and their accounts, and the
//! deterministic bills they post.
//!
//! Nothing here is random: a bill's amount is a hash of its account and period, so every run (and
//! every test) sees the same numbers, while consecutive months still differ.

use chrono::{Datelike, NaiveDate};
use ofis_api::{
    AccountCharset, AccountFieldDto, AccountFieldKind, AddressDto, BillDto, ProviderDto,
};
use ofis_domain::{Money, PaymentRules, Period, ServiceKind};

pub mod meters;
mod search;
mod seed;

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
    /// Words of the services it bills, searched together with the name.
    pub services: &'static str,
    /// What it accepts for its bills.
    pub rules: PaymentRules,
    /// The number it asks for to find a bill.
    pub field: AccountField,
}

/// The account, contract or phone field a provider asks for (see [`AccountFieldDto`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AccountField {
    pub kind: AccountFieldKind,
    pub label: &'static str,
    pub hint: &'static str,
    pub example: &'static str,
    pub min_len: u8,
    pub max_len: u8,
    pub charset: AccountCharset,
}

impl AccountField {
    /// The wire form (which also validates input: [`AccountFieldDto::normalize`]).
    pub fn dto(&self) -> AccountFieldDto {
        AccountFieldDto {
            kind: self.kind,
            label: self.label.to_string(),
            hint: self.hint.to_string(),
            example: self.example.to_string(),
            min_len: self.min_len,
            max_len: self.max_len,
            charset: self.charset,
        }
    }
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

/// A personal account (лицевой счёт) at a provider, for one service at one address (or at none:
/// phones, security contracts, school meals).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Account {
    /// The account number (лицевой счёт), unique in town.
    pub number: &'static str,
    /// Id of the provider.
    pub provider: &'static str,
    /// Id of the address, if the account belongs to one.
    pub address: Option<&'static str>,
    /// The one service billed on this account.
    pub service: ServiceKind,
    /// Whether the account is charged by meter readings.
    pub metered: bool,
    /// The service as the provider prints it, when not the service kind's own name.
    pub service_name: Option<&'static str>,
}

pub use search::{search_accounts, search_addresses, search_providers};
pub use seed::{ACCOUNTS, ADDRESSES, PROVIDERS, SMALL_RULES};

use ServiceKind::*;

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
            rules: self.rules.into(),
            account_field: self.field.dto(),
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
    let address = match account.address {
        Some(id) => Some(address(id)?),
        None => None,
    };
    Some(BillDto {
        id: bill_id(account, period),
        provider_id: provider.id.to_string(),
        provider_name: provider.name.to_string(),
        service: account.service.into(),
        service_name: account
            .service_name
            .unwrap_or_else(|| account.service.label_ru())
            .to_string(),
        account: account.number.to_string(),
        address_id: address.map(|a| a.id.to_string()),
        address_title: address.map(Address::title),
        period,
        amount_due: bill_amount(account, period),
        metered: account.metered,
        billed_by_gorod: provider.billed_by_gorod,
        rules: provider.rules.into(),
    })
}

/// The bills of an address for a period that have been posted by `today`.
pub fn posted_bills(address_id: &str, period: Period, today: NaiveDate) -> Vec<BillDto> {
    ACCOUNTS
        .iter()
        .filter(|a| a.address == Some(address_id))
        .filter_map(|a| posted_bill(a, period, today))
        .collect()
}

/// The bill of an account for a period, if its provider has posted it by `today`.
pub fn posted_bill(account: &Account, period: Period, today: NaiveDate) -> Option<BillDto> {
    provider(account.provider)
        .filter(|p| p.has_posted(period, today))
        .and_then(|_| bill(account, period))
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
            let field = p.field.dto();
            assert_eq!(field.normalize(&field.example), Ok(field.example.clone()));
        }
        for (i, a) in ACCOUNTS.iter().enumerate() {
            assert!(
                provider(a.provider).is_some() && a.address.is_none_or(|id| address(id).is_some()),
                "{a:?}"
            );
            let field = provider(a.provider).unwrap().field.dto();
            assert_eq!(field.normalize(a.number).as_deref(), Ok(a.number));
            assert!(
                ACCOUNTS[i + 1..].iter().all(|b| b.number != a.number),
                "{}",
                a.number
            );
        }
    }

    #[test]
    fn metered_accounts_and_only_they_have_meters() {
        for a in ACCOUNTS {
            let count = meters::meters_of(a.number).count();
            assert_eq!(a.metered, count > 0, "{}", a.number);
        }
        for (i, m) in meters::METERS.iter().enumerate() {
            assert!(
                meters::METERS[i + 1..].iter().all(|n| n.id != m.id),
                "{}",
                m.id
            );
            let account = m.account();
            assert!(account.service.can_be_metered(), "{}", m.id);
            // A group never spans accounts: one line of an order carries the whole group.
            assert!(meters::METERS
                .iter()
                .filter(|n| n.group.is_some() && n.group == m.group)
                .all(|n| n.account == m.account));
            let dto = m
                .dto(&m.seeded_history("2026-11-25".parse().unwrap()))
                .unwrap();
            assert_eq!(
                dto.last_date.map(|d| d.to_string()).as_deref(),
                Some("2026-10-20")
            );
            assert!(dto.tariff.is_some(), "{} has a published price", m.id);
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
}
