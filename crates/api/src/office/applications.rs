//! «Электронное заявление»: the kinds of application the office takes, each with its form
//! (fields with their checks, the attachments it needs), attachments uploaded first, the
//! application sent once under an idempotency key, and «Мои заявления» with each one's status.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// What a form field takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum FormFieldKind {
    /// A personal account billed by Система «Город» (10 digits).
    Account,
    /// Free text of `min_len`..=`max_len` characters.
    Text,
    /// `YYYY-MM-DD`; `not_after_today` / `not_before_today` say which side of today it may be.
    Date,
    /// Digits only, `min_len`..=`max_len` of them (a meter's serial number).
    Digits,
    /// A decimal number ≥ 0 with up to three decimals (a meter reading).
    Number,
    /// One of `options`.
    Choice,
}

/// One field of an application's form.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct FormFieldDto {
    /// The key of the value in `CreateApplication.fields`, and the `field` of a refusal.
    pub id: String,
    pub label: String,
    pub kind: FormFieldKind,
    pub required: bool,
    /// A hint under the field.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_len: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_len: Option<u32>,
    /// The choices of a `choice` field.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<String>,
    /// A date that may not be later than today.
    #[serde(default)]
    pub not_after_today: bool,
    /// A date that may not be earlier than today.
    #[serde(default)]
    pub not_before_today: bool,
}

/// What an application must carry attached.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct AttachmentRuleDto {
    /// «Документ, подтверждающий отсутствие».
    pub label: String,
    pub min_count: u32,
    pub max_count: u32,
    /// The largest file taken, bytes.
    pub max_bytes: u32,
    /// `image/jpeg`, `image/png`, `application/pdf`.
    pub content_types: Vec<String>,
}

/// A kind of application with its form.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ApplicationKindDto {
    pub id: String,
    /// «Перерасчёт за время отсутствия».
    pub name: String,
    pub description: String,
    pub fields: Vec<FormFieldDto>,
    pub attachments: AttachmentRuleDto,
    /// The topic to book a visit on instead («Предварительная запись»).
    pub topic_id: String,
}

/// A file uploaded for an application.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct AttachmentDto {
    pub id: String,
    pub content_type: String,
    pub size: u32,
}

/// Send an application (header `Idempotency-Key`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct CreateApplication {
    pub kind_id: String,
    /// The form's values by field id.
    pub fields: BTreeMap<String, String>,
    /// Ids of attachments uploaded before.
    #[serde(default)]
    pub attachment_ids: Vec<String>,
}

/// Where an application stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ApplicationStatus {
    /// «Принято».
    Accepted,
    /// «В работе».
    InProgress,
    /// «Выполнено».
    Done,
    /// «Отказано».
    Refused,
}

/// One step of an application's history.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct StatusChangeDto {
    pub status: ApplicationStatus,
    pub on: NaiveDate,
}

/// An application of the signed-in person.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ApplicationDto {
    pub id: String,
    /// «З-2026-000001»: the number the office gives it.
    pub number: String,
    pub kind_id: String,
    pub kind_name: String,
    pub fields: BTreeMap<String, String>,
    pub attachments: Vec<AttachmentDto>,
    pub submitted_at: DateTime<Utc>,
    pub status: ApplicationStatus,
    /// Every status reached so far, oldest first.
    pub history: Vec<StatusChangeDto>,
    /// The office's answer, once done or refused.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answer: Option<String>,
}

/// The bytes of an attachment (a JPEG, PNG or PDF file), as the OpenAPI document names them: a
/// binary string.
#[derive(Clone, Debug, PartialEq, Eq, ToSchema)]
#[schema(value_type = String, format = Binary)]
pub struct AttachmentBytes(pub Vec<u8>);
