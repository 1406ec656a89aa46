//! From uploaded bytes to an upright picture and its grey levels.

use std::io::Cursor;

use image::codecs::jpeg::JpegDecoder;
use image::codecs::png::PngDecoder;
use image::error::{ImageFormatHint, UnsupportedError, UnsupportedErrorKind};
use image::{DynamicImage, ImageDecoder, ImageError, ImageFormat, Limits};

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
    let mut decoder = decoder(file).map_err(image_error)?;
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

/// The decoder of a JPEG (a camera's photo) or PNG (a screenshot) file, chosen by its first
/// bytes. Only these two are read, by name: `image`'s own dispatch (`ImageReader`) would link
/// every codec the dependency graph switches on — dioxus-desktop asks for all of them (EXR,
/// TIFF, WebP, AVIF…), half a megabyte of a phone's binary that no bill photo needs.
pub fn decoder(file: &[u8]) -> Result<Box<dyn ImageDecoder + '_>, ImageError> {
    match image::guess_format(file) {
        Ok(ImageFormat::Jpeg) => Ok(Box::new(JpegDecoder::new(Cursor::new(file))?)),
        Ok(ImageFormat::Png) => Ok(Box::new(PngDecoder::new(Cursor::new(file))?)),
        Ok(other) => Err(unsupported(ImageFormatHint::Exact(other))),
        Err(_) => Err(unsupported(ImageFormatHint::Unknown)),
    }
}

fn unsupported(format: ImageFormatHint) -> ImageError {
    ImageError::Unsupported(UnsupportedError::from_format_and_kind(
        format.clone(),
        UnsupportedErrorKind::Format(format),
    ))
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
