//! From uploaded bytes to an upright picture and its grey levels.

use std::io::Cursor;

use image::{DynamicImage, ImageDecoder, ImageError, ImageReader, Limits};

use crate::luma::Luma;
use crate::QrImageError;

/// Files above this size are refused before decoding (a phone photo is 2–12 MB).
pub const MAX_FILE_BYTES: usize = 40 * 1024 * 1024;
/// Pictures above this many pixels are refused (a 108 MP phone sensor is the largest seen).
pub const MAX_PIXELS: u64 = 110_000_000;

/// Decodes PNG/JPEG bytes and turns the picture upright according to its EXIF orientation.
pub fn load_image(file: &[u8]) -> Result<DynamicImage, QrImageError> {
    if file.len() > MAX_FILE_BYTES {
        return Err(QrImageError::TooLarge(format!("{} bytes", file.len())));
    }
    let reader = ImageReader::new(Cursor::new(file))
        .with_guessed_format()
        .map_err(|e| QrImageError::Unreadable(e.to_string()))?;
    if reader.format().is_none() {
        return Err(QrImageError::Unreadable("unknown format".into()));
    }
    let mut decoder = reader.into_decoder().map_err(image_error)?;
    let (w, h) = decoder.dimensions();
    if u64::from(w) * u64::from(h) > MAX_PIXELS {
        return Err(QrImageError::TooLarge(format!("{w}×{h} pixels")));
    }
    let mut limits = Limits::default();
    limits.max_alloc = Some(MAX_PIXELS * 8);
    decoder.set_limits(limits).map_err(image_error)?;
    // A missing or broken EXIF block must not cost the photo: read it as "no rotation".
    let orientation = decoder
        .orientation()
        .unwrap_or(image::metadata::Orientation::NoTransforms);
    let mut img = DynamicImage::from_decoder(decoder).map_err(image_error)?;
    img.apply_orientation(orientation);
    Ok(img)
}

fn image_error(e: ImageError) -> QrImageError {
    match e {
        ImageError::Limits(l) => QrImageError::TooLarge(l.to_string()),
        other => QrImageError::Unreadable(other.to_string()),
    }
}

/// Grey levels of a picture; transparent parts count as white paper, not as black ink.
pub fn to_luma(img: &DynamicImage) -> Luma {
    let (width, height) = (img.width(), img.height());
    let pixels = if img.color().has_alpha() {
        img.to_rgba8()
            .pixels()
            .map(|p| {
                let [r, g, b, a] = p.0;
                let grey = (u32::from(r) * 299 + u32::from(g) * 587 + u32::from(b) * 114) / 1000;
                let a = u32::from(a);
                ((grey * a + 255 * (255 - a)) / 255) as u8
            })
            .collect()
    } else {
        img.to_luma8().into_raw()
    };
    Luma::new(pixels, width, height)
}
