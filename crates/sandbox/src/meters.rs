//! Meters, tariffs and readings sent without payment («Абоненту → Подать показания ИПУ»).
//!
//! Without payment, readings are taken only for accounts Система «Город» itself bills, one meter
//! at a time as the manual describes (so groups are enforced on readings sent with a payment
//! only). The «0» rule is the manual's rule for payments: without payment a new meter may be
//! reported at 0. A value below the previous one is taken as a roll-over and a high consumption
//! as confirmed: the app asks the person before sending. Outside the provider's window the
//! reading is still accepted (the app warns that it may not be counted).
//!
//! Idempotency: the first successful answer for `(user, Idempotency-Key)` is replayed to any
//! retry with the same body, so an offline queue may resend safely; the same key with another
//! body is refused; failures are not kept.

use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::Json;
use ofis_api::{
    ApiError, ErrorCode, MeterDto, MetersQuery, ReadingDto, ReadingSource, SubmitReading, TariffDto,
};
use ofis_domain::readings::{check_value, ReadingContext};

use crate::auth::CurrentUser;
use crate::error::{json_body, query_params, BodyRefused, Failure, QueryRefused};
use crate::state::{Sandbox, State as SandboxState};
use crate::town::{self, meters::MeterSeed};

/// Refusal of a reading without payment on an account a third party bills.
pub const ONLY_WITH_PAYMENT: &str = "Показания по этой услуге принимаются только вместе с оплатой";
/// The meter as it stands now: the seed with its last accepted reading.
pub(crate) fn current(state: &SandboxState, seed: &MeterSeed) -> Option<MeterDto> {
    let history = state
        .gorod
        .readings
        .get(seed.id)
        .map_or(&[][..], Vec::as_slice);
    seed.dto(history)
}

/// The meters of a personal account (empty for an unmetered one).
#[utoipa::path(
    get, path = "/api/v1/accounts/{account}/meters", operation_id = "accountMeters", tag = "readings",
    params(("account" = String, Path, description = "Лицевой счёт"), MetersQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Счётчики лицевого счёта с последними принятыми показаниями и тарифами", body = Vec<MeterDto>),
        (status = 401, description = "Требуется вход", body = ApiError),
        (status = 404, description = "Лицевой счёт не найден", body = ApiError),
        QueryRefused,
    )
)]
pub async fn list(
    State(sandbox): State<Sandbox>,
    _user: CurrentUser,
    Path(account): Path<String>,
    query: Result<Query<MetersQuery>, QueryRejection>,
) -> Result<Json<Vec<MeterDto>>, Failure> {
    let provider_id = query_params(query)?.provider_id;
    let known = town::ACCOUNTS
        .iter()
        .find(|a| a.number == account && provider_id.as_deref().is_none_or(|p| p == a.provider));
    let account = known.ok_or_else(|| Failure::not_found("Лицевой счёт не найден"))?;
    let state = sandbox.lock();
    let meters = town::meters::meters_of(account.number)
        .filter_map(|seed| current(&state, seed))
        .collect();
    Ok(Json(meters))
}

/// The providers' published prices per unit. Open to everyone, like a price list.
#[utoipa::path(
    get, path = "/api/v1/tariffs", operation_id = "tariffs", tag = "readings",
    responses((status = 200, description = "Тарифы поставщиков за единицу", body = Vec<TariffDto>))
)]
pub async fn tariffs() -> Json<Vec<TariffDto>> {
    Json(town::meters::tariffs())
}

/// A meter's accepted readings, oldest first.
#[utoipa::path(
    get, path = "/api/v1/meters/{meter_id}/readings", operation_id = "meterReadings", tag = "readings",
    params(("meter_id" = String, Path, description = "Идентификатор счётчика")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Принятые показания, старые сначала", body = Vec<ReadingDto>),
        (status = 401, description = "Требуется вход", body = ApiError),
        (status = 404, description = "Счётчик не найден", body = ApiError),
    )
)]
pub async fn history(
    State(sandbox): State<Sandbox>,
    _user: CurrentUser,
    Path(meter_id): Path<String>,
) -> Result<Json<Vec<ReadingDto>>, Failure> {
    town::meters::meter(&meter_id).ok_or_else(|| Failure::not_found("Счётчик не найден"))?;
    Ok(Json(sandbox.meter_readings(&meter_id)))
}

/// Sends a reading without payment (only for accounts Система «Город» bills).
#[utoipa::path(
    post, path = "/api/v1/meters/{meter_id}/readings", operation_id = "submitReading", tag = "readings",
    params(
        ("meter_id" = String, Path, description = "Идентификатор счётчика"),
        ("Idempotency-Key" = String, Header, description = "Уникальный ключ показания; повтор с тем же ключом безопасен"),
    ),
    request_body = SubmitReading,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Показание принято (или повтор: тот же ответ)", body = ReadingDto),
        (status = 401, description = "Требуется вход", body = ApiError),
        (status = 404, description = "Счётчик не найден", body = ApiError),
        (status = 422, description = "Показание не принято (сообщение объясняет почему)", body = ApiError),
        BodyRefused,
    )
)]
pub async fn submit(
    State(sandbox): State<Sandbox>,
    CurrentUser(phone): CurrentUser,
    Path(meter_id): Path<String>,
    headers: HeaderMap,
    body: Result<Json<SubmitReading>, JsonRejection>,
) -> Result<(StatusCode, Json<ReadingDto>), Failure> {
    let key = crate::idempotency::key(&headers)?;
    let request = json_body(body)?;
    let fingerprint = format!("{meter_id}|{}", request.value.normalize());
    let slot = (phone, key);

    let mut state = sandbox.lock();
    if let Some((first, answer)) = state.gorod.reading_keys.get(&slot) {
        return if *first == fingerprint {
            Ok((StatusCode::CREATED, Json(answer.clone())))
        } else {
            Err(Failure::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                ErrorCode::IdempotencyMismatch,
                "Ключ идемпотентности уже использован с другим показанием",
            ))
        };
    }
    let seed =
        town::meters::meter(&meter_id).ok_or_else(|| Failure::not_found("Счётчик не найден"))?;
    let meter = current(&state, seed).ok_or_else(Failure::internal)?;
    if !meter.billed_by_gorod {
        return Err(Failure::validation(ONLY_WITH_PAYMENT, "meter"));
    }
    let ctx = ReadingContext::without_payment(state.today)
        .rollover_confirmed()
        .high_consumption_confirmed();
    check_value(&meter.to_domain(), request.value, ctx)
        .map_err(|e| Failure::validation(e.message_ru(), "value"))?;
    let reading = ReadingDto {
        id: format!("rd-{}", uuid::Uuid::new_v4().simple()),
        meter_id: meter.id,
        value: request.value.normalize(),
        date: state.today,
        source: ReadingSource::WithoutPayment,
    };
    state
        .gorod
        .readings
        .entry(reading.meter_id.clone())
        .or_default()
        .push(reading.clone());
    state
        .gorod
        .reading_keys
        .insert(slot, (fingerprint, reading.clone()));
    tracing::info!(meter = %reading.meter_id, "reading accepted without payment");
    Ok((StatusCode::CREATED, Json(reading)))
}
