//! Invariants of the transport rules over generated numbers, amounts and delays.

use chrono::{DateTime, Duration, NaiveDate};
use proptest::prelude::*;

use super::card_type::ALL_TYPES;
use super::tests::number_of;
use super::*;
use crate::Money;

fn card_type() -> impl Strategy<Value = CardType> {
    (0..ALL_TYPES.len()).prop_map(|i| ALL_TYPES[i])
}

proptest! {
    #[test]
    fn a_valid_number_survives_grouping_and_one_wrong_digit_is_caught(
        t in card_type(), body in "[0-9]{12}", at in 6usize..19, bump in 1u8..10,
    ) {
        let digits = number_of(t, &body);
        let number = TransportCardNumber::parse(&digits).unwrap();
        prop_assert_eq!(number.card_type(), t);
        prop_assert_eq!(TransportCardNumber::parse(&number.grouped()).unwrap(), number.clone());
        prop_assert_eq!(group_as_typed(&digits), number.grouped());
        // One digit changed after the type's prefix: Luhn catches every single-digit error.
        let mut bytes = digits.into_bytes();
        bytes[at] = b'0' + (bytes[at] - b'0' + bump) % 10;
        let changed = String::from_utf8(bytes).unwrap();
        let parsed = TransportCardNumber::parse(&changed);
        if t.has_check_digit() {
            prop_assert_eq!(parsed, Err(CardNumberError::CheckDigit));
        } else {
            prop_assert!(parsed.is_ok());
        }
    }

    #[test]
    fn any_text_is_either_a_number_of_its_type_or_one_clear_error(text in "\\PC{0,30}") {
        match TransportCardNumber::parse(&text) {
            Ok(n) => {
                prop_assert_eq!(n.digits().len(), 19);
                prop_assert!(!n.card_type().has_check_digit() || crate::card::luhn_valid(n.digits()));
            }
            Err(e) => prop_assert!(!e.message_ru().is_empty()),
        }
    }

    #[test]
    fn trips_left_never_overspends(kopecks in 0u64..10_000_000, fare in 1u64..100_000) {
        let balance = Money::from_kopecks(kopecks).unwrap();
        let fare_m = Money::from_kopecks(fare).unwrap();
        let n = u64::from(trips_left(balance, fare_m).unwrap());
        prop_assert!(n * fare <= kopecks);
        prop_assert!((n + 1) * fare > kopecks);
    }

    #[test]
    fn a_top_up_accepted_is_within_the_types_limits(t in card_type(), kopecks in 0u64..1_000_000) {
        let amount = Money::from_kopecks(kopecks).unwrap();
        match (check_top_up(t, amount), t.top_up_limits()) {
            (Ok(()), Some((min, max))) => prop_assert!(min <= amount && amount <= max),
            (Err(TopUpError::NotOnline(_)), None) => prop_assert!(!t.online()),
            (Err(_), Some((min, max))) => prop_assert!(amount < min || amount > max),
            (other, limits) => prop_assert!(false, "{other:?} {limits:?}"),
        }
    }

    #[test]
    fn arrivals_are_in_predicted_order_and_never_before_now(
        delays in proptest::collection::vec(proptest::option::of(-600i32..1800), 1..20),
        now_offset in 0i64..3600,
    ) {
        let start = DateTime::from_timestamp(1_790_000_000, 0).unwrap();
        let feed = LiveFeed {
            timestamp: Some(start),
            trips: delays
                .iter()
                .enumerate()
                .filter_map(|(i, d)| d.map(|d| (format!("t{i}"), TripLive::Delay(d))))
                .collect(),
        };
        let departures = (0..delays.len()).map(|i| Departure {
            trip_id: format!("t{i}"),
            route_id: "r".into(),
            route_name: "1".into(),
            headsign: "x".into(),
            stop_id: "s".into(),
            service_day: NaiveDate::from_ymd_opt(2026, 9, 21).unwrap(),
            scheduled: start + Duration::minutes(i as i64 * 5),
        });
        let now = start + Duration::seconds(now_offset);
        let shown = next_arrivals(departures, &feed, FeedState::Live, now, 50);
        prop_assert!(shown.windows(2).all(|w| w[0].predicted <= w[1].predicted));
        for a in &shown {
            prop_assert!(a.predicted >= now);
            let delay = feed.trips.get(&a.departure.trip_id);
            let expected = match delay {
                Some(TripLive::Delay(d)) => a.departure.scheduled + Duration::seconds((*d).into()),
                _ => a.departure.scheduled,
            };
            prop_assert_eq!(a.predicted, expected);
        }
    }
}
