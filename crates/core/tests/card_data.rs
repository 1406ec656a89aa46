//! Card data never leaks. Full payments run through the app service (`Ofis`) against the sandbox
//! over loopback HTTP on a real SQLite file, with every log record of the process captured at
//! TRACE; then each card (number in all its forms, CVC with its expiry) is searched for in every
//! file of the data directory (the database, its `-wal` and `-shm`), in the captured logs, and in
//! every record the Город API side keeps. The gateway is not searched: it is where cards go.
//!
//! The search proves itself: a card planted in a file, in a `tracing` event, in a `log` record
//! and in a Город-side record must be found by the very same search, in every one of them.

mod common {
    pub mod app;
    pub mod card_search;
    pub mod log_capture;
}

use std::collections::BTreeSet;
use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

use common::app::{self, Setup};
use common::card_search::cards::{DECLINED, MISTYPED, NO_FUNDS, PAID, PLANTED, THREE_DS, USED};
use common::card_search::{find, forms_found, report, search, search_files, Card, Hit, Searched};
use common::log_capture::Captured;
use gorod_sandbox::{RunningSandbox, THREE_DS_CODE};
use ofis_core::{CoreError, MemorySecrets, Ofis, PayScope, PaymentStep};

/// Opens the app; `secrets` are the phone's keyring, kept across restarts.
async fn open(sandbox: &RunningSandbox, dir: &Path, secrets: &Arc<MemorySecrets>) -> Ofis {
    let setup = Setup {
        secrets: secrets.clone(),
        ..Setup::default()
    };
    app::open_with(&sandbox.gorod_url, dir, setup).await
}

/// `4111 1111 1111 1111`, as printed on the card.
fn grouped(pan: &str) -> String {
    let groups: Vec<&str> = (0..pan.len())
        .step_by(4)
        .map(|i| &pan[i..(i + 4).min(pan.len())])
        .collect();
    groups.join(" ")
}

async fn pay(ofis: &Ofis, scope: PayScope, card: Card, number: &str) -> PaymentStep {
    let ticket = ofis.start_payment(scope).await.unwrap();
    ofis.submit_card(&ticket.key, number, card.expiry, card.cvc)
        .await
        .unwrap()
}

/// The user's payments: a mistyped card, 3-D Secure (a wrong code, then the right one), two
/// refusals, a payment; then the history, the receipts, a copy by e-mail and a reconciliation.
/// Returns the ids of the receipts.
async fn pay_everything(ofis: &Ofis) -> Vec<String> {
    let first = ofis.snapshot().combined.lines()[0].bill.id.clone();
    let ticket = ofis.start_payment(PayScope::Line(first)).await.unwrap();
    let mistyped = ofis
        .submit_card(
            &ticket.key,
            &grouped(MISTYPED.pan),
            MISTYPED.expiry,
            MISTYPED.cvc,
        )
        .await;
    assert!(matches!(mistyped, Err(CoreError::Card(_))), "{mistyped:?}");
    let step = ofis
        .submit_card(
            &ticket.key,
            &grouped(THREE_DS.pan),
            THREE_DS.expiry,
            THREE_DS.cvc,
        )
        .await
        .unwrap();
    assert_eq!(step, PaymentStep::Challenge);
    assert!(ofis.confirm_3ds(&ticket.key, "0000").await.is_err());
    let step = ofis.confirm_3ds(&ticket.key, THREE_DS_CODE).await.unwrap();
    assert!(matches!(step, PaymentStep::Paid(_)), "{step:?}");

    for card in [DECLINED, NO_FUNDS] {
        let step = pay(ofis, PayScope::All, card, card.pan).await;
        assert!(matches!(step, PaymentStep::Declined(_)), "{step:?}");
    }
    let step = pay(ofis, PayScope::All, PAID, &grouped(PAID.pan)).await;
    assert!(matches!(step, PaymentStep::Paid(_)), "{step:?}");

    let receipts = ofis.receipts().await.unwrap();
    assert_eq!(receipts.len(), 2);
    let history = ofis.history().await.unwrap();
    assert_eq!(history.entries.len(), 4, "{:?}", history.entries);
    ofis.email_receipt(&receipts[0].id, "copy@example.org")
        .await
        .unwrap();
    ofis.reconcile().await.unwrap();
    receipts.into_iter().map(|r| r.id).collect()
}

