//! The town's network as GTFS: the static feed (a zip, read from bytes into the domain's
//! [`Timetable`] by [`static_feed`]) and the GTFS-realtime TripUpdates feed (protobuf, decoded
//! into the domain's [`LiveFeed`]). The parsing functions take bytes, so the core can parse a
//! feed it kept in SQLite as well as one just fetched.

use ofis_api::gtfs_rt::FeedMessage;
use ofis_api::paths;
use ofis_domain::transport::{LiveFeed, Timetable};
use prost::Message;
use tracing::instrument;

use crate::error::ClientError;
use crate::gorod::GorodClient;

mod static_feed;

pub use static_feed::MAX_TRIPS;

/// Reads a GTFS zip into the domain's timetable: routes, stops and trips in the order of their
/// ids, each trip's stop times in order, calendars with their added and removed dates. A zip
/// that is not GTFS, or a trip calling at a stop the feed does not have, is `Decode`.
pub fn parse_gtfs(zip: &[u8]) -> Result<Timetable, ClientError> {
    static_feed::read_feed(zip).map_err(|e| ClientError::Decode(format!("GTFS: {e}")))
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
