//! Address suggestions and the bills of an address.

use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::Json;
use chrono::NaiveDate;
use ofis_api::{AddressBills, AddressDto, AddressQuery, ApiError, PeriodQuery};
use ofis_domain::Period;

use crate::auth::CurrentUser;
use crate::error::{query_params, Failure, QueryRefused};
use crate::state::Sandbox;
use crate::town;

/// Most suggestions returned at once.
const SUGGESTIONS: usize = 10;

/// Address suggestions for what the person typed. Open to everyone: the app suggests addresses
/// before sign-in. Every word of `q` must begin a word of the address (punctuation ignored).
#[utoipa::path(
    get, path = "/api/v1/addresses", operation_id = "searchAddresses", tag = "addresses",
    params(AddressQuery),
    responses(
        (status = 200, description = "До 10 подсказок; пустой запрос — пустой список", body = Vec<AddressDto>),
        (status = 503, description = "Технические работы", body = ApiError),
    )
)]
pub async fn search(query: Result<Query<AddressQuery>, QueryRejection>) -> Json<Vec<AddressDto>> {
    // A missing `q` is the same as an empty one: nothing typed, nothing suggested.
    let q = query.map(|Query(q)| q.q).unwrap_or_default();
    Json(
        town::search_addresses(&q, SUGGESTIONS)
            .into_iter()
            .map(town::Address::dto)
            .collect(),
    )
}

/// The posted bills of an address for a period (the current one when `period` is absent).
#[utoipa::path(
    get, path = "/api/v1/addresses/{id}/bills", operation_id = "addressBills", tag = "addresses",
    params(("id" = String, Path, description = "Идентификатор адреса"), PeriodQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Счета, выставленные на сегодня", body = AddressBills),
        (status = 401, description = "Требуется вход", body = ApiError),
        (status = 404, description = "Адрес не найден", body = ApiError),
        (status = 422, description = "Неверный период", body = ApiError),
        QueryRefused,
    )
)]
pub async fn bills(
    State(sandbox): State<Sandbox>,
    _user: CurrentUser,
    Path(id): Path<String>,
    query: Result<Query<PeriodQuery>, QueryRejection>,
) -> Result<Json<AddressBills>, Failure> {
    let address = town::address(&id).ok_or_else(|| Failure::not_found("Адрес не найден"))?;
    let today = sandbox.today();
    let period = period_or_current(query_params(query)?.period, today)?;
    Ok(Json(AddressBills {
        address: address.dto(),
        period,
        bills: town::posted_bills(address.id, period, today),
    }))
}

/// The period a request asks for (`YYYY-MM`), or the current one when it names none.
pub(crate) fn period_or_current(text: Option<String>, today: NaiveDate) -> Result<Period, Failure> {
    match text {
        None => Ok(Period::of(today)),
        Some(text) => text
            .trim()
            .parse::<Period>()
            .map_err(|_| Failure::validation("Укажите период в формате ГГГГ-ММ", "period")),
    }
}
