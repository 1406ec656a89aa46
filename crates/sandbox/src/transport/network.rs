//! The demo town's network: three routes (two buses and a tram) over Russian-named stops, both
//! directions, every day from 06:00 to 22:00, more often on weekdays; November 4th runs the
//! weekend service. Built once as a domain [`Timetable`]; [`gtfs`](super::gtfs) writes it as the
//! GTFS zip, and the live feed and the arrivals are computed from it.

use std::sync::OnceLock;

use chrono::NaiveDate;
use ofis_domain::transport::{Route, ServiceCalendar, Stop, StopTime, Timetable, Trip};

/// Stops: id, name, latitude, longitude.
pub(crate) const STOPS: &[(&str, &str, &str, &str)] = &[
    ("avtovokzal", "Автовокзал", "51.2049", "58.5668"),
    ("gagarina", "Площадь Гагарина", "51.2093", "58.5798"),
    ("dramteatr", "Драмтеатр", "51.2131", "58.5904"),
    ("rynok", "Центральный рынок", "51.2167", "58.6012"),
    ("staryi-gorod", "Старый город", "51.2201", "58.6133"),
    ("novyi-gorod", "Новый город", "51.2302", "58.4701"),
    ("yubileinyi", "ДК «Юбилейный»", "51.2215", "58.5102"),
    ("shkola-5", "Школа № 5", "51.2122", "58.5506"),
    ("bolnitsa", "Городская больница", "51.2011", "58.5402"),
    ("vokzal", "Железнодорожный вокзал", "51.1932", "58.6021"),
    ("park", "Парк культуры", "51.2188", "58.5833"),
    ("yolochnaya", "Ёлочная", "51.2251", "58.5750"),
];

/// A route: id, number, name, GTFS route type (3 bus, 0 tram), stops in direction 0, minutes
/// between trips on weekdays and at weekends.
struct RouteSeed {
    id: &'static str,
    short_name: &'static str,
    long_name: &'static str,
    route_type: u8,
    stops: &'static [&'static str],
    weekday_headway: u32,
    weekend_headway: u32,
}

const ROUTES: &[RouteSeed] = &[
    RouteSeed {
        id: "r5",
        short_name: "5",
        long_name: "Автовокзал — Старый город",
        route_type: 3,
        stops: &[
            "avtovokzal",
            "gagarina",
            "dramteatr",
            "rynok",
            "staryi-gorod",
        ],
        weekday_headway: 15,
        weekend_headway: 30,
    },
    RouteSeed {
        id: "r12",
        short_name: "12",
        long_name: "Новый город — Городская больница",
        route_type: 3,
        stops: &[
            "novyi-gorod",
            "yubileinyi",
            "shkola-5",
            "gagarina",
            "bolnitsa",
        ],
        weekday_headway: 20,
        weekend_headway: 40,
    },
    RouteSeed {
        id: "t3",
        short_name: "3",
        long_name: "Железнодорожный вокзал — Ёлочная",
        route_type: 0,
        stops: &["vokzal", "dramteatr", "park", "yolochnaya"],
        weekday_headway: 12,
        weekend_headway: 24,
    },
];

/// Minutes between two stops.
const MINUTES_BETWEEN_STOPS: u32 = 4;
/// The first and the last departure from a terminus, minutes after midnight.
const FIRST_DEPARTURE: u32 = 6 * 60;
const LAST_DEPARTURE: u32 = 22 * 60;
/// The years the calendar covers.
const FIRST_YEAR: i32 = 2020;
const LAST_YEAR: i32 = 2035;

/// GTFS route type of a route (3 bus, 0 tram).
pub(crate) fn route_type(route_id: &str) -> u8 {
    ROUTES
        .iter()
        .find(|r| r.id == route_id)
        .map_or(3, |r| r.route_type)
}

/// The stop's coordinates, as written in `stops.txt`.
pub(crate) fn coordinates(stop_id: &str) -> (&'static str, &'static str) {
    STOPS
        .iter()
        .find(|s| s.0 == stop_id)
        .map_or(("0", "0"), |s| (s.2, s.3))
}

/// The network, built once (what the GTFS zip is written from).
pub fn timetable() -> &'static Timetable {
    static TIMETABLE: OnceLock<Timetable> = OnceLock::new();
    TIMETABLE.get_or_init(build)
}

fn build() -> Timetable {
    let mut trips = Vec::new();
    for route in ROUTES {
        for (service, headway) in [
            ("weekdays", route.weekday_headway),
            ("weekends", route.weekend_headway),
        ] {
            for direction in 0..2u8 {
                let mut stops: Vec<&str> = route.stops.to_vec();
                if direction == 1 {
                    stops.reverse();
                }
                let mut start = FIRST_DEPARTURE;
                while start <= LAST_DEPARTURE {
                    trips.push(trip(route, service, direction, start, &stops));
                    start += headway;
                }
            }
        }
    }
    Timetable {
        routes: ROUTES
            .iter()
            .map(|r| Route {
                id: r.id.into(),
                short_name: r.short_name.into(),
                long_name: r.long_name.into(),
            })
            .collect(),
        stops: STOPS
            .iter()
            .map(|s| Stop {
                id: s.0.into(),
                name: s.1.into(),
            })
            .collect(),
        trips,
        calendars: calendars(),
    }
}

fn trip(route: &RouteSeed, service: &str, direction: u8, start: u32, stops: &[&str]) -> Trip {
    let name = |id: &str| STOPS.iter().find(|s| s.0 == id).map_or("", |s| s.1);
    Trip {
        id: format!(
            "{}-{}-{direction}-{:02}{:02}",
            route.id,
            if service == "weekdays" { "wd" } else { "we" },
            start / 60,
            start % 60
        ),
        route_id: route.id.into(),
        service_id: service.into(),
        headsign: name(stops.last().copied().unwrap_or_default()).into(),
        stop_times: stops
            .iter()
            .zip(0u32..)
            .map(|(stop, i)| StopTime {
                stop_id: (*stop).into(),
                sequence: i + 1,
                departure: (start + i * MINUTES_BETWEEN_STOPS) * 60,
            })
            .collect(),
    }
}

fn calendars() -> Vec<ServiceCalendar> {
    let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default();
    let holidays: Vec<NaiveDate> = (FIRST_YEAR..=LAST_YEAR).map(|y| day(y, 11, 4)).collect();
    let calendar =
        |id: &str, weekdays, added: &[NaiveDate], removed: &[NaiveDate]| ServiceCalendar {
            service_id: id.into(),
            weekdays,
            start: day(FIRST_YEAR, 1, 1),
            end: day(LAST_YEAR, 12, 31),
            added: added.to_vec(),
            removed: removed.to_vec(),
        };
    let weekdays = [true, true, true, true, true, false, false];
    let weekends = [false, false, false, false, false, true, true];
    vec![
        calendar("weekdays", weekdays, &[], &holidays),
        calendar("weekends", weekends, &holidays, &[]),
    ]
}
