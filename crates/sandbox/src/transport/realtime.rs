//! The GTFS-realtime TripUpdates feed, built from the schedule and the sandbox clock: trips on
//! the road now (from ten minutes before their first departure to their last) run a little late
//! or on time, derived from the trip and the day; trips the test switches name are late, early
//! or cancelled whatever the hour; the header's timestamp is now, or older when the feed is
//! switched stale. Trips not yet on the road have no update: «по расписанию».

use chrono::{DateTime, Duration, NaiveDate, Utc};
use ofis_api::gtfs_rt::{
    FeedEntity, FeedHeader, FeedMessage, Incrementality, StopTimeEvent, StopTimeUpdate,
    TripDescriptor, TripScheduleRelationship, TripUpdate,
};
use ofis_api::sandbox::TransportFeedSwitches;
use ofis_domain::transport::{Timetable, Trip};

use super::network::timetable;
use crate::town::fnv1a;

/// How long before its first departure a trip's vehicle reports.
const REPORTS_BEFORE_MINUTES: i64 = 10;

/// The delay of a trip on the road without a switch: 0 to 3 minutes, by trip and day.
fn background_delay(trip: &str, day: NaiveDate) -> i32 {
    [0, 0, 60, 120, 180][(fnv1a(format!("{trip}/{day}").as_bytes()) % 5) as usize]
}

fn midnight(day: NaiveDate) -> DateTime<Utc> {
    super::local(day, 0, 0)
}

fn update(trip: &Trip, day: NaiveDate, live: Option<i32>, now: DateTime<Utc>) -> FeedEntity {
    let start = midnight(day);
    let first = trip.stop_times.first().map_or(0, |s| s.departure);
    let relationship = if live.is_some() {
        TripScheduleRelationship::Scheduled
    } else {
        TripScheduleRelationship::Canceled
    };
    let stop_time_update = live
        .map(|delay| {
            trip.stop_times
                .iter()
                .map(|st| {
                    let at = start + Duration::seconds(i64::from(st.departure) + i64::from(delay));
                    let event = StopTimeEvent {
                        delay: Some(delay),
                        time: Some(at.timestamp()),
                    };
                    StopTimeUpdate {
                        stop_sequence: Some(st.sequence),
                        stop_id: Some(st.stop_id.clone()),
                        arrival: Some(event.clone()),
                        departure: Some(event),
                    }
                })
                .collect()
        })
        .unwrap_or_default();
    FeedEntity {
        id: format!("{}-{}", trip.id, day.format("%Y%m%d")),
        is_deleted: None,
        trip_update: Some(TripUpdate {
            trip: TripDescriptor {
                trip_id: Some(trip.id.clone()),
                start_time: Some(format!(
                    "{:02}:{:02}:{:02}",
                    first / 3600,
                    first / 60 % 60,
                    first % 60
                )),
                start_date: Some(day.format("%Y%m%d").to_string()),
                schedule_relationship: Some(relationship as i32),
                route_id: Some(trip.route_id.clone()),
            },
            stop_time_update,
            timestamp: u64::try_from(now.timestamp()).ok(),
            delay: live,
        }),
    }
}

/// Whether a trip of a service day is on the road at `now`.
fn on_the_road(trip: &Trip, day: NaiveDate, now: DateTime<Utc>) -> bool {
    let (Some(first), Some(last)) = (trip.stop_times.first(), trip.stop_times.last()) else {
        return false;
    };
    let start = midnight(day);
    let from = start + Duration::seconds(first.departure.into())
        - Duration::minutes(REPORTS_BEFORE_MINUTES);
    let to = start + Duration::seconds(last.departure.into());
    (from..=to).contains(&now)
}

/// The feed at `now` with the switches.
pub(crate) fn feed(now: DateTime<Utc>, switches: &TransportFeedSwitches) -> FeedMessage {
    feed_of(timetable(), now, switches)
}

fn feed_of(t: &Timetable, now: DateTime<Utc>, switches: &TransportFeedSwitches) -> FeedMessage {
    let today = ofis_domain::tz::local_date(now);
    let mut entity = Vec::new();
    for day in [today.pred_opt(), Some(today)].into_iter().flatten() {
        for trip in t.trips.iter().filter(|x| t.runs_on(&x.service_id, day)) {
            let switched = day == today;
            let live = if switched && switches.cancelled.contains(&trip.id) {
                None
            } else if let Some(delay) = switches.delays.get(&trip.id).filter(|_| switched) {
                Some(*delay)
            } else if on_the_road(trip, day, now) {
                Some(background_delay(&trip.id, day))
            } else {
                continue;
            };
            entity.push(update(trip, day, live, now));
        }
    }
    let made = now - Duration::minutes(switches.stale_minutes.into());
    FeedMessage {
        header: FeedHeader {
            gtfs_realtime_version: "2.0".into(),
            incrementality: Some(Incrementality::FullDataset as i32),
            timestamp: u64::try_from(made.timestamp()).ok(),
        },
        entity,
    }
}
