//! The school world's seed is consistent, and its ledgers keep the canteen's rules.

use chrono::NaiveDate;
use ofis_domain::Money;

use super::ledger::ledger;
use super::world::{dish_by_id, service_by_id, CHILDREN, DISHES, SCHOOL, SERVICES};
use super::{local, menu, SchoolState};
use crate::town;

fn day(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

#[test]
fn the_seed_names_only_what_exists() {
    for (i, d) in DISHES.iter().enumerate() {
        assert!(DISHES[i + 1..].iter().all(|e| e.id != d.id), "{}", d.id);
        assert!(!d.price().is_zero());
    }
    for (i, s) in SERVICES.iter().enumerate() {
        assert!(SERVICES[i + 1..].iter().all(|t| t.id != s.id), "{}", s.id);
    }
    for child in CHILDREN {
        let account = town::ACCOUNTS.iter().find(|a| a.number == child.account);
        assert_eq!(
            account.map(|a| a.provider),
            Some(SCHOOL.provider),
            "{}",
            child.id
        );
        assert!(child.stop_list.iter().all(|id| dish_by_id(id).is_some()));
        assert!(child.services.iter().all(|id| service_by_id(id).is_some()));
        assert!(child
            .in_arrears
            .iter()
            .all(|id| child.services.contains(id)));
    }
    assert!(town::provider(SCHOOL.provider).is_some());
}

#[test]
fn menus_exist_on_school_days_only() {
    assert!(menu::dishes_of(day("2026-11-28")).is_empty(), "a Saturday");
    assert!(
        menu::dishes_of(day("2026-07-15")).is_empty(),
        "the summer holidays"
    );
    let wednesday = menu::dishes_of(day("2026-11-25"));
    assert!(wednesday.len() >= 10);
    assert_ne!(
        wednesday.iter().map(|d| d.id).collect::<Vec<_>>(),
        menu::dishes_of(day("2026-11-26"))
            .iter()
            .map(|d| d.id)
            .collect::<Vec<_>>(),
        "breakfast and lunch rotate"
    );
}

#[test]
fn ledgers_replay_the_same_and_keep_the_limit_the_balance_and_the_stop_list() {
    let school = SchoolState::new(day("2026-11-25"));
    for child in CHILDREN {
        let now = local(day("2026-11-25"), 8, 0);
        let book = ledger(&school, child, now);
        assert_eq!(ledger(&school, child, now).purchases, book.purchases);
        let mut by_day = std::collections::BTreeMap::<NaiveDate, Money>::new();
        for p in &book.purchases {
            let sum: Money = p.items.iter().map(|i| i.price).sum();
            assert_eq!(sum, p.total, "{}", p.id);
            let spent = by_day.entry(ofis_domain::tz::local_date(p.at)).or_default();
            *spent = *spent + p.total;
            for item in &p.items {
                let blocked = DISHES.iter().find(|d| d.name == item.name).unwrap();
                assert!(!child.stop_list.contains(&blocked.id), "{}", item.name);
            }
        }
        if let Some(limit) = child.seeded_limit {
            assert!(by_day.values().all(|spent| *spent <= limit), "{}", child.id);
        }
        // The balance is what came in less what was spent (never below zero on the way).
        let came_in: Money = book.top_ups.iter().map(|t| t.amount).sum();
        let spent: Money = book.purchases.iter().map(|p| p.total).sum();
        assert_eq!(
            book.balance + spent,
            Money::from_whole_roubles(300) + came_in
        );
        assert!(
            book.purchases.len() > 40,
            "{} ate since September",
            child.id
        );
        // A day later the past stays as it was.
        let later = ledger(&school, child, now + chrono::Duration::days(1));
        assert_eq!(later.purchases[..book.purchases.len()], book.purchases[..]);
    }
}