/// Signs in and adds the demo address.
async fn signed_in(sandbox: &RunningSandbox, dir: &Path, secrets: &Arc<MemorySecrets>) -> Ofis {
    let ofis = open(sandbox, dir, secrets).await;
    app::sign_in_with_address(&ofis).await;
    ofis
}

/// The places searched hold what the payments left there, so finding nothing there means
/// something: the database files were there, and the records hold the four orders, their
/// receipts, registries, idempotency answers and the mail sent.
fn assert_the_places_hold_the_payments(searched: &[Searched], records: &str, receipts: &[String]) {
    let places: Vec<&str> = searched.iter().map(|s| s.place.as_str()).collect();
    for file in ["ofis.sqlite", "ofis.sqlite-wal", "ofis.sqlite-shm"] {
        let file = format!("app open: {file}");
        assert!(
            places.contains(&file.as_str()),
            "{file} not searched: {places:?}"
        );
    }
    let document: serde_json::Value = serde_json::from_str(records).unwrap();
    assert_eq!(document["orders"].as_array().map(Vec::len), Some(4));
    for id in receipts {
        assert!(
            records.contains(id.as_str()),
            "receipt {id} not in the records"
        );
    }
    for kept in [
        "\"paid_at\"",
        "copy@example.org",
        "\"fingerprint\"",
        "\"fiscal\"",
    ] {
        assert!(records.contains(kept), "{kept} not in the records");
    }
}

/// The self-check, part one: the same search finds a card planted in a file (one in a
/// subdirectory, one in UTF-16) and in a Город-side record (a receipt mailed to an address made
/// of its number); then plants it in a `tracing` event and a `log` record, found later.
/// Returns what was found where.
async fn plant_and_find(
    sandbox: &RunningSandbox,
    dir: &Path,
    secrets: &Arc<MemorySecrets>,
    receipt: &str,
) -> String {
    std::fs::create_dir_all(dir.join("planted")).unwrap();
    std::fs::write(dir.join("planted/note.txt"), grouped(PLANTED.pan)).unwrap();
    let wide: Vec<u8> = PLANTED
        .pan
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    std::fs::write(dir.join("planted.utf16"), wide).unwrap();
    let files = search_files("planted", dir, &[PLANTED]);
    let found_in: Vec<&str> = files
        .iter()
        .filter(|s| !s.hits.is_empty())
        .map(|s| s.place.as_str())
        .collect();
    assert_eq!(
        found_in,
        ["planted: planted/note.txt", "planted: planted.utf16"]
    );

    let ofis = open(sandbox, dir, secrets).await;
    let to = format!("{}@example.org", PLANTED.pan);
    ofis.email_receipt(receipt, &to).await.unwrap();
    drop(ofis);
    let records = sandbox.state.gorod_records_json();
    let in_records = search("planted".into(), records.as_bytes(), &[PLANTED]);
    assert!(
        !in_records.hits.is_empty(),
        "planted card not found in the records"
    );

    tracing::trace!(target: "planted", card = %grouped(PLANTED.pan), "planted");
    log::trace!(
        target: "planted",
        r#"{{"pan":"{}","exp_month":11,"exp_year":2034,"cvc":"{}"}}"#,
        PLANTED.pan,
        PLANTED.cvc
    );
    format!(
        "{found_in:?}, in the records ({} hits)",
        in_records.hits.len()
    )
}

