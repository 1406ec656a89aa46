//! The children of the signed-in phone, the history of their meal accounts, top-up bills and
//! the daily limit.

use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::Json;
use ofis_api::paths;
use ofis_api::{
    ApiError, BillDto, ChildDto, DateRangeQuery, MealHistoryDto, MealLimitDto, SetMealLimit,
    SetStopList, TopUpRequest,
};
use ofis_domain::school::{left_today, validate_limit};
use ofis_domain::Period;

use super::bills::{top_up_bill, top_up_rules, TopUpBill};
use super::ledger::{ledger, limit_at, stop_list_at, LimitChange, StopListChange};
use super::world::{children_of, cut_off_rule, dish_by_id, Child};
use super::{child_for, date_range, services};
use crate::auth::CurrentUser;
use crate::error::{json_body, query_params, BodyRefused, Failure, QueryRefused};
use crate::state::{Sandbox, State as SandboxState};
use crate::town::fnv1a;

/// The card of a child as of the sandbox's now.
pub(crate) fn child_dto(state: &SandboxState, child: &Child) -> ChildDto {
    let now = state.now();
    let school = &state.gorod.school;
    let book = ledger(school, child, now);
    let rule = cut_off_rule();
    ChildDto {
        id: child.id.to_string(),
        name: child.name.to_string(),
        school_id: super::world::SCHOOL.id.to_string(),
        school_name: super::world::SCHOOL.name.to_string(),
        class_name: child.class_name.to_string(),
        photo_url: school.photos.get(child.id).map(|p| {
            format!(
                "{}?v={:016x}",
                paths::school_photo(child.id),
                fnv1a(&p.bytes)
            )
        }),
        meal_account: child.account.to_string(),
        provider_id: super::world::SCHOOL.provider.to_string(),
        balance: book.balance,
        processing_topups: book.processing,
        daily_limit: limit_at(school, child, now),
        spent_today: book.spent_today,
        has_paid_services: services::has_services(school, child),
        cut_off_time: rule.time.format("%H:%M").to_string(),
        cut_off_school_days_before: rule.school_days_before,
    }
}

const CHILD_ID: &str = "Идентификатор ребёнка";

/// The children whose meal accounts are linked to the signed-in phone; empty when none are.
#[utoipa::path(
    get, path = "/api/v1/school/children", operation_id = "listChildren", tag = "school",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Дети с привязанными лицевыми счетами питания; пусто, если их нет", body = Vec<ChildDto>),
        (status = 401, description = "Требуется вход", body = ApiError),
    )
)]
pub async fn list(
    State(sandbox): State<Sandbox>,
    CurrentUser(phone): CurrentUser,
) -> Json<Vec<ChildDto>> {
    let state = sandbox.lock();
    Json(children_of(&phone).map(|c| child_dto(&state, c)).collect())
}

/// One child's card: balance, top-ups processing, today's limit and spend.
#[utoipa::path(
    get, path = "/api/v1/school/children/{child_id}", operation_id = "getChild", tag = "school",
    params(("child_id" = String, Path, description = CHILD_ID)),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Карточка ребёнка", body = ChildDto),
        (status = 401, description = "Требуется вход", body = ApiError),
        (status = 404, description = "Ребёнок не найден", body = ApiError),
    )
)]
pub async fn get(
    State(sandbox): State<Sandbox>,
    CurrentUser(phone): CurrentUser,
    Path(child_id): Path<String>,
) -> Result<Json<ChildDto>, Failure> {
    let child = child_for(&phone, &child_id)?;
    Ok(Json(child_dto(&sandbox.lock(), child)))
}

