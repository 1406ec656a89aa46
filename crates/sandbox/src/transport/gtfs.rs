//! The network written as a GTFS static feed: `agency.txt`, `stops.txt`, `routes.txt`,
//! `trips.txt`, `stop_times.txt`, `calendar.txt` and `calendar_dates.txt` in one deflated zip,
//! built once and byte-for-byte the same every time (entries dated 1980-01-01).

use std::fmt::Write as _;
use std::io::{Cursor, Write};
use std::sync::OnceLock;

use ofis_domain::transport::Timetable;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

use super::network::{coordinates, route_type, timetable};

/// The agency of every route.
const AGENCY: &str = "orsk-transport";

/// The zip, built once (what `GET /api/v1/transport/gtfs.zip` serves).
pub fn gtfs_zip() -> &'static [u8] {
    static ZIP: OnceLock<Vec<u8>> = OnceLock::new();
    ZIP.get_or_init(|| write_zip(&files(timetable())).expect("writing to memory cannot fail"))
}

/// A CSV field: quoted, inner quotes doubled.
fn field(text: &str) -> String {
    format!("\"{}\"", text.replace('"', "\"\""))
}

/// `HH:MM:SS` from seconds after midnight (may pass 24:00).
fn time(seconds: u32) -> String {
    format!(
        "{:02}:{:02}:{:02}",
        seconds / 3600,
        seconds / 60 % 60,
        seconds % 60
    )
}

/// The feed's files: (name, CSV text).
fn files(t: &Timetable) -> Vec<(&'static str, String)> {
    let mut agency = String::from("agency_id,agency_name,agency_url,agency_timezone,agency_lang\n");
    let _ = writeln!(
        agency,
        "{AGENCY},{},https://орск.рф,Asia/Yekaterinburg,ru",
        field("МУП «Орскгортранс»")
    );
    let mut stops = String::from("stop_id,stop_name,stop_lat,stop_lon\n");
    for s in &t.stops {
        let (lat, lon) = coordinates(&s.id);
        let _ = writeln!(stops, "{},{},{lat},{lon}", s.id, field(&s.name));
    }
    let mut routes =
        String::from("route_id,agency_id,route_short_name,route_long_name,route_type\n");
    for r in &t.routes {
        let _ = writeln!(
            routes,
            "{},{AGENCY},{},{},{}",
            r.id,
            field(&r.short_name),
            field(&r.long_name),
            route_type(&r.id)
        );
    }
    let mut trips = String::from("route_id,service_id,trip_id,trip_headsign,direction_id\n");
    let mut stop_times =
        String::from("trip_id,arrival_time,departure_time,stop_id,stop_sequence\n");
    for trip in &t.trips {
        // Trip ids are `route-service-direction-HHMM` (`network::trip`).
        let direction = u8::from(trip.id.split('-').nth(2) == Some("1"));
        let _ = writeln!(
            trips,
            "{},{},{},{},{direction}",
            trip.route_id,
            trip.service_id,
            trip.id,
            field(&trip.headsign)
        );
        for st in &trip.stop_times {
            let at = time(st.departure);
            let _ = writeln!(
                stop_times,
                "{},{at},{at},{},{}",
                trip.id, st.stop_id, st.sequence
            );
        }
    }
    let mut calendar = String::from(
        "service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date\n",
    );
    let mut dates = String::from("service_id,date,exception_type\n");
    for c in &t.calendars {
        let days: Vec<&str> = c
            .weekdays
            .iter()
            .map(|&d| if d { "1" } else { "0" })
            .collect();
        let _ = writeln!(
            calendar,
            "{},{},{},{}",
            c.service_id,
            days.join(","),
            c.start.format("%Y%m%d"),
            c.end.format("%Y%m%d")
        );
        for (list, kind) in [(&c.added, 1), (&c.removed, 2)] {
            for day in list {
                let _ = writeln!(dates, "{},{},{kind}", c.service_id, day.format("%Y%m%d"));
            }
        }
    }
    vec![
        ("agency.txt", agency),
        ("stops.txt", stops),
        ("routes.txt", routes),
        ("trips.txt", trips),
        ("stop_times.txt", stop_times),
        ("calendar.txt", calendar),
        ("calendar_dates.txt", dates),
    ]
}

fn write_zip(files: &[(&str, String)]) -> zip::result::ZipResult<Vec<u8>> {
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    for (name, text) in files {
        zip.start_file(*name, options)?;
        zip.write_all(text.as_bytes())?;
    }
    Ok(zip.finish()?.into_inner())
}
