//! Tables of cases for the transport rules.

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use rust_decimal_macros::dec;

use super::card_type::ALL_TYPES;
use super::*;
use crate::{tz, Money};

fn rub(value: rust_decimal::Decimal) -> Money {
    Money::new(value).unwrap()
}

/// A valid number of a type: its prefix, `body`, and a Luhn digit where the type has one.
pub(super) fn number_of(card_type: CardType, body: &str) -> String {
    let mut digits = format!("9643{}{body}", card_type.code());
    assert_eq!(digits.len(), 18, "{digits}");
    let check = (0..10)
        .map(|d| format!("{digits}{d}"))
        .find(|n| crate::card::luhn_valid(n))
        .unwrap();
    if card_type.has_check_digit() {
        digits = check;
    } else {
        digits.push('0');
    }
    digits
}

#[test]
fn a_card_number_is_19_digits_of_a_known_type_with_its_check_digit() {
    let etk_online = number_of(CardType::EtkOnline, "123456789012");
    let parsed = TransportCardNumber::parse(&etk_online).unwrap();
    assert_eq!(parsed.card_type(), CardType::EtkOnline);
    assert_eq!(parsed.grouped().len(), 19 + 4);
    let spaced = TransportCardNumber::parse(&parsed.grouped()).unwrap();
    assert_eq!(spaced, parsed);

    let mut wrong_check = etk_online.clone();
    let last = wrong_check.pop().unwrap();
    wrong_check.push(if last == '9' {
        '0'
    } else {
        char::from(last as u8 + 1)
    });
    for (text, expected) in [
        ("", CardNumberError::Empty),
        ("   ", CardNumberError::Empty),
        ("9643 1012 3456 7890 12a", CardNumberError::NotDigits),
        ("9643.1012", CardNumberError::NotDigits),
        ("٩٦٤٣", CardNumberError::NotDigits),
        ("9643 1012 3456", CardNumberError::Length(12)),
        ("96431012345678901234", CardNumberError::Length(20)),
        ("1234567890123456789", CardNumberError::UnknownType),
        ("9643991234567890123", CardNumberError::UnknownType),
        (wrong_check.as_str(), CardNumberError::CheckDigit),
    ] {
        assert_eq!(TransportCardNumber::parse(text), Err(expected), "{text:?}");
    }
}

#[test]
fn types_without_a_check_digit_take_any_last_digit() {
    for card_type in [CardType::Etk, CardType::KshAirtag, CardType::SkAirtag] {
        assert!(!card_type.has_check_digit());
        let base = number_of(card_type, "555555555555");
        for last in '0'..='9' {
            let text = format!("{}{last}", &base[..18]);
            assert_eq!(
                TransportCardNumber::parse(&text).map(|n| n.card_type()),
                Ok(card_type)
            );
        }
    }
    assert!(CardType::ProfDiscount.has_check_digit());
    assert!(ONLINE_TYPES.iter().all(|t| t.has_check_digit()));
}

#[test]
fn grouping_as_typed_keeps_digits_only_and_at_most_19() {
    for (typed, shown) in [
        ("", ""),
        ("9643", "9643"),
        ("96431", "9643 1"),
        ("9643-1012 34", "9643 1012 34"),
        ("9643 1234 5678 9012 3456789", "9643 1234 5678 9012 345"),
        ("ab96", "96"),
    ] {
        assert_eq!(group_as_typed(typed), shown, "{typed:?}");
    }
}

#[test]
fn the_online_types_are_exactly_the_manuals_list() {
    let online: Vec<&str> = ALL_TYPES
        .iter()
        .filter(|t| t.online())
        .map(|t| t.label())
        .collect();
    assert_eq!(
        online,
        [
            "ЕТК-Онлайн",
            "КШ Airtag-Онлайн",
            "СК Airtag-онлайн",
            "Единая транспортная карта «ПрофДИСКОНТ-Онлайн»",
            "Карта школьника Орск Online",
        ]
    );
    for t in ALL_TYPES {
        assert_eq!(t.online(), t.top_up_limits().is_some(), "{t:?}");
        assert_eq!(t.online(), t.offline_advice().is_none(), "{t:?}");
        assert_eq!(CardType::of(&number_of(t, "000000000000")), Some(t));
        assert_eq!(t.allowances().is_some(), t.kind() != CardKind::Regular);
    }
}

#[test]
fn a_card_that_is_not_online_gets_the_manuals_advice() {
    let advice = CardType::Etk.offline_advice().unwrap();
    assert!(advice.starts_with("Карту «ЕТК» нельзя пополнить через приложение."));
    assert!(advice.contains(
        "например: «ЕТК-Онлайн», «КШ Airtag-Онлайн», «СК Airtag-онлайн», «Единая транспортная \
         карта «ПрофДИСКОНТ-Онлайн», «Карта школьника Орск Online»."
    ));
    assert!(advice
        .ends_with("Уточнить информацию о способах пополнения Вашей карты можно на сайте орск.рф"));
}

