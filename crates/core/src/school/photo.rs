//! «Фотография»: the child's photo, resized on the device (at most [`PHOTO_SIDE`] px on the long
//! side, re-encoded as JPEG under the server's cap) before it is uploaded, and fetched back for
//! the card.

use image::codecs::jpeg::JpegEncoder;
use image::imageops::FilterType;
use image::{DynamicImage, ImageDecoder, Limits};
use ofis_client::ClientError;
use tracing::instrument;

use super::SchoolError;
use crate::app::Ofis;
use crate::error::CoreError;

/// The long side of an uploaded photo, in pixels.
pub const PHOTO_SIDE: u32 = 640;
/// The server's cap on a photo, in bytes.
pub const PHOTO_MAX_BYTES: usize = 512 * 1024;
/// The largest picture decoded, per side (a bigger one is not a phone photo).
const DECODE_MAX_SIDE: u32 = 16_384;
const QUALITIES: [u8; 4] = [85, 70, 55, 40];

/// A child's photo as the card shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChildPhoto {
    /// `image/jpeg` or `image/png`.
    pub content_type: String,
    pub bytes: Vec<u8>,
}

fn decode(bytes: &[u8]) -> Result<DynamicImage, SchoolError> {
    let unreadable = |e: image::ImageError| SchoolError::PhotoUnreadable(e.to_string());
    // JPEG or PNG, read by name (see `ofis_qr::decoder`).
    let mut decoder = ofis_qr::decoder(bytes).map_err(unreadable)?;
    let mut limits = Limits::default();
    limits.max_image_width = Some(DECODE_MAX_SIDE);
    limits.max_image_height = Some(DECODE_MAX_SIDE);
    decoder.set_limits(limits).map_err(unreadable)?;
    DynamicImage::from_decoder(decoder).map_err(unreadable)
}

/// A photo made fit to upload: at most [`PHOTO_SIDE`] px on the long side, JPEG, under
/// [`PHOTO_MAX_BYTES`] (lower qualities are tried until it fits).
pub fn fit_photo(bytes: &[u8]) -> Result<Vec<u8>, SchoolError> {
    let picture = decode(bytes)?;
    let picture = if picture.width().max(picture.height()) > PHOTO_SIDE {
        picture.resize(PHOTO_SIDE, PHOTO_SIDE, FilterType::Triangle)
    } else {
        picture
    };
    let rgb = picture.to_rgb8();
    for quality in QUALITIES {
        let mut out = Vec::new();
        JpegEncoder::new_with_quality(&mut out, quality)
            .encode_image(&rgb)
            .map_err(|e| SchoolError::PhotoUnreadable(e.to_string()))?;
        if out.len() <= PHOTO_MAX_BYTES {
            return Ok(out);
        }
    }
    Err(SchoolError::PhotoTooLarge)
}

impl Ofis {
    /// «Фотография»: uploads (or replaces) the child's photo, resized here first (off the UI's
    /// runtime).
    #[instrument(skip(self, bytes), fields(size = bytes.len()))]
    pub async fn upload_child_photo(
        &self,
        child_id: &str,
        bytes: Vec<u8>,
    ) -> Result<(), CoreError> {
        // On a worker of its own, like a QR photo: a codec's panic costs this photo, not the app
        // (the phones' build aborts on panics; see `ofis_qr::isolated`).
        let fitted =
            tokio::task::spawn_blocking(move || ofis_qr::isolated(move || fit_photo(&bytes)))
                .await
                .map_err(|e| CoreError::Task(e.to_string()))?;
        let jpeg = fitted.unwrap_or_else(|ofis_qr::Crashed| {
            Err(SchoolError::PhotoUnreadable(
                "the image codec failed on it".into(),
            ))
        })?;
        self.inner
            .gorod
            .upload_child_photo(child_id, "image/jpeg", jpeg)
            .await?;
        Ok(())
    }

    /// The child's photo; `None` when there is none.
    #[instrument(skip(self))]
    pub async fn child_photo(&self, child_id: &str) -> Result<Option<ChildPhoto>, CoreError> {
        match self.inner.gorod.child_photo(child_id).await {
            Ok(p) => Ok(Some(ChildPhoto {
                content_type: p.content_type,
                bytes: p.bytes,
            })),
            Err(ClientError::NotFound(_)) => Ok(None),
            Err(e) => Err(e.into()),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::io::Cursor;

    use super::*;

    fn png(w: u32, h: u32) -> Vec<u8> {
        let img = image::RgbImage::from_fn(w, h, |x, y| {
            image::Rgb([(x % 256) as u8, (y % 256) as u8, 90])
        });
        let mut out = Vec::new();
        DynamicImage::ImageRgb8(img)
            .write_to(&mut Cursor::new(&mut out), image::ImageFormat::Png)
            .unwrap();
        out
    }

    #[test]
    fn a_big_photo_is_made_a_small_jpeg_keeping_its_shape() {
        let fitted = fit_photo(&png(2000, 1000)).unwrap();
        assert!(fitted.starts_with(b"\xff\xd8\xff"), "a JPEG");
        assert!(fitted.len() <= PHOTO_MAX_BYTES);
        let back = image::load_from_memory(&fitted).unwrap();
        assert_eq!((back.width(), back.height()), (640, 320));
    }

    #[test]
    fn a_small_photo_keeps_its_size_and_garbage_is_refused() {
        let back = image::load_from_memory(&fit_photo(&png(100, 120)).unwrap()).unwrap();
        assert_eq!((back.width(), back.height()), (100, 120));
        assert!(matches!(
            fit_photo(b"not a picture"),
            Err(SchoolError::PhotoUnreadable(_))
        ));
    }
}
