//! Building the общий счёт of one address costs the app exactly one HTTP request.

mod common {
    pub mod counting_proxy;
}

use std::sync::Arc;

use chrono::NaiveDate;
use common::counting_proxy::CountingProxy;
use gorod_sandbox::{SandboxConfig, SMS_CODE};
use ofis_core::{CoreConfig, MemorySecrets, Ofis, SystemClock};

#[tokio::test]
async fn one_request_builds_the_combined_bill_of_an_address_and_one_refreshes_it() {
    let today = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
    let sandbox = gorod_sandbox::start(SandboxConfig::loopback_ephemeral(today))
        .await
        .unwrap();
    let proxy =
        CountingProxy::start(sandbox.gorod_url.trim_start_matches("http://").to_string()).await;
    let dir = tempfile::tempdir().unwrap();
    let config = CoreConfig {
        server_url: proxy.url.clone(),
        data_dir: dir.path().into(),
        client: Default::default(),
    };
    let ofis = Ofis::open(
        config,
        Arc::new(MemorySecrets::default()),
        Arc::new(SystemClock),
    )
    .await
    .unwrap();
    ofis.request_code("+79123456789").await.unwrap();
    ofis.sign_in("+79123456789", SMS_CODE).await.unwrap();
    let address = ofis
        .suggest_addresses("Советская 12 5")
        .await
        .unwrap()
        .remove(0);
    assert_eq!(proxy.requests(), 3, "the proxy sees every request");

    proxy.reset();
    let (snapshot, count) = ofis.add_address(address).await.unwrap();
    assert_eq!(count, snapshot.combined.lines().len());
    assert_eq!(
        proxy.requests(),
        1,
        "one request for every bill of the address"
    );

    proxy.reset();
    ofis.refresh().await.unwrap();
    assert_eq!(
        proxy.requests(),
        1,
        "one request refreshes one saved address"
    );
    sandbox.shutdown().await;
}
