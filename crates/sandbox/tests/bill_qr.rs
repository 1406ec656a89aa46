//! The payment QR code printed on each bill: over HTTP, as PNGs that read back exactly, and from
//! `gorod-sandbox --write-qr`.

mod common;

use std::process::Command;

use common::{error, ok_json, Harness, FULL_ADDRESS, PHONE};
use gorod_sandbox::{bill_qr_payload, bill_qr_png, town};
use ofis_api::{paths, BillQrDto, ErrorCode};
use ofis_domain::qr_payload::parse_text;
use reqwest::StatusCode;

#[tokio::test]
async fn a_posted_bill_serves_its_payment_code() {
    let h = Harness::start("2026-11-25").await;
    let token = h.sign_in(PHONE).await;
    let bills = h.bills(&token, FULL_ADDRESS).await;
    assert!(!bills.bills.is_empty());
    for bill in &bills.bills {
        let qr: BillQrDto =
            ok_json(h.get(&h.api(&paths::bill_qr(&bill.id)), Some(&token)).await).await;
        assert_eq!(qr.payload, bill_qr_payload(bill));
        let search = parse_text(&qr.payload).expect("parses").search();
        assert_eq!(search.account.as_deref(), Some(bill.account.as_str()));
        assert_eq!(search.amount, Some(bill.amount_due));
    }

    let url = |id: &str| h.api(&paths::bill_qr(id));
    let missing = error(
        h.get(&url("bill-0000000000-2026-11"), Some(&token)).await,
        StatusCode::NOT_FOUND,
    )
    .await;
    assert_eq!(missing.code, ErrorCode::NotFound);
    // December's bills are not posted on 25 November: no paper, no code.
    error(
        h.get(&url("bill-1000125005-2026-12"), Some(&token)).await,
        StatusCode::NOT_FOUND,
    )
    .await;
    error(
        h.get(&url("bill-1000125005-2026-11"), None).await,
        StatusCode::UNAUTHORIZED,
    )
    .await;
}

#[test]
fn the_pngs_of_an_address_read_back_to_the_exact_payload() {
    let today = "2026-11-25".parse().unwrap();
    let bills = town::posted_bills(FULL_ADDRESS, "2026-11".parse().unwrap(), today);
    assert_eq!(bills.len(), 10);
    for bill in &bills {
        let payload = bill_qr_payload(bill);
        let codes = ofis_qr::decode_image_bytes(&bill_qr_png(bill))
            .unwrap_or_else(|e| panic!("{}: {e}", bill.id));
        assert_eq!(codes.len(), 1, "{}", bill.id);
        assert_eq!(codes[0].bytes, payload.as_bytes(), "{}", bill.id);
        assert_eq!(codes[0].text, payload);
    }
}

#[test]
fn write_qr_writes_one_png_per_bill_of_the_month() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = Command::new(env!("CARGO_BIN_EXE_gorod-sandbox"))
        .arg("--write-qr")
        .arg(dir.path())
        .args(["--today", "2026-11-02"])
        .output()
        .expect("gorod-sandbox runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout} {}",
        String::from_utf8_lossy(&out.stderr)
    );

    // On the 2nd only «Город», «Т Плюс», МегаФон and the school have posted November's bills.
    let today = "2026-11-02".parse().unwrap();
    let expected = gorod_sandbox::qr::current_bills(today);
    let mut files: Vec<String> = std::fs::read_dir(dir.path())
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    let mut ids: Vec<String> = expected.iter().map(|b| format!("{}.png", b.id)).collect();
    ids.sort();
    assert_eq!(files, ids);
    assert!(files.contains(&"bill-1000125005-2026-11.png".to_string()));
    assert!(!files.iter().any(|f| f.starts_with("bill-560012512005")));
    assert!(stdout.contains("bill-1000125005-2026-11.png"), "{stdout}");
    assert!(
        stdout.contains(&format!("{} QR codes", expected.len())),
        "{stdout}"
    );

    let heating = expected
        .iter()
        .find(|b| b.account == "7012505001")
        .expect("heating is posted on the 2nd");
    let png = std::fs::read(dir.path().join(format!("{}.png", heating.id))).expect("png");
    assert_eq!(png, bill_qr_png(heating));
    let codes = ofis_qr::decode_image_bytes(&png).expect("reads");
    assert_eq!(codes[0].bytes, bill_qr_payload(heating).as_bytes());
}
