//! The GTFS static feed read from its zip: only the files and columns the timetable uses
//! (routes, stops, trips, stop times, calendars), each column found by its header's name.
//!
//! A general GTFS library (`gtfs-structures`) read this before; it parsed every file of the
//! spec into its own model, ≈ 0.25 MB of the app's code for the handful of columns kept
//! (issue 17, item 4). The rules are the spec's: the four files of the network are required,
//! `calendar.txt` and `calendar_dates.txt` may be absent, times may pass 24:00, a stop time of a
//! trip or stop the feed does not have is an error, not a silently shorter timetable.

use std::collections::btree_map::{BTreeMap, Entry};
use std::io::{Cursor, Read};

use chrono::NaiveDate;
use ofis_domain::transport::{Route, ServiceCalendar, Stop, StopTime, Timetable, Trip};

/// The most trips a feed may have (the town runs a few hundred a day).
pub const MAX_TRIPS: usize = 100_000;

/// The most bytes one file of the feed may unpack to: a zip bomb is refused, not unpacked.
const MAX_FILE_BYTES: u64 = 128 << 20;

/// Why a feed was refused, in words for the log (the screen says the network is unavailable).
pub type FeedError = String;

/// Reads a GTFS zip into the timetable: routes and stops and calendars in the order of their
/// ids, trips likewise with their stop times in `stop_sequence` order.
pub fn read_feed(zip: &[u8]) -> Result<Timetable, FeedError> {
    read(zip, MAX_FILE_BYTES)
}

/// [`read_feed`] with a file unpacking to more than `max_file_bytes` refused.
fn read(zip: &[u8], max_file_bytes: u64) -> Result<Timetable, FeedError> {
    let mut archive =
        zip::ZipArchive::new(Cursor::new(zip)).map_err(|e| format!("not a zip: {e}"))?;
    let mut file = |name: &str| file_text(&mut archive, name, max_file_bytes);

    let routes = sorted(
        table(file("routes.txt")?.as_deref(), "routes.txt")?.rows(|row| {
            let route = Route {
                id: row.required("route_id")?,
                short_name: row.optional("route_short_name"),
                long_name: row.optional("route_long_name"),
            };
            Ok((route.id.clone(), route))
        })?,
    )?;
    let stops = sorted(
        table(file("stops.txt")?.as_deref(), "stops.txt")?.rows(|row| {
            let stop = Stop {
                id: row.required("stop_id")?,
                name: row.optional("stop_name"),
            };
            Ok((stop.id.clone(), stop))
        })?,
    )?;
    let trip_rows = table(file("trips.txt")?.as_deref(), "trips.txt")?;
    if trip_rows.len() > MAX_TRIPS {
        return Err("too many trips".into());
    }
    let mut trips = sorted(trip_rows.rows(|row| {
        let trip = Trip {
            id: row.required("trip_id")?,
            route_id: row.required("route_id")?,
            service_id: row.required("service_id")?,
            headsign: row.optional("trip_headsign"),
            stop_times: Vec::new(),
        };
        Ok((trip.id.clone(), trip))
    })?)?;
    let stop_times = table(file("stop_times.txt")?.as_deref(), "stop_times.txt")?.rows(|row| {
        let at = |column| row.optional(column);
        let departure = match (at("departure_time"), at("arrival_time")) {
            (d, _) if !d.is_empty() => Some(seconds(&d)?),
            (_, a) if !a.is_empty() => Some(seconds(&a)?),
            // Only timepoints must have times; a call between them has none to show.
            _ => None,
        };
        let sequence = row.required("stop_sequence")?;
        let sequence = sequence
            .parse()
            .map_err(|_| format!("stop_sequence «{sequence}»"))?;
        Ok((
            row.required("trip_id")?,
            row.required("stop_id")?,
            sequence,
            departure,
        ))
    })?;
    for (trip_id, stop_id, sequence, departure) in stop_times {
        let trip = trips
            .get_mut(&trip_id)
            .ok_or_else(|| format!("a stop time of trip {trip_id}, which the feed lacks"))?;
        if !stops.contains_key(&stop_id) {
            return Err(format!(
                "trip {trip_id} calls at stop {stop_id}, which the feed lacks"
            ));
        }
        if let Some(departure) = departure {
            trip.stop_times.push(StopTime {
                stop_id,
                sequence,
                departure,
            });
        }
    }
    for trip in trips.values_mut() {
        trip.stop_times.sort_by_key(|st| st.sequence);
    }
    let calendars = calendars(
        file("calendar.txt")?.as_deref(),
        file("calendar_dates.txt")?.as_deref(),
    )?;
    Ok(Timetable {
        routes: routes.into_values().collect(),
        stops: stops.into_values().collect(),
        trips: trips.into_values().collect(),
        calendars,
    })
}

