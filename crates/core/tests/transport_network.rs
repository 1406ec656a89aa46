//! «Транспорт» routes and arrival times against the sandbox over loopback HTTP: finding routes
//! and stops by name, a route's stops in order, a stop's arrivals with the live feed (a delay, a
//! cancelled trip), the schedule with the banner when the feed is off, favourite stops kept in
//! SQLite that still show arrivals with the server down and after a restart, and «Напомнить».

mod common {
    pub mod app;
}

use std::sync::{Arc, Mutex};

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use common::app::{open_with, sandbox, today, Setup};
use gorod_sandbox::RunningSandbox;
use ofis_api::sandbox::TransportFeedSwitches;
use ofis_core::{ArrivalRow, Clock, NetworkHit, Ofis, StopBoard, OFFLINE_BANNER};

/// A clock the test moves.
#[derive(Clone)]
struct MovingClock(Arc<Mutex<DateTime<Utc>>>);

impl Clock for MovingClock {
    fn now(&self) -> DateTime<Utc> {
        *self.0.lock().unwrap()
    }
}

/// A local time (Asia/Yekaterinburg) of the demo day.
fn at(hour: u32, minute: u32) -> DateTime<Utc> {
    local(today(), hour, minute)
}

fn local(day: NaiveDate, hour: u32, minute: u32) -> DateTime<Utc> {
    ofis_domain::tz::offset()
        .from_local_datetime(&day.and_hms_opt(hour, minute, 0).unwrap())
        .unwrap()
        .to_utc()
}

/// The app and the sandbox at the same standing instant, the sandbox's feed as `switches`.
struct Town {
    sandbox: RunningSandbox,
    clock: MovingClock,
    dir: tempfile::TempDir,
}

impl Town {
    async fn at(hour: u32, minute: u32) -> Town {
        let town = Town {
            sandbox: sandbox().await,
            clock: MovingClock(Arc::new(Mutex::new(at(hour, minute)))),
            dir: tempfile::tempdir().unwrap(),
        };
        town.move_to(at(hour, minute));
        town
    }

    fn move_to(&self, now: DateTime<Utc>) {
        *self.clock.0.lock().unwrap() = now;
        let local = now.with_timezone(&ofis_domain::tz::offset());
        self.sandbox.state.set_today(local.date_naive());
        self.sandbox.state.set_time_of_day(Some(local.time()));
    }

    fn feed(&self, switches: TransportFeedSwitches) {
        self.sandbox.state.set_transport_feed(switches);
    }

    async fn open(&self, server: &str) -> Ofis {
        open_on(&self.clock, &self.dir, server).await
    }
}

/// The app on `dir` against `server`, its clock `clock`.
async fn open_on(clock: &MovingClock, dir: &tempfile::TempDir, server: &str) -> Ofis {
    let setup = Setup {
        clock: Arc::new(clock.clone()),
        ..Setup::default()
    };
    open_with(server, dir.path(), setup).await
}

/// The scheduled time of a row, «10:15».
fn scheduled_hm(a: &ArrivalRow) -> String {
    a.scheduled.clone().unwrap_or_else(|| a.predicted.clone())
}

/// «10:15» of the demo day as an instant.
fn hm(text: &str) -> DateTime<Utc> {
    let (h, m) = text.split_once(':').unwrap();
    at(h.parse().unwrap(), m.parse().unwrap())
}

fn status_of<'a>(board: &'a StopBoard, trip: &str) -> Option<&'a str> {
    board
        .arrivals
        .iter()
        .find(|a| a.trip_id == trip)
        .map(|a| a.status.as_str())
}

