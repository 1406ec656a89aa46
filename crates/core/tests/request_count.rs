//! Building the общий счёт of one address costs the app exactly one HTTP request.

mod common {
    pub mod app;
    #[allow(dead_code)] // Only the request count here.
    pub mod counting_proxy;
}

use std::sync::Arc;

use common::app::{self, Setup};
use common::counting_proxy::CountingProxy;
use ofis_core::SystemClock;

#[tokio::test]
async fn one_request_builds_the_combined_bill_of_an_address_and_one_refreshes_it() {
    let sandbox = app::sandbox().await;
    let proxy =
        CountingProxy::start(sandbox.gorod_url.trim_start_matches("http://").to_string()).await;
    let dir = tempfile::tempdir().unwrap();
    let setup = Setup {
        clock: Arc::new(SystemClock),
        ..Setup::default()
    };
    let ofis = app::open_with(&proxy.url, dir.path(), setup).await;
    app::sign_in(&ofis).await;
    let address = app::demo_address(&ofis).await;
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
