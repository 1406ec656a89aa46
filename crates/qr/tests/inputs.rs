//! Uploads as the app gets them: not images, images without a code, huge files, rotated
//! phone photos, bills with Windows-1251 payloads, several codes in one picture.

use std::io::Cursor;

use image::{DynamicImage, GrayImage, ImageFormat, Luma};
use ofis_qr::{decode_image_bytes, load_image, DecoderKind, QrImageError};
use qrcode::{Color, QrCode};

/// Draws `payload` as a QR code, `module` pixels per module, with a 4-module quiet zone.
fn code_picture(payload: &[u8], module: u32) -> GrayImage {
    let code = QrCode::new(payload).unwrap();
    let width = code.width() as u32;
    let side = (width + 8) * module;
    let colors = code.to_colors();
    GrayImage::from_fn(side, side, |x, y| {
        let (mx, my) = ((x / module).wrapping_sub(4), (y / module).wrapping_sub(4));
        let dark = mx < width && my < width && colors[(my * width + mx) as usize] == Color::Dark;
        Luma([if dark { 0 } else { 255 }])
    })
}

fn png(img: GrayImage) -> Vec<u8> {
    let mut out = Cursor::new(Vec::new());
    DynamicImage::ImageLuma8(img)
        .write_to(&mut out, ImageFormat::Png)
        .unwrap();
    out.into_inner()
}

fn jpeg(img: GrayImage) -> Vec<u8> {
    let mut out = Cursor::new(Vec::new());
    DynamicImage::ImageLuma8(img)
        .write_to(&mut out, ImageFormat::Jpeg)
        .unwrap();
    out.into_inner()
}

/// A payment payload in Windows-1251, as most Russian bills print it.
const GOST_1251: &[u8] = b"ST00011|Name=\xCE\xCE\xCE \xAB\xC2\xEE\xE4\xEE\xEA\xE0\xED\xE0\xEB\xBB|PersonalAcc=40702810900000000001|BankName=\xCF\xC0\xCE \xD1\xC1\xC5\xD0\xC1\xC0\xCD\xCA|BIC=044525225|CorrespAcc=30101810400000000225|PersAcc=1234567";

#[test]
fn garbage_is_unreadable() {
    for input in [
        &b""[..],
        b"not an image at all",
        b"\x89PNG\r\n\x1a\n truncated",
        // Formats a phone may hold but the app does not read (only JPEG and PNG are decoded,
        // by name: see `ofis_qr::decoder`), whatever codecs other crates switch on.
        b"GIF89a\x01\x00\x01\x00\x00\x00\x00;",
        b"RIFF\x1a\x00\x00\x00WEBPVP8L\x0d\x00\x00\x00\x2f\x00\x00\x00\x10\x07\x10\x11\x11\x88\x88\xfe\x07\x00",
        b"BM\x3a\x00\x00\x00\x00\x00\x00\x00\x36\x00\x00\x00\x28\x00",
    ] {
        let err = decode_image_bytes(input).unwrap_err();
        assert!(matches!(err, QrImageError::Unreadable(_)), "{err:?}");
        assert!(err
            .message_ru()
            .starts_with("Не удалось прочитать изображение"));
    }
}

#[test]
fn a_picture_without_a_code_gives_no_code() {
    let blank = GrayImage::from_fn(320, 240, |x, y| Luma([(200 + (x + y) % 40) as u8]));
    let err = decode_image_bytes(&png(blank)).unwrap_err();
    assert_eq!(err, QrImageError::NoCode);
    assert!(err.message_ru().starts_with("QR-код не найден"));
}

#[test]
fn oversized_files_and_pictures_are_refused_before_decoding() {
    let huge_file = vec![0u8; ofis_qr::MAX_FILE_BYTES + 1];
    assert!(matches!(
        decode_image_bytes(&huge_file),
        Err(QrImageError::TooLarge(_))
    ));
    // A tiny PNG whose header claims 30000 × 30000 pixels.
    let mut file = png(GrayImage::new(1, 1));
    file[16..20].copy_from_slice(&30_000u32.to_be_bytes());
    file[20..24].copy_from_slice(&30_000u32.to_be_bytes());
    let crc = crc32(&file[12..29]);
    file[29..33].copy_from_slice(&crc.to_be_bytes());
    let err = decode_image_bytes(&file).unwrap_err();
    assert!(matches!(err, QrImageError::TooLarge(_)), "{err:?}");
    assert!(err.message_ru().contains("слишком большое"));
}

