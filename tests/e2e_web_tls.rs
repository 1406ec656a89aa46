//! The web front over TLS (`--tls-cert/--tls-key`), with a certificate authority and a leaf made
//! at test time with rcgen: the printed URL is `https://…`, its secret becomes a `Secure` cookie,
//! the page and the websocket need it, and plain HTTP gets nothing from the port.

mod support;

use rcgen::{BasicConstraints, CertificateParams, DnType, IsCa, Issuer, KeyPair, KeyUsagePurpose};
use support::{App, Launch};

/// A test CA's PEM, and a leaf for `127.0.0.1` and `localhost` signed by it (chain, key).
fn test_pki() -> (String, String, String) {
    let mut ca = CertificateParams::new(Vec::<String>::new()).unwrap();
    ca.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    ca.distinguished_name
        .push(DnType::CommonName, "ОФИС test CA");
    ca.key_usages = vec![
        KeyUsagePurpose::KeyCertSign,
        KeyUsagePurpose::DigitalSignature,
    ];
    let ca_key = KeyPair::generate().unwrap();
    let ca_pem = ca.self_signed(&ca_key).unwrap().pem();
    let issuer = Issuer::new(ca, ca_key);
    let leaf = CertificateParams::new(vec!["127.0.0.1".into(), "localhost".into()]).unwrap();
    let key = KeyPair::generate().unwrap();
    let cert = leaf.signed_by(&key, &issuer).unwrap();
    (
        ca_pem.clone(),
        format!("{}{ca_pem}", cert.pem()),
        key.serialize_pem(),
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn served_over_tls_the_secret_becomes_a_secure_cookie() {
    let (ca, chain, key) = test_pki();
    let files = tempfile::tempdir().unwrap();
    let (cert_file, key_file) = (files.path().join("cert.pem"), files.path().join("key.pem"));
    std::fs::write(&cert_file, chain).unwrap();
    std::fs::write(&key_file, key).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let launch = Launch {
        args: vec![
            "--tls-cert".into(),
            cert_file.display().to_string(),
            "--tls-key".into(),
            key_file.display().to_string(),
        ],
        ..Launch::default()
    };
    let app = App::launch(dir.path().into(), launch);
    assert!(app.url.starts_with("https://127.0.0.1:"), "{}", app.url);

    let client = reqwest::Client::builder()
        .add_root_certificate(reqwest::Certificate::from_pem(ca.as_bytes()).unwrap())
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let without = client.get(&app.base).send().await.unwrap();
    assert_eq!(without.status(), 401);
    let with_secret = client.get(&app.url).send().await.unwrap();
    assert_eq!(with_secret.status(), 303);
    let set = with_secret.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .to_string();
    for attribute in ["HttpOnly", "SameSite=Strict", "Secure"] {
        assert!(set.contains(attribute), "cookie without {attribute}: {set}");
    }
    let cookie = set.split(';').next().unwrap().to_string();
    let page = client
        .get(&app.base)
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    assert!(page.text().await.unwrap().contains("id=\"main\""));
    // The websocket over TLS: an `http://` Origin is not this front's.
    for (origin, status) in [("http://127.0.0.1", 403), ("https://evil.example", 403)] {
        let origin = origin.replace("127.0.0.1", &app.host);
        let answer = client
            .get(format!("{}ws", app.base))
            .header("cookie", &cookie)
            .header("origin", origin.as_str())
            .header("connection", "upgrade")
            .header("upgrade", "websocket")
            .header("sec-websocket-version", "13")
            .header("sec-websocket-key", "dGhlIHNhbXBsZSBub25jZQ==")
            .send()
            .await
            .unwrap();
        assert_eq!(answer.status(), status, "{origin}");
    }

    // Plain HTTP to the same port: no page.
    let plain = reqwest::Client::new()
        .get(app.base.replace("https://", "http://"))
        .send()
        .await;
    match plain {
        Err(_) => {}
        Ok(answer) => {
            let status = answer.status();
            let body = answer.text().await.unwrap_or_default();
            assert!(!body.contains("id=\"main\""), "{status}: {body}");
        }
    }
    // A client that does not trust the test CA does not connect.
    assert!(reqwest::Client::new().get(&app.url).send().await.is_err());
}
