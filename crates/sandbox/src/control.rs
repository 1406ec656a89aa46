//! Sandbox controls over HTTP (tests and demos only; the real API has none of these and they are
//! left out of the OpenAPI document): the clock, maintenance mode, the gateway's charges and the
//! mail outbox, the providers' payment registries, the school canteen's till.

use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use chrono::NaiveDate;
use ofis_api::paths::{
    SANDBOX_CANTEEN, SANDBOX_CHARGES, SANDBOX_CLOCK, SANDBOX_MAIL, SANDBOX_MAINTENANCE,
    SANDBOX_SUPPORT_ANSWER_NOW, SANDBOX_TRANSPORT_FEED,
};
use ofis_api::sandbox::{
    ChargeRecord, ClockRequest, MaintenanceRequest, RegistryEntry, SentMail, TransportFeedSwitches,
};

use crate::error::{json_body, Failure};
use crate::state::{Sandbox, DEFAULT_MAINTENANCE_MESSAGE};

/// Retry-After when maintenance is turned on without one.
const DEFAULT_RETRY_SECONDS: u32 = 600;

/// The control routes.
pub(crate) fn routes() -> Router<Sandbox> {
    Router::new()
        .route(SANDBOX_CLOCK, post(set_clock))
        .route(SANDBOX_MAINTENANCE, post(set_maintenance))
        .route(SANDBOX_CHARGES, get(charges))
        .route(SANDBOX_MAIL, get(mail))
        .route("/sandbox/registries/{provider_id}", get(registry))
        .route(SANDBOX_CANTEEN, post(crate::school::canteen::purchase))
        .route(SANDBOX_TRANSPORT_FEED, post(set_transport_feed))
        .route(SANDBOX_SUPPORT_ANSWER_NOW, post(support_answer_now))
}

async fn set_clock(
    State(sandbox): State<Sandbox>,
    body: Result<Json<ClockRequest>, JsonRejection>,
) -> Result<StatusCode, Failure> {
    let request = json_body(body)?;
    let today = NaiveDate::parse_from_str(request.today.trim(), "%Y-%m-%d")
        .map_err(|_| Failure::validation("Укажите дату в формате ГГГГ-ММ-ДД", "today"))?;
    let time = match request.time.as_deref().map(str::trim) {
        Some(text) => Some(
            chrono::NaiveTime::parse_from_str(text, "%H:%M")
                .map_err(|_| Failure::validation("Укажите время в формате ЧЧ:ММ", "time"))?,
        ),
        None => None,
    };
    sandbox.set_today(today);
    sandbox.set_time_of_day(time);
    tracing::info!(%today, ?time, "sandbox clock set");
    Ok(StatusCode::NO_CONTENT)
}

/// Sets what the live transport feed says: delays, early buses, cancelled trips, a stale
/// timestamp, or no feed at all. Each request replaces the switches.
async fn set_transport_feed(
    State(sandbox): State<Sandbox>,
    body: Result<Json<TransportFeedSwitches>, JsonRejection>,
) -> Result<StatusCode, Failure> {
    let switches = json_body(body)?;
    tracing::info!(?switches, "transport feed switches set");
    sandbox.lock().gorod.transport.feed = switches;
    Ok(StatusCode::NO_CONTENT)
}

async fn set_maintenance(
    State(sandbox): State<Sandbox>,
    body: Result<Json<MaintenanceRequest>, JsonRejection>,
) -> Result<StatusCode, Failure> {
    let request = json_body(body)?;
    let maintenance = request.on.then(|| {
        (
            request
                .message
                .unwrap_or_else(|| DEFAULT_MAINTENANCE_MESSAGE.to_string()),
            request.retry_after_seconds.unwrap_or(DEFAULT_RETRY_SECONDS),
        )
    });
    tracing::info!(on = request.on, "sandbox maintenance mode set");
    sandbox.set_maintenance(maintenance);
    Ok(StatusCode::NO_CONTENT)
}

async fn charges(State(sandbox): State<Sandbox>) -> Json<Vec<ChargeRecord>> {
    Json(sandbox.charges())
}

async fn mail(State(sandbox): State<Sandbox>) -> Json<Vec<SentMail>> {
    Json(sandbox.sent_mail())
}

async fn registry(
    State(sandbox): State<Sandbox>,
    Path(provider_id): Path<String>,
) -> Result<Json<Vec<RegistryEntry>>, Failure> {
    crate::town::provider(&provider_id).ok_or_else(|| Failure::not_found("Поставщик не найден"))?;
    Ok(Json(sandbox.registry(&provider_id)))
}

/// Support answers every message waiting for an answer, without the delay.
async fn support_answer_now(State(sandbox): State<Sandbox>) -> StatusCode {
    sandbox.support_answer_now();
    StatusCode::NO_CONTENT
}
