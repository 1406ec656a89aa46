//! GTFS-realtime TripUpdates on the wire: the part of the official `gtfs-realtime.proto`
//! (package `transit_realtime`, proto2) that ОФИС writes and reads, with the official field
//! numbers, so any GTFS-realtime consumer decodes what the sandbox writes and ОФИС decodes any
//! producer's TripUpdates (fields it does not know are skipped). Written as prost structs by hand
//! rather than generated: no `protoc` at build time.

/// `FeedMessage`: a header and entities.
#[derive(Clone, PartialEq, prost::Message)]
pub struct FeedMessage {
    #[prost(message, required, tag = "1")]
    pub header: FeedHeader,
    #[prost(message, repeated, tag = "2")]
    pub entity: Vec<FeedEntity>,
}

/// `FeedHeader`.
#[derive(Clone, PartialEq, prost::Message)]
pub struct FeedHeader {
    /// "2.0".
    #[prost(string, required, tag = "1")]
    pub gtfs_realtime_version: String,
    #[prost(enumeration = "Incrementality", optional, tag = "2")]
    pub incrementality: Option<i32>,
    /// POSIX seconds when the feed was made.
    #[prost(uint64, optional, tag = "3")]
    pub timestamp: Option<u64>,
}

/// `FeedHeader.Incrementality`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, prost::Enumeration)]
#[repr(i32)]
pub enum Incrementality {
    FullDataset = 0,
    Differential = 1,
}

/// `FeedEntity` (only its trip update is used).
#[derive(Clone, PartialEq, prost::Message)]
pub struct FeedEntity {
    #[prost(string, required, tag = "1")]
    pub id: String,
    #[prost(bool, optional, tag = "2")]
    pub is_deleted: Option<bool>,
    #[prost(message, optional, tag = "3")]
    pub trip_update: Option<TripUpdate>,
}

/// `TripUpdate`.
#[derive(Clone, PartialEq, prost::Message)]
pub struct TripUpdate {
    #[prost(message, required, tag = "1")]
    pub trip: TripDescriptor,
    #[prost(message, repeated, tag = "2")]
    pub stop_time_update: Vec<StopTimeUpdate>,
    #[prost(uint64, optional, tag = "4")]
    pub timestamp: Option<u64>,
    /// Seconds behind the schedule (negative: ahead), for the whole trip.
    #[prost(int32, optional, tag = "5")]
    pub delay: Option<i32>,
}

/// `TripDescriptor`.
#[derive(Clone, PartialEq, prost::Message)]
pub struct TripDescriptor {
    #[prost(string, optional, tag = "1")]
    pub trip_id: Option<String>,
    /// `HH:MM:SS` of the trip's first departure.
    #[prost(string, optional, tag = "2")]
    pub start_time: Option<String>,
    /// `YYYYMMDD`: the service day.
    #[prost(string, optional, tag = "3")]
    pub start_date: Option<String>,
    #[prost(enumeration = "TripScheduleRelationship", optional, tag = "4")]
    pub schedule_relationship: Option<i32>,
    #[prost(string, optional, tag = "5")]
    pub route_id: Option<String>,
}

/// `TripDescriptor.ScheduleRelationship`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, prost::Enumeration)]
#[repr(i32)]
pub enum TripScheduleRelationship {
    Scheduled = 0,
    Added = 1,
    Unscheduled = 2,
    Canceled = 3,
    Replacement = 5,
    Duplicated = 6,
    Deleted = 7,
    New = 8,
}

/// `TripUpdate.StopTimeUpdate`.
#[derive(Clone, PartialEq, prost::Message)]
pub struct StopTimeUpdate {
    #[prost(uint32, optional, tag = "1")]
    pub stop_sequence: Option<u32>,
    #[prost(message, optional, tag = "2")]
    pub arrival: Option<StopTimeEvent>,
    #[prost(message, optional, tag = "3")]
    pub departure: Option<StopTimeEvent>,
    #[prost(string, optional, tag = "4")]
    pub stop_id: Option<String>,
}