/// «История операций»: purchases and top-ups of a period (the last week by default), newest first.
#[utoipa::path(
    get, path = "/api/v1/school/children/{child_id}/history", operation_id = "mealHistory", tag = "school",
    params(("child_id" = String, Path, description = CHILD_ID), DateRangeQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Покупки и пополнения за период", body = MealHistoryDto),
        (status = 401, description = "Требуется вход", body = ApiError),
        (status = 404, description = "Ребёнок не найден", body = ApiError),
        (status = 422, description = "Неверный период (field = from или to)", body = ApiError),
        QueryRefused,
    )
)]
pub async fn history(
    State(sandbox): State<Sandbox>,
    CurrentUser(phone): CurrentUser,
    Path(child_id): Path<String>,
    query: Result<Query<DateRangeQuery>, QueryRejection>,
) -> Result<Json<MealHistoryDto>, Failure> {
    let child = child_for(&phone, &child_id)?;
    let query = query_params(query)?;
    let state = sandbox.lock();
    let today = state.today;
    let (from, to) = date_range(&query, today - chrono::Days::new(6), today)?;
    let book = ledger(&state.gorod.school, child, state.now());
    let within = |at| (from..=to).contains(&ofis_domain::tz::local_date(at));
    Ok(Json(MealHistoryDto {
        from,
        to,
        purchases: book
            .purchases
            .into_iter()
            .rev()
            .filter(|p| within(p.at))
            .collect(),
        top_ups: book
            .top_ups
            .into_iter()
            .rev()
            .filter(|t| within(t.paid_at))
            .collect(),
    }))
}

/// «Пополнить»: a one-off bill for topping up the meal account by exactly `amount`, to be paid
/// through `POST /api/v1/orders` like any bill. A retry with the same `Idempotency-Key` and
/// amount gets the same bill.
#[utoipa::path(
    post, path = "/api/v1/school/children/{child_id}/topups", operation_id = "createTopUpBill", tag = "school",
    params(
        ("child_id" = String, Path, description = CHILD_ID),
        ("Idempotency-Key" = String, Header, description = "Уникальный ключ запроса; повтор с тем же ключом возвращает тот же счёт"),
    ),
    request_body = TopUpRequest,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Счёт на пополнение: оплачивается через POST /api/v1/orders", body = BillDto),
        (status = 401, description = "Требуется вход", body = ApiError),
        (status = 404, description = "Ребёнок не найден", body = ApiError),
        (status = 422, description = "Сумма вне правил счёта (field = amount), нет ключа или ключ использован с другой суммой", body = ApiError),
        BodyRefused,
    )
)]
pub async fn top_up(
    State(sandbox): State<Sandbox>,
    CurrentUser(phone): CurrentUser,
    Path(child_id): Path<String>,
    headers: HeaderMap,
    body: Result<Json<TopUpRequest>, JsonRejection>,
) -> Result<(StatusCode, Json<BillDto>), Failure> {
    let child = child_for(&phone, &child_id)?;
    let key = crate::idempotency::key(&headers)?;
    let request = json_body(body)?;
    let rules = top_up_rules(child);
    if request.amount.is_zero() {
        return Err(Failure::validation(
            "Сумма пополнения должна быть больше нуля",
            "amount",
        ));
    }
    rules.check(request.amount, request.amount).map_err(|e| {
        Failure::validation(crate::orders::rule_message("Пополнение", &e), "amount")
    })?;
    let fingerprint = format!("{}|{}", child.id, request.amount);
    let mut state = sandbox.lock();
    let slot = (phone.clone(), key);
    if let Some((first, bill_id)) = state.gorod.school.top_up_keys.get(&slot) {
        let bill = state
            .gorod
            .school
            .top_up_bills
            .get(bill_id)
            .map(|b| b.bill.clone());
        return crate::idempotency::replayed_bill(first, &fingerprint, bill);
    }
    let id = format!("topup-{}", uuid::Uuid::new_v4().simple());
    let bill = top_up_bill(child, request.amount, id.clone(), Period::of(state.today));
    let record = TopUpBill {
        owner: phone,
        child: child.id,
        bill: bill.clone(),
    };
    state.gorod.school.top_up_bills.insert(id.clone(), record);
    state
        .gorod
        .school
        .top_up_keys
        .insert(slot, (fingerprint, id));
    Ok((StatusCode::CREATED, Json(bill)))
}

fn limit_dto(state: &SandboxState, child: &Child) -> MealLimitDto {
    let now = state.now();
    let daily_limit = limit_at(&state.gorod.school, child, now);
    let spent_today = ledger(&state.gorod.school, child, now).spent_today;
    MealLimitDto {
        daily_limit,
        spent_today,
        left_today: left_today(daily_limit, spent_today),
        stop_list: stop_list_at(&state.gorod.school, child, now)
            .iter()
            .map(|s| s.to_string())
            .collect(),
    }
}