#[test]
fn windows_1251_payload_comes_back_byte_exact_with_its_text() {
    let found = decode_image_bytes(&png(code_picture(GOST_1251, 4))).unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].bytes, GOST_1251);
    assert!(
        found[0].text.contains("Name=ООО «Водоканал»"),
        "{}",
        found[0].text
    );
    assert!(found[0].text.contains("BankName=ПАО СБЕРБАНК"));
}

#[test]
fn every_code_in_one_picture_is_returned() {
    let a = code_picture(b"ST00012|Name=first", 4);
    let b = code_picture(b"ST00012|Name=second", 4);
    let mut both = GrayImage::from_pixel(
        a.width() + b.width() + 40,
        a.height().max(b.height()),
        Luma([255]),
    );
    image::imageops::replace(&mut both, &a, 0, 0);
    image::imageops::replace(&mut both, &b, i64::from(a.width()) + 40, 0);
    let found = decode_image_bytes(&png(both)).unwrap();
    let mut texts: Vec<&str> = found.iter().map(|d| d.text.as_str()).collect();
    texts.sort();
    assert_eq!(texts, ["ST00012|Name=first", "ST00012|Name=second"]);
}

#[test]
fn a_large_camera_photo_is_read_after_shrinking() {
    // A 4800 × 3600 "photo" with the code filling a sixth of it, as a phone takes a bill.
    let code = code_picture(GOST_1251, 18);
    let mut photo = GrayImage::from_pixel(4800, 3600, Luma([235]));
    image::imageops::replace(&mut photo, &code, 1700, 1100);
    let found = decode_image_bytes(&jpeg(photo)).unwrap();
    assert_eq!(found[0].bytes, GOST_1251);
}

#[test]
fn light_on_dark_codes_are_read() {
    let mut code = code_picture(b"ST00012|Name=inverted", 5);
    image::imageops::invert(&mut code);
    let found = decode_image_bytes(&png(code)).unwrap();
    assert_eq!(found[0].text, "ST00012|Name=inverted");
}

#[test]
fn exif_orientation_turns_the_photo_upright() {
    // Stored landscape, EXIF orientation 6: the camera was held upright, shown as portrait.
    let stored = GrayImage::from_fn(240, 120, |x, _| Luma([(x % 256) as u8]));
    let file = with_exif_orientation(&jpeg(stored), 6);
    let upright = load_image(&file).unwrap();
    assert_eq!((upright.width(), upright.height()), (120, 240));
}

#[test]
fn codes_in_rotated_jpeg_photos_read_through_exif() {
    let code = code_picture(b"ST00012|Name=rotated", 5);
    let stored = image::imageops::rotate270(&code);
    let found = decode_image_bytes(&with_exif_orientation(&jpeg(stored), 6)).unwrap();
    assert_eq!(found[0].text, "ST00012|Name=rotated");
    assert_eq!(found[0].decoder, DecoderKind::Rxing);
}

/// Inserts an APP1 Exif segment holding only an Orientation tag right after the JPEG's SOI.
fn with_exif_orientation(jpeg: &[u8], orientation: u16) -> Vec<u8> {
    let mut tiff = b"MM\0\x2a\0\0\0\x08".to_vec();
    tiff.extend_from_slice(&1u16.to_be_bytes()); // one IFD entry
    tiff.extend_from_slice(&0x0112u16.to_be_bytes()); // Orientation
    tiff.extend_from_slice(&3u16.to_be_bytes()); // SHORT
    tiff.extend_from_slice(&1u32.to_be_bytes()); // count
    tiff.extend_from_slice(&orientation.to_be_bytes());
    tiff.extend_from_slice(&[0, 0]); // padding of the 4-byte value field
    tiff.extend_from_slice(&0u32.to_be_bytes()); // no next IFD
    let mut segment = b"Exif\0\0".to_vec();
    segment.extend_from_slice(&tiff);
    let mut out = jpeg[..2].to_vec();
    out.extend_from_slice(&[0xFF, 0xE1]);
    out.extend_from_slice(&((segment.len() + 2) as u16).to_be_bytes());
    out.extend_from_slice(&segment);
    out.extend_from_slice(&jpeg[2..]);
    out
}

/// CRC-32 (IEEE), as PNG chunks carry it.
fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &byte in bytes {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}
