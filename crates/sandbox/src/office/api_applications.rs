//! «Электронное заявление»: the kinds with their forms, attachments uploaded first (JPEG, PNG
//! or PDF, checked by their first bytes), the application sent once under an idempotency key,
//! and «Мои заявления» with each one's status as the office moves it on the sandbox clock:
//! принято the day it is sent, в работе the next day, выполнено or отказано (with the office's
//! answer) three days after sending.

use axum::body::{to_bytes, Body};
use axum::extract::rejection::JsonRejection;
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::Json;
use chrono::{Datelike, Days, NaiveDate};
use ofis_api::{
    ApiError, ApplicationDto, ApplicationKindDto, ApplicationStatus, AttachmentBytes,
    AttachmentDto, CreateApplication, ErrorCode, StatusChangeDto,
};

use super::forms::{decide, kind, Kind, ATTACHMENT_TYPES, KINDS, MAX_ATTACHMENT_BYTES};
use super::{Application, OfficeState, StoredAttachment};
use crate::auth::CurrentUser;
use crate::error::{json_body, BodyRefused, Failure};
use crate::state::Sandbox;

/// Days from sending until the office takes it up, and until it decides.
const IN_WORK_AFTER: u64 = 1;
const DECIDED_AFTER: u64 = 3;

/// The kinds of application, each with its form and the attachments it needs.
#[utoipa::path(
    get, path = "/api/v1/office/application-kinds", operation_id = "listApplicationKinds", tag = "office",
    responses((status = 200, description = "Виды заявлений и их формы", body = Vec<ApplicationKindDto>))
)]
pub async fn kinds() -> Json<Vec<ApplicationKindDto>> {
    Json(KINDS.iter().map(Kind::dto).collect())
}

/// The type of a file by its first bytes, if it is the type declared.
fn attachment_type(declared: &str, bytes: &[u8]) -> Option<&'static str> {
    let magic: &[u8] = match declared {
        "image/jpeg" => b"\xff\xd8\xff",
        "image/png" => b"\x89PNG\r\n\x1a\n",
        "application/pdf" => b"%PDF-",
        _ => return None,
    };
    let known = ATTACHMENT_TYPES.iter().find(|t| **t == declared)?;
    bytes.starts_with(magic).then_some(*known)
}

/// Uploads a file for an application: a JPEG, PNG or PDF of at most 2 МиБ; the application
/// then names it by id.
#[utoipa::path(
    post, path = "/api/v1/office/attachments", operation_id = "uploadAttachment", tag = "office",
    request_body(content((AttachmentBytes = "image/jpeg"), (AttachmentBytes = "image/png"), (AttachmentBytes = "application/pdf")), description = "Фото или скан: JPEG, PNG или PDF до 2 МиБ"),
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Файл принят", body = AttachmentDto),
        (status = 401, description = "Требуется вход", body = ApiError),
        (status = 413, description = "Файл больше 2 МиБ", body = ApiError),
        (status = 415, description = "Не JPEG, не PNG и не PDF", body = ApiError),
        (status = 422, description = "Содержимое не соответствует типу файла", body = ApiError),
    )
)]
pub async fn upload(
    State(sandbox): State<Sandbox>,
    CurrentUser(phone): CurrentUser,
    headers: HeaderMap,
    body: Body,
) -> Result<(StatusCode, Json<AttachmentDto>), Failure> {
    let declared = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .map(|v| v.trim().to_ascii_lowercase())
        .filter(|v| ATTACHMENT_TYPES.contains(&v.as_str()))
        .ok_or_else(|| {
            Failure::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                ErrorCode::Validation,
                "Приложите фото (JPEG, PNG) или документ PDF",
            )
        })?;
    let limit = usize::try_from(MAX_ATTACHMENT_BYTES).unwrap_or(usize::MAX);
    let bytes = to_bytes(body, limit).await.map_err(|_| {
        Failure::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            ErrorCode::Validation,
            "Файл больше 2 МиБ: уменьшите его или сохраните с меньшим качеством",
        )
    })?;
    let content_type = attachment_type(&declared, &bytes)
        .ok_or_else(|| Failure::validation("Файл повреждён или не того типа", "file"))?;
    let mut state = sandbox.lock();
    let records = &mut state.gorod.office;
    let dto = AttachmentDto {
        id: records.next_id("att"),
        content_type: content_type.to_string(),
        size: u32::try_from(bytes.len()).unwrap_or(u32::MAX),
    };
    records.attachments.push(StoredAttachment {
        owner: phone,
        dto: dto.clone(),
        used: false,
    });
    Ok((StatusCode::CREATED, Json(dto)))
}

/// The application as it stands on `today`.
pub(crate) fn application_dto(app: &Application, today: NaiveDate) -> ApplicationDto {
    let day = app.submitted_on;
    let mut history = vec![StatusChangeDto {
        status: ApplicationStatus::Accepted,
        on: day,
    }];
    let in_work = day + Days::new(IN_WORK_AFTER);
    if today >= in_work {
        history.push(StatusChangeDto {
            status: ApplicationStatus::InProgress,
            on: in_work,
        });
    }
    let decided_on = day + Days::new(DECIDED_AFTER);
    let mut answer = None;
    if today >= decided_on {
        let (status, text) = match &app.decision {
            Ok(text) => (ApplicationStatus::Done, text),
            Err(text) => (ApplicationStatus::Refused, text),
        };
        history.push(StatusChangeDto {
            status,
            on: decided_on,
        });
        answer = Some(text.clone());
    }
    ApplicationDto {
        status: history
            .last()
            .map_or(ApplicationStatus::Accepted, |c| c.status),
        history,
        answer,
        ..app.dto.clone()
    }
}

