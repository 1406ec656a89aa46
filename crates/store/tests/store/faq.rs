//! «Вопрос-ответ» kept on the device: replaced whole, in order, across reopening and upgrades.

use chrono::{TimeZone, Utc};
use ofis_domain::help::{FaqQuestion, HelpSection};
use ofis_store::{Store, MIGRATIONS, SCHEMA_VERSION};

use crate::support::TestDb;

fn question(id: &str, sections: Vec<HelpSection>) -> FaqQuestion {
    FaqQuestion {
        id: id.into(),
        category_id: "readings".into(),
        category_title: "Показания счётчиков".into(),
        question: format!("Вопрос {id}?"),
        answer: "Ответ: введите «0,1».".into(),
        sections,
    }
}

#[test]
fn faq_is_none_before_the_first_fetch() {
    let db = TestDb::new();
    assert_eq!(db.open().faq().unwrap(), None);
}

#[test]
fn faq_comes_back_in_order_after_reopening_and_a_new_fetch_replaces_it() {
    let db = TestDb::new();
    let at = Utc.with_ymd_and_hms(2026, 11, 25, 7, 0, 0).unwrap();
    let first = vec![
        question("b", vec![HelpSection::Payments, HelpSection::Subscriber]),
        question("a", vec![]),
    ];
    db.open().save_faq(&first, at).unwrap();
    let kept = db.open().faq().unwrap().unwrap();
    assert_eq!(kept.questions, first);
    assert_eq!(kept.fetched_at, at);

    let later = at + chrono::Duration::days(1);
    let second = vec![question("c", vec![HelpSection::Transport])];
    db.open().save_faq(&second, later).unwrap();
    let kept = db.open().faq().unwrap().unwrap();
    assert_eq!(kept.questions, second);
    assert_eq!(kept.fetched_at, later);
}

#[test]
fn a_section_the_app_does_not_know_is_corrupt_not_dropped() {
    let db = TestDb::new();
    let at = Utc.with_ymd_and_hms(2026, 11, 25, 7, 0, 0).unwrap();
    db.open().save_faq(&[question("a", vec![])], at).unwrap();
    db.raw()
        .execute("UPDATE faq_question SET sections = 'payments nowhere'", [])
        .unwrap();
    assert!(db.open().faq().is_err());
}

#[test]
fn upgrade_to_the_faq_step_keeps_the_saved_selection() {
    let db = TestDb::new();
    let before = 4;
    assert_eq!(MIGRATIONS[before].name, "questions and answers");
    let mut old = Store::open_with_migrations(&db.path(), &MIGRATIONS[..before]).unwrap();
    old.set_setting("phone", "+79123456789").unwrap();
    drop(old);

    let store = db.open();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    assert_eq!(
        store.get_setting("phone").unwrap().as_deref(),
        Some("+79123456789")
    );
    assert_eq!(store.faq().unwrap(), None);
}

#[test]
fn sign_out_wipe_keeps_the_questions() {
    let db = TestDb::new();
    let at = Utc.with_ymd_and_hms(2026, 11, 25, 7, 0, 0).unwrap();
    let mut store = db.open();
    store.save_faq(&[question("a", vec![])], at).unwrap();
    store.wipe_personal_data().unwrap();
    assert_eq!(store.faq().unwrap().unwrap().questions.len(), 1);
}
