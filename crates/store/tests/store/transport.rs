//! «Транспорт» on the device: the kept feed, favourite stops, reminders, and what sign-out takes.

use chrono::{NaiveDate, TimeZone, Utc};
use ofis_store::KeptReminder;

use crate::support::TestDb;

#[test]
fn the_feed_favourites_and_reminders_are_kept_and_sign_out_takes_the_persons_part() {
    let db = TestDb::new();
    let at = Utc.with_ymd_and_hms(2026, 11, 25, 5, 0, 0).unwrap();
    let mut store = db.open();
    assert_eq!(store.transport_feed().unwrap(), None);
    store.save_transport_feed(b"PK first", at).unwrap();
    store.save_transport_feed(b"PK second", at).unwrap();
    store.add_favourite_stop("dramteatr", "Драмтеатр").unwrap();
    store
        .add_favourite_stop("rynok", "Центральный рынок")
        .unwrap();
    store.add_favourite_stop("dramteatr", "Драмтеатр").unwrap();
    let reminder = KeptReminder {
        stop_id: "dramteatr".into(),
        trip_id: "r5-wd-0-1015".into(),
        service_day: NaiveDate::from_ymd_opt(2026, 11, 25).unwrap(),
        minutes_before: 5,
    };
    store.save_reminder(&reminder).unwrap();
    drop(store);

    let mut store = db.open();
    let kept = store.transport_feed().unwrap().unwrap();
    assert_eq!(
        (kept.zip.as_slice(), kept.fetched_at),
        (&b"PK second"[..], at)
    );
    let names: Vec<String> = store
        .favourite_stops()
        .unwrap()
        .into_iter()
        .map(|(_, name)| name)
        .collect();
    assert_eq!(names, ["Драмтеатр", "Центральный рынок"]);
    assert_eq!(store.reminders().unwrap(), std::slice::from_ref(&reminder));

    store.remove_favourite_stop("dramteatr").unwrap();
    assert_eq!(store.favourite_stops().unwrap().len(), 1);
    assert!(
        store.reminders().unwrap().is_empty(),
        "the stop's reminders go with it"
    );

    store.save_reminder(&reminder).unwrap();
    store.wipe_personal_data().unwrap();
    assert!(store.favourite_stops().unwrap().is_empty());
    assert!(store.reminders().unwrap().is_empty());
    assert!(
        store.transport_feed().unwrap().is_some(),
        "the town's feed is not personal"
    );
}
