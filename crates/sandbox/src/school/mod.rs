//! «Школы и Сады» in the sandbox: the school world ([`world`]), its menus ([`menu`]), the meal
//! accounts' ledgers ([`ledger`]), paid services ([`services`]), and the bills that top up an
//! account or pay a service ([`bills`]), paid through `POST /api/v1/orders` like any bill.
//!
//! Everything that happened before the sandbox started is derived from the sandbox clock alone:
//! purchases on every past school day, monthly top-ups made at the bank office, months of paid
//! services paid before. So every test on the same date sees the same history, and moving the
//! clock forward plays the days in between (with the limits and requests made meanwhile).

pub(crate) mod api_children;
pub(crate) mod api_meals;
pub(crate) mod api_photo;
pub(crate) mod api_services;
pub(crate) mod bills;
pub(crate) mod canteen;
pub(crate) mod ledger;
pub(crate) mod menu;
pub(crate) mod services;
pub mod world;

#[cfg(test)]
mod tests;

use std::collections::HashMap;

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use ofis_api::{DateRangeQuery, MealRequestDto, PurchaseDto, ServiceRequestDto};
use ofis_domain::{Money, Period};

use crate::error::Failure;
pub use world::{demo_phones, DEMO_PHONE, NO_CHILDREN_PHONE, ONE_CHILD_PHONE};

/// How long a paid top-up stays "processing" before it reaches the balance, on the sandbox
/// clock (its date and the real time of day). Tests move the clock a day or two to see it posted.
pub const TOP_UP_POSTING_DELAY_MINUTES: i64 = 5;
/// The largest photo taken (the app resizes before uploading).
pub const MAX_PHOTO_BYTES: usize = 512 * 1024;
/// The longest period a history or attendance request may span, in days.
const MAX_RANGE_DAYS: i64 = 366;

/// What the school side remembers beyond its seed.
pub(crate) struct SchoolState {
    /// The month the sandbox started in: services were paid for every month before it.
    pub seed_period: Period,
    /// Top-up bills handed out, by bill id.
    pub top_up_bills: HashMap<String, bills::TopUpBill>,
    /// `(phone, Idempotency-Key)` → (the request it answered, the bill id).
    pub top_up_keys: HashMap<(String, String), (String, String)>,
    /// Top-ups paid through orders, oldest first.
    pub top_ups: Vec<ledger::TopUp>,
    /// Limits set by parents, oldest first.
    pub limits: Vec<ledger::LimitChange>,
    /// Stop-lists set by parents, oldest first.
    pub stop_lists: Vec<ledger::StopListChange>,
    /// Purchases rung up at the canteen while the sandbox ran, by child id.
    pub canteen: Vec<(String, PurchaseDto)>,
    /// Meal requests, by child id, oldest first.
    pub meal_requests: Vec<(String, MealRequestDto)>,
    /// Payments of paid services through orders, oldest first.
    pub service_payments: Vec<services::ServicePayment>,
    /// Requests to enrol or leave, by child id, oldest first.
    pub service_requests: Vec<(String, ServiceRequestDto)>,
    /// Photos by child id.
    pub photos: HashMap<String, Photo>,
    /// The last number used in an id.
    pub last_id: u64,
}

/// A stored photo.
pub(crate) struct Photo {
    pub content_type: &'static str,
    pub bytes: Vec<u8>,
}

impl Default for SchoolState {
    /// A world seeded as of the start of the 2026/27 school year (`Sandbox::new` seeds it as of
    /// its own clock instead).
    fn default() -> Self {
        SchoolState::new(NaiveDate::from_ymd_opt(2026, 9, 1).unwrap_or_default())
    }
}

impl SchoolState {
    /// A school world whose seed is as of `today`.
    pub fn new(today: NaiveDate) -> Self {
        SchoolState {
            seed_period: Period::of(today),
            top_up_bills: HashMap::new(),
            top_up_keys: HashMap::new(),
            top_ups: Vec::new(),
            limits: Vec::new(),
            stop_lists: Vec::new(),
            canteen: Vec::new(),
            meal_requests: Vec::new(),
            service_payments: Vec::new(),
            service_requests: Vec::new(),
            photos: HashMap::new(),
            last_id: 0,
        }
    }

    /// A fresh id: `prefix-N`.
    pub fn next_id(&mut self, prefix: &str) -> String {
        self.last_id += 1;
        format!("{prefix}-{}", self.last_id)
    }

