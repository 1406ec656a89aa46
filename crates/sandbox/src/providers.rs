//! «Поиск по названию услуги» and «Поиск по лицевому счёту»: providers by name or INN, a
//! provider's bills for an account in its format, and an account's bills at any provider.

use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::Json;
use ofis_api::{ApiError, BillDto, PeriodQuery, ProviderBillsQuery, ProviderDto, ProviderQuery};

use crate::addresses::period_or_current;
use crate::auth::CurrentUser;
use crate::error::{query_params, Failure, QueryRefused};
use crate::state::Sandbox;
use crate::town;

/// Providers whose name or services contain every word of `q`, or whose INN starts with `q`.
#[utoipa::path(
    get, path = "/api/v1/providers", operation_id = "searchProviders", tag = "providers",
    params(ProviderQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Поставщики с правилами оплаты и полем для номера; пустой запрос — пустой список", body = Vec<ProviderDto>),
        (status = 401, description = "Требуется вход", body = ApiError),
        QueryRefused,
    )
)]
pub async fn search(
    _user: CurrentUser,
    query: Result<Query<ProviderQuery>, QueryRejection>,
) -> Result<Json<Vec<ProviderDto>>, Failure> {
    let q = query_params(query)?.q;
    Ok(Json(
        town::search_providers(&q)
            .into_iter()
            .map(town::Provider::dto)
            .collect(),
    ))
}

/// The bills of one account at a provider for a period (the current one when absent). The
/// account is read in the provider's format (`account_field`); a known account whose bill the
/// provider has not posted yet gives an empty list.
#[utoipa::path(
    get, path = "/api/v1/providers/{id}/bills", operation_id = "providerBills", tag = "providers",
    params(("id" = String, Path, description = "Идентификатор поставщика"), ProviderBillsQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Счета по номеру за период; пусто, если счёт ещё не выставлен", body = Vec<BillDto>),
        (status = 401, description = "Требуется вход", body = ApiError),
        (status = 404, description = "Поставщик или счёт не найден", body = ApiError),
        (status = 422, description = "Номер не в формате поставщика (field = account) или неверный период", body = ApiError),
        QueryRefused,
    )
)]
pub async fn bills(
    State(sandbox): State<Sandbox>,
    _user: CurrentUser,
    Path(id): Path<String>,
    query: Result<Query<ProviderBillsQuery>, QueryRejection>,
) -> Result<Json<Vec<BillDto>>, Failure> {
    let provider = town::provider(&id).ok_or_else(|| Failure::not_found("Поставщик не найден"))?;
    let query = query_params(query)?;
    let number = provider
        .field
        .dto()
        .normalize(&query.account)
        .map_err(|message| Failure::validation(message, "account"))?;
    let today = sandbox.today();
    let period = period_or_current(query.period, today)?;
    let account = town::ACCOUNTS
        .iter()
        .find(|a| a.provider == provider.id && a.number == number)
        .ok_or_else(|| Failure::not_found("Счёт не найден. Проверьте номер."))?;
    Ok(Json(
        town::posted_bill(account, period, today)
            .into_iter()
            .collect(),
    ))
}

/// The bills of a personal account at any provider for a period (the current one when absent).
/// Spaces, letter case and a phone's «+7» are ignored; a known account whose bill is not posted
/// yet gives an empty list.
#[utoipa::path(
    get, path = "/api/v1/accounts/{account}/bills", operation_id = "accountBills", tag = "providers",
    params(("account" = String, Path, description = "Номер лицевого счёта"), PeriodQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Счета по лицевому счёту за период; пусто, если ещё не выставлены", body = Vec<BillDto>),
        (status = 401, description = "Требуется вход", body = ApiError),
        (status = 404, description = "По этому лицевому счёту счетов не найдено", body = ApiError),
        (status = 422, description = "Пустой номер или неверный период", body = ApiError),
        QueryRefused,
    )
)]
pub async fn account_bills(
    State(sandbox): State<Sandbox>,
    _user: CurrentUser,
    Path(account): Path<String>,
    query: Result<Query<PeriodQuery>, QueryRejection>,
) -> Result<Json<Vec<BillDto>>, Failure> {
    if account.trim().is_empty() {
        return Err(Failure::validation(
            "Введите номер лицевого счёта",
            "account",
        ));
    }
    let today = sandbox.today();
    let period = period_or_current(query_params(query)?.period, today)?;
    let accounts = town::search_accounts(&account);
    if accounts.is_empty() {
        return Err(Failure::not_found(
            "По этому лицевому счёту счетов не найдено",
        ));
    }
    Ok(Json(
        accounts
            .into_iter()
            .filter_map(|a| town::posted_bill(a, period, today))
            .collect(),
    ))
}
