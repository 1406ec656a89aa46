//! Routes and arrival times: the town's GTFS feed kept in SQLite and parsed once into memory,
//! searched by name; a stop's next arrivals with the live feed merged in, or the schedule with a
//! banner when the feed is stale, down or the server cannot be reached; favourite stops kept in
//! SQLite, which with the kept feed work offline.

use std::collections::HashSet;
use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};
use ofis_client::{gtfs, ClientError};
use ofis_domain::transport::{
    feed_state, next_arrivals, Arrival, ArrivalStatus, FeedState, LiveFeed, Stop, Timetable,
};
use ofis_domain::tz;
use tracing::instrument;

use crate::app::Ofis;
use crate::error::CoreError;

/// The kept feed is fetched again when older than this.
const REFRESH_AFTER_HOURS: i64 = 24;
/// After a failed fetch, the kept feed is used this long before asking again.
const RETRY_AFTER_MINUTES: i64 = 5;
/// How many arrivals a stop shows.
pub const ARRIVALS_SHOWN: usize = 8;
/// The banner when the server cannot be reached at all.
pub const OFFLINE_BANNER: &str = "Нет связи с сервером: показано сохранённое расписание";

/// The timetable as this run of the app has it.
#[derive(Default)]
pub(crate) struct Network {
    kept: tokio::sync::Mutex<Kept>,
}

#[derive(Default)]
struct Kept {
    timetable: Option<Arc<Timetable>>,
    fetched_at: Option<DateTime<Utc>>,
    last_try: Option<DateTime<Utc>>,
}

impl Kept {
    fn is_fresh(&self, now: DateTime<Utc>) -> bool {
        self.fetched_at.is_some_and(|at| {
            let age = now - at;
            age >= Duration::zero() && age < Duration::hours(REFRESH_AFTER_HOURS)
        })
    }

    fn tried_lately(&self, now: DateTime<Utc>) -> bool {
        self.last_try.is_some_and(|at| {
            let since = now - at;
            since >= Duration::zero() && since < Duration::minutes(RETRY_AFTER_MINUTES)
        })
    }
}

/// A search result: a route or a stop.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NetworkHit {
    /// «5», «Автовокзал — Старый город».
    Route {
        id: String,
        number: String,
        name: String,
    },
    Stop(StopRow),
}

/// A stop in a list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StopRow {
    pub id: String,
    pub name: String,
    /// Kept as a favourite («★»).
    pub favourite: bool,
}

impl StopRow {
    fn of(stop: &Stop, favourites: &HashSet<String>) -> StopRow {
        StopRow {
            favourite: favourites.contains(&stop.id),
            id: stop.id.clone(),
            name: stop.name.clone(),
        }
    }
}

/// A route's stops in order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RouteLine {
    pub number: String,
    pub name: String,
    pub stops: Vec<StopRow>,
}

/// One coming bus at a stop, as the screen shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ArrivalRow {
    pub trip_id: String,
    /// The trip's service day, to set a reminder on it.
    pub service_day: chrono::NaiveDate,
    /// «5».
    pub route: String,
    /// «Старый город».
    pub headsign: String,
    /// «10:22», local.
    pub predicted: String,
    /// The scheduled time when the predicted one differs from it.
    pub scheduled: Option<String>,
    /// «по расписанию», «опаздывает на 7 мин», «рейс отменён».
    pub status: String,
    pub cancelled: bool,
    /// «Напомнить» is set on it: this many minutes before.
    pub reminder: Option<u32>,
}

/// A stop's next arrivals.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StopBoard {
    pub stop: StopRow,
    /// Why the schedule is shown instead of live times; `None` when live.
    pub banner: Option<String>,
    pub arrivals: Vec<ArrivalRow>,
}

/// What the live feed gives at a moment.
pub(crate) struct LiveView {
    pub(crate) feed: LiveFeed,
    pub(crate) state: FeedState,
    pub(crate) banner: Option<String>,
}

/// «10:22» in the town's time.
pub(crate) fn local_hm(at: DateTime<Utc>) -> String {
    at.with_timezone(&tz::offset()).format("%H:%M").to_string()
}

impl Ofis {
    /// The town's network: parsed in memory after the first use, read from the kept zip on
    /// start, fetched when missing or older than a day. When the fetch fails the kept feed is
    /// used (asked again after a few minutes); with nothing kept the error is returned.
    pub(crate) async fn timetable(&self) -> Result<Arc<Timetable>, CoreError> {
        let now = self.inner.clock.now();
        let mut kept = self.inner.network.kept.lock().await;
        if kept.timetable.is_none() {
            if let Some(feed) = self.inner.db.run(|s| s.transport_feed()).await? {
                match gtfs::parse_gtfs(&feed.zip) {
                    Ok(t) => {
                        (kept.timetable, kept.fetched_at) =
                            (Some(Arc::new(t)), Some(feed.fetched_at))
                    }
                    Err(e) => tracing::warn!(error = %e, "kept GTFS feed unreadable"),
                }
            }
        }
        let must_fetch = kept.timetable.is_none();
        if must_fetch || !(kept.is_fresh(now) || kept.tried_lately(now)) {
            kept.last_try = Some(now);
            match self.fetch_timetable(now).await {
                Ok(t) => (kept.timetable, kept.fetched_at) = (Some(Arc::new(t)), Some(now)),
                Err(e) if must_fetch => return Err(e),
                Err(e) => tracing::warn!(error = %e, "GTFS feed not refreshed; the kept one used"),
            }
        }
        kept.timetable
            .clone()
            .ok_or_else(|| ClientError::NotFound("Расписание недоступно.".into()).into())
    }

