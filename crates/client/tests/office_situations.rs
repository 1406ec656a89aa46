//! «Жизненные ситуации» through the client against the sandbox over loopback: every link of a
//! step leads to a booking topic or an application form the sandbox has.

use chrono::NaiveDate;
use gorod_sandbox::SandboxConfig;
use ofis_api::StepAction;
use ofis_client::{ClientOptions, GorodClient};

#[tokio::test]
async fn situations_link_to_real_topics_and_forms() {
    let today = NaiveDate::from_ymd_opt(2026, 12, 2).unwrap();
    let sandbox = gorod_sandbox::start(SandboxConfig::loopback_ephemeral(today))
        .await
        .unwrap();
    let client = GorodClient::new(&sandbox.gorod_url, &ClientOptions::default()).unwrap();
    let situations = client.life_situations().await.unwrap();
    let titles: Vec<_> = situations.iter().map(|s| s.title.as_str()).collect();
    for expected in [
        "Переезд",
        "Покупка или продажа квартиры",
        "Новый жилец",
        "Смена собственника",
    ] {
        assert!(titles.contains(&expected), "{titles:?}");
    }
    let topics = client.office_topics().await.unwrap();
    let kinds = client.application_kinds().await.unwrap();
    let mut links = 0;
    for step in situations.iter().flat_map(|s| &s.steps) {
        let Some(link) = &step.link else { continue };
        links += 1;
        match link.action {
            StepAction::Book => {
                let topic = link.topic_id.as_deref().unwrap();
                assert!(topics.iter().any(|t| t.id == topic), "{topic}");
            }
            StepAction::Apply => {
                let kind = link.application_kind_id.as_deref().unwrap();
                assert!(kinds.iter().any(|k| k.id == kind), "{kind}");
            }
            _ => assert!(link.topic_id.is_none() && link.application_kind_id.is_none()),
        }
    }
    assert!(links >= 10);
    let owner = situations.iter().find(|s| s.id == "owner-change").unwrap();
    assert_eq!(
        owner.steps[0]
            .link
            .as_ref()
            .unwrap()
            .application_kind_id
            .as_deref(),
        Some("owner-change")
    );
    sandbox.shutdown().await;
}
