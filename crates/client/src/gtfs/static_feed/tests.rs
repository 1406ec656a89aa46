use std::io::{Cursor, Write};

use chrono::NaiveDate;
use zip::write::SimpleFileOptions;
use zip::ZipWriter;

use super::*;

const ROUTES: &str =
    "route_id,route_short_name,route_long_name,route_type\n5,5,Автовокзал — Старый город,3\n";
const STOPS: &str = "stop_id,stop_name\na,Автовокзал\nb,\"Драмтеатр, «Юность»\"\n";
const TRIPS: &str = "route_id,service_id,trip_id\n5,wd,t1\n";
const STOP_TIMES: &str =
    "trip_id,stop_id,stop_sequence,departure_time\nt1,a,1,06:00:00\nt1,b,2,06:10:00\n";

/// A zip of `files` (name, CSV text), deflated as the server sends it.
fn zip_of(files: &[(&str, &str)]) -> Vec<u8> {
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    for (name, text) in files {
        zip.start_file(*name, SimpleFileOptions::default()).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// The four required files, with `replaced` swapped in by name.
fn feed_with(replaced: &[(&'static str, &'static str)]) -> Vec<u8> {
    let mut files = vec![
        ("routes.txt", ROUTES),
        ("stops.txt", STOPS),
        ("trips.txt", TRIPS),
        ("stop_times.txt", STOP_TIMES),
    ];
    for (name, text) in replaced {
        match files.iter_mut().find(|(n, _)| n == name) {
            Some(file) => file.1 = text,
            None => files.push((name, text)),
        }
    }
    files.retain(|(_, text)| !text.is_empty());
    zip_of(&files)
}

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, d).unwrap()
}

#[test]
fn the_sandboxs_feed_reads_back_into_the_network_it_was_written_from() {
    let read = read_feed(gorod_sandbox::transport::gtfs_zip()).unwrap();
    let mut written = gorod_sandbox::transport::timetable().clone();
    written.routes.sort_by(|a, b| a.id.cmp(&b.id));
    written.stops.sort_by(|a, b| a.id.cmp(&b.id));
    written.trips.sort_by(|a, b| a.id.cmp(&b.id));
    written
        .calendars
        .sort_by(|a, b| a.service_id.cmp(&b.service_id));
    assert!(!written.trips.is_empty());
    assert_eq!(read, written);
}

#[test]
fn columns_are_found_by_name_whatever_their_order_quoting_or_byte_order_mark() {
    let feed = zip_of(&[
        (
            "feed/routes.txt",
            "\u{FEFF}route_type, route_id ,route_long_name\n3, 7 ,\"Вокзал — «Юность»\"\n",
        ),
        ("feed/stops.txt", STOPS),
        (
            "feed/trips.txt",
            "trip_id,service_id,route_id,trip_headsign,shape_id\nlate,wd,7,Вокзал,s1\n",
        ),
        (
            "feed/stop_times.txt",
            // Out of order, past midnight, a call without times, one with the arrival alone.
            "trip_id,arrival_time,departure_time,stop_id,stop_sequence\n\
             late,25:05:00,,b,3\nlate,,,a,2\nlate,23:50:00,23:51:30,a,1\n",
        ),
        ("feed/agency.txt", "agency_id,agency_name\nx,Y\n"),
    ]);
    let t = read_feed(&feed).unwrap();
    assert_eq!(
        t.routes,
        [Route {
            id: "7".into(),
            short_name: String::new(),
            long_name: "Вокзал — «Юность»".into(),
        }]
    );
    assert_eq!(t.stops[1].name, "Драмтеатр, «Юность»");
    let trip = &t.trips[0];
    assert_eq!(
        (trip.route_id.as_str(), trip.headsign.as_str()),
        ("7", "Вокзал")
    );
    let calls: Vec<(&str, u32, u32)> = trip
        .stop_times
        .iter()
        .map(|st| (st.stop_id.as_str(), st.sequence, st.departure))
        .collect();
    assert_eq!(
        calls,
        [
            ("a", 1, 23 * 3600 + 51 * 60 + 30),
            ("b", 3, 25 * 3600 + 5 * 60)
        ]
    );
    assert!(t.calendars.is_empty(), "no calendar files: no services");
}

