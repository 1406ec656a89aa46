//! The real photos of `../shared/corpus/qr-photos` (ZXing's black-box set): how many we read
//! byte-exact, and that none of them crashes a decoder.

use std::path::{Path, PathBuf};

/// What we truly reach: 96 of 97. The 97th (qrcode-2/13, a designer code with a photo in its
/// modules) does decode, with two different decoders agreeing on "aerial photography of", while
/// its .txt says "aerial photograph of".
const EXPECTED_AT_LEAST: usize = 96;

fn corpus() -> PathBuf {
    Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/corpus/qr-photos"
    ))
    .to_path_buf()
}

/// Every `N.png` with its expected `N.txt`, in path order.
fn photos() -> Vec<(PathBuf, Vec<u8>)> {
    let mut found = Vec::new();
    for set in std::fs::read_dir(corpus()).expect("the QR photo corpus is beside the repository") {
        let set = set.unwrap().path();
        for entry in std::fs::read_dir(&set).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "png") {
                let expected = std::fs::read(path.with_extension("txt")).unwrap();
                found.push((path, expected));
            }
        }
    }
    found.sort();
    found
}

#[test]
fn reads_at_least_96_of_97_real_photos_byte_exact() {
    let photos = photos();
    assert_eq!(photos.len(), 97, "corpus size changed");
    let mut missed = Vec::new();
    for (path, expected) in &photos {
        let found = ofis_qr::decode_path(path).unwrap_or_default();
        let exact = found
            .iter()
            .any(|d| d.bytes == *expected || d.text.as_bytes() == expected.as_slice());
        if !exact {
            missed.push(path.display().to_string());
        }
    }
    let read = photos.len() - missed.len();
    assert!(
        read >= EXPECTED_AT_LEAST,
        "read {read}/{}; missed: {missed:#?}",
        photos.len()
    );
}

#[test]
fn no_photo_crashes_even_raw_rqrr() {
    let before = ofis_qr::panics_caught();
    for (path, _) in photos() {
        let img = ofis_qr::load_image(&std::fs::read(&path).unwrap()).unwrap();
        // Fenced inside: a panic here would fail this test.
        ofis_qr::decode_rqrr_only(&img);
        ofis_qr::decode_rxing_only(&img);
    }
    // rqrr 0.11 is known to assert on some photos; whatever it did was caught, not propagated.
    let _caught = ofis_qr::panics_caught() - before;
}