    /// Every record, as JSON (photos by size only).
    pub fn records_json(&self) -> serde_json::Value {
        let SchoolState {
            seed_period,
            top_up_bills,
            top_up_keys,
            top_ups,
            limits,
            stop_lists,
            canteen,
            meal_requests,
            service_payments,
            service_requests,
            photos,
            last_id,
        } = self;
        let mut bills: Vec<_> = top_up_bills.values().map(|b| &b.bill).collect();
        bills.sort_by(|a, b| a.id.cmp(&b.id));
        let mut keys: Vec<_> = top_up_keys.iter().collect();
        keys.sort();
        let mut photo_sizes: Vec<_> = photos.iter().map(|(c, p)| (c, p.bytes.len())).collect();
        photo_sizes.sort();
        serde_json::json!({
            "seed_period": seed_period,
            "top_up_bills": bills,
            "top_up_keys": keys,
            "top_ups": top_ups.iter().map(ledger::TopUp::json).collect::<Vec<_>>(),
            "limits": limits.iter().map(|l| (l.child, l.at, l.limit)).collect::<Vec<_>>(),
            "stop_lists": stop_lists.iter().map(|l| (l.child, l.at, &l.items)).collect::<Vec<_>>(),
            "canteen": canteen,
            "meal_requests": meal_requests,
            "service_payments": service_payments.iter().map(services::ServicePayment::json).collect::<Vec<_>>(),
            "service_requests": service_requests,
            "photo_sizes": photo_sizes,
            "last_id": last_id,
        })
    }
}

/// The child of the signed-in phone, or 404.
pub(crate) fn child_for(phone: &str, child_id: &str) -> Result<&'static world::Child, Failure> {
    world::child_of(phone, child_id).ok_or_else(|| Failure::not_found("Ребёнок не найден"))
}

/// September 1st of the school year `day` belongs to (June to August: the year just ended).
pub(crate) fn school_year_start(day: NaiveDate) -> NaiveDate {
    let year = if day.month() >= 9 {
        day.year()
    } else {
        day.year() - 1
    };
    NaiveDate::from_ymd_opt(year, 9, 1).unwrap_or(day)
}

/// Whether lessons (and the canteen) run that day: a school day outside the summer holidays.
pub(crate) fn school_runs(day: NaiveDate) -> bool {
    ofis_domain::school::is_school_day(day) && !(6..=8).contains(&day.month())
}

/// A local time of a day in Asia/Yekaterinburg, as an instant.
pub(crate) fn local(day: NaiveDate, hour: u32, minute: u32) -> DateTime<Utc> {
    let time = day.and_hms_opt(hour, minute, 0).unwrap_or_default();
    time.and_local_timezone(ofis_domain::tz::offset())
        .single()
        .map_or_else(|| time.and_utc(), |t| t.to_utc())
}

fn parse_day(text: &str, field: &str) -> Result<NaiveDate, Failure> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| Failure::validation("Укажите дату в формате ГГГГ-ММ-ДД", field))
}

/// The range a query asks for: `from`..=`to`, with the defaults when absent; a reversed range or
/// one over a year is refused.
pub(crate) fn date_range(
    query: &DateRangeQuery,
    default_from: NaiveDate,
    default_to: NaiveDate,
) -> Result<(NaiveDate, NaiveDate), Failure> {
    let to = match &query.to {
        Some(text) => parse_day(text, "to")?,
        None => default_to,
    };
    let from = match &query.from {
        Some(text) => parse_day(text, "from")?,
        None if query.to.is_some() => to - chrono::Days::new(6),
        None => default_from,
    };
    if to < from {
        return Err(Failure::validation(
            "Дата окончания раньше даты начала",
            "to",
        ));
    }
    if (to - from).num_days() > MAX_RANGE_DAYS {
        return Err(Failure::validation(
            "Выберите период не длиннее года",
            "from",
        ));
    }
    Ok((from, to))
}

/// One day a query asks for; `default` when absent.
pub(crate) fn query_day(text: Option<&str>, default: NaiveDate) -> Result<NaiveDate, Failure> {
    text.map_or(Ok(default), |t| parse_day(t, "day"))
}

/// A sum of amounts that cannot pass the money ceiling in the sandbox's own data.
pub(crate) fn total(amounts: impl IntoIterator<Item = Money>) -> Money {
    amounts.into_iter().sum()
}
