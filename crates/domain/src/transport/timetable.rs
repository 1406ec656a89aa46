//! The town's network as its GTFS feed describes it (routes, stops, trips with their stop times,
//! service calendars), in plain types the app keeps and searches offline. Times of day are
//! seconds after local midnight of the service day (Asia/Yekaterinburg) and may pass 24:00.

use chrono::{DateTime, Datelike, Days, Duration, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::tz;

/// A route: «5», «Автовокзал — Старый город».
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Route {
    pub id: String,
    pub short_name: String,
    pub long_name: String,
}

/// A stop.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stop {
    pub id: String,
    pub name: String,
}

/// A trip's call at a stop.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StopTime {
    pub stop_id: String,
    pub sequence: u32,
    /// Seconds after local midnight of the service day.
    pub departure: u32,
}

/// One run of a route on the days of its service.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Trip {
    pub id: String,
    pub route_id: String,
    pub service_id: String,
    pub headsign: String,
    /// In the order of `sequence`.
    pub stop_times: Vec<StopTime>,
}

/// The days a service runs: weekdays within a range, plus added and minus removed dates.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceCalendar {
    pub service_id: String,
    /// Monday first.
    pub weekdays: [bool; 7],
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub added: Vec<NaiveDate>,
    pub removed: Vec<NaiveDate>,
}

impl ServiceCalendar {
    /// Whether the service runs on `day`.
    pub fn runs_on(&self, day: NaiveDate) -> bool {
        if self.added.contains(&day) {
            return true;
        }
        if self.removed.contains(&day) {
            return false;
        }
        let weekday = day.weekday().num_days_from_monday() as usize;
        (self.start..=self.end).contains(&day) && self.weekdays[weekday]
    }
}

/// A scheduled departure of a trip from a stop.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Departure {
    pub trip_id: String,
    pub route_id: String,
    /// «5».
    pub route_name: String,
    pub headsign: String,
    pub stop_id: String,
    /// The local date the trip's service runs on (its `start_date` in the live feed).
    pub service_day: NaiveDate,
    pub scheduled: DateTime<Utc>,
}

/// The whole network.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Timetable {
    pub routes: Vec<Route>,
    pub stops: Vec<Stop>,
    pub trips: Vec<Trip>,
    pub calendars: Vec<ServiceCalendar>,
}

/// Lower case with «ё» as «е», so «Новый Ёлочный» is found by «елочный».
fn fold(text: &str) -> String {
    text.trim().to_lowercase().replace('ё', "е")
}

impl Timetable {
    /// Routes whose number is `query` or whose name contains it.
    pub fn find_routes(&self, query: &str) -> Vec<&Route> {
        let q = fold(query);
        if q.is_empty() {
            return Vec::new();
        }
        self.routes
            .iter()
            .filter(|r| fold(&r.short_name) == q || fold(&r.long_name).contains(&q))
            .collect()
    }

    /// Stops whose name contains `query`, in alphabetical order («Ё» with «Е»).
    pub fn find_stops(&self, query: &str) -> Vec<&Stop> {
        let q = fold(query);
        if q.is_empty() {
            return Vec::new();
        }
        let mut found: Vec<&Stop> = self
            .stops
            .iter()
            .filter(|s| fold(&s.name).contains(&q))
            .collect();
        found.sort_by_cached_key(|s| (fold(&s.name), s.id.clone()));
        found
    }

    /// A stop by id.
    pub fn stop(&self, id: &str) -> Option<&Stop> {
        self.stops.iter().find(|s| s.id == id)
    }

    /// A route by id.
    pub fn route(&self, id: &str) -> Option<&Route> {
        self.routes.iter().find(|r| r.id == id)
    }

    /// A route's stops in order, as its longest trip calls at them (the first such trip by id).
    pub fn route_stops(&self, route_id: &str) -> Vec<&Stop> {
        let longest = self
            .trips
            .iter()
            .filter(|t| t.route_id == route_id)
            .min_by(|a, b| (b.stop_times.len(), &a.id).cmp(&(a.stop_times.len(), &b.id)));
        longest
            .map(|t| {
                t.stop_times
                    .iter()
                    .filter_map(|st| self.stop(&st.stop_id))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Whether a service runs on `day` (a service without a calendar never runs).
    pub fn runs_on(&self, service_id: &str, day: NaiveDate) -> bool {
        self.calendars
            .iter()
            .any(|c| c.service_id == service_id && c.runs_on(day))
    }

    /// The departures from a stop of the trips of one service day, by time.
    pub fn departures(&self, stop_id: &str, service_day: NaiveDate) -> Vec<Departure> {
        let Some(midnight) = service_day
            .and_hms_opt(0, 0, 0)
            .and_then(|t| t.and_local_timezone(tz::offset()).single())
        else {
            return Vec::new();
        };
        let mut out: Vec<Departure> = self
            .trips
            .iter()
            .filter(|t| self.runs_on(&t.service_id, service_day))
            .flat_map(|t| {
                t.stop_times
                    .iter()
                    .filter(|st| st.stop_id == stop_id)
                    .map(move |st| (t, st))
            })
            .map(|(trip, st)| Departure {
                trip_id: trip.id.clone(),
                route_id: trip.route_id.clone(),
                route_name: self
                    .route(&trip.route_id)
                    .map_or_else(|| trip.route_id.clone(), |r| r.short_name.clone()),
                headsign: trip.headsign.clone(),
                stop_id: stop_id.to_string(),
                service_day,
                scheduled: (midnight + Duration::seconds(st.departure.into())).to_utc(),
            })
            .collect();
        out.sort_by(|a, b| (a.scheduled, &a.trip_id).cmp(&(b.scheduled, &b.trip_id)));
        out
    }

    /// The departures from a stop from `now` on, up to `within` later: those of yesterday's
    /// service running past midnight, today's and tomorrow's.
    pub fn departures_after(
        &self,
        stop_id: &str,
        now: DateTime<Utc>,
        within: Duration,
    ) -> Vec<Departure> {
        let today = tz::local_date(now);
        let days = [
            today.checked_sub_days(Days::new(1)),
            Some(today),
            today.succ_opt(),
        ];
        let until = now + within;
        let mut out: Vec<Departure> = days
            .into_iter()
            .flatten()
            .flat_map(|day| self.departures(stop_id, day))
            .filter(|d| d.scheduled >= now && d.scheduled <= until)
            .collect();
        out.sort_by(|a, b| (a.scheduled, &a.trip_id).cmp(&(b.scheduled, &b.trip_id)));
        out
    }
}
