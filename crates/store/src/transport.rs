//! «Транспорт» kept on the device: the town's GTFS feed as the server sent it (so favourite stops
//! show their schedule without the server), the favourite stops, and the reminders set on a bus
//! before it reaches one of them.
//!
//! The feed is kept as its zip, not as rows: the app reads it with the same parser whether it was
//! just fetched or kept, its calendars give the schedule of any coming day, and a feed of the
//! town's size is a few tens of kilobytes. The feed is not personal data and survives sign-out;
//! favourites and reminders are the person's and go with it.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, OptionalExtension};

use crate::codec::{parse_time, time_text};
use crate::error::StoreError;
use crate::open::Store;

/// Schema step: the kept feed, the favourite stops in the order added, the reminders.
pub(crate) const V6_TRANSPORT: &str = r#"
CREATE TABLE transport_feed (
    only_row   INTEGER PRIMARY KEY CHECK (only_row = 1),
    zip        BLOB NOT NULL,
    fetched_at TEXT NOT NULL
) STRICT;
CREATE TABLE favourite_stop (
    seq     INTEGER PRIMARY KEY,
    stop_id TEXT NOT NULL UNIQUE,
    name    TEXT NOT NULL
) STRICT;
-- «Напомнить»: a trip of a service day, at a stop, this many minutes before it arrives.
CREATE TABLE transport_reminder (
    stop_id        TEXT NOT NULL,
    trip_id        TEXT NOT NULL,
    service_day    TEXT NOT NULL CHECK (service_day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    minutes_before INTEGER NOT NULL CHECK (minutes_before BETWEEN 0 AND 120),
    PRIMARY KEY (stop_id, trip_id, service_day)
) STRICT, WITHOUT ROWID;
"#;

/// The GTFS zip kept, and when it was fetched.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeptFeed {
    pub zip: Vec<u8>,
    pub fetched_at: DateTime<Utc>,
}

/// A reminder set on a bus at a stop.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeptReminder {
    pub stop_id: String,
    pub trip_id: String,
    pub service_day: NaiveDate,
    pub minutes_before: u32,
}

impl Store {
    /// Keeps the GTFS zip fetched at `at`, replacing the one kept before.
    pub fn save_transport_feed(&mut self, zip: &[u8], at: DateTime<Utc>) -> Result<(), StoreError> {
        self.conn.execute(
            "INSERT INTO transport_feed (only_row, zip, fetched_at) VALUES (1, ?1, ?2)
             ON CONFLICT (only_row) DO UPDATE SET zip = excluded.zip, fetched_at = excluded.fetched_at",
            params![zip, time_text(at)],
        )?;
        Ok(())
    }

    /// The kept GTFS zip and when it was fetched; `None` before the first fetch.
    pub fn transport_feed(&self) -> Result<Option<KeptFeed>, StoreError> {
        let row: Option<(Vec<u8>, String)> = self
            .conn
            .query_row("SELECT zip, fetched_at FROM transport_feed", [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()?;
        match row {
            None => Ok(None),
            Some((zip, at)) => Ok(Some(KeptFeed {
                zip,
                fetched_at: parse_time(&at, "transport_feed fetched_at")?,
            })),
        }
    }

    /// Adds a favourite stop (at the end; already there: unchanged).
    pub fn add_favourite_stop(&mut self, stop_id: &str, name: &str) -> Result<(), StoreError> {
        self.conn.execute(
            "INSERT INTO favourite_stop (stop_id, name) VALUES (?1, ?2)
             ON CONFLICT (stop_id) DO NOTHING",
            params![stop_id, name],
        )?;
        Ok(())
    }

    /// Removes a favourite stop and the reminders set at it.
    pub fn remove_favourite_stop(&mut self, stop_id: &str) -> Result<(), StoreError> {
        let tx = self.write_tx()?;
        tx.execute("DELETE FROM favourite_stop WHERE stop_id = ?1", [stop_id])?;
        tx.execute(
            "DELETE FROM transport_reminder WHERE stop_id = ?1",
            [stop_id],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// The favourite stops (id, name) in the order added.
    pub fn favourite_stops(&self) -> Result<Vec<(String, String)>, StoreError> {
        let mut stmt = self
            .conn
            .prepare("SELECT stop_id, name FROM favourite_stop ORDER BY seq")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Sets (or changes) a reminder.
    pub fn save_reminder(&mut self, r: &KeptReminder) -> Result<(), StoreError> {
        self.conn.execute(
            "INSERT INTO transport_reminder (stop_id, trip_id, service_day, minutes_before)
             VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (stop_id, trip_id, service_day)
             DO UPDATE SET minutes_before = excluded.minutes_before",
            params![
                r.stop_id,
                r.trip_id,
                r.service_day.to_string(),
                r.minutes_before
            ],
        )?;
        Ok(())
    }

    /// Removes a reminder (sent, or no longer wanted).
    pub fn remove_reminder(
        &mut self,
        stop_id: &str,
        trip_id: &str,
        service_day: NaiveDate,
    ) -> Result<(), StoreError> {
        self.conn.execute(
            "DELETE FROM transport_reminder
             WHERE stop_id = ?1 AND trip_id = ?2 AND service_day = ?3",
            params![stop_id, trip_id, service_day.to_string()],
        )?;
        Ok(())
    }

    /// Every reminder set.
    pub fn reminders(&self) -> Result<Vec<KeptReminder>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT stop_id, trip_id, service_day, minutes_before FROM transport_reminder
             ORDER BY service_day, stop_id, trip_id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, u32>(3)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (stop_id, trip_id, day, minutes_before) = row?;
            let service_day = day
                .parse()
                .map_err(|_| StoreError::Corrupt(format!("transport_reminder day {day}")))?;
            out.push(KeptReminder {
                stop_id,
                trip_id,
                service_day,
                minutes_before,
            });
        }
        Ok(out)
    }
}
