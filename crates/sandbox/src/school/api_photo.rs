//! «Фотография»: the child's photo, uploaded as a JPEG or PNG (the app resizes it first),
//! kept in memory and shown on the card (and at the canteen's till).

use axum::body::{to_bytes, Body};
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use ofis_api::{ApiError, ErrorCode, PhotoBytes, PhotoDto};

use super::{child_for, Photo, MAX_PHOTO_BYTES};
use crate::auth::CurrentUser;
use crate::error::Failure;
use crate::state::Sandbox;
use crate::town::fnv1a;

const PNG: &[u8] = b"\x89PNG\r\n\x1a\n";
const JPEG: &[u8] = b"\xff\xd8\xff";

/// The photo's type by its first bytes, if it is the type the request says.
fn image_type(declared: &str, bytes: &[u8]) -> Option<&'static str> {
    match declared {
        "image/png" if bytes.starts_with(PNG) => Some("image/png"),
        "image/jpeg" if bytes.starts_with(JPEG) => Some("image/jpeg"),
        _ => None,
    }
}

/// Uploads (or replaces) the child's photo: a JPEG or PNG of at most 512 KiB.
#[utoipa::path(
    put, path = "/api/v1/school/children/{child_id}/photo", operation_id = "putChildPhoto", tag = "school",
    params(("child_id" = String, Path, description = "Идентификатор ребёнка")),
    request_body(content((PhotoBytes = "image/jpeg"), (PhotoBytes = "image/png")), description = "Фотография, JPEG или PNG, до 512 КиБ"),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Фотография сохранена", body = PhotoDto),
        (status = 401, description = "Требуется вход", body = ApiError),
        (status = 404, description = "Ребёнок не найден", body = ApiError),
        (status = 413, description = "Файл больше 512 КиБ", body = ApiError),
        (status = 415, description = "Не JPEG и не PNG", body = ApiError),
        (status = 422, description = "Содержимое не соответствует типу файла", body = ApiError),
    )
)]
pub async fn put(
    State(sandbox): State<Sandbox>,
    CurrentUser(phone): CurrentUser,
    Path(child_id): Path<String>,
    headers: HeaderMap,
    body: Body,
) -> Result<Json<PhotoDto>, Failure> {
    let child = child_for(&phone, &child_id)?;
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
                "Загрузите фотографию в формате JPEG или PNG",
            )
        })?;
    let too_big = || {
        Failure::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            ErrorCode::Validation,
            "Фотография больше 512 КиБ: уменьшите её",
        )
    };
    let bytes = to_bytes(body, MAX_PHOTO_BYTES)
        .await
        .map_err(|_| too_big())?;
    let content_type = image_type(&declared, &bytes).ok_or_else(|| {
        Failure::validation("Файл повреждён или не является фотографией", "photo")
    })?;
    let dto = PhotoDto {
        url: format!(
            "{}?v={:016x}",
            ofis_api::paths::school_photo(child.id),
            fnv1a(&bytes)
        ),
        content_type: content_type.to_string(),
        size: u32::try_from(bytes.len()).unwrap_or(u32::MAX),
    };
    let photo = Photo {
        content_type,
        bytes: bytes.to_vec(),
    };
    sandbox
        .lock()
        .gorod
        .school
        .photos
        .insert(child.id.to_string(), photo);
    tracing::info!(child = child.id, size = dto.size, "child photo stored");
    Ok(Json(dto))
}

/// Query of the photo: the version in its URL, so a new photo is a new address for caches.
#[derive(serde::Deserialize, utoipa::IntoParams)]
pub struct PhotoVersion {
    /// The version from `photo_url`; any value gives the current photo.
    #[allow(dead_code)]
    pub v: Option<String>,
}

/// The child's photo, as uploaded.
#[utoipa::path(
    get, path = "/api/v1/school/children/{child_id}/photo", operation_id = "getChildPhoto", tag = "school",
    params(("child_id" = String, Path, description = "Идентификатор ребёнка"), PhotoVersion),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Фотография", content((PhotoBytes = "image/jpeg"), (PhotoBytes = "image/png"))),
        (status = 401, description = "Требуется вход", body = ApiError),
        (status = 404, description = "Ребёнок не найден или фотографии нет", body = ApiError),
    )
)]
pub async fn get(
    State(sandbox): State<Sandbox>,
    CurrentUser(phone): CurrentUser,
    Path(child_id): Path<String>,
) -> Result<Response, Failure> {
    let child = child_for(&phone, &child_id)?;
    let state = sandbox.lock();
    let photo = state
        .gorod
        .school
        .photos
        .get(child.id)
        .ok_or_else(|| Failure::not_found("Фотографии нет"))?;
    Ok((
        [(header::CONTENT_TYPE, photo.content_type)],
        photo.bytes.clone(),
    )
        .into_response())
}