#[test]
fn a_top_up_is_within_its_types_minimum_and_maximum() {
    let etk = CardType::EtkOnline;
    for (amount, expected) in [
        (dec!(50), Ok(())),
        (dec!(3000), Ok(())),
        (dec!(49.99), Err(TopUpError::BelowMin(rub(dec!(50))))),
        (dec!(3000.01), Err(TopUpError::AboveMax(rub(dec!(3000))))),
        (dec!(0), Err(TopUpError::Zero)),
    ] {
        assert_eq!(check_top_up(etk, rub(amount)), expected, "{amount}");
    }
    assert_eq!(
        check_top_up(CardType::Etk, rub(dec!(100))),
        Err(TopUpError::NotOnline(CardType::Etk))
    );
    assert_eq!(
        TopUpError::BelowMin(rub(dec!(50))).message_ru(),
        format!(
            "Сумма пополнения — не меньше {}",
            rub(dec!(50)).display_rub()
        )
    );
}

#[test]
fn trips_left_is_the_balance_over_the_fare_rounded_down() {
    for (balance, fare, trips) in [
        (dec!(0), dec!(32), Some(0)),
        (dec!(31.99), dec!(32), Some(0)),
        (dec!(32), dec!(32), Some(1)),
        (dec!(100), dec!(32), Some(3)),
        (dec!(160), dec!(16), Some(10)),
        (dec!(10), dec!(0), None),
    ] {
        assert_eq!(
            trips_left(rub(balance), rub(fare)),
            trips,
            "{balance}/{fare}"
        );
    }
}

#[test]
fn the_low_balance_alert_is_the_school_one_fired_once_and_rearmed_by_a_top_up() {
    let mut alert = LowBalanceAlert::new(CardType::EtkOnline.fare());
    assert!(!alert.observe(rub(dec!(100))));
    assert!(alert.observe(rub(dec!(20))));
    assert!(!alert.observe(rub(dec!(10))), "once");
    alert.top_up_posted();
    assert!(alert.observe(rub(dec!(10))));
}

fn at(h: u32, m: u32) -> DateTime<Utc> {
    tz::offset()
        .with_ymd_and_hms(2026, 11, 25, h, m, 0)
        .single()
        .unwrap()
        .to_utc()
}

fn departure(trip: &str, h: u32, m: u32) -> Departure {
    Departure {
        trip_id: trip.into(),
        route_id: "r5".into(),
        route_name: "5".into(),
        headsign: "Вокзал".into(),
        stop_id: "s1".into(),
        service_day: NaiveDate::from_ymd_opt(2026, 11, 25).unwrap(),
        scheduled: at(h, m),
    }
}

#[test]
fn predicted_is_scheduled_plus_delay_and_the_feed_decides_what_is_shown() {
    let feed = LiveFeed {
        timestamp: Some(at(10, 0)),
        trips: [
            ("late".to_string(), TripLive::Delay(7 * 60)),
            ("early".to_string(), TripLive::Delay(-2 * 60)),
            ("ontime".to_string(), TripLive::Delay(30)),
            ("gone".to_string(), TripLive::Cancelled),
        ]
        .into(),
    };
    let departures = || {
        vec![
            departure("late", 10, 5),
            departure("early", 10, 10),
            departure("ontime", 10, 12),
            departure("gone", 10, 15),
            departure("nolive", 10, 20),
            departure("past", 9, 50),
        ]
    };
    let now = at(10, 1);
    let state = feed_state(feed.timestamp, true, now);
    assert_eq!(state, FeedState::Live);
    let shown = next_arrivals(departures(), &feed, state, now, 10);
    let view: Vec<(&str, DateTime<Utc>, ArrivalStatus)> = shown
        .iter()
        .map(|a| (a.departure.trip_id.as_str(), a.predicted, a.status))
        .collect();
    assert_eq!(
        view,
        [
            ("early", at(10, 8), ArrivalStatus::Early(2)),
            ("late", at(10, 12), ArrivalStatus::Late(7)),
            (
                "ontime",
                at(10, 12) + Duration::seconds(30),
                ArrivalStatus::OnTime
            ),
            ("gone", at(10, 15), ArrivalStatus::Cancelled),
            ("nolive", at(10, 20), ArrivalStatus::Scheduled),
        ]
    );
    assert_eq!(shown[1].scheduled_if_different(), Some(at(10, 5)));
    assert_eq!(shown[4].scheduled_if_different(), None);
    assert_eq!(shown[4].status.label_ru(), "по расписанию");
    assert_eq!(shown[1].status.label_ru(), "опаздывает на 7 мин");

    // Stale or down: everything by the schedule, with a banner.
    let later = at(10, 6);
    for (state, banner) in [
        (
            feed_state(feed.timestamp, true, later),
            "устарели (6 мин назад)",
        ),
        (feed_state(None, false, later), "Нет данных о движении"),
    ] {
        assert!(state.banner_ru().unwrap().contains(banner), "{state:?}");
        let shown = next_arrivals(departures(), &feed, state, later, 10);
        assert!(shown.iter().all(|a| a.status == ArrivalStatus::Scheduled));
        assert_eq!(shown.len(), 4, "10:10, 10:12, 10:15, 10:20");
    }
    assert_eq!(
        feed_state(Some(at(10, 1)), true, at(10, 6)),
        FeedState::Live
    );
    assert_eq!(
        feed_state(Some(at(10, 9)), true, at(10, 6)),
        FeedState::Live
    );
    assert_eq!(
        feed_state(None, true, at(10, 6)),
        FeedState::Stale { minutes: 0 }
    );
}

