//! «Вопрос-ответ» and section help against the sandbox over loopback HTTP and a real SQLite
//! file: fetched once, they open when the server is gone (and say so), across a restart; the
//! search finds questions by any form of a word.

mod common {
    pub mod app;
}

use common::app;
use ofis_core::{HelpSection, FAQ_OFFLINE};

#[tokio::test]
async fn faq_opens_offline_after_one_fetch_and_says_so() {
    let sandbox = app::sandbox().await;
    let dir = tempfile::tempdir().unwrap();
    let ofis = app::open(&sandbox.gorod_url, dir.path()).await;
    let online = ofis.faq().await.unwrap();
    assert_eq!(online.offline, None);
    let count: usize = online.categories.iter().map(|c| c.questions.len()).sum();
    assert!(count >= 25, "{count} questions");
    drop(ofis);

    let url = sandbox.gorod_url.clone();
    sandbox.shutdown().await;
    let ofis = app::open(&url, dir.path()).await;
    let offline = ofis.faq().await.unwrap();
    assert_eq!(offline.offline, Some(FAQ_OFFLINE));
    assert_eq!(offline.categories, online.categories);

    let found = ofis.search_faq("оплатил").await.unwrap();
    assert!(!found.is_empty(), "the search works offline");
    let help = ofis.help_section(HelpSection::Subscriber).await.unwrap();
    assert_eq!(help.offline, Some(FAQ_OFFLINE));
    assert!(help
        .questions
        .iter()
        .any(|q| q.id == "readings-without-payment"));
    let one = ofis.faq_question("zero-reading").await.unwrap().unwrap();
    assert!(one.answer.contains("0,1"));
}

#[tokio::test]
async fn faq_without_a_kept_copy_and_without_the_server_is_an_error() {
    let sandbox = app::sandbox().await;
    let url = sandbox.gorod_url.clone();
    sandbox.shutdown().await;
    let dir = tempfile::tempdir().unwrap();
    let ofis = app::open(&url, dir.path()).await;
    assert!(ofis.faq().await.is_err());
}

#[tokio::test]
async fn word_forms_find_the_same_questions() {
    let sandbox = app::sandbox().await;
    let dir = tempfile::tempdir().unwrap();
    let ofis = app::open(&sandbox.gorod_url, dir.path()).await;
    let mut expected = None;
    for form in ["оплатил", "оплата", "оплатить", "оплатите"] {
        let mut ids: Vec<String> = ofis
            .search_faq(form)
            .await
            .unwrap()
            .into_iter()
            .map(|q| q.id)
            .collect();
        ids.sort();
        assert!(ids.contains(&"how-to-pay".to_string()), "«{form}»: {ids:?}");
        match &expected {
            None => expected = Some(ids),
            Some(first) => assert_eq!(&ids, first, "«{form}»"),
        }
    }
}

#[tokio::test]
async fn ranking_table_puts_the_expected_question_first() {
    let sandbox = app::sandbox().await;
    let dir = tempfile::tempdir().unwrap();
    let ofis = app::open(&sandbox.gorod_url, dir.path()).await;
    let table = [
        ("оплатил, а не видно", "paid-not-shown"),
        ("показание 0", "zero-reading"),
        ("передать показания без оплаты", "readings-without-payment"),
        ("не платить", "skip-or-delete"),
        ("удалить адрес", "remove-address"),
        ("qr код квитанции", "qr-search"),
        ("пополнить счет ребенка", "schools-top-up"),
        ("номер транспортной карты", "transport-cards"),
        ("ПИН-код", "pin"),
        ("чек на почту", "receipt-copy"),
        ("технические работы", "maintenance"),
        ("когда передавать показания", "readings-window"),
        ("конечное", "readings-with-payment"),
        ("школы недоступен", "schools-unavailable"),
        ("вход по смс", "sign-in"),
    ];
    for (query, expected) in table {
        let found = ofis.search_faq(query).await.unwrap();
        let ids: Vec<&str> = found.iter().take(3).map(|q| q.id.as_str()).collect();
        assert_eq!(ids.first().copied(), Some(expected), "«{query}»: {ids:?}");
    }
}

#[tokio::test]
async fn each_section_has_steps_and_questions_of_its_own() {
    let sandbox = app::sandbox().await;
    let dir = tempfile::tempdir().unwrap();
    let ofis = app::open(&sandbox.gorod_url, dir.path()).await;
    for section in HelpSection::ALL {
        let help = ofis.help_section(section).await.unwrap();
        assert_eq!(help.title, section.title());
        assert!(
            !help.guides.is_empty() && !help.questions.is_empty(),
            "{section:?}"
        );
    }
    let schools = ofis.help_section(HelpSection::Schools).await.unwrap();
    assert!(schools
        .questions
        .iter()
        .all(|q| q.category == "Школы и Сады"));
}
