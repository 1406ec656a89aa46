//! A card's history replayed from the start of the transport world to the sandbox's now: the
//! opening balance, terminal top-ups on the 1st and the 15th, trips derived from the card and the
//! date alone (the validator refuses a trip the balance does not cover), and the top-ups paid
//! through the app, credited [`CREDIT_DELAY_MINUTES`](super::CREDIT_DELAY_MINUTES) after payment.
//! The same clock gives the same history.

use chrono::{DateTime, Datelike, Days, NaiveDate, Utc};
use ofis_api::{CardTopUpDto, CardTopUpState, TripDto};
use ofis_domain::transport::TransportCardNumber;
use ofis_domain::Money;

use super::network::timetable;
use super::world::DemoCard;
use super::{local, TransportState};
use crate::town::fnv1a;

/// A card as of an instant.
pub(crate) struct Book {
    pub balance: Money,
    /// Paid through the app, not credited yet.
    pub pending: Money,
    /// The last operation on the balance (the transport system's last report).
    pub updated_at: DateTime<Utc>,
    /// Oldest first.
    pub trips: Vec<TripDto>,
    /// Oldest first.
    pub top_ups: Vec<CardTopUpDto>,
}

enum Event {
    Trip(TripDto),
    Credit(CardTopUpDto),
}

impl Event {
    fn at(&self) -> DateTime<Utc> {
        match self {
            Event::Trip(t) => t.at,
            Event::Credit(t) => t.credits_at,
        }
    }
}

/// The trips a card's owner tries to take on a day: on weekdays to work and back, at weekends
/// less; route and stop chosen from the network by the card and the date.
fn rides(number: &str, day: NaiveDate, fare: Money) -> Vec<TripDto> {
    let h = fnv1a(format!("{number}/{day}").as_bytes());
    let weekend = day.weekday().num_days_from_monday() >= 5;
    let count = if weekend { [0, 0, 1, 2] } else { [0, 1, 2, 2] }[(h % 4) as usize];
    let network = timetable();
    (0..count)
        .map(|i| {
            let hi = h.rotate_right(8 * (i + 1));
            let route = &network.routes[(hi % network.routes.len() as u64) as usize];
            let stops = network.route_stops(&route.id);
            let stop = stops
                .get(((hi >> 16) % stops.len().max(1) as u64) as usize)
                .map_or("", |s| s.name.as_str());
            let minutes = 7 * 60 + i * 600 + ((hi >> 32) % 90) as u32;
            TripDto {
                id: format!("trip-{}-{}-{i}", &number[15..], day.format("%Y%m%d")),
                at: local(day, minutes / 60, minutes % 60),
                route: route.short_name.clone(),
                stop: stop.to_string(),
                fare,
            }
        })
        .collect()
}

/// Terminal top-ups on the 1st and the 15th at 08:00, credited at once.
fn terminal_top_up(card: &DemoCard, number: &str, day: NaiveDate) -> Option<CardTopUpDto> {
    let amount = card.terminal_top_up?;
    if day.day() != 1 && day.day() != 15 {
        return None;
    }
    let at = local(day, 8, 0);
    Some(CardTopUpDto {
        id: format!("ctu-{}-{}", &number[15..], day.format("%Y%m%d")),
        amount,
        state: CardTopUpState::Credited,
        paid_at: at,
        credits_at: at,
        order_id: None,
    })
}

/// The card's book at `now`.
pub(crate) fn book(
    state: &TransportState,
    card: &DemoCard,
    number: &TransportCardNumber,
    now: DateTime<Utc>,
) -> Book {
    let digits = number.digits();
    let fare = card.card_type.fare();
    let today = ofis_domain::tz::local_date(now);
    let mut events = Vec::new();
    let mut day = state.epoch;
    while day <= today {
        events.extend(terminal_top_up(card, digits, day).map(Event::Credit));
        events.extend(rides(digits, day, fare).into_iter().map(Event::Trip));
        day = day + Days::new(1);
    }
    let mut top_ups: Vec<CardTopUpDto> = Vec::new();
    for paid in state.top_ups.iter().filter(|t| t.number == digits) {
        let mut dto = paid.dto.clone();
        if dto.credits_at <= now {
            dto.state = CardTopUpState::Credited;
            events.push(Event::Credit(dto));
        } else {
            top_ups.push(dto);
        }
    }
    events.retain(|e| e.at() <= now);
    events.sort_by_key(Event::at);
    let pending = top_ups.iter().map(|t| t.amount).sum();
    let mut book = Book {
        balance: card.opening_balance,
        pending,
        updated_at: local(state.epoch, 0, 0),
        trips: Vec::new(),
        top_ups: Vec::new(),
    };
    for event in events {
        match event {
            Event::Credit(t) => {
                book.balance = book.balance.checked_add(t.amount).unwrap_or(book.balance);
                book.updated_at = t.credits_at;
                book.top_ups.push(t);
            }
            Event::Trip(t) => {
                // The validator refuses a trip the balance does not cover.
                if let Some(left) = book.balance.checked_sub(t.fare) {
                    book.balance = left;
                    book.updated_at = t.at;
                    book.trips.push(t);
                }
            }
        }
    }
    book.top_ups.extend(top_ups);
    book.top_ups.sort_by_key(|t| t.paid_at);
    book
}