fn small_town() -> Timetable {
    let stop = |id: &str, name: &str| Stop {
        id: id.into(),
        name: name.into(),
    };
    let trip = |id: &str, service: &str, calls: &[(&str, u32)]| Trip {
        id: id.into(),
        route_id: "r5".into(),
        service_id: service.into(),
        headsign: "Вокзал".into(),
        stop_times: calls
            .iter()
            .enumerate()
            .map(|(i, &(stop_id, departure))| StopTime {
                stop_id: stop_id.into(),
                sequence: i as u32 + 1,
                departure,
            })
            .collect(),
    };
    let d = |s: &str| s.parse::<NaiveDate>().unwrap();
    Timetable {
        routes: vec![Route {
            id: "r5".into(),
            short_name: "5".into(),
            long_name: "Ёлочная — Вокзал".into(),
        }],
        stops: vec![
            stop("a", "Ёлочная"),
            stop("b", "Площадь Гагарина"),
            stop("c", "Вокзал"),
        ],
        trips: vec![
            trip("wd-1", "weekdays", &[("a", 36_000), ("b", 36_600)]),
            trip(
                "wd-2",
                "weekdays",
                &[("a", 86_000), ("b", 86_600), ("c", 87_000)],
            ),
            trip("we-1", "weekends", &[("a", 40_000), ("b", 40_600)]),
        ],
        calendars: vec![
            ServiceCalendar {
                service_id: "weekdays".into(),
                weekdays: [true, true, true, true, true, false, false],
                start: d("2026-09-01"),
                end: d("2027-05-31"),
                added: vec![],
                removed: vec![d("2026-11-04")],
            },
            ServiceCalendar {
                service_id: "weekends".into(),
                weekdays: [false, false, false, false, false, true, true],
                start: d("2026-09-01"),
                end: d("2027-05-31"),
                added: vec![d("2026-11-04")],
                removed: vec![],
            },
        ],
    }
}

#[test]
fn routes_and_stops_are_found_by_name_and_a_route_lists_its_stops_in_order() {
    let town = small_town();
    assert_eq!(town.find_routes("5").len(), 1);
    assert_eq!(town.find_routes("елочная").len(), 1);
    assert!(town.find_routes("").is_empty());
    assert!(town.find_routes("55").is_empty());
    let names = |stops: Vec<&Stop>| stops.iter().map(|s| s.name.clone()).collect::<Vec<_>>();
    assert_eq!(names(town.find_stops("ЕЛОЧ")), ["Ёлочная"]);
    assert_eq!(
        names(town.find_stops("а")),
        ["Вокзал", "Ёлочная", "Площадь Гагарина"]
    );
    assert_eq!(
        names(town.route_stops("r5")),
        ["Ёлочная", "Площадь Гагарина", "Вокзал"],
        "the longest trip's order"
    );
}

#[test]
fn a_stops_departures_follow_the_calendar_and_run_past_midnight() {
    let town = small_town();
    let d = |s: &str| s.parse::<NaiveDate>().unwrap();
    let wednesday = town.departures("b", d("2026-11-25"));
    let trips: Vec<&str> = wednesday.iter().map(|x| x.trip_id.as_str()).collect();
    assert_eq!(trips, ["wd-1", "wd-2"]);
    assert_eq!(wednesday[0].scheduled, at(10, 10));
    // 86 600 s is 24:03:20: the next calendar day, same service day.
    assert_eq!(
        wednesday[1].scheduled,
        at(0, 3) + Duration::days(1) + Duration::seconds(20)
    );
    let holiday: Vec<String> = town
        .departures("b", d("2026-11-04"))
        .into_iter()
        .map(|x| x.trip_id)
        .collect();
    assert_eq!(
        holiday,
        ["we-1"],
        "a removed weekday runs the weekend service"
    );
    assert!(town.departures("b", d("2027-06-02")).is_empty());

    let after_midnight = at(0, 0) + Duration::days(1);
    let next = town.departures_after("c", after_midnight, Duration::hours(1));
    assert_eq!(next.len(), 1);
    assert_eq!(next[0].service_day, d("2026-11-25"), "yesterday's service");
}
