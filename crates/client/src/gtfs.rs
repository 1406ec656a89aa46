//! The town's network as GTFS: the static feed (a zip, read with `gtfs-structures` from bytes
//! into the domain's [`Timetable`]) and the GTFS-realtime TripUpdates feed (protobuf, decoded
//! into the domain's [`LiveFeed`]). The parsing functions take bytes, so the core can parse a
//! feed it kept in SQLite as well as one just fetched.

use std::io::Cursor;

use chrono::NaiveDate;
use gtfs_structures::{Exception, Gtfs};
use ofis_api::gtfs_rt::FeedMessage;
use ofis_api::paths;
use ofis_domain::transport::{LiveFeed, Route, ServiceCalendar, Stop, StopTime, Timetable, Trip};
use prost::Message;
use tracing::instrument;

use crate::error::ClientError;
use crate::gorod::GorodClient;

/// The most trips a feed may have (the town runs a few hundred a day).
pub const MAX_TRIPS: usize = 100_000;

/// Reads a GTFS zip into the domain's timetable: routes and stops by name, trips with their stop
/// times in order, calendars with their added and removed dates. A zip that is not GTFS, or a
/// trip calling at a stop the feed does not have, is `Decode`.
pub fn parse_gtfs(zip: &[u8]) -> Result<Timetable, ClientError> {
    let gtfs = Gtfs::from_reader(Cursor::new(zip))
        .map_err(|e| ClientError::Decode(format!("GTFS: {e}")))?;
    if gtfs.trips.len() > MAX_TRIPS {
        return Err(ClientError::Decode("GTFS: too many trips".into()));
    }
    let mut routes: Vec<Route> = gtfs
        .routes
        .values()
        .map(|r| Route {
            id: r.id.clone(),
            short_name: r.short_name.clone().unwrap_or_default(),
            long_name: r.long_name.clone().unwrap_or_default(),
        })
        .collect();
    routes.sort_by(|a, b| a.id.cmp(&b.id));
    let mut stops: Vec<Stop> = gtfs
        .stops
        .values()
        .map(|s| Stop {
            id: s.id.clone(),
            name: s.name.clone().unwrap_or_default(),
        })
        .collect();
    stops.sort_by(|a, b| a.id.cmp(&b.id));
    let mut trips: Vec<Trip> = gtfs
        .trips
        .values()
        .map(|t| Trip {
            id: t.id.clone(),
            route_id: t.route_id.clone(),
            service_id: t.service_id.clone(),
            headsign: t.trip_headsign.clone().unwrap_or_default(),
            stop_times: t
                .stop_times
                .iter()
                .filter_map(|st| {
                    Some(StopTime {
                        stop_id: st.stop.id.clone(),
                        sequence: st.stop_sequence,
                        departure: st.departure_time.or(st.arrival_time)?,
                    })
                })
                .collect(),
        })
        .collect();
    trips.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(Timetable {
        routes,
        stops,
        trips,
        calendars: calendars(&gtfs),
    })
}

fn calendars(gtfs: &Gtfs) -> Vec<ServiceCalendar> {
    let mut out: Vec<ServiceCalendar> = gtfs
        .calendar
        .values()
        .map(|c| {
            let exceptions = gtfs.calendar_dates.get(&c.id);
            let dates = |kind: Exception| -> Vec<NaiveDate> {
                let mut days: Vec<NaiveDate> = exceptions
                    .into_iter()
                    .flatten()
                    .filter(|d| d.exception_type == kind)
                    .map(|d| d.date)
                    .collect();
                days.sort();
                days
            };
            ServiceCalendar {
                service_id: c.id.clone(),
                weekdays: [
                    c.monday,
                    c.tuesday,
                    c.wednesday,
                    c.thursday,
                    c.friday,
                    c.saturday,
                    c.sunday,
                ],
                start: c.start_date,
                end: c.end_date,
                added: dates(Exception::Added),
                removed: dates(Exception::Deleted),
            }
        })
        .collect();
    out.sort_by(|a, b| a.service_id.cmp(&b.service_id));
    out
}

/// Decodes a GTFS-realtime feed into what it says per trip (delays, cancellations) and when it
/// was made; bytes that are not a feed with its header are `Decode`.
pub fn parse_realtime(bytes: &[u8]) -> Result<LiveFeed, ClientError> {
    let message = FeedMessage::decode(bytes)
        .map_err(|e| ClientError::Decode(format!("GTFS-realtime: {e}")))?;
    // prost fills a missing required header with defaults: a message without the version is
    // not a GTFS-realtime feed (an empty body, a truncated answer).
    if message.header.gtfs_realtime_version.is_empty() {
        return Err(ClientError::Decode("GTFS-realtime: no header".into()));
    }
    Ok(message.to_live())
}

impl GorodClient {
    /// The GTFS static feed of the town, as the server sends it (a zip).
    #[instrument(skip(self), err)]
    pub async fn gtfs_zip(&self) -> Result<Vec<u8>, ClientError> {
        let req = self.http.get(self.url(paths::TRANSPORT_GTFS));
        Ok(self.http.send_raw(req).await?.body)
    }

    /// The town's network: the GTFS feed fetched and parsed.
    #[instrument(skip(self), err)]
    pub async fn timetable(&self) -> Result<Timetable, ClientError> {
        parse_gtfs(&self.gtfs_zip().await?)
    }

    /// The live feed, decoded. No feed (the server answers 503) is `Maintenance` or `Server`
    /// with status 503: the app then shows the schedule with the banner.
    #[instrument(skip(self), err)]
    pub async fn live_feed(&self) -> Result<LiveFeed, ClientError> {
        let req = self.http.get(self.url(paths::TRANSPORT_GTFS_RT));
        parse_realtime(&self.http.send_raw(req).await?.body)
    }
}
