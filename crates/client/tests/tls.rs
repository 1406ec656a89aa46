//! TLS only: the client talks HTTPS to a sandbox whose certificate authority it was given, and
//! refuses an untrusted certificate, a certificate for another name and plain http off loopback.
//!
//! The certificate authority and the leaves are generated at test time with `rcgen`.

use std::time::{Duration, Instant};

use chrono::NaiveDate;
use gorod_sandbox::{test_cards, RunningSandbox, SandboxConfig, TlsIdentity, SMS_CODE};
use ofis_api::{CreateOrder, GatewayStatus, OrderLineRequest, OrderStatus};
use ofis_client::{AllowedGateways, ClientError, ClientOptions, GatewayClient, GorodClient};
use ofis_domain::card::CardData;
use rcgen::{
    BasicConstraints, CertificateParams, DnType, IsCa, Issuer, KeyPair, KeyUsagePurpose, SanType,
};

const PHONE: &str = "+79123456789";

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
}

/// A test certificate authority: its PEM and what it needs to sign leaves.
struct TestCa {
    pem: String,
    issuer: Issuer<'static, KeyPair>,
}

impl TestCa {
    fn new(name: &str) -> TestCa {
        let mut params = CertificateParams::new(Vec::<String>::new()).unwrap();
        params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        params.distinguished_name.push(DnType::CommonName, name);
        params.key_usages = vec![
            KeyUsagePurpose::KeyCertSign,
            KeyUsagePurpose::CrlSign,
            KeyUsagePurpose::DigitalSignature,
        ];
        let key = KeyPair::generate().unwrap();
        let cert = params.self_signed(&key).unwrap();
        TestCa {
            pem: cert.pem(),
            issuer: Issuer::new(params, key),
        }
    }

    /// A server identity for `names` (DNS names or IP addresses), chain = leaf + this CA.
    fn leaf(&self, names: &[&str]) -> TlsIdentity {
        let mut params = CertificateParams::new(Vec::<String>::new()).unwrap();
        params.distinguished_name.push(DnType::CommonName, names[0]);
        for name in names {
            params.subject_alt_names.push(match name.parse() {
                Ok(ip) => SanType::IpAddress(ip),
                Err(_) => SanType::DnsName((*name).try_into().unwrap()),
            });
        }
        let key = KeyPair::generate().unwrap();
        let cert = params.signed_by(&key, &self.issuer).unwrap();
        TlsIdentity {
            cert_pem: format!("{}{}", cert.pem(), self.pem),
            key_pem: key.serialize_pem(),
        }
    }
}

async fn https_sandbox(identity: TlsIdentity) -> RunningSandbox {
    let config = SandboxConfig {
        tls: Some(identity),
        ..SandboxConfig::loopback_ephemeral(today())
    };
    gorod_sandbox::start(config).await.unwrap()
}

fn trusting(ca: &TestCa) -> ClientOptions {
    ClientOptions {
        extra_roots_pem: vec![ca.pem.clone().into_bytes()],
        ..ClientOptions::default()
    }
}

/// The error of a refused TLS handshake: a typed network error, never an answer.
fn assert_handshake_refused<T: std::fmt::Debug>(result: Result<T, ClientError>) {
    match result {
        Err(ClientError::Network(message)) => {
            assert!(!message.is_empty());
        }
        other => panic!("expected a network error from the TLS handshake, got {other:?}"),
    }
}