/// The services' weekdays and dates; a service with dates only (no `calendar.txt` row) runs on
/// its added dates alone.
fn calendars(
    calendar: Option<&[u8]>,
    dates: Option<&[u8]>,
) -> Result<Vec<ServiceCalendar>, FeedError> {
    let mut services = BTreeMap::new();
    if calendar.is_some() {
        let rows = table(calendar, "calendar.txt")?.rows(|row| {
            let mut weekdays = [false; 7];
            let days = [
                "monday",
                "tuesday",
                "wednesday",
                "thursday",
                "friday",
                "saturday",
                "sunday",
            ];
            for (runs, day) in weekdays.iter_mut().zip(days) {
                *runs = match row.required(day)?.as_str() {
                    "1" => true,
                    "0" => false,
                    other => return Err(format!("{day} «{other}»")),
                };
            }
            let service_id = row.required("service_id")?;
            Ok((
                service_id.clone(),
                ServiceCalendar {
                    service_id,
                    weekdays,
                    start: date(&row.required("start_date")?)?,
                    end: date(&row.required("end_date")?)?,
                    added: Vec::new(),
                    removed: Vec::new(),
                },
            ))
        })?;
        services = sorted(rows)?;
    }
    if dates.is_some() {
        let rows = table(dates, "calendar_dates.txt")?.rows(|row| {
            let added = match row.required("exception_type")?.as_str() {
                "1" => true,
                "2" => false,
                other => return Err(format!("exception_type «{other}»")),
            };
            Ok((
                row.required("service_id")?,
                date(&row.required("date")?)?,
                added,
            ))
        })?;
        for (service_id, day, added) in rows {
            let service = services
                .entry(service_id.clone())
                .or_insert_with(|| ServiceCalendar {
                    service_id,
                    weekdays: [false; 7],
                    start: day,
                    end: day,
                    added: Vec::new(),
                    removed: Vec::new(),
                });
            if added {
                service.added.push(day);
            } else {
                service.removed.push(day);
            }
        }
    }
    let mut out: Vec<ServiceCalendar> = services.into_values().collect();
    for service in &mut out {
        service.added.sort();
        service.removed.sort();
    }
    Ok(out)
}

/// The unpacked bytes of the feed's file `name` (in the zip's root or one folder down), or
/// `None` if the zip has no such file.
fn file_text(
    archive: &mut zip::ZipArchive<Cursor<&[u8]>>,
    name: &str,
    max_bytes: u64,
) -> Result<Option<Vec<u8>>, FeedError> {
    let index = (0..archive.len()).find(|&i| {
        archive
            .name_for_index(i)
            .is_some_and(|path| path.rsplit('/').next() == Some(name))
    });
    let Some(index) = index else {
        return Ok(None);
    };
    let mut entry = archive
        .by_index(index)
        .map_err(|e| format!("{name}: {e}"))?;
    let mut bytes = Vec::new();
    entry
        .by_ref()
        .take(max_bytes + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("{name}: {e}"))?;
    if bytes.len() as u64 > max_bytes {
        return Err(format!("{name}: larger than {max_bytes} bytes unpacked"));
    }
    Ok(Some(bytes))
}