/// The attachments named, if they are the person's, unused, and as many as the kind needs.
fn take_attachments(
    records: &mut OfficeState,
    phone: &str,
    kind: &Kind,
    ids: &[String],
) -> Result<Vec<AttachmentDto>, Failure> {
    let (label, min, max) = kind.attachments;
    let count = u32::try_from(ids.len()).unwrap_or(u32::MAX);
    if count < min || count > max {
        let message = format!("Приложите от {min} до {max} файлов: {label}");
        return Err(Failure::validation(message, "attachment_ids"));
    }
    let mut taken = Vec::new();
    for (n, id) in ids.iter().enumerate() {
        let found = records
            .attachments
            .iter()
            .find(|a| a.owner == phone && a.dto.id == *id && !a.used && !ids[..n].contains(id));
        let found = found.ok_or_else(|| {
            Failure::validation("Файл не найден: загрузите его ещё раз", "attachment_ids")
        })?;
        taken.push(found.dto.clone());
    }
    for a in records
        .attachments
        .iter_mut()
        .filter(|a| ids.contains(&a.dto.id))
    {
        a.used = true;
    }
    Ok(taken)
}

/// Sends an application: the form checked field by field, the attachments as the kind needs.
/// A retry with the same `Idempotency-Key` and body gets the same application.
#[utoipa::path(
    post, path = "/api/v1/office/applications", operation_id = "createApplication", tag = "office",
    params(("Idempotency-Key" = String, Header, description = "Уникальный ключ запроса; повтор с тем же ключом возвращает то же заявление")),
    request_body = CreateApplication,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Заявление принято", body = ApplicationDto),
        (status = 401, description = "Требуется вход", body = ApiError),
        (status = 422, description = "Нет такого вида, поле заполнено неверно (field — его id), не те файлы, нет ключа или ключ использован с другим заявлением", body = ApiError),
        BodyRefused,
    )
)]
pub async fn create(
    State(sandbox): State<Sandbox>,
    CurrentUser(phone): CurrentUser,
    headers: HeaderMap,
    body: Result<Json<CreateApplication>, JsonRejection>,
) -> Result<(StatusCode, Json<ApplicationDto>), Failure> {
    let key = crate::idempotency::key(&headers)?;
    let request = json_body(body)?;
    let kind = kind(&request.kind_id)
        .ok_or_else(|| Failure::validation("Такого вида заявления нет", "kind_id"))?;
    let fingerprint = serde_json::to_string(&request).map_err(|_| Failure::internal())?;
    let mut state = sandbox.lock();
    let today = state.today;
    let slot = (phone.clone(), key);
    if let Some((first, id)) = state.gorod.office.application_keys.get(&slot) {
        let app = state
            .gorod
            .office
            .applications
            .iter()
            .find(|a| &a.dto.id == id);
        return match app {
            Some(app) if *first == fingerprint => {
                Ok((StatusCode::CREATED, Json(application_dto(app, today))))
            }
            _ => Err(Failure::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                ErrorCode::IdempotencyMismatch,
                "Ключ идемпотентности уже использован с другим заявлением",
            )),
        };
    }
    kind.check(&request.fields, today)?;
    let submitted_at = state.now();
    let records = &mut state.gorod.office;
    let attachments = take_attachments(records, &phone, kind, &request.attachment_ids)?;
    let id = records.next_id("app");
    let number = format!("З-{}-{:06}", today.year(), records.applications.len() + 1);
    let fields = request
        .fields
        .iter()
        .map(|(k, v)| (k.clone(), v.trim().to_string()))
        .collect();
    let app = Application {
        owner: phone,
        submitted_on: today,
        decision: decide(kind, &fields),
        dto: ApplicationDto {
            id: id.clone(),
            number,
            kind_id: kind.id.to_string(),
            kind_name: kind.name.to_string(),
            fields,
            attachments,
            submitted_at,
            status: ApplicationStatus::Accepted,
            history: Vec::new(),
            answer: None,
        },
    };
    records.application_keys.insert(slot, (fingerprint, id));
    let dto = application_dto(&app, today);
    records.applications.push(app);
    Ok((StatusCode::CREATED, Json(dto)))
}

/// «Мои заявления»: the person's applications, newest first, each with its status today.
#[utoipa::path(
    get, path = "/api/v1/office/applications", operation_id = "listApplications", tag = "office",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Заявления и их состояние", body = Vec<ApplicationDto>),
        (status = 401, description = "Требуется вход", body = ApiError),
    )
)]
pub async fn list(
    State(sandbox): State<Sandbox>,
    CurrentUser(phone): CurrentUser,
) -> Json<Vec<ApplicationDto>> {
    let state = sandbox.lock();
    let today = state.today;
    Json(
        state
            .gorod
            .office
            .applications
            .iter()
            .rev()
            .filter(|a| a.owner == phone)
            .map(|a| application_dto(a, today))
            .collect(),
    )
}