#[tokio::test]
async fn a_client_trusting_the_test_ca_signs_in_finds_and_pays_over_https() {
    let ca = TestCa::new("ОФИС test CA");
    let sandbox = https_sandbox(ca.leaf(&["localhost", "127.0.0.1"])).await;
    assert!(sandbox.gorod_url.starts_with("https://localhost:"));
    assert!(sandbox.gateway_url.starts_with("https://localhost:"));

    let options = trusting(&ca);
    let client = GorodClient::new(&sandbox.gorod_url, &options).unwrap();
    client.request_sms(PHONE).await.unwrap();
    client.sign_in(PHONE, SMS_CODE).await.unwrap();
    let found = client.suggest_addresses("советская 12 5").await.unwrap();
    let address = found
        .iter()
        .find(|a| a.title.contains("кв. 5"))
        .expect("the demo address");
    let bills = client.address_bills(&address.id, None).await.unwrap();
    assert!(!bills.bills.is_empty());

    // A payment: the gateway (HTTPS) reports its outcome to the Город API over HTTPS too.
    let bill = &bills.bills[0];
    let order = CreateOrder {
        lines: vec![OrderLineRequest {
            bill_id: bill.id.clone(),
            amount: bill.amount_due,
            readings: Vec::new(),
        }],
    };
    let created = client
        .create_order(&uuid::Uuid::new_v4().to_string(), &order)
        .await
        .unwrap();
    assert!(created
        .payment
        .gateway_url
        .starts_with("https://localhost:"));
    let gateway = GatewayClient::new(
        &options,
        AllowedGateways::only([&sandbox.gateway_url]).unwrap(),
    )
    .unwrap();
    let card = CardData::parse(test_cards::SUCCESS_VISA, "12/30", "123", today()).unwrap();
    let outcome = gateway
        .pay_with_card(
            &created.payment.gateway_url,
            &created.payment.payment_id,
            card,
        )
        .await
        .unwrap();
    assert_eq!(outcome.status, GatewayStatus::Succeeded);
    let paid = client.order(&created.id).await.unwrap();
    assert_eq!(paid.status, OrderStatus::Paid, "the notice got through TLS");
    sandbox.shutdown().await;
}

#[tokio::test]
async fn an_untrusted_certificate_is_refused() {
    let ca = TestCa::new("ОФИС test CA");
    let sandbox = https_sandbox(ca.leaf(&["localhost", "127.0.0.1"])).await;

    // The bundled web roots only: the test CA is unknown.
    let client = GorodClient::new(&sandbox.gorod_url, &ClientOptions::default()).unwrap();
    assert_handshake_refused(client.request_sms(PHONE).await);
    // Trusting another authority does not help either.
    let other = TestCa::new("Another CA");
    let client = GorodClient::new(&sandbox.gorod_url, &trusting(&other)).unwrap();
    assert_handshake_refused(client.request_sms(PHONE).await);
    let gateway = GatewayClient::new(
        &ClientOptions::default(),
        AllowedGateways::only([&sandbox.gateway_url]).unwrap(),
    )
    .unwrap();
    let card = CardData::parse(test_cards::SUCCESS_VISA, "12/30", "123", today()).unwrap();
    assert_handshake_refused(
        gateway
            .pay_with_card(&sandbox.gateway_url, "pay-x", card)
            .await,
    );

    assert!(
        sandbox.state.charges().is_empty(),
        "nothing went through the refused connections"
    );
    sandbox.shutdown().await;
}

#[tokio::test]
async fn a_certificate_for_another_name_is_refused() {
    let ca = TestCa::new("ОФИС test CA");
    // Signed by the trusted CA, but for another host.
    let sandbox = https_sandbox(ca.leaf(&["gorod.example"])).await;
    let client = GorodClient::new(&sandbox.gorod_url, &trusting(&ca)).unwrap();
    assert_handshake_refused(client.request_sms(PHONE).await);
    sandbox.shutdown().await;
}

#[tokio::test]
async fn plain_http_off_loopback_is_refused_before_any_request() {
    // 10.255.255.1 would hang until the connect timeout if anything were sent.
    let started = Instant::now();
    for url in [
        "http://gorod.example",
        "http://10.255.255.1:8480",
        "http://user@evil.example/api",
    ] {
        match GorodClient::new(url, &ClientOptions::default()) {
            Err(ClientError::InsecureUrl(_)) => {}
            Err(other) => panic!("{url}: expected InsecureUrl, got {other}"),
            Ok(_) => panic!("{url}: accepted"),
        }
    }
    let gateway =
        GatewayClient::new(&ClientOptions::default(), AllowedGateways::any_loopback()).unwrap();
    let card = CardData::parse(test_cards::SUCCESS_VISA, "12/30", "123", today()).unwrap();
    match gateway
        .pay_with_card("http://10.255.255.1:8481", "pay-x", card)
        .await
    {
        Err(ClientError::InsecureUrl(_)) => {}
        other => panic!("expected InsecureUrl, got {other:?}"),
    }
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "refused without a connection attempt"
    );
}