/// The logs hold TRACE records, `log`'s records and the card step's spans (with the masked
/// card), and — the self-check, part two — the planted card in each of its planted forms.
fn assert_the_logs_hold_the_payments_and_the_plant(captured: &[u8]) -> BTreeSet<String> {
    let text = String::from_utf8_lossy(captured);
    assert!(text.contains(" TRACE "), "no TRACE record captured");
    assert!(text.contains("[log] "), "no `log` record captured");
    for card in [THREE_DS, PAID] {
        let label = format!("•••• {}", &card.pan[card.pan.len() - 4..]);
        assert!(
            text.contains(&label),
            "the card step's span ({label}) not captured"
        );
    }
    let forms = forms_found(&[search("planted".into(), captured, &[PLANTED])]);
    for form in [
        "pan digits",
        "pan grouped by 4 with ' '",
        "cvc 642 near expiry 2034",
        "cvc 642 under its field name",
    ] {
        assert!(
            forms.contains(form),
            "planted {form} not found in the logs: {forms:?}"
        );
    }
    forms
}

#[tokio::test]
async fn card_numbers_are_nowhere_after_payments() {
    let started = Instant::now();
    let logs = Captured::install();
    let sandbox = app::sandbox().await;
    let dir = tempfile::tempdir().unwrap();
    let secrets = Arc::new(MemorySecrets::default());
    let ofis = signed_in(&sandbox, dir.path(), &secrets).await;
    let receipts = pay_everything(&ofis).await;

    // The files while the app runs (the WAL holds the latest pages), then after a restart and
    // the app's close (checkpointed into the database); then the Город side.
    let mut searched = search_files("app open", dir.path(), &USED);
    drop(ofis);
    let reopened = open(&sandbox, dir.path(), &secrets).await;
    assert_eq!(reopened.history().await.unwrap().entries.len(), 4);
    drop(reopened);
    searched.extend(search_files("app closed", dir.path(), &USED));
    let records = sandbox.state.gorod_records_json();
    searched.push(search(
        "Город-side records".into(),
        records.as_bytes(),
        &USED,
    ));
    assert_the_places_hold_the_payments(&searched, &records, &receipts);

    let planted = plant_and_find(&sandbox, dir.path(), &secrets, &receipts[0]).await;
    sandbox.shutdown().await;
    // Last, so that everything the app, the sandbox and their dependencies logged is in.
    let captured = logs.bytes();
    searched.push(search("logs (TRACE)".into(), &captured, &USED));
    let planted_forms = assert_the_logs_hold_the_payments_and_the_plant(&captured);

    eprintln!("card data search, {} cards:", USED.len());
    report(&searched);
    for ((krate, level), n) in logs.tally() {
        eprintln!("  log records {krate:<24} {level:<5} {n}");
    }
    eprintln!("self-check: planted card found in {planted}, in the logs as {planted_forms:?}");
    let hits: Vec<(&str, &Hit)> = searched
        .iter()
        .flat_map(|s| s.hits.iter().map(move |h| (s.place.as_str(), h)))
        .collect();
    assert!(hits.is_empty(), "card data found: {hits:#?}");
    eprintln!("wall time {:.2?}", started.elapsed());
}

#[test]
fn the_search_finds_every_form_of_a_card_and_not_its_masked_label() {
    for (form, bytes) in PAID.number_forms() {
        let mut hay = b"before ".to_vec();
        hay.extend_from_slice(&bytes);
        hay.extend_from_slice(b" after");
        let found: Vec<String> = find(&hay, &PAID).into_iter().map(|h| h.form).collect();
        assert!(found.contains(&form), "{form}: {found:?}");
    }
    for (text, form) in [
        (
            r#"{"exp_month":8,"exp_year":2037,"cvc":"913"}"#,
            "cvc 913 near expiry 2037",
        ),
        ("expiry 08/37, code 913", "cvc 913 near expiry 08/37"),
        (
            "CardSubmission { cvc: \"913\" }",
            "cvc 913 under its field name",
        ),
    ] {
        let found: Vec<String> = find(text.as_bytes(), &PAID)
            .into_iter()
            .map(|h| h.form)
            .collect();
        assert!(found.contains(&form.to_string()), "{text}: {found:?}");
    }
    for innocent in [
        "Visa •••• 1111",
        "411111******1111",
        "4111111111111112",
        "order 19135 of 2026-08-37",
        "a913b 2037 cvc: \"<redacted>\"",
        "card=4111 1111 1111 1112",
    ] {
        let found = find(innocent.as_bytes(), &PAID);
        assert!(found.is_empty(), "{innocent}: {found:?}");
    }
}