#[test]
fn calendars_take_their_weekdays_and_dates_and_a_service_may_have_dates_alone() {
    let feed = feed_with(&[
        (
            "calendar.txt",
            "service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date\n\
             wd,1,1,1,1,1,0,0,20261201,20261231\n",
        ),
        (
            "calendar_dates.txt",
            "service_id,date,exception_type\nwd,20261208,2\nwd,20261205,1\nwd,20261204,2\nnew-year,20261231,1\n",
        ),
    ]);
    let t = read_feed(&feed).unwrap();
    let wd = &t.calendars[1];
    assert_eq!(wd.service_id, "wd");
    assert_eq!(wd.weekdays, [true, true, true, true, true, false, false]);
    assert_eq!((wd.start, wd.end), (day(1), day(31)));
    assert_eq!(wd.added, [day(5)]);
    assert_eq!(wd.removed, [day(4), day(8)]);
    assert!(wd.runs_on(day(5)) && !wd.runs_on(day(4)) && wd.runs_on(day(3)));
    let holiday = &t.calendars[0];
    assert_eq!(holiday.service_id, "new-year");
    assert!(holiday.runs_on(day(31)));
    assert!(!holiday.runs_on(day(30)));
}

#[test]
fn a_feed_that_breaks_the_rules_is_refused_with_where() {
    let calendar_head =
        "service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date\n";
    let cases: Vec<(Vec<u8>, &str)> = vec![
        (b"PK\x03\x04 not really".to_vec(), "not a zip"),
        (feed_with(&[("stops.txt", "")]), "no stops.txt"),
        (
            feed_with(&[(
                "stop_times.txt",
                "trip_id,stop_id,stop_sequence,departure_time\nt1,zz,1,06:00:00\n",
            )]),
            "trip t1 calls at stop zz",
        ),
        (
            feed_with(&[(
                "stop_times.txt",
                "trip_id,stop_id,stop_sequence,departure_time\nt9,a,1,06:00:00\n",
            )]),
            "of trip t9, which the feed lacks",
        ),
        (
            feed_with(&[(
                "stop_times.txt",
                "trip_id,stop_id,stop_sequence,departure_time\nt1,a,1,06:60:00\n",
            )]),
            "stop_times.txt, line 2: time «06:60:00»",
        ),
        (
            feed_with(&[(
                "stop_times.txt",
                "trip_id,stop_id,stop_sequence,departure_time\nt1,a,1,6:0:0\n",
            )]),
            "time «6:0:0»",
        ),
        (
            feed_with(&[(
                "stop_times.txt",
                "trip_id,stop_id,stop_sequence,departure_time\nt1,a,один,06:00:00\n",
            )]),
            "stop_sequence «один»",
        ),
        (
            feed_with(&[(
                "trips.txt",
                "route_id,service_id,trip_id\n5,wd,t1\n5,wd,t1\n",
            )]),
            "id t1 twice",
        ),
        (
            feed_with(&[("trips.txt", "route_id,trip_id\n5,t1\n")]),
            "trips.txt, line 2: no service_id",
        ),
        (
            feed_with(&[("routes.txt", "route_id,route_short_name\n5,5,extra\n")]),
            "routes.txt",
        ),
    ];
    for (feed, expected) in cases {
        let error = read_feed(&feed).expect_err(expected);
        assert!(
            error.contains(expected),
            "{error:?} should say {expected:?}"
        );
    }
    for (calendar, expected) in [
        (
            format!("{calendar_head}wd,1,1,1,1,1,0,2,20261201,20261231\n"),
            "sunday «2»",
        ),
        (
            format!("{calendar_head}wd,1,1,1,1,1,0,0,20261301,20261231\n"),
            "date «20261301»",
        ),
        (
            format!("{calendar_head}wd,1,1,1,1,1,0,0,2026-12-01,20261231\n"),
            "date «2026-12-01»",
        ),
    ] {
        let feed = zip_of(&[
            ("routes.txt", ROUTES),
            ("stops.txt", STOPS),
            ("trips.txt", TRIPS),
            ("stop_times.txt", STOP_TIMES),
            ("calendar.txt", &calendar),
        ]);
        let error = read_feed(&feed).expect_err(expected);
        assert!(
            error.contains(expected),
            "{error:?} should say {expected:?}"
        );
    }
    let dates = feed_with(&[(
        "calendar_dates.txt",
        "service_id,date,exception_type\nwd,20261201,3\n",
    )]);
    assert!(read_feed(&dates)
        .unwrap_err()
        .contains("exception_type «3»"));
}

#[test]
fn a_feed_of_too_many_trips_or_a_file_that_unpacks_too_large_is_refused() {
    let mut trips = String::from("route_id,service_id,trip_id\n");
    for i in 0..=MAX_TRIPS {
        trips.push_str(&format!("5,wd,t{i}\n"));
    }
    let feed = zip_of(&[
        ("routes.txt", ROUTES),
        ("stops.txt", STOPS),
        ("trips.txt", &trips),
        ("stop_times.txt", STOP_TIMES),
    ]);
    assert_eq!(read_feed(&feed).unwrap_err(), "too many trips");

    let feed = feed_with(&[]);
    assert!(read(&feed, 1 << 20).is_ok());
    let error = read(&feed, 32).unwrap_err();
    assert!(
        error.starts_with("routes.txt: larger than 32 bytes"),
        "{error}"
    );
}
