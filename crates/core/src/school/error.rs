//! Why a «Школьное питание» intent is refused before anything is sent, in one Russian sentence.

use ofis_domain::school::{LimitError, MealRequestError};

/// A refusal of the school-meal use cases.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SchoolError {
    #[error("daily limit: {0}")]
    Limit(#[from] LimitError),
    #[error("meal request: {0}")]
    MealRequest(#[from] MealRequestError),
    #[error("a top-up of zero")]
    TopUpZero,
    #[error("not a date: {0}")]
    DayFormat(String),
    #[error("the period ends before it starts")]
    PeriodReversed,
    #[error("the photo cannot be read: {0}")]
    PhotoUnreadable(String),
    #[error("the photo is still too large after resizing")]
    PhotoTooLarge,
}

impl SchoolError {
    /// One sentence in Russian.
    pub fn message_ru(&self) -> String {
        match self {
            SchoolError::Limit(e) => e.message_ru(),
            SchoolError::MealRequest(e) => e.message_ru(),
            SchoolError::TopUpZero => "Введите сумму пополнения больше нуля.".into(),
            SchoolError::DayFormat(_) => "Укажите дату: день, месяц и год.".into(),
            SchoolError::PeriodReversed => "Дата окончания периода раньше даты начала.".into(),
            SchoolError::PhotoUnreadable(_) => {
                "Не удалось прочитать фото: выберите снимок в формате JPEG или PNG.".into()
            }
            SchoolError::PhotoTooLarge => {
                "Фото слишком большое даже после уменьшения: выберите другой снимок.".into()
            }
        }
    }
}
