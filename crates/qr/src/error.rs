//! What can go wrong between an uploaded file and a decoded code.

/// Why no code came out of a picture.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QrImageError {
    /// The bytes are not a picture we can read (not PNG/JPEG, truncated, unreadable file).
    #[error("not a readable image: {0}")]
    Unreadable(String),
    /// The picture was read, but no QR code could be decoded in it.
    #[error("no QR code found in the image")]
    NoCode,
    /// The file or the picture is larger than we agree to decode.
    #[error("image too large: {0}")]
    TooLarge(String),
    /// A decoder failed on this picture (it panicked, and the app went on without it).
    #[error("the decoders failed on this picture")]
    DecoderFailed,
}

impl QrImageError {
    /// One clear Russian sentence for the person who took the photo.
    pub fn message_ru(&self) -> &'static str {
        match self {
            QrImageError::Unreadable(_) => {
                "Не удалось прочитать изображение. Выберите фотографию в формате JPEG или PNG."
            }
            QrImageError::NoCode => {
                "QR-код не найден. Сфотографируйте квитанцию ближе и ровнее, чтобы код был целиком в кадре и не бликовал."
            }
            QrImageError::TooLarge(_) => {
                "Изображение слишком большое. Выберите фотографию поменьше, до 40 МБ."
            }
            QrImageError::DecoderFailed => {
                "Не удалось обработать эту фотографию. Сфотографируйте квитанцию ещё раз или выберите другое фото."
            }
        }
    }
}
