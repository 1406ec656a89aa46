//! Schedule against the live feed. A departure's predicted time is the scheduled one plus the
//! trip's delay (negative: early); a cancelled trip is shown as such; a trip the feed says
//! nothing of is «по расписанию»; and when the feed is stale (its timestamp older than
//! [`STALE_AFTER_MINUTES`]) or down, every departure is «по расписанию» and the screen says why.

use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use super::timetable::Departure;

/// A live feed older than this is not trusted.
pub const STALE_AFTER_MINUTES: i64 = 5;

/// What the live feed says of one trip.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum TripLive {
    /// Running this many seconds behind (negative: ahead of) its schedule.
    Delay(i32),
    /// Will not run.
    Cancelled,
}

/// A decoded live feed: when it was made and what it says per trip id.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LiveFeed {
    pub timestamp: Option<DateTime<Utc>>,
    pub trips: HashMap<String, TripLive>,
}

/// Whether the live feed can be used.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum FeedState {
    /// Recent: its predictions are shown.
    Live,
    /// Its timestamp is older than the limit (or absent): the schedule is shown, with a banner.
    Stale { minutes: i64 },
    /// No answer: the schedule is shown, with a banner.
    Down,
}

impl FeedState {
    /// The banner over the arrivals; `None` when the feed is live.
    pub fn banner_ru(self) -> Option<String> {
        match self {
            FeedState::Live => None,
            FeedState::Stale { minutes } => Some(format!(
                "Данные о движении устарели ({minutes} мин назад): показано расписание"
            )),
            FeedState::Down => Some("Нет данных о движении транспорта: показано расписание".into()),
        }
    }
}

/// The state of a feed made at `timestamp` (`None`: no feed at all) as seen at `now`. A timestamp
/// in the future (clocks apart) counts as fresh.
pub fn feed_state(
    timestamp: Option<DateTime<Utc>>,
    fetched: bool,
    now: DateTime<Utc>,
) -> FeedState {
    if !fetched {
        return FeedState::Down;
    }
    let Some(timestamp) = timestamp else {
        return FeedState::Stale { minutes: 0 };
    };
    let age = now - timestamp;
    if age > Duration::minutes(STALE_AFTER_MINUTES) {
        FeedState::Stale {
            minutes: age.num_minutes(),
        }
    } else {
        FeedState::Live
    }
}

/// How a departure stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ArrivalStatus {
    /// No live data: the scheduled time.
    Scheduled,
    /// Live, within a minute of the schedule.
    OnTime,
    /// Live, this many minutes late.
    Late(i64),
    /// Live, this many minutes early.
    Early(i64),
    /// The trip will not run.
    Cancelled,
}

impl ArrivalStatus {
    /// The label beside the time.
    pub fn label_ru(self) -> String {
        match self {
            ArrivalStatus::Scheduled => "по расписанию".into(),
            ArrivalStatus::OnTime => "вовремя".into(),
            ArrivalStatus::Late(m) => format!("опаздывает на {m} мин"),
            ArrivalStatus::Early(m) => format!("раньше на {m} мин"),
            ArrivalStatus::Cancelled => "рейс отменён".into(),
        }
    }
}

/// One departure from a stop as the rider sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Arrival {
    pub departure: Departure,
    /// When the bus is expected: the scheduled time plus the delay, or the scheduled time.
    pub predicted: DateTime<Utc>,
    pub status: ArrivalStatus,
}

impl Arrival {
    /// Combines a scheduled departure with what the feed says of its trip.
    pub fn of(departure: Departure, live: Option<TripLive>) -> Arrival {
        let scheduled = departure.scheduled;
        let (predicted, status) = match live {
            None => (scheduled, ArrivalStatus::Scheduled),
            Some(TripLive::Cancelled) => (scheduled, ArrivalStatus::Cancelled),
            Some(TripLive::Delay(seconds)) => {
                let predicted = scheduled + Duration::seconds(seconds.into());
                let minutes = i64::from(seconds) / 60;
                let status = match minutes {
                    0 => ArrivalStatus::OnTime,
                    m if m > 0 => ArrivalStatus::Late(m),
                    m => ArrivalStatus::Early(-m),
                };
                (predicted, status)
            }
        };
        Arrival {
            departure,
            predicted,
            status,
        }
    }

    /// The scheduled time when it differs from the predicted one (shown struck through).
    pub fn scheduled_if_different(&self) -> Option<DateTime<Utc>> {
        (self.predicted != self.departure.scheduled).then_some(self.departure.scheduled)
    }
}

/// The next `limit` departures of a stop at `now`, by predicted time: the live feed is used only
/// when `state` is [`FeedState::Live`]; departures already gone are left out (a cancelled one
/// stays until its scheduled time, so the rider learns it will not come). Pass departures from
/// some time before `now` (e.g. half an hour), so a late bus whose scheduled time is gone is kept.
pub fn next_arrivals(
    departures: impl IntoIterator<Item = Departure>,
    feed: &LiveFeed,
    state: FeedState,
    now: DateTime<Utc>,
    limit: usize,
) -> Vec<Arrival> {
    let live = state == FeedState::Live;
    let mut arrivals: Vec<Arrival> = departures
        .into_iter()
        .map(|d| {
            let trip = live.then(|| feed.trips.get(&d.trip_id).copied()).flatten();
            Arrival::of(d, trip)
        })
        .filter(|a| a.predicted >= now)
        .collect();
    arrivals.sort_by(|a, b| {
        (a.predicted, &a.departure.trip_id).cmp(&(b.predicted, &b.departure.trip_id))
    });
    arrivals.truncate(limit);
    arrivals
}
