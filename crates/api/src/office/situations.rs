//! «Жизненные ситуации»: situations a resident meets, each with its steps and direct links to
//! the services of «Абоненту».

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// Where a step leads in the app.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum StepAction {
    /// «Предварительная запись» on `topic_id`.
    Book,
    /// «Электронное заявление» of `application_kind_id`.
    Apply,
    /// «Подать показания ИПУ».
    Readings,
    /// «Квитанция».
    Bill,
    /// «Электронная квитанция».
    EBill,
    /// «Информация по дому».
    HouseInfo,
    /// «Мои платежи».
    Pay,
}

/// A link of a step to a service.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct StepLinkDto {
    pub action: StepAction,
    /// The button's label: «Записаться на приём».
    pub label: String,
    /// The topic of a booking (`book`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub topic_id: Option<String>,
    /// The kind of application (`apply`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub application_kind_id: Option<String>,
}

/// One step of a situation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct SituationStepDto {
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link: Option<StepLinkDto>,
}

/// A life situation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct LifeSituationDto {
    pub id: String,
    /// «Переезд».
    pub title: String,
    pub summary: String,
    pub steps: Vec<SituationStepDto>,
}
