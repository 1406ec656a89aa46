//! The routes of «Написать»: the conversation, a new message (under an `Idempotency-Key`), read
//! marks, and photos (JPEG or PNG, at most 5 MiB).

use std::time::Instant;

use axum::body::{to_bytes, Body};
use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use ofis_api::{
    ApiError, ErrorCode, NewSupportMessage, PhotoBytes, SupportAttachmentDto, SupportAuthor,
    SupportConversationDto, SupportMessageDto, SUPPORT_PHOTO_MAX_BYTES, SUPPORT_TEXT_MAX_CHARS,
};

use super::{Photo, ANSWER_DELAY};
use crate::auth::CurrentUser;
use crate::error::{json_body, BodyRefused, Failure};
use crate::state::Sandbox;

const PNG: &[u8] = b"\x89PNG\r\n\x1a\n";
const JPEG: &[u8] = b"\xff\xd8\xff";

/// The conversation, oldest first; support's answers that are due are written first.
#[utoipa::path(
    get, path = "/api/v1/support/messages", operation_id = "supportMessages", tag = "support",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Переписка с поддержкой", body = SupportConversationDto),
        (status = 401, description = "Требуется вход", body = ApiError),
    )
)]
pub async fn list(
    State(sandbox): State<Sandbox>,
    CurrentUser(phone): CurrentUser,
) -> Json<SupportConversationDto> {
    let mut state = sandbox.lock();
    let at = state.now();
    let support = &mut state.gorod.support;
    support.answer_due(&phone, Some(Instant::now()), at);
    Json(support.conversation(&phone))
}

/// Writes to support. A retry with the same key and body gets the message the first made.
#[utoipa::path(
    post, path = "/api/v1/support/messages", operation_id = "sendSupportMessage", tag = "support",
    params(("Idempotency-Key" = String, Header, description = "Уникальный ключ сообщения; повтор с тем же ключом безопасен")),
    request_body = NewSupportMessage,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Сообщение отправлено (или повтор: тот же ответ)", body = SupportMessageDto),
        (status = 401, description = "Требуется вход", body = ApiError),
        (status = 422, description = "Пустое или слишком длинное сообщение, неизвестная фотография, ключ уже использован", body = ApiError),
        BodyRefused,
    )
)]
pub async fn send(
    State(sandbox): State<Sandbox>,
    CurrentUser(phone): CurrentUser,
    headers: HeaderMap,
    body: Result<Json<NewSupportMessage>, JsonRejection>,
) -> Result<(StatusCode, Json<SupportMessageDto>), Failure> {
    let key = crate::idempotency::key(&headers)?;
    let request = json_body(body)?;
    let text = request.text.trim().to_string();
    let fingerprint = format!("{text}|{:?}", request.attachment_id);
    let slot = (phone.clone(), key);
    let mut state = sandbox.lock();
    let at = state.now();
    let support = &mut state.gorod.support;
    if let Some((first, message)) = support.keys.get(&slot) {
        return if *first == fingerprint {
            Ok((StatusCode::CREATED, Json(message.clone())))
        } else {
            Err(Failure::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                ErrorCode::IdempotencyMismatch,
                "Ключ идемпотентности уже использован с другим сообщением",
            ))
        };
    }
    let attachment = match &request.attachment_id {
        Some(id) => Some(
            support
                .attachment(&phone, id)
                .ok_or_else(|| Failure::validation("Фотография не найдена", "attachment_id"))?,
        ),
        None => None,
    };
    if text.is_empty() && attachment.is_none() {
        return Err(Failure::validation("Напишите сообщение", "text"));
    }
    if text.chars().count() > SUPPORT_TEXT_MAX_CHARS {
        return Err(Failure::validation(
            format!("Сообщение длиннее {SUPPORT_TEXT_MAX_CHARS} знаков"),
            "text",
        ));
    }
    let message = SupportMessageDto {
        id: support.next_id("pm"),
        author: SupportAuthor::Person,
        text,
        sent_at: at,
        attachment,
        read: false,
    };
    let conversation = support.conversations.entry(phone.clone()).or_default();
    conversation.messages.push(message.clone());
    conversation
        .answer_due
        .get_or_insert_with(|| Instant::now() + ANSWER_DELAY);
    support.keys.insert(slot, (fingerprint, message.clone()));
    tracing::info!(id = %message.id, "support message taken");
    Ok((StatusCode::CREATED, Json(message)))
}

