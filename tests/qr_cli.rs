//! `ofis qr decode` and `ofis qr parse` as a user runs them: real binary, real files, stdin.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use ofis_qr::DynamicImage;
use qrcode::{Color, QrCode};

const OFIS: &str = env!("CARGO_BIN_EXE_ofis");

const PAYMENT: &str = "ST00012|Name=ООО «Водоканал»|PersonalAcc=40702810900000000001|\
BankName=ПАО СБЕРБАНК|BIC=044525225|CorrespAcc=30101810400000000225|PayeeINN=7701234567|\
PersAcc=1234567|Sum=154300";

fn corpus_photo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/qr-photos/zxing-qrcode-1/1.png")
}

/// Saves `payload` as a QR code PNG, 4 px per module with a quiet zone.
fn code_png(dir: &Path, payload: &str) -> PathBuf {
    let code = QrCode::new(payload.as_bytes()).unwrap();
    let (width, module) = (code.width(), 4);
    let side = (width + 8) * module;
    let colors = code.to_colors();
    let mut img = DynamicImage::new_luma8(side as u32, side as u32);
    let pixels: &mut [u8] = img.as_mut_luma8().unwrap();
    for y in 0..side {
        for x in 0..side {
            let (mx, my) = ((x / module).wrapping_sub(4), (y / module).wrapping_sub(4));
            let dark = mx < width && my < width && colors[my * width + mx] == Color::Dark;
            pixels[y * side + x] = if dark { 0 } else { 255 };
        }
    }
    let path = dir.join("bill.png");
    img.save(&path).unwrap();
    path
}

fn ofis(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(OFIS)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    child.wait_with_output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn decode_prints_the_text_and_the_payment_of_a_bill_code() {
    let dir = tempfile::tempdir().unwrap();
    let png = code_png(dir.path(), PAYMENT);
    let out = ofis(&["qr", "decode", png.to_str().unwrap()], b"");
    let stdout = text(&out.stdout);
    assert!(out.status.success(), "{stdout}\n{}", text(&out.stderr));
    assert!(stdout.contains(PAYMENT), "{stdout}");
    let json_start = stdout.find('{').expect("JSON after the text");
    let json: serde_json::Value = serde_json::from_str(&stdout[json_start..]).unwrap();
    assert_eq!(json["personal_acc"], "40702810900000000001");
    assert_eq!(json["payee_inn"], "7701234567");
}

#[test]
fn decode_prints_the_text_of_a_real_photo_and_says_it_is_no_bill() {
    let photo = corpus_photo();
    let expected = std::fs::read_to_string(photo.with_extension("txt")).unwrap();
    let out = ofis(&["qr", "decode", photo.to_str().unwrap()], b"");
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains(&expected),
        "{}",
        text(&out.stdout)
    );
    assert!(
        text(&out.stderr).contains("ofis qr:"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn decode_of_a_file_that_is_no_image_fails_in_russian() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.png");
    std::fs::write(&path, "not a picture").unwrap();
    let out = ofis(&["qr", "decode", path.to_str().unwrap()], b"");
    assert!(!out.status.success());
    assert!(text(&out.stderr).contains("Не удалось прочитать изображение"));
}

#[test]
fn parse_reads_a_payload_from_stdin_and_prints_json() {
    let out = ofis(&["qr", "parse"], format!("{PAYMENT}\n").as_bytes());
    assert!(out.status.success(), "{}", text(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["bic"], "044525225");
    assert_eq!(json["name"], "ООО «Водоканал»");
}

#[test]
fn parse_of_a_non_payment_code_fails_with_a_russian_message() {
    let out = ofis(
        &["qr", "parse"],
        b"https://qr.nspk.ru/AS1000670LSS7DN18SJQDNP4B05KLJL2",
    );
    assert!(!out.status.success());
    assert!(out.stdout.is_empty());
    assert!(text(&out.stderr).contains("СБП"), "{}", text(&out.stderr));
}
