//! An order that names a gateway the app is not configured with gets no card: the Город API's
//! answers are rewritten (by a proxy) to name another gateway — one that would really charge, a
//! proxy in front of the sandbox's — and the payment is refused with a typed error before a
//! single byte reaches it. The same rig with that gateway allowed charges once: the rig works.

mod common {
    pub mod app;
    #[allow(dead_code)]
    pub mod counting_proxy;
    pub mod fault_proxy;
}

use common::app::{self, Setup};
use common::counting_proxy::CountingProxy;
use common::fault_proxy::{host_port, FaultProxy};
use gorod_sandbox::test_cards;
use ofis_core::{AllowedGateways, ClientError, CoreError, Ofis, PayScope, PaymentStep};

async fn signed_in(server: &str, gateways: AllowedGateways) -> (Ofis, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let setup = Setup {
        gateways,
        ..Setup::default()
    };
    let ofis = app::open_with(server, dir.path(), setup).await;
    app::sign_in_with_address(&ofis).await;
    (ofis, dir)
}

#[tokio::test]
async fn an_order_naming_another_gateway_gets_no_card() {
    let sandbox = app::sandbox().await;
    let foreign = CountingProxy::start(host_port(&sandbox.gateway_url)).await;
    let gorod = FaultProxy::start(host_port(&sandbox.gorod_url)).await;
    // Loopback ephemeral ports have the same number of digits, so lengths stay right.
    gorod.rewrite_answers(&sandbox.gateway_url, &foreign.url);

    let configured = AllowedGateways::only([&sandbox.gateway_url]).unwrap();
    let (ofis, _dir) = signed_in(&gorod.url, configured).await;
    let ticket = ofis.start_payment(PayScope::All).await.unwrap();
    assert_eq!(
        ticket.gateway_url, foreign.url,
        "the order names the other gateway"
    );
    let refused = ofis
        .submit_card(&ticket.key, test_cards::SUCCESS_VISA, "12/30", "123")
        .await;
    assert!(
        matches!(
            refused,
            Err(CoreError::Client(ClientError::GatewayNotAllowed(_)))
        ),
        "{refused:?}"
    );
    assert_eq!(
        foreign.requests(),
        0,
        "not a byte went to the other gateway"
    );
    assert!(sandbox.state.charges().is_empty(), "nothing charged");

    // The rig is live: allowed, the same gateway takes the card and charges.
    let (other, _dir) = signed_in(&gorod.url, AllowedGateways::any_loopback()).await;
    let ticket = other.start_payment(PayScope::All).await.unwrap();
    let step = other
        .submit_card(&ticket.key, test_cards::SUCCESS_VISA, "12/30", "123")
        .await
        .unwrap();
    assert!(matches!(step, PaymentStep::Paid(_)), "{step:?}");
    assert!(foreign.requests() >= 1);
    assert_eq!(sandbox.state.charges().len(), 1);
    sandbox.shutdown().await;
}
