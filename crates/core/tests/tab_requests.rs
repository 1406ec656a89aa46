//! Opening a tab with a cached state costs at most one request, and an answer that did not
//! change comes back as a 304 with no body: in the same run (the client remembers the tagged
//! answers) and, for «Мои платежи», after a restart too (the bills' `ETag` is kept in SQLite
//! beside them). Counted on the wire by a proxy between the app and the sandbox.

mod common {
    pub mod counting_proxy;
    pub mod tabs;
}

use common::counting_proxy::CountingProxy;
use common::tabs::{self, open_counted, open_every_tab, Cost, Device, Tab};
use gorod_sandbox::{RunningSandbox, SandboxConfig};

async fn sandbox_and_proxy() -> (RunningSandbox, CountingProxy) {
    let sandbox = gorod_sandbox::start(SandboxConfig::loopback_ephemeral(tabs::today()))
        .await
        .expect("sandbox");
    let upstream = sandbox.gorod_url.trim_start_matches("http://").to_string();
    let proxy = CountingProxy::start(upstream).await;
    (sandbox, proxy)
}

fn cost_of(costs: &[(Tab, Cost)], tab: Tab) -> &Cost {
    &costs.iter().find(|(t, _)| *t == tab).expect("every tab").1
}

#[tokio::test]
async fn each_tab_costs_one_request_and_an_unchanged_answer_is_a_304() {
    let (sandbox, proxy) = sandbox_and_proxy().await;
    let device = Device::new(&proxy.url);
    let ofis = device.start_signed_in_with_address().await;

    let first = open_every_tab(&proxy, &ofis).await;
    assert_eq!(
        cost_of(&first, Tab::Payments).statuses,
        [304],
        "the bills just fetched by «Поиск по адресу» are asked about by their tag"
    );
    assert_eq!(cost_of(&first, Tab::Schools).statuses, [200]);
    assert_eq!(cost_of(&first, Tab::Transport).statuses, [200]);

    let again = open_every_tab(&proxy, &ofis).await;
    for (tab, cost) in &again {
        let expected: &[u16] = if *tab == Tab::Subscriber { &[] } else { &[304] };
        assert_eq!(cost.statuses, expected, "{} reopened: {cost}", tab.title());
        assert_eq!(cost.requests, expected.len(), "{}: {cost}", tab.title());
    }
    // A 304 carries no body: far less than the answer it stands for.
    let fresh_schools = cost_of(&first, Tab::Schools).bytes_down;
    let cached_schools = cost_of(&again, Tab::Schools).bytes_down;
    assert!(
        cached_schools * 2 < fresh_schools,
        "304 {cached_schools} B against 200 {fresh_schools} B"
    );
    drop(ofis);

    let restarted = device.start().await;
    let after_restart = open_every_tab(&proxy, &restarted).await;
    for (tab, expected) in [
        (Tab::Payments, &[304][..]),
        (Tab::Subscriber, &[][..]),
        (Tab::Schools, &[200][..]),
        (Tab::Transport, &[200][..]),
    ] {
        let cost = cost_of(&after_restart, tab);
        assert_eq!(
            cost.statuses,
            expected,
            "{} after a restart: {cost}",
            tab.title()
        );
        assert_eq!(cost.requests, expected.len(), "{}: {cost}", tab.title());
    }
    sandbox.shutdown().await;
}

#[tokio::test]
async fn a_changed_answer_comes_whole_and_the_next_unchanged_one_is_a_304() {
    let (sandbox, proxy) = sandbox_and_proxy().await;
    let device = Device::new(&proxy.url);
    let ofis = device.start_signed_in_with_address().await;
    open_counted(&proxy, &ofis, Tab::Transport).await;

    let card = ofis.transport_cards().await.expect("cards").remove(0);
    ofis.rename_card(&card.number, "Карта для школы")
        .await
        .expect("renamed");
    let changed = open_counted(&proxy, &ofis, Tab::Transport).await;
    assert_eq!(changed.statuses, [200], "the name changed: {changed}");
    let names: Vec<String> = ofis
        .transport_cards()
        .await
        .expect("cards")
        .into_iter()
        .map(|c| c.name)
        .collect();
    assert!(names.contains(&"Карта для школы".to_string()), "{names:?}");
    let unchanged = open_counted(&proxy, &ofis, Tab::Transport).await;
    assert_eq!(unchanged.statuses, [304], "{unchanged}");

    // Next month's bills are posted: the kept tag no longer matches, the bills come whole.
    sandbox
        .state
        .set_today(chrono::NaiveDate::from_ymd_opt(2026, 12, 11).expect("date"));
    let posted = open_counted(&proxy, &ofis, Tab::Payments).await;
    assert_eq!(posted.statuses, [200], "{posted}");
    let unchanged = open_counted(&proxy, &ofis, Tab::Payments).await;
    assert_eq!(unchanged.statuses, [304], "{unchanged}");
    sandbox.shutdown().await;
}

#[tokio::test]
async fn a_conditional_request_survives_the_renewal_of_an_expired_session() {
    let (sandbox, proxy) = sandbox_and_proxy().await;
    let device = Device::new(&proxy.url);
    let ofis = device.start_signed_in_with_address().await;
    let children = ofis.children().await.expect("children");

    sandbox.state.expire_access_tokens();
    let cost = open_counted(&proxy, &ofis, Tab::Schools).await;
    assert_eq!(
        cost.statuses,
        [401, 200, 304],
        "refused, renewed, then asked again with the tag: {cost}"
    );
    assert_eq!(ofis.children().await.expect("children"), children);
    sandbox.shutdown().await;
}

#[tokio::test]
async fn signing_out_forgets_the_remembered_answers() {
    let (sandbox, proxy) = sandbox_and_proxy().await;
    let device = Device::new(&proxy.url);
    let ofis = device.start_signed_in_with_address().await;
    open_counted(&proxy, &ofis, Tab::Schools).await;
    ofis.sign_out().await.expect("signed out");
    ofis.request_code("+79123456789").await.expect("sms");
    ofis.sign_in("+79123456789", gorod_sandbox::SMS_CODE)
        .await
        .expect("signed in again");
    let cost = open_counted(&proxy, &ofis, Tab::Schools).await;
    assert_eq!(
        cost.statuses,
        [200],
        "nothing of the last session is reused: {cost}"
    );
    sandbox.shutdown().await;
}
