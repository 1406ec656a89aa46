//! One attempt of one decoder on one grey picture, fenced against panics.

use std::collections::HashSet;

use rxing::common::{GlobalHistogramBinarizer, HybridBinarizer};
use rxing::multi::MultipleBarcodeReader;
use rxing::qrcode::cpp_port::QrReader;
use rxing::qrcode::QRCodeReader;
use rxing::{
    BarcodeFormat, Binarizer, BinaryBitmap, DecodeHints, Luma8Source, RXingResult,
    RXingResultMetadataType, RXingResultMetadataValue, Reader,
};

use crate::guard::fenced;
use crate::luma::Luma;
use crate::text::{text_of, Reading};
use crate::{Decoded, DecoderKind};

/// How rxing turns grey into black and white.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Threshold {
    /// Local blocks (ZXing's default for 2D codes).
    Hybrid,
    /// One histogram for the whole picture.
    Global,
}

fn hints() -> DecodeHints {
    DecodeHints {
        TryHarder: Some(true),
        PossibleFormats: Some(HashSet::from([BarcodeFormat::QR_CODE])),
        // Only the older (Java-port) reader reads this: byte segments come back one char per
        // byte, so their bytes can be recovered exactly.
        CharacterSet: Some("ISO-8859-1".into()),
        ..DecodeHints::default()
    }
}

/// rxing on `img`: the zxing-cpp port finds every code; the Java port is asked when it finds
/// none.
pub fn rxing(img: &Luma, threshold: Threshold) -> Vec<Decoded> {
    fenced(|| {
        let Ok(source) = Luma8Source::new_with_slice(&img.data, img.width, img.height) else {
            return Vec::new();
        };
        match threshold {
            Threshold::Hybrid => read_all(&mut BinaryBitmap::new(HybridBinarizer::new(source))),
            Threshold::Global => read_all(&mut BinaryBitmap::new(GlobalHistogramBinarizer::new(
                source,
            ))),
        }
    })
    .unwrap_or_default()
}

fn read_all<B: Binarizer>(bitmap: &mut BinaryBitmap<B>) -> Vec<Decoded> {
    let hints = hints();
    let found: Vec<Decoded> = QrReader
        .decode_multiple_with_hints(bitmap, &hints)
        .unwrap_or_default()
        .iter()
        .map(from_cpp_port)
        .collect();
    if !found.is_empty() {
        return found;
    }
    QRCodeReader
        .decode_with_hints(bitmap, &hints)
        .map(|r| vec![from_java_port(&r)])
        .unwrap_or_default()
}

/// The zxing-cpp port hands over the content bytes themselves.
fn from_cpp_port(r: &RXingResult) -> Decoded {
    let bytes = r.getRawBytes().to_vec();
    let reading = if has_eci(r) {
        Reading::Declared(r.getText())
    } else {
        Reading::Guessed(r.getText())
    };
    Decoded {
        text: text_of(&bytes, reading),
        bytes,
        decoder: DecoderKind::Rxing,
    }
}

/// The Java port hands over codewords, not content: its text (read as ISO-8859-1) is the
/// content, one char per byte, unless ECI or Kanji mode produced wider characters.
fn from_java_port(r: &RXingResult) -> Decoded {
    let text = r.getText();
    let narrow: Option<Vec<u8>> = text.chars().map(|c| u8::try_from(c).ok()).collect();
    match narrow {
        Some(bytes) if !has_eci(r) => Decoded {
            text: text_of(&bytes, Reading::None),
            bytes,
            decoder: DecoderKind::Rxing,
        },
        _ => Decoded {
            bytes: text.as_bytes().to_vec(),
            text: text.to_owned(),
            decoder: DecoderKind::Rxing,
        },
    }
}

/// QR symbology identifiers `]Q2`, `]Q4`, `]Q6` mean the code carries ECI designators.
fn has_eci(r: &RXingResult) -> bool {
    match r
        .getRXingResultMetadata()
        .get(&RXingResultMetadataType::SYMBOLOGY_IDENTIFIER)
    {
        Some(RXingResultMetadataValue::SymbologyIdentifier(id)) => {
            matches!(id.as_bytes().get(2), Some(b'2' | b'4' | b'6'))
        }
        _ => false,
    }
}

/// rqrr on `img`; a panic (rqrr 0.11 asserts on some perspective fits) counts as nothing found.
pub fn rqrr(img: &Luma) -> Vec<Decoded> {
    let (w, h) = (img.width as usize, img.height as usize);
    let Some(mut prepared) =
        fenced(|| rqrr::PreparedImage::prepare_from_greyscale(w, h, |x, y| img.data[y * w + x]))
    else {
        return Vec::new();
    };
    fenced(|| {
        prepared
            .detect_grids()
            .iter()
            .filter_map(|grid| {
                let mut bytes = Vec::new();
                fenced(|| grid.decode_to(&mut bytes).ok())
                    .flatten()
                    .map(|_| bytes)
            })
            .map(|bytes| Decoded {
                text: text_of(&bytes, Reading::None),
                bytes,
                decoder: DecoderKind::Rqrr,
            })
            .collect()
    })
    .unwrap_or_default()
}