/// `TripUpdate.StopTimeEvent`.
#[derive(Clone, PartialEq, prost::Message)]
pub struct StopTimeEvent {
    #[prost(int32, optional, tag = "1")]
    pub delay: Option<i32>,
    /// POSIX seconds.
    #[prost(int64, optional, tag = "2")]
    pub time: Option<i64>,
}

impl FeedMessage {
    /// What the feed says per trip, in the domain's terms: a cancelled trip, or its delay (the
    /// trip's own, else that of its first stop time update that has one). Entities that are
    /// deleted, have no trip id or say nothing usable are skipped.
    pub fn to_live(&self) -> ofis_domain::transport::LiveFeed {
        use ofis_domain::transport::{LiveFeed, TripLive};
        let timestamp = self
            .header
            .timestamp
            .and_then(|t| i64::try_from(t).ok())
            .and_then(|t| chrono::DateTime::from_timestamp(t, 0));
        let mut trips = std::collections::HashMap::new();
        for entity in &self.entity {
            let Some(update) = entity.trip_update.as_ref() else {
                continue;
            };
            let Some(trip_id) = update.trip.trip_id.clone() else {
                continue;
            };
            if entity.is_deleted == Some(true) {
                continue;
            }
            let cancelled = update.trip.schedule_relationship
                == Some(TripScheduleRelationship::Canceled as i32);
            let live = if cancelled {
                Some(TripLive::Cancelled)
            } else {
                update
                    .delay
                    .or_else(|| {
                        update.stop_time_update.iter().find_map(|s| {
                            s.arrival
                                .as_ref()
                                .and_then(|e| e.delay)
                                .or_else(|| s.departure.as_ref().and_then(|e| e.delay))
                        })
                    })
                    .map(TripLive::Delay)
            };
            if let Some(live) = live {
                trips.insert(trip_id, live);
            }
        }
        LiveFeed { timestamp, trips }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ofis_domain::transport::TripLive;
    use prost::Message;

    fn entity(trip: &str, update: impl FnOnce(&mut TripUpdate)) -> FeedEntity {
        let mut trip_update = TripUpdate {
            trip: TripDescriptor {
                trip_id: Some(trip.into()),
                ..Default::default()
            },
            ..Default::default()
        };
        update(&mut trip_update);
        FeedEntity {
            id: trip.into(),
            is_deleted: None,
            trip_update: Some(trip_update),
        }
    }

    #[test]
    fn a_feed_survives_the_wire_and_says_per_trip_what_it_knows() {
        let at_stop = |delay| StopTimeUpdate {
            stop_sequence: Some(2),
            arrival: Some(StopTimeEvent {
                delay: Some(delay),
                time: None,
            }),
            ..Default::default()
        };
        let feed = FeedMessage {
            header: FeedHeader {
                gtfs_realtime_version: "2.0".into(),
                incrementality: Some(Incrementality::FullDataset as i32),
                timestamp: Some(1_790_000_000),
            },
            entity: vec![
                entity("late", |u| u.delay = Some(300)),
                entity("by-stop", |u| u.stop_time_update = vec![at_stop(-60)]),
                entity("gone", |u| {
                    u.trip.schedule_relationship = Some(TripScheduleRelationship::Canceled as i32)
                }),
                entity("silent", |_| {}),
                FeedEntity {
                    is_deleted: Some(true),
                    ..entity("deleted", |u| u.delay = Some(60))
                },
            ],
        };
        let decoded = FeedMessage::decode(feed.encode_to_vec().as_slice()).unwrap();
        assert_eq!(decoded, feed);
        let live = decoded.to_live();
        assert_eq!(live.timestamp.map(|t| t.timestamp()), Some(1_790_000_000));
        assert_eq!(
            live.trips,
            [
                ("late".to_string(), TripLive::Delay(300)),
                ("by-stop".to_string(), TripLive::Delay(-60)),
                ("gone".to_string(), TripLive::Cancelled),
            ]
            .into()
        );
        assert!(FeedMessage::decode(&b"\xff\xff\xff"[..]).is_err());
    }
}