/// «Лимит питания»: the daily limit, what was spent today and what is left.
#[utoipa::path(
    get, path = "/api/v1/school/children/{child_id}/limit", operation_id = "getMealLimit", tag = "school",
    params(("child_id" = String, Path, description = CHILD_ID)),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Дневной лимит", body = MealLimitDto),
        (status = 401, description = "Требуется вход", body = ApiError),
        (status = 404, description = "Ребёнок не найден", body = ApiError),
    )
)]
pub async fn get_limit(
    State(sandbox): State<Sandbox>,
    CurrentUser(phone): CurrentUser,
    Path(child_id): Path<String>,
) -> Result<Json<MealLimitDto>, Failure> {
    let child = child_for(&phone, &child_id)?;
    Ok(Json(limit_dto(&sandbox.lock(), child)))
}

/// Sets the daily limit (or lifts it with `null`); the canteen keeps it from the next purchase.
#[utoipa::path(
    put, path = "/api/v1/school/children/{child_id}/limit", operation_id = "setMealLimit", tag = "school",
    params(("child_id" = String, Path, description = CHILD_ID)),
    request_body = SetMealLimit,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Лимит установлен", body = MealLimitDto),
        (status = 401, description = "Требуется вход", body = ApiError),
        (status = 404, description = "Ребёнок не найден", body = ApiError),
        (status = 422, description = "Лимит ноль или больше 10 000 ₽ (field = daily_limit)", body = ApiError),
        BodyRefused,
    )
)]
pub async fn set_limit(
    State(sandbox): State<Sandbox>,
    CurrentUser(phone): CurrentUser,
    Path(child_id): Path<String>,
    body: Result<Json<SetMealLimit>, JsonRejection>,
) -> Result<Json<MealLimitDto>, Failure> {
    let child = child_for(&phone, &child_id)?;
    let limit = validate_limit(json_body(body)?.daily_limit)
        .map_err(|e| Failure::validation(e.message_ru(), "daily_limit"))?;
    let mut state = sandbox.lock();
    let at = state.now();
    let change = LimitChange {
        child: child.id,
        at,
        limit,
    };
    state.gorod.school.limits.push(change);
    tracing::info!(child = child.id, limit = ?limit, "meal limit set");
    Ok(Json(limit_dto(&state, child)))
}

/// Sets the dishes the canteen will not sell to the child (an empty list lifts the stop-list);
/// the till keeps it from the next purchase.
#[utoipa::path(
    put, path = "/api/v1/school/children/{child_id}/stop-list", operation_id = "setStopList", tag = "school",
    params(("child_id" = String, Path, description = CHILD_ID)),
    request_body = SetStopList,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Стоп-лист установлен", body = MealLimitDto),
        (status = 401, description = "Требуется вход", body = ApiError),
        (status = 404, description = "Ребёнок не найден", body = ApiError),
        (status = 422, description = "Такого блюда нет в меню школы (field = items)", body = ApiError),
        BodyRefused,
    )
)]
pub async fn set_stop_list(
    State(sandbox): State<Sandbox>,
    CurrentUser(phone): CurrentUser,
    Path(child_id): Path<String>,
    body: Result<Json<SetStopList>, JsonRejection>,
) -> Result<Json<MealLimitDto>, Failure> {
    let child = child_for(&phone, &child_id)?;
    let mut items: Vec<&'static str> = Vec::new();
    for id in json_body(body)?.items {
        let dish = dish_by_id(id.trim())
            .ok_or_else(|| Failure::validation("Такого блюда нет в меню школы", "items"))?;
        if !items.contains(&dish.id) {
            items.push(dish.id);
        }
    }
    let mut state = sandbox.lock();
    let at = state.now();
    let change = StopListChange {
        child: child.id,
        at,
        items,
    };
    state.gorod.school.stop_lists.push(change);
    Ok(Json(limit_dto(&state, child)))
}
