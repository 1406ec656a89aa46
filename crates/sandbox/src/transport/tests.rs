//! The transport world's invariants, without HTTP.

use chrono::NaiveDate;
use ofis_domain::transport::TransportCardNumber;

use super::world::CARDS;
use super::*;

#[test]
fn every_demo_card_number_is_valid_and_of_its_type() {
    for card in CARDS {
        let number = TransportCardNumber::parse(&card.number()).unwrap();
        assert_eq!(number.card_type(), card.card_type);
        assert!(world::card(&number).is_some());
    }
    let types: std::collections::HashSet<_> = CARDS.iter().map(|c| c.card_type).collect();
    assert_eq!(types.len(), 9, "one of every type");
}

#[test]
fn trip_ids_are_unique() {
    let trips = &network::timetable().trips;
    let ids: std::collections::HashSet<&str> = trips.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(ids.len(), trips.len());
}

#[test]
fn the_gtfs_zip_is_the_same_bytes_every_time_and_not_empty() {
    let first = gtfs::gtfs_zip().to_vec();
    assert!(first.starts_with(b"PK"));
    assert!(first.len() > 1_000);
    assert_eq!(gtfs::gtfs_zip(), first.as_slice());
}

#[test]
fn the_history_never_goes_below_zero_and_is_the_same_for_the_same_clock() {
    let today = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
    let state = TransportState::new(today);
    let now = local(today, 12, 0);
    for card in CARDS {
        let number = TransportCardNumber::parse(&card.number()).unwrap();
        let a = ledger::book(&state, card, &number, now);
        let b = ledger::book(&state, card, &number, now);
        assert_eq!(a.trips, b.trips);
        assert_eq!(a.balance, b.balance);
        assert!(!a.trips.is_empty(), "{number:?} rides");
        let spent: ofis_domain::Money = a.trips.iter().map(|t| t.fare).sum();
        let credited: ofis_domain::Money = a.top_ups.iter().map(|t| t.amount).sum();
        assert_eq!(card.opening_balance + credited - spent, a.balance);
    }
}
