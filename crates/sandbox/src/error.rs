//! Failures as the Город API and the gateway send them: an HTTP status plus an [`ApiError`] body.

use std::collections::BTreeMap;

use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use ofis_api::{ApiError, ErrorCode};
use utoipa::openapi::{self, RefOr};
use utoipa::IntoResponses;

/// An error response: the status the client sees and the Russian body it can show.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{status}: {}", body.message)]
pub struct Failure {
    /// The HTTP status of the response.
    pub status: StatusCode,
    /// The JSON body.
    pub body: ApiError,
}

impl Failure {
    /// Any status and code.
    pub fn new(status: StatusCode, code: ErrorCode, message: impl Into<String>) -> Self {
        Failure {
            status,
            body: ApiError::new(code, message),
        }
    }

    /// 422: the content of the request is refused; the message says why.
    pub fn validation(message: impl Into<String>, field: impl Into<String>) -> Self {
        let mut f = Failure::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            ErrorCode::Validation,
            message,
        );
        f.body = f.body.on_field(field);
        f
    }

    /// 400: the body is not the JSON the endpoint takes. Deliberately generic: serde's own text
    /// may quote the rejected value, which must never be echoed (on the gateway it is card data).
    pub fn malformed() -> Self {
        Failure::new(
            StatusCode::BAD_REQUEST,
            ErrorCode::Validation,
            "Некорректный запрос",
        )
    }

    /// 401: sign-in needed or the token is no longer valid.
    pub fn unauthorized(message: impl Into<String>) -> Self {
        Failure::new(StatusCode::UNAUTHORIZED, ErrorCode::Unauthorized, message)
    }

    /// 404 with a message naming what was not found.
    pub fn not_found(message: impl Into<String>) -> Self {
        Failure::new(StatusCode::NOT_FOUND, ErrorCode::NotFound, message)
    }

    /// 409: a request with the same idempotency key (or on the same payment) is still running.
    pub fn conflict(message: impl Into<String>) -> Self {
        Failure::new(StatusCode::CONFLICT, ErrorCode::Conflict, message)
    }

    /// 503 with `Retry-After`.
    pub fn maintenance(message: impl Into<String>, retry_after_seconds: u32) -> Self {
        let mut f = Failure::new(
            StatusCode::SERVICE_UNAVAILABLE,
            ErrorCode::Maintenance,
            message,
        );
        f.body.retry_after_seconds = Some(retry_after_seconds);
        f
    }

    /// 429: too many attempts.
    pub fn rate_limited(message: impl Into<String>) -> Self {
        Failure::new(
            StatusCode::TOO_MANY_REQUESTS,
            ErrorCode::RateLimited,
            message,
        )
    }

    /// 500: something broke on our side.
    pub fn internal() -> Self {
        Failure::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            ErrorCode::Internal,
            "Внутренняя ошибка сервера. Повторите попытку позже.",
        )
    }
}

impl IntoResponse for Failure {
    fn into_response(self) -> Response {
        let retry = self.body.retry_after_seconds;
        let mut response = (self.status, Json(self.body)).into_response();
        if let Some(seconds) = retry {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
        }
        response
    }
}

/// The answers [`json_body`] gives, for the `responses(...)` of every route that takes a JSON body.
pub struct BodyRefused;

impl IntoResponses for BodyRefused {
    fn responses() -> BTreeMap<String, RefOr<openapi::Response>> {
        BTreeMap::from([
            documented(
                StatusCode::BAD_REQUEST,
                "Тело запроса — не JSON нужного вида",
            ),
            documented(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "Тело запроса не в формате JSON (нужен Content-Type: application/json)",
            ),
        ])
    }
}

/// The answer [`query_params`] gives, for the `responses(...)` of every route with query
/// parameters it reads.
pub struct QueryRefused;

impl IntoResponses for QueryRefused {
    fn responses() -> BTreeMap<String, RefOr<openapi::Response>> {
        BTreeMap::from([documented(
            StatusCode::BAD_REQUEST,
            "Параметры запроса не того вида",
        )])
    }
}

/// A documented error answer: the status with an [`ApiError`] body.
fn documented(status: StatusCode, description: &str) -> (String, RefOr<openapi::Response>) {
    let body = openapi::ContentBuilder::new()
        .schema(Some(openapi::Ref::from_schema_name("ApiError")))
        .build();
    let response = openapi::ResponseBuilder::new()
        .description(description)
        .content("application/json", body)
        .build();
    (status.as_str().to_string(), RefOr::T(response))
}

/// Unwraps a JSON body, turning axum's plain-text rejection into an [`ApiError`].
pub fn json_body<T>(body: Result<Json<T>, JsonRejection>) -> Result<T, Failure> {
    match body {
        Ok(Json(value)) => Ok(value),
        Err(JsonRejection::MissingJsonContentType(_)) => Err(Failure::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ErrorCode::Validation,
            "Ожидается тело запроса в формате JSON",
        )),
        Err(_) => Err(Failure::malformed()),
    }
}

/// Unwraps a query string, turning axum's plain-text rejection into an [`ApiError`].
pub fn query_params<T>(
    query: Result<axum::extract::Query<T>, QueryRejection>,
) -> Result<T, Failure> {
    query.map(|q| q.0).map_err(|_| Failure::malformed())
}

/// The answer to any path the server does not have.
pub async fn no_such_route() -> Failure {
    Failure::not_found("Не найдено")
}
