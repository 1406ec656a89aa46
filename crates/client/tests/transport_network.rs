//! The town's network through the client against the sandbox over loopback: the GTFS feed
//! parsed into routes, stops in order and next arrivals (the same as the server's), and the live
//! feed's delays, early buses, cancellations, staleness and absence seen as such.

mod transport_support;

use chrono::{DateTime, Duration, Utc};
use ofis_api::{paths, ArrivalStatusDto, LiveFeedState};
use ofis_client::{gtfs, ClientError, ClientOptions, GorodClient};
use ofis_domain::transport::{feed_state, next_arrivals, ArrivalStatus, FeedState, TripLive};
use serde_json::json;
use transport_support::{at, control, sandbox, today};

#[tokio::test]
async fn the_gtfs_feed_parses_into_routes_stops_in_order_and_the_servers_next_arrivals() {
    let sandbox = sandbox().await;
    let client = GorodClient::new(&sandbox.gorod_url, &ClientOptions::default()).unwrap();
    let network = client.timetable().await.unwrap();
    assert_eq!(network.routes.len(), 3);
    let five = &network.find_routes("5")[0];
    let names: Vec<&str> = network
        .route_stops(&five.id)
        .iter()
        .map(|s| s.name.as_str())
        .collect();
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
    let stop = network.find_stops("драмтеатр")[0].clone();
    assert_eq!(client.find_stops("драмтеатр").await.unwrap()[0].id, stop.id);
    assert_eq!(client.route_stops(&five.id).await.unwrap().len(), 5);

    let now = at(today(), 10, 0);
    let live = client.live_feed().await.unwrap();
    let state = feed_state(live.timestamp, true, now);
    assert_eq!(state, FeedState::Live);
    let departures =
        network.departures_after(&stop.id, now - Duration::minutes(30), Duration::hours(3));
    let mine = next_arrivals(departures, &live, state, now, 8);
    assert_eq!(mine.len(), 8);
    assert!(
        mine.iter().any(|a| a.status == ArrivalStatus::Scheduled),
        "not yet on the road"
    );
    let server = client.stop_arrivals(&stop.id).await.unwrap();
    let theirs: Vec<(String, DateTime<Utc>)> = server
        .arrivals
        .iter()
        .map(|a| (a.trip_id.clone(), a.predicted))
        .collect();
    let ours: Vec<(String, DateTime<Utc>)> = mine
        .iter()
        .map(|a| (a.departure.trip_id.clone(), a.predicted))
        .collect();
    assert_eq!(ours, theirs, "the app and the server agree");
    sandbox.shutdown().await;
}

#[tokio::test]
async fn live_delays_early_buses_cancellations_staleness_and_no_feed_are_seen_as_such() {
    let sandbox = sandbox().await;
    let client = GorodClient::new(&sandbox.gorod_url, &ClientOptions::default()).unwrap();
    let network = gtfs::parse_gtfs(&client.gtfs_zip().await.unwrap()).unwrap();
    let now = at(today(), 10, 0);
    let coming =
        network.departures_after("dramteatr", now + Duration::minutes(20), Duration::hours(1));
    let (late, early, gone) = (&coming[0].trip_id, &coming[1].trip_id, &coming[2].trip_id);
    let switches = json!({ "delays": { late: 420, early: -120 }, "cancelled": [gone] });
    control(&sandbox, paths::SANDBOX_TRANSPORT_FEED, switches).await;

    let live = client.live_feed().await.unwrap();
    assert_eq!(live.trips.get(late), Some(&TripLive::Delay(420)));
    assert_eq!(live.trips.get(early), Some(&TripLive::Delay(-120)));
    assert_eq!(live.trips.get(gone), Some(&TripLive::Cancelled));
    let departures = network.departures_after("dramteatr", now, Duration::hours(2));
    let shown = next_arrivals(
        departures,
        &live,
        feed_state(live.timestamp, true, now),
        now,
        20,
    );
    let status = |trip: &str| {
        shown
            .iter()
            .find(|a| a.departure.trip_id == trip)
            .map(|a| a.status)
    };
    assert_eq!(status(late), Some(ArrivalStatus::Late(7)));
    assert_eq!(status(early), Some(ArrivalStatus::Early(2)));
    assert_eq!(status(gone), Some(ArrivalStatus::Cancelled));
    let server = client.stop_arrivals("dramteatr").await.unwrap();
    let on_server = |trip: &str| {
        server
            .arrivals
            .iter()
            .find(|a| a.trip_id == trip)
            .map(|a| a.status)
    };
    assert_eq!(on_server(late), Some(ArrivalStatusDto::Late));
    assert_eq!(on_server(gone), Some(ArrivalStatusDto::Cancelled));

    control(
        &sandbox,
        paths::SANDBOX_TRANSPORT_FEED,
        json!({ "delays": { late: 420 }, "stale_minutes": 12 }),
    )
    .await;
    let stale = client.live_feed().await.unwrap();
    assert_eq!(
        feed_state(stale.timestamp, true, now),
        FeedState::Stale { minutes: 12 }
    );
    let server = client.stop_arrivals("dramteatr").await.unwrap();
    assert_eq!(server.feed, LiveFeedState::Stale);
    assert!(server.banner.is_some());
    assert!(server
        .arrivals
        .iter()
        .all(|a| a.status == ArrivalStatusDto::Scheduled));

    control(
        &sandbox,
        paths::SANDBOX_TRANSPORT_FEED,
        json!({ "down": true }),
    )
    .await;
    assert!(matches!(
        client.live_feed().await,
        Err(ClientError::Server { status: 503, .. })
    ));
    let server = client.stop_arrivals("dramteatr").await.unwrap();
    assert_eq!(server.feed, LiveFeedState::Down);
    assert!(!server.arrivals.is_empty(), "the schedule, not nothing");
    assert_eq!(feed_state(None, false, now), FeedState::Down);
    sandbox.shutdown().await;
}

#[test]
fn bytes_that_are_not_a_feed_are_refused_not_trusted() {
    for junk in [&b""[..], b"PK\x03\x04 not really", b"{\"routes\": []}"] {
        assert!(matches!(
            gtfs::parse_gtfs(junk),
            Err(ClientError::Decode(_))
        ));
    }
    assert!(matches!(
        gtfs::parse_realtime(b"\xff\xff\xff\xff"),
        Err(ClientError::Decode(_))
    ));
    // An empty message lacks the required header: refused too.
    assert!(matches!(
        gtfs::parse_realtime(b""),
        Err(ClientError::Decode(_))
    ));
}

proptest::proptest! {
    #![proptest_config(proptest::test_runner::Config { cases: 64, ..Default::default() })]

    /// A damaged feed (bytes flipped anywhere in the real zip, or any bytes as realtime) is an
    /// error or a feed, never a panic.
    #[test]
    fn damaged_feeds_never_panic(
        flips in proptest::collection::vec((0usize..1 << 20, 1u8..=255), 1..8),
        junk in proptest::collection::vec(proptest::num::u8::ANY, 0..512),
    ) {
        let mut zip = gorod_sandbox::transport::gtfs_zip().to_vec();
        let len = zip.len();
        for (at, bits) in flips {
            zip[at % len] ^= bits;
        }
        let _ = gtfs::parse_gtfs(&zip);
        let _ = gtfs::parse_realtime(&junk);
    }
}
