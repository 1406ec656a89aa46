//! The phone number is personal data: a full sign-in (SMS code asked, a wrong code, the right
//! one, the address added, a restart that resumes the session, sign-out), with every log record
//! of the process captured at TRACE — the app, the sandbox, hyper, reqwest — never shows its
//! digits; logs carry it masked (`+7 *** ***-**-89`). The search proves itself on a planted
//! record first.

mod common {
    pub mod app;
    pub mod log_capture;
}

use std::sync::Arc;

use common::app::{self, Setup};
use common::log_capture::Captured;
use gorod_sandbox::SMS_CODE;
use ofis_core::{CoreError, MemorySecrets, SecretStore};

/// The forms the demo phone (+7 912 345-67-89) could take in a log.
const FORMS: [&str; 12] = [
    "9123456789",
    "912 345-67-89",
    "912 345 67 89",
    "912-345-67-89",
    "(912) 345",
    "912) 345",
    "3456789",
    "345-67-89",
    "345 67 89",
    "+7912",
    "7 912 ",
    "89123456789",
];

fn found(logs: &str) -> Vec<&'static str> {
    FORMS.into_iter().filter(|f| logs.contains(f)).collect()
}

#[tokio::test]
async fn a_full_sign_in_at_trace_never_logs_the_phone_digits() {
    let captured = Captured::install();
    // The search finds what it looks for: a planted record.
    tracing::trace!(planted = "+7 912 345-67-89", "planted");
    let planted = String::from_utf8_lossy(&captured.bytes()).into_owned();
    assert!(
        found(&planted).len() >= 3,
        "the planted phone is found: {planted}"
    );
    let before = captured.bytes().len();

    let sandbox = app::sandbox().await;
    let dir = tempfile::tempdir().unwrap();
    let secrets = Arc::new(MemorySecrets::default());
    let setup = || Setup {
        secrets: secrets.clone() as Arc<dyn SecretStore>,
        ..Setup::default()
    };
    let ofis = app::open_with(&sandbox.gorod_url, dir.path(), setup()).await;
    ofis.request_code(app::PHONE).await.unwrap();
    let wrong = ofis.sign_in(app::PHONE, "0000").await.unwrap_err();
    assert!(matches!(wrong, CoreError::Client(_)), "{wrong:?}");
    ofis.sign_in(app::PHONE, SMS_CODE).await.unwrap();
    let address = app::demo_address(&ofis).await;
    ofis.add_address(address).await.unwrap();
    drop(ofis);
    let ofis = app::open_with(&sandbox.gorod_url, dir.path(), setup()).await;
    assert!(ofis.resume_session().await.unwrap());
    assert_eq!(ofis.snapshot().phone.as_deref(), Some("+79123456789"));
    ofis.sign_out().await.unwrap();
    sandbox.shutdown().await;

    let logs = String::from_utf8_lossy(&captured.bytes()[before..]).into_owned();
    assert!(
        logs.contains("+7 *** ***-**-89"),
        "the records that carry the phone were captured, masked"
    );
    let hits = found(&logs);
    assert!(hits.is_empty(), "phone digits in the logs: {hits:?}");
    eprintln!(
        "{} B / {} lines of logs searched; records per crate: {:?}",
        logs.len(),
        logs.lines().count(),
        captured.tally()
    );
}