    async fn fetch_timetable(&self, now: DateTime<Utc>) -> Result<Timetable, CoreError> {
        let zip = self.inner.gorod.gtfs_zip().await?;
        let timetable = gtfs::parse_gtfs(&zip)?;
        self.inner
            .db
            .run(move |s| s.save_transport_feed(&zip, now))
            .await?;
        Ok(timetable)
    }

    /// The live feed now, or why there is none (the banner says it).
    pub(crate) async fn live_view(&self, now: DateTime<Utc>) -> LiveView {
        match self.inner.gorod.live_feed().await {
            Ok(feed) => {
                let state = feed_state(feed.timestamp, true, now);
                LiveView {
                    feed,
                    state,
                    banner: state.banner_ru(),
                }
            }
            Err(e) => {
                tracing::info!(error = %e, "no live feed; the schedule is shown");
                let banner = match e {
                    ClientError::Network(_) | ClientError::Timeout => Some(OFFLINE_BANNER.into()),
                    _ => FeedState::Down.banner_ru(),
                };
                LiveView {
                    feed: LiveFeed::default(),
                    state: FeedState::Down,
                    banner,
                }
            }
        }
    }

    /// Routes (by number or name) and stops (by name) for what was typed, routes first.
    #[instrument(skip(self))]
    pub async fn find_in_network(&self, query: &str) -> Result<Vec<NetworkHit>, CoreError> {
        if query.trim().is_empty() {
            return Ok(Vec::new());
        }
        let timetable = self.timetable().await?;
        let favourites = self.favourite_ids().await?;
        let routes = timetable
            .find_routes(query)
            .into_iter()
            .map(|r| NetworkHit::Route {
                id: r.id.clone(),
                number: r.short_name.clone(),
                name: r.long_name.clone(),
            });
        let stops = timetable
            .find_stops(query)
            .into_iter()
            .map(|s| NetworkHit::Stop(StopRow::of(s, &favourites)));
        Ok(routes.chain(stops).collect())
    }

    /// A route's stops in the order its longest trip calls at them.
    #[instrument(skip(self))]
    pub async fn route_line(&self, route_id: &str) -> Result<RouteLine, CoreError> {
        let timetable = self.timetable().await?;
        let route = timetable
            .route(route_id)
            .ok_or_else(|| ClientError::NotFound("Такого маршрута нет.".into()))?;
        let favourites = self.favourite_ids().await?;
        Ok(RouteLine {
            number: route.short_name.clone(),
            name: route.long_name.clone(),
            stops: timetable
                .route_stops(route_id)
                .into_iter()
                .map(|s| StopRow::of(s, &favourites))
                .collect(),
        })
    }

    /// A stop's next arrivals: the live feed merged in when it is live, else the schedule with
    /// the banner saying why. Reminders that are due go out on the way.
    #[instrument(skip(self))]
    pub async fn stop_arrivals(&self, stop_id: &str) -> Result<StopBoard, CoreError> {
        let timetable = self.timetable().await?;
        let stop = timetable
            .stop(stop_id)
            .ok_or_else(|| ClientError::NotFound("Такой остановки нет.".into()))?;
        let now = self.inner.clock.now();
        let live = self.live_view(now).await;
        let departures =
            timetable.departures_after(stop_id, now - Duration::minutes(30), Duration::hours(24));
        let arrivals = next_arrivals(departures, &live.feed, live.state, now, ARRIVALS_SHOWN);
        self.send_due_reminders(&timetable, &live, now).await?;
        let reminders = self.inner.db.run(|s| s.reminders()).await?;
        let favourites = self.favourite_ids().await?;
        let rows = arrivals
            .into_iter()
            .map(|a| {
                let reminder = reminders
                    .iter()
                    .find(|r| {
                        r.stop_id == stop.id
                            && r.trip_id == a.departure.trip_id
                            && r.service_day == a.departure.service_day
                    })
                    .map(|r| r.minutes_before);
                arrival_row(a, reminder)
            })
            .collect();
        Ok(StopBoard {
            stop: StopRow::of(stop, &favourites),
            banner: live.banner,
            arrivals: rows,
        })
    }
}

fn arrival_row(a: Arrival, reminder: Option<u32>) -> ArrivalRow {
    ArrivalRow {
        predicted: local_hm(a.predicted),
        scheduled: a.scheduled_if_different().map(local_hm),
        status: a.status.label_ru(),
        cancelled: a.status == ArrivalStatus::Cancelled,
        trip_id: a.departure.trip_id,
        service_day: a.departure.service_day,
        route: a.departure.route_name,
        headsign: a.departure.headsign,
        reminder,
    }
}
