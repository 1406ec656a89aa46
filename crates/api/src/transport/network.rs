//! The network as JSON: routes and stops found by name, a route's stops in order, a stop's next
//! arrivals (schedule and live). The same network is served as GTFS for the app to keep offline.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

/// A search by name.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema, IntoParams)]
pub struct NameQuery {
    /// Part of the name (or a route's number).
    #[serde(default)]
    pub q: Option<String>,
}

/// A route.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct RouteDto {
    pub id: String,
    /// «5».
    pub short_name: String,
    /// «Вокзал — Старый город».
    pub long_name: String,
}

/// A stop.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct StopDto {
    pub id: String,
    pub name: String,
}

/// Whether the live feed was used for the arrivals.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum LiveFeedState {
    Live,
    /// Older than five minutes: the schedule is shown.
    Stale,
    /// No live feed: the schedule is shown.
    Down,
}

/// How a departure stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ArrivalStatusDto {
    /// «по расписанию»: no live data.
    Scheduled,
    OnTime,
    Late,
    Early,
    Cancelled,
}

/// One coming departure from a stop.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ArrivalDto {
    pub trip_id: String,
    pub route_id: String,
    /// «5».
    pub route_name: String,
    pub headsign: String,
    pub scheduled: DateTime<Utc>,
    /// The scheduled time plus the live delay (equal to it without live data).
    pub predicted: DateTime<Utc>,
    pub status: ArrivalStatusDto,
    /// «опаздывает на 3 мин», «по расписанию».
    pub label: String,
}

/// A stop's next arrivals.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ArrivalsDto {
    pub stop: StopDto,
    pub feed: LiveFeedState,
    /// Why the schedule is shown, when the live feed is stale or down.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub banner: Option<String>,
    pub arrivals: Vec<ArrivalDto>,
}

/// The GTFS static feed, a zip (`agency.txt`, `stops.txt`, `routes.txt`, `trips.txt`,
/// `stop_times.txt`, `calendar.txt`, `calendar_dates.txt`), as a binary string.
#[derive(Clone, Debug, PartialEq, Eq, ToSchema)]
#[schema(value_type = String, format = Binary)]
pub struct GtfsZip(pub Vec<u8>);

/// The GTFS-realtime TripUpdates feed, protobuf (`transit_realtime.FeedMessage`).
#[derive(Clone, Debug, PartialEq, Eq, ToSchema)]
#[schema(value_type = String, format = Binary)]
pub struct GtfsRealtime(pub Vec<u8>);