#[tokio::test]
async fn routes_and_stops_are_found_by_name_and_a_route_lists_its_stops_in_order() {
    let town = Town::at(10, 0).await;
    let ofis = town.open(&town.sandbox.gorod_url).await;
    let found = ofis.find_in_network("ДРАМ").await.unwrap();
    assert!(
        matches!(&found[..], [NetworkHit::Stop(s)] if s.name == "Драмтеатр" && !s.favourite),
        "{found:?}"
    );
    let routes = ofis.find_in_network("5").await.unwrap();
    let Some(NetworkHit::Route { id, number, .. }) = routes.first() else {
        panic!("route 5: {routes:?}");
    };
    assert_eq!(number, "5");
    let line = ofis.route_line(id).await.unwrap();
    let names: Vec<&str> = line.stops.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Автовокзал",
            "Площадь Гагарина",
            "Драмтеатр",
            "Центральный рынок",
            "Старый город"
        ]
    );
    assert!(ofis.find_in_network("  ").await.unwrap().is_empty());
    assert!(ofis.find_in_network("Нет такой").await.unwrap().is_empty());
    town.sandbox.shutdown().await;
}

#[tokio::test]
async fn live_arrivals_show_a_delay_and_a_cancelled_trip_and_the_schedule_when_the_feed_is_off() {
    let town = Town::at(10, 0).await;
    let ofis = town.open(&town.sandbox.gorod_url).await;
    let first = ofis.stop_arrivals("dramteatr").await.unwrap();
    assert_eq!(first.stop.name, "Драмтеатр");
    assert_eq!(first.banner, None, "the feed is live");
    assert_eq!(first.arrivals.len(), ofis_core::ARRIVALS_SHOWN);
    let (late, gone) = (&first.arrivals[4], &first.arrivals[5]);
    town.feed(TransportFeedSwitches {
        delays: [(late.trip_id.clone(), 420)].into(),
        cancelled: vec![gone.trip_id.clone()],
        ..Default::default()
    });

    let board = ofis.stop_arrivals("dramteatr").await.unwrap();
    let shown = board
        .arrivals
        .iter()
        .find(|a| a.trip_id == late.trip_id)
        .unwrap();
    assert_eq!(shown.status, "опаздывает на 7 мин");
    assert_eq!(shown.scheduled, Some(scheduled_hm(late)));
    assert_eq!(
        hm(&shown.predicted),
        hm(&scheduled_hm(late)) + Duration::minutes(7)
    );
    assert_eq!(status_of(&board, &gone.trip_id), Some("рейс отменён"));
    assert!(board.arrivals.iter().any(|a| a.cancelled));

    town.feed(TransportFeedSwitches {
        stale_minutes: 12,
        ..Default::default()
    });
    let stale = ofis.stop_arrivals("dramteatr").await.unwrap();
    assert!(
        stale.banner.as_deref().unwrap().contains("устарели"),
        "{stale:?}"
    );

    town.feed(TransportFeedSwitches {
        delays: [(late.trip_id.clone(), 420)].into(),
        down: true,
        ..Default::default()
    });
    let off = ofis.stop_arrivals("dramteatr").await.unwrap();
    assert_eq!(
        off.banner.as_deref(),
        Some("Нет данных о движении транспорта: показано расписание")
    );
    assert_eq!(
        off.arrivals.len(),
        ofis_core::ARRIVALS_SHOWN,
        "the schedule, not nothing"
    );
    assert!(off
        .arrivals
        .iter()
        .all(|a| a.status == "по расписанию" && a.scheduled.is_none()));
    town.sandbox.shutdown().await;
}

