//! Reads QR codes from photos of paper bills: rxing first, rqrr as a second opinion, over
//! several scales and binarisations when the plain reading fails. A photo never crashes the
//! caller: every decoder call runs behind a panic fence.

mod engines;
mod error;
mod guard;
mod load;
mod luma;
mod strategy;
mod text;

use std::path::Path;

pub use error::QrImageError;
pub use guard::{isolated, panics_caught, Crashed, MAX_LOST_WORKERS};
pub use image::DynamicImage;
pub use load::{decoder, load_image, MAX_FILE_BYTES, MAX_PIXELS};
#[doc(hidden)]
pub use strategy::{Attempt, Engine, View, PLAN};

/// One code read from a picture.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The content bytes exactly as encoded (GOST payloads may be Windows-1251 or KOI8-R).
    pub bytes: Vec<u8>,
    /// The content as text: decoded by the declared or most likely character set, so that the
    /// bytes can be recovered from it wherever the bytes allow.
    pub text: String,
    /// Which decoder read it.
    pub decoder: DecoderKind,
}

/// The decoder that read a code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DecoderKind {
    /// rxing, the Rust port of ZXing.
    Rxing,
    /// rqrr, a Rust port of quirc.
    Rqrr,
}

impl DecoderKind {
    /// Short lowercase name, for logs and JSON.
    pub fn name(self) -> &'static str {
        match self {
            DecoderKind::Rxing => "rxing",
            DecoderKind::Rqrr => "rqrr",
        }
    }
}

/// Every QR code in an uploaded PNG/JPEG file, read on a worker thread of its own
/// ([`isolated`]): a decoder's panic is [`QrImageError::DecoderFailed`], whatever the build's
/// panic strategy.
pub fn decode_image_bytes(file: &[u8]) -> Result<Vec<Decoded>, QrImageError> {
    let file = file.to_vec();
    isolated(move || {
        let img = load_image(&file)?;
        let found = decode_image(&img);
        if found.is_empty() {
            Err(QrImageError::NoCode)
        } else {
            Ok(found)
        }
    })
    .map_err(|Crashed| QrImageError::DecoderFailed)?
}

/// Every QR code in the picture file at `path`.
pub fn decode_path(path: impl AsRef<Path>) -> Result<Vec<Decoded>, QrImageError> {
    let path = path.as_ref();
    let size = std::fs::metadata(path)
        .map_err(|e| QrImageError::Unreadable(format!("{}: {e}", path.display())))?
        .len();
    if size > MAX_FILE_BYTES as u64 {
        return Err(QrImageError::TooLarge(format!("{size} bytes")));
    }
    let file = std::fs::read(path)
        .map_err(|e| QrImageError::Unreadable(format!("{}: {e}", path.display())))?;
    decode_image_bytes(&file)
}

/// Every QR code in an already loaded (and upright) picture; empty when none reads. Decoder
/// panics are fenced only with unwinding: the app goes through [`decode_image_bytes`].
pub fn decode_image(img: &DynamicImage) -> Vec<Decoded> {
    strategy::decode_luma(&load::to_luma(img))
}

/// Baseline: rqrr 0.11 as it comes, no retries: its own grey conversion and thresholding, the
/// bytes it decodes and their UTF-8 reading (rqrr knows no other character set). Panics count
/// as nothing found.
pub fn decode_rqrr_only(img: &DynamicImage) -> Vec<Decoded> {
    let grey = img.to_luma8();
    guard::fenced(|| {
        let mut prepared = rqrr::PreparedImage::prepare(grey);
        prepared
            .detect_grids()
            .iter()
            .filter_map(|grid| {
                let mut bytes = Vec::new();
                grid.decode_to(&mut bytes).ok()?;
                Some(Decoded {
                    text: String::from_utf8_lossy(&bytes).into_owned(),
                    bytes,
                    decoder: DecoderKind::Rqrr,
                })
            })
            .collect()
    })
    .unwrap_or_default()
}

/// Baseline: rxing 0.9 as it comes (`detect_in_luma` for QR codes, try harder), no retries:
/// its text and its raw bytes.
pub fn decode_rxing_only(img: &DynamicImage) -> Vec<Decoded> {
    let grey = img.to_luma8();
    let (width, height) = grey.dimensions();
    guard::fenced(|| {
        let mut hints = rxing::DecodeHints {
            TryHarder: Some(true),
            ..rxing::DecodeHints::default()
        };
        rxing::helpers::detect_in_luma_with_hints(
            grey.into_raw(),
            width,
            height,
            Some(rxing::BarcodeFormat::QR_CODE),
            &mut hints,
        )
        .ok()
    })
    .flatten()
    .map(|r| Decoded {
        bytes: r.getRawBytes().to_vec(),
        text: r.getText().to_owned(),
        decoder: DecoderKind::Rxing,
    })
    .into_iter()
    .collect()
}

/// One attempt of the plan on its own, for measuring what each contributes.
#[doc(hidden)]
pub fn decode_with_attempt(img: &DynamicImage, attempt: Attempt) -> Vec<Decoded> {
    let full = load::to_luma(img);
    attempt.run(&full, &strategy::working_copy(&full))
}
