//! «Транспорт» in the sandbox: the transport system's cards ([`world`]) and their histories
//! ([`ledger`]), the phones' saved cards, top-ups asked for as bills and paid through
//! `POST /api/v1/orders` ([`bills`]), the town's network ([`network`]) served as a GTFS zip
//! ([`gtfs`]) and a GTFS-realtime feed ([`realtime`]) with switches for tests.
//!
//! Everything before the sandbox started is derived from its clock: the history starts 60 days
//! before the start date, with trips derived from the card and the date. A top-up paid through
//! the app is «ожидает зачисления» for [`CREDIT_DELAY_MINUTES`] of the sandbox clock, then
//! credited.

pub(crate) mod api_cards;
pub(crate) mod api_network;
pub(crate) mod bills;
pub(crate) mod gtfs;
pub(crate) mod ledger;
pub(crate) mod network;
pub(crate) mod realtime;
pub mod world;

#[cfg(test)]
mod tests;

use std::collections::HashMap;

use chrono::{DateTime, Days, NaiveDate, Utc};
use ofis_api::sandbox::TransportFeedSwitches;
use ofis_api::{CardTopUpDto, TransportCardDto};
use ofis_domain::transport::TransportCardNumber;

use crate::error::Failure;
use crate::state::State as SandboxState;
pub use gtfs::gtfs_zip;
pub use network::timetable;
pub use world::{demo_cards, demo_phone_card, DEMO_CARD_NAME};

/// How long a paid top-up waits for the transport system to credit it, on the sandbox clock
/// (its date and the time of day). Tests move the clock a day to see it credited.
pub const CREDIT_DELAY_MINUTES: i64 = 10;
/// How far back the history goes from the sandbox's start date.
const HISTORY_DAYS: u64 = 60;

/// A card saved by a phone.
pub(crate) struct SavedCard {
    pub number: TransportCardNumber,
    pub name: String,
}

/// A top-up paid through the app.
pub(crate) struct PaidTopUp {
    pub number: String,
    pub dto: CardTopUpDto,
}

/// What the transport side remembers beyond its seed.
pub(crate) struct TransportState {
    /// The first day of every card's history.
    pub epoch: NaiveDate,
    /// Saved cards by phone, in the order saved.
    pub saved: HashMap<String, Vec<SavedCard>>,
    /// Top-up bills handed out, by bill id.
    pub top_up_bills: HashMap<String, bills::CardTopUpBill>,
    /// `(phone, Idempotency-Key)` → (the request it answered, the bill id).
    pub top_up_keys: HashMap<(String, String), (String, String)>,
    /// Top-ups paid through orders, oldest first.
    pub top_ups: Vec<PaidTopUp>,
    /// What the live feed is to say.
    pub feed: TransportFeedSwitches,
}

impl Default for TransportState {
    /// A world whose history starts with the 2026/27 school year (`Sandbox::new` starts it 60
    /// days before its own clock instead).
    fn default() -> Self {
        TransportState::new(NaiveDate::from_ymd_opt(2026, 10, 31).unwrap_or_default())
    }
}

impl TransportState {
    /// A transport world whose history starts 60 days before `today`.
    pub fn new(today: NaiveDate) -> Self {
        let mut saved: HashMap<String, Vec<SavedCard>> = HashMap::new();
        for (phone, number, name) in world::initially_saved() {
            if let Ok(number) = TransportCardNumber::parse(&number) {
                saved
                    .entry(phone)
                    .or_default()
                    .push(SavedCard { number, name });
            }
        }
        TransportState {
            epoch: today
                .checked_sub_days(Days::new(HISTORY_DAYS))
                .unwrap_or(today),
            saved,
            top_up_bills: HashMap::new(),
            top_up_keys: HashMap::new(),
            top_ups: Vec::new(),
            feed: TransportFeedSwitches::default(),
        }
    }

    /// Every record, as JSON.
    pub fn records_json(&self) -> serde_json::Value {
        let TransportState {
            epoch,
            saved,
            top_up_bills,
            top_up_keys,
            top_ups,
            feed,
        } = self;
        let mut saved: Vec<_> = saved
            .iter()
            .map(|(phone, cards)| {
                let cards: Vec<_> = cards.iter().map(|c| (c.number.digits(), &c.name)).collect();
                (phone, cards)
            })
            .collect();
        saved.sort();
        let mut bills: Vec<_> = top_up_bills.values().map(|b| &b.bill).collect();
        bills.sort_by(|a, b| a.id.cmp(&b.id));
        let mut keys: Vec<_> = top_up_keys.iter().collect();
        keys.sort();
        serde_json::json!({
            "epoch": epoch,
            "saved": saved,
            "top_up_bills": bills,
            "top_up_keys": keys,
            "top_ups": top_ups.iter().map(|t| (&t.number, &t.dto)).collect::<Vec<_>>(),
            "feed": feed,
        })
    }
}

/// The ids of the network's routes (for tests that name real ones).
pub fn route_ids() -> Vec<String> {
    network::timetable()
        .routes
        .iter()
        .map(|r| r.id.clone())
        .collect()
}

/// The ids of the network's stops.
pub fn stop_ids() -> Vec<String> {
    network::timetable()
        .stops
        .iter()
        .map(|s| s.id.clone())
        .collect()
}

/// A local time of a day in Asia/Yekaterinburg, as an instant.
pub(crate) fn local(day: NaiveDate, hour: u32, minute: u32) -> DateTime<Utc> {
    crate::school::local(day, hour, minute)
}

/// The saved card of the signed-in phone with this number, or 404.
pub(crate) fn saved_card<'a>(
    state: &'a SandboxState,
    phone: &str,
    number: &str,
) -> Result<&'a SavedCard, Failure> {
    let not_found = || Failure::not_found("Карта не найдена среди сохранённых");
    let number = TransportCardNumber::parse(number).map_err(|_| not_found())?;
    state
        .gorod
        .transport
        .saved
        .get(phone)
        .and_then(|cards| cards.iter().find(|c| c.number == number))
        .ok_or_else(not_found)
}

/// A saved card as of the sandbox's now.
pub(crate) fn card_dto(state: &SandboxState, saved: &SavedCard) -> TransportCardDto {
    let card_type = saved.number.card_type();
    let limits = card_type.top_up_limits();
    let (balance, pending, updated_at) = match world::card(&saved.number) {
        Some(card) => {
            let book = ledger::book(&state.gorod.transport, card, &saved.number, state.now());
            (book.balance, book.pending, book.updated_at)
        }
        None => (Default::default(), Default::default(), state.now()),
    };
    TransportCardDto {
        number: saved.number.digits().to_string(),
        name: saved.name.clone(),
        card_type: card_type.into(),
        type_name: card_type.label().to_string(),
        online: card_type.online(),
        balance,
        balance_updated_at: updated_at,
        pending_top_ups: pending,
        fare: card_type.fare(),
        top_up_min: limits.map(|l| l.0),
        top_up_max: limits.map(|l| l.1),
        allowances: card_type.allowances().map(str::to_string),
        advice: card_type.offline_advice(),
    }
}