/// A CSV file of the feed: its header's columns and its records.
struct Table {
    name: &'static str,
    columns: Vec<String>,
    records: Vec<csv::StringRecord>,
}

/// Reads a required file's CSV (UTF-8, a byte-order mark allowed, fields trimmed).
fn table(bytes: Option<&[u8]>, name: &'static str) -> Result<Table, FeedError> {
    let bytes = bytes.ok_or_else(|| format!("no {name} in the feed"))?;
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(bytes);
    let columns = reader
        .headers()
        .map_err(|e| format!("{name}: {e}"))?
        .iter()
        .map(str::to_owned)
        .collect();
    let records = reader
        .records()
        .collect::<Result<_, _>>()
        .map_err(|e| format!("{name}: {e}"))?;
    Ok(Table {
        name,
        columns,
        records,
    })
}

impl Table {
    fn len(&self) -> usize {
        self.records.len()
    }

    /// Each record through `read`; the first error names the file and line.
    fn rows<T>(
        &self,
        mut read: impl FnMut(&Row<'_>) -> Result<T, FeedError>,
    ) -> Result<Vec<T>, FeedError> {
        self.records
            .iter()
            .enumerate()
            .map(|(i, record)| {
                read(&Row {
                    table: self,
                    record,
                })
                .map_err(|e| format!("{}, line {}: {e}", self.name, i + 2))
            })
            .collect()
    }
}

/// One record, its fields by column name.
struct Row<'a> {
    table: &'a Table,
    record: &'a csv::StringRecord,
}

impl Row<'_> {
    /// The field, or "" where the column or the field is absent.
    fn optional(&self, column: &str) -> String {
        self.table
            .columns
            .iter()
            .position(|c| c == column)
            .and_then(|i| self.record.get(i))
            .unwrap_or("")
            .to_owned()
    }

    /// The field, which must be there and not empty.
    fn required(&self, column: &str) -> Result<String, FeedError> {
        let value = self.optional(column);
        if value.is_empty() {
            return Err(format!("no {column}"));
        }
        Ok(value)
    }
}

/// The rows by id, refusing an id given twice.
fn sorted<T>(rows: Vec<(String, T)>) -> Result<BTreeMap<String, T>, FeedError> {
    let mut out = BTreeMap::new();
    for (id, row) in rows {
        match out.entry(id) {
            Entry::Vacant(slot) => {
                slot.insert(row);
            }
            Entry::Occupied(slot) => return Err(format!("id {} twice", slot.key())),
        }
    }
    Ok(out)
}

/// Seconds into the service day from `H:MM:SS` (may pass 24:00).
fn seconds(time: &str) -> Result<u32, FeedError> {
    let refused = || format!("time «{time}»");
    let mut parts = time.split(':');
    let (Some(h), Some(m), Some(s), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(refused());
    };
    let number = |part: &str, max: u32| -> Option<u32> {
        let all_digits = !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
        part.parse().ok().filter(|&n| all_digits && n <= max)
    };
    if m.len() != 2 || s.len() != 2 {
        return Err(refused());
    }
    // A service day is at most a few hours past 24:00; a week of hours is already nonsense.
    let (h, m, s) = (
        number(h, 7 * 24).ok_or_else(refused)?,
        number(m, 59).ok_or_else(refused)?,
        number(s, 59).ok_or_else(refused)?,
    );
    Ok(h * 3600 + m * 60 + s)
}

/// A date from `YYYYMMDD`.
fn date(text: &str) -> Result<NaiveDate, FeedError> {
    let valid = text.len() == 8 && text.bytes().all(|b| b.is_ascii_digit());
    valid
        .then(|| NaiveDate::parse_from_str(text, "%Y%m%d").ok())
        .flatten()
        .ok_or_else(|| format!("date «{text}»"))
}

#[cfg(test)]
mod tests;
