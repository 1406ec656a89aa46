//! The `Idempotency-Key` of the requests that create something (an order, a reading, a one-off
//! top-up bill): required, and a retry with the same key and body gets what the first made.

use axum::http::{HeaderMap, StatusCode};
use axum::Json;
use ofis_api::paths::IDEMPOTENCY_KEY;
use ofis_api::{BillDto, ErrorCode};

use crate::error::Failure;

/// The longest key taken.
const MAX_KEY_LEN: usize = 255;

/// The request's key, or a refusal naming the header.
pub(crate) fn key(headers: &HeaderMap) -> Result<String, Failure> {
    headers
        .get(IDEMPOTENCY_KEY)
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
        .filter(|k| !k.is_empty() && k.len() <= MAX_KEY_LEN)
        .map(str::to_string)
        .ok_or_else(|| Failure::validation("Не указан заголовок Idempotency-Key", IDEMPOTENCY_KEY))
}

/// A one-off bill asked again under a key already used: the same bill when the request is the
/// same (`fingerprint` equals the first one's), a refusal otherwise.
pub(crate) fn replayed_bill(
    first: &str,
    fingerprint: &str,
    bill: Option<BillDto>,
) -> Result<(StatusCode, Json<BillDto>), Failure> {
    match bill {
        Some(bill) if first == fingerprint => Ok((StatusCode::CREATED, Json(bill))),
        _ => Err(Failure::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            ErrorCode::IdempotencyMismatch,
            "Ключ идемпотентности уже использован с другой суммой",
        )),
    }
}
