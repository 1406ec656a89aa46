//! «Вопрос-ответ» over real HTTP on loopback, without signing in.

use chrono::NaiveDate;
use gorod_sandbox::SandboxConfig;
use ofis_client::{ClientError, ClientOptions, GorodClient};
use ofis_domain::help::HelpSection;

#[tokio::test]
async fn faq_comes_by_category_without_sign_in() {
    let today = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
    let sandbox = gorod_sandbox::start(SandboxConfig::loopback_ephemeral(today))
        .await
        .unwrap();
    let client = GorodClient::new(&sandbox.gorod_url, &ClientOptions::default()).unwrap();
    let faq = client.faq().await.unwrap();
    let titles: Vec<&str> = faq.categories.iter().map(|c| c.title.as_str()).collect();
    assert!(titles.contains(&"Показания счётчиков"), "{titles:?}");
    let zero = faq
        .categories
        .iter()
        .flat_map(|c| &c.questions)
        .find(|q| q.id == "zero-reading")
        .expect("the «0» question");
    assert!(zero.answer.contains("0,1"), "{}", zero.answer);

    let questions = faq.into_questions();
    assert!(questions.len() >= 25);
    let readings = questions
        .iter()
        .find(|q| q.id == "readings-without-payment")
        .unwrap();
    assert_eq!(readings.category_title, "Показания счётчиков");
    assert_eq!(readings.sections, vec![HelpSection::Subscriber]);
}

#[tokio::test]
async fn faq_from_a_server_that_is_gone_is_a_network_error() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    drop(listener);
    let client = GorodClient::new(&url, &ClientOptions::default()).unwrap();
    let err = client.faq().await.unwrap_err();
    assert!(matches!(err, ClientError::Network(_)), "{err:?}");
}