/// Marks every message of support read; answers the conversation as it is now.
#[utoipa::path(
    post, path = "/api/v1/support/read", operation_id = "readSupportMessages", tag = "support",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Ответы поддержки прочитаны", body = SupportConversationDto),
        (status = 401, description = "Требуется вход", body = ApiError),
    )
)]
pub async fn read(
    State(sandbox): State<Sandbox>,
    CurrentUser(phone): CurrentUser,
) -> Json<SupportConversationDto> {
    let mut state = sandbox.lock();
    let support = &mut state.gorod.support;
    if let Some(c) = support.conversations.get_mut(&phone) {
        for m in c
            .messages
            .iter_mut()
            .filter(|m| m.author == SupportAuthor::Support)
        {
            m.read = true;
        }
    }
    Json(support.conversation(&phone))
}

/// The photo's type by its first bytes, if it is the type the request says.
fn image_type(declared: &str, bytes: &[u8]) -> Option<&'static str> {
    match declared {
        "image/png" if bytes.starts_with(PNG) => Some("image/png"),
        "image/jpeg" if bytes.starts_with(JPEG) => Some("image/jpeg"),
        _ => None,
    }
}

/// Uploads a photo or screenshot for a message: a JPEG or PNG of at most 5 MiB.
#[utoipa::path(
    post, path = "/api/v1/support/attachments", operation_id = "uploadSupportPhoto", tag = "support",
    request_body(content((PhotoBytes = "image/jpeg"), (PhotoBytes = "image/png")), description = "Фотография или снимок экрана, JPEG или PNG, до 5 МиБ"),
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Фотография принята", body = SupportAttachmentDto),
        (status = 401, description = "Требуется вход", body = ApiError),
        (status = 413, description = "Файл больше 5 МиБ", body = ApiError),
        (status = 415, description = "Не JPEG и не PNG", body = ApiError),
        (status = 422, description = "Содержимое не соответствует типу файла", body = ApiError),
    )
)]
pub async fn upload(
    State(sandbox): State<Sandbox>,
    CurrentUser(phone): CurrentUser,
    headers: HeaderMap,
    body: Body,
) -> Result<(StatusCode, Json<SupportAttachmentDto>), Failure> {
    let declared = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .map(|v| v.trim().to_ascii_lowercase())
        .filter(|v| v == "image/png" || v == "image/jpeg")
        .ok_or_else(|| {
            Failure::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                ErrorCode::Validation,
                "Приложите фотографию в формате JPEG или PNG",
            )
        })?;
    let bytes = to_bytes(body, SUPPORT_PHOTO_MAX_BYTES).await.map_err(|_| {
        Failure::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            ErrorCode::Validation,
            "Фотография больше 5 МиБ: уменьшите её",
        )
    })?;
    let content_type = image_type(&declared, &bytes).ok_or_else(|| {
        Failure::validation("Файл повреждён или не является фотографией", "photo")
    })?;
    let mut state = sandbox.lock();
    let support = &mut state.gorod.support;
    let id = support.next_id("ph");
    let photo = Photo {
        content_type,
        bytes: bytes.to_vec(),
    };
    support.photos.insert(id.clone(), (phone.clone(), photo));
    let dto = support
        .attachment(&phone, &id)
        .ok_or_else(Failure::internal)?;
    tracing::info!(id = %dto.id, size = dto.size, "support photo taken");
    Ok((StatusCode::CREATED, Json(dto)))
}

/// A photo attached to a message of the person's conversation.
#[utoipa::path(
    get, path = "/api/v1/support/attachments/{attachment_id}", operation_id = "getSupportPhoto", tag = "support",
    params(("attachment_id" = String, Path, description = "Идентификатор фотографии")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Фотография", content((PhotoBytes = "image/jpeg"), (PhotoBytes = "image/png"))),
        (status = 401, description = "Требуется вход", body = ApiError),
        (status = 404, description = "Фотография не найдена", body = ApiError),
    )
)]
pub async fn photo(
    State(sandbox): State<Sandbox>,
    CurrentUser(phone): CurrentUser,
    Path(attachment_id): Path<String>,
) -> Result<Response, Failure> {
    let state = sandbox.lock();
    let (_, photo) = state
        .gorod
        .support
        .photos
        .get(&attachment_id)
        .filter(|(owner, _)| *owner == phone)
        .ok_or_else(|| Failure::not_found("Фотография не найдена"))?;
    Ok((
        [(header::CONTENT_TYPE, photo.content_type)],
        photo.bytes.clone(),
    )
        .into_response())
}