#[tokio::test]
async fn a_favourite_stop_shows_the_schedule_with_the_server_down_and_after_a_restart() {
    let town = Town::at(10, 0).await;
    let url = town.sandbox.gorod_url.clone();
    let ofis = town.open(&url).await;
    ofis.set_favourite_stop("dramteatr", true).await.unwrap();
    ofis.set_favourite_stop("rynok-nonexistent", true)
        .await
        .expect_err("no such stop");
    let favourites = ofis.favourite_stops().await.unwrap();
    assert_eq!(favourites.len(), 1);
    assert!(favourites[0].favourite && favourites[0].name == "Драмтеатр");
    let live = ofis.stop_arrivals("dramteatr").await.unwrap();
    assert!(live.stop.favourite && live.banner.is_none());

    let Town {
        sandbox,
        clock,
        dir,
    } = town;
    sandbox.shutdown().await;
    let offline = ofis.stop_arrivals("dramteatr").await.unwrap();
    assert_eq!(offline.banner.as_deref(), Some(OFFLINE_BANNER));
    assert_eq!(offline.arrivals.len(), ofis_core::ARRIVALS_SHOWN);
    assert!(offline.arrivals.iter().all(|a| a.status == "по расписанию"));
    let trips = |b: &StopBoard| {
        b.arrivals
            .iter()
            .map(|a| (a.trip_id.clone(), a.predicted.clone()))
            .collect::<Vec<_>>()
    };
    drop(ofis);

    // A restart on the same data with the server gone: the kept feed and favourite.
    let ofis = open_on(&clock, &dir, &url).await;
    let favourites = ofis.favourite_stops().await.unwrap();
    assert_eq!(favourites[0].id, "dramteatr");
    let board = ofis.stop_arrivals("dramteatr").await.unwrap();
    assert_eq!(board.banner.as_deref(), Some(OFFLINE_BANNER));
    assert_eq!(trips(&board), trips(&offline));
    assert!(board.stop.favourite);

    ofis.set_favourite_stop("dramteatr", false).await.unwrap();
    assert!(ofis.favourite_stops().await.unwrap().is_empty());
}

#[tokio::test]
async fn a_reminder_goes_out_minutes_before_the_bus_by_the_live_time_then_by_the_schedule() {
    let town = Town::at(10, 0).await;
    let ofis = town.open(&town.sandbox.gorod_url).await;
    ofis.set_favourite_stop("dramteatr", true).await.unwrap();
    let board = ofis.stop_arrivals("dramteatr").await.unwrap();
    let late = board.arrivals[4].clone();
    town.feed(TransportFeedSwitches {
        delays: [(late.trip_id.clone(), 420)].into(),
        ..Default::default()
    });
    ofis.remind_before("dramteatr", &late.trip_id, late.service_day, Some(5))
        .await
        .unwrap();
    let marked = ofis.stop_arrivals("dramteatr").await.unwrap();
    let row = marked.arrivals.iter().find(|a| a.trip_id == late.trip_id);
    assert_eq!(row.unwrap().reminder, Some(5));

    // Four minutes before its scheduled time: by the schedule it would be due, but it runs
    // seven minutes late.
    let due = hm(&scheduled_hm(&late));
    town.move_to(due - Duration::minutes(4));
    ofis.check_transport_reminders().await.unwrap();
    assert!(ofis.snapshot().notifications.is_empty(), "not yet");
    town.move_to(due + Duration::minutes(3));
    ofis.check_transport_reminders().await.unwrap();
    let said = ofis.snapshot().notifications;
    assert_eq!(said.len(), 1, "{said:?}");
    assert!(
        said[0].contains("через 4 мин") && said[0].contains("по данным о движении"),
        "{said:?}"
    );
    assert!(said[0].contains("«Драмтеатр»"), "{said:?}");
    ofis.check_transport_reminders().await.unwrap();
    assert_eq!(ofis.snapshot().notifications.len(), 1, "once");

    // The feed off: a later bus by its schedule.
    town.feed(TransportFeedSwitches {
        down: true,
        ..Default::default()
    });
    let later = ofis.stop_arrivals("dramteatr").await.unwrap().arrivals[7].clone();
    ofis.remind_before("dramteatr", &later.trip_id, later.service_day, Some(5))
        .await
        .unwrap();
    town.move_to(hm(&later.predicted) - Duration::minutes(6));
    ofis.check_transport_reminders().await.unwrap();
    assert_eq!(ofis.snapshot().notifications.len(), 1, "not yet");
    town.move_to(hm(&later.predicted) - Duration::minutes(5));
    ofis.check_transport_reminders().await.unwrap();
    let said = ofis.snapshot().notifications;
    assert_eq!(said.len(), 2, "{said:?}");
    assert!(
        said[1].contains("через 5 мин") && said[1].contains("по расписанию"),
        "{said:?}"
    );
    town.sandbox.shutdown().await;
}
