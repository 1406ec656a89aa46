//! «Заявки по питанию» (order or cancel a day's meals before the school's cut-off, one "болеет"
//! cancel for a range of dates) and «Меню».

use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::Json;
use chrono::Days;
use ofis_api::{
    ApiError, CreateMealRequests, DateRangeQuery, DayQuery, ErrorCode, LateDayDto, MealRequestDto,
    MealRequestKind, MealRequestReason, MealRequestState, MealRequestsCreated, MenuDto,
};
use ofis_domain::school::{cut_off_ru, plan_sick_cancel, MealRequestError};

use super::ledger::stop_list_at;
use super::world::cut_off_rule;
use super::{child_for, date_range, menu, query_day};
use crate::auth::CurrentUser;
use crate::error::{json_body, query_params, BodyRefused, Failure, QueryRefused};
use crate::state::Sandbox;

const CHILD_ID: &str = "Идентификатор ребёнка";

/// A refusal of a meal request: past the cut-off has its own code and names it.
fn refusal(error: &MealRequestError) -> Failure {
    match error {
        MealRequestError::PastCutOff { .. } => {
            let mut f = Failure::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                ErrorCode::CutOffPassed,
                error.message_ru(),
            );
            f.body = f.body.on_field("from");
            f
        }
        MealRequestError::EmptyRange { .. } => Failure::validation(error.message_ru(), "to"),
        _ => Failure::validation(error.message_ru(), "from"),
    }
}

/// The child's meal requests for the days of a period (from today for two weeks by default).
#[utoipa::path(
    get, path = "/api/v1/school/children/{child_id}/meal-requests", operation_id = "listMealRequests", tag = "school",
    params(("child_id" = String, Path, description = CHILD_ID), DateRangeQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Заявки на дни периода (по умолчанию — две недели с сегодняшнего дня), по дням", body = Vec<MealRequestDto>),
        (status = 401, description = "Требуется вход", body = ApiError),
        (status = 404, description = "Ребёнок не найден", body = ApiError),
        (status = 422, description = "Неверный период (field = from или to)", body = ApiError),
        QueryRefused,
    )
)]
pub async fn list(
    State(sandbox): State<Sandbox>,
    CurrentUser(phone): CurrentUser,
    Path(child_id): Path<String>,
    query: Result<Query<DateRangeQuery>, QueryRejection>,
) -> Result<Json<Vec<MealRequestDto>>, Failure> {
    let child = child_for(&phone, &child_id)?;
    let query = query_params(query)?;
    let state = sandbox.lock();
    let (from, to) = date_range(&query, state.today, state.today + Days::new(13))?;
    let mut found: Vec<MealRequestDto> = state
        .gorod
        .school
        .meal_requests
        .iter()
        .filter(|(c, r)| c == child.id && (from..=to).contains(&r.day))
        .map(|(_, r)| r.clone())
        .collect();
    found.sort_by_key(|r| (r.day, r.created_at));
    Ok(Json(found))
}

/// Orders or cancels meals for a day or for each school day of a range. Days already past the
/// cut-off are listed in `late` and keep their meals as they were; when every day is late, the
/// request is refused (`cut_off_passed`) naming the cut-off. A request for a day replaces the
/// earlier one for it.
#[utoipa::path(
    post, path = "/api/v1/school/children/{child_id}/meal-requests", operation_id = "createMealRequests", tag = "school",
    params(("child_id" = String, Path, description = CHILD_ID)),
    request_body = CreateMealRequests,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Заявки приняты на открытые дни; опоздавшие дни — в late", body = MealRequestsCreated),
        (status = 401, description = "Требуется вход", body = ApiError),
        (status = 404, description = "Ребёнок не найден", body = ApiError),
        (status = 422, description = "Срок подачи прошёл (code = cut_off_passed, сообщение называет срок), нет учебных дней или неверный период", body = ApiError),
        BodyRefused,
    )
)]
pub async fn create(
    State(sandbox): State<Sandbox>,
    CurrentUser(phone): CurrentUser,
    Path(child_id): Path<String>,
    body: Result<Json<CreateMealRequests>, JsonRejection>,
) -> Result<(StatusCode, Json<MealRequestsCreated>), Failure> {
    let child = child_for(&phone, &child_id)?;
    let request = json_body(body)?;
    if request.reason == Some(MealRequestReason::Sick) && request.kind != MealRequestKind::Cancel {
        return Err(Failure::validation(
            "Причина «болеет» — только для отказа от питания",
            "reason",
        ));
    }
    let mut state = sandbox.lock();
    let now = state.now();
    let to = request.to.unwrap_or(request.from);
    let plan = plan_sick_cancel(&cut_off_rule(), request.from, to, now).map_err(|e| refusal(&e))?;
    let mut created = Vec::with_capacity(plan.open.len());
    for (day, cut_off) in plan.open {
        let school = &mut state.gorod.school;
        for (c, earlier) in school.meal_requests.iter_mut() {
            if c == child.id && earlier.day == day {
                earlier.state = MealRequestState::Withdrawn;
            }
        }
        let dto = MealRequestDto {
            id: school.next_id("mr"),
            day,
            kind: request.kind,
            reason: request.reason,
            state: MealRequestState::Active,
            cut_off,
            created_at: now,
        };
        school
            .meal_requests
            .push((child.id.to_string(), dto.clone()));
        created.push(dto);
    }
    tracing::info!(
        child = child.id,
        days = created.len(),
        late = plan.late.len(),
        "meal requests taken"
    );
    let late = plan
        .late
        .into_iter()
        .map(|(day, cut_off)| LateDayDto { day, cut_off })
        .collect();
    Ok((
        StatusCode::CREATED,
        Json(MealRequestsCreated { created, late }),
    ))
}

/// Withdraws a meal request before its cut-off (withdrawing twice is not an error).
#[utoipa::path(
    post, path = "/api/v1/school/children/{child_id}/meal-requests/{request_id}/withdraw", operation_id = "withdrawMealRequest", tag = "school",
    params(
        ("child_id" = String, Path, description = CHILD_ID),
        ("request_id" = String, Path, description = "Идентификатор заявки"),
    ),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Заявка отозвана", body = MealRequestDto),
        (status = 401, description = "Требуется вход", body = ApiError),
        (status = 404, description = "Ребёнок или заявка не найдены", body = ApiError),
        (status = 422, description = "Срок прошёл (code = cut_off_passed)", body = ApiError),
    )
)]
pub async fn withdraw(
    State(sandbox): State<Sandbox>,
    CurrentUser(phone): CurrentUser,
    Path((child_id, request_id)): Path<(String, String)>,
) -> Result<Json<MealRequestDto>, Failure> {
    let child = child_for(&phone, &child_id)?;
    let mut state = sandbox.lock();
    let now = state.now();
    let (_, request) = state
        .gorod
        .school
        .meal_requests
        .iter_mut()
        .find(|(c, r)| c == child.id && r.id == request_id)
        .ok_or_else(|| Failure::not_found("Заявка не найдена"))?;
    if request.state == MealRequestState::Active {
        if now >= request.cut_off {
            let message = format!(
                "Заявку на {} можно было отозвать до {}",
                request.day.format("%d.%m.%Y"),
                cut_off_ru(request.cut_off)
            );
            return Err(Failure::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                ErrorCode::CutOffPassed,
                message,
            ));
        }
        request.state = MealRequestState::Withdrawn;
    }
    Ok(Json(request.clone()))
}

/// «Меню»: the dishes of a day at the child's school with prices, allergens and energy value
/// where the school gives them; empty on a day without school.
#[utoipa::path(
    get, path = "/api/v1/school/children/{child_id}/menu", operation_id = "dayMenu", tag = "school",
    params(("child_id" = String, Path, description = CHILD_ID), DayQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Меню дня (по умолчанию — сегодня)", body = MenuDto),
        (status = 401, description = "Требуется вход", body = ApiError),
        (status = 404, description = "Ребёнок не найден", body = ApiError),
        (status = 422, description = "Неверная дата (field = day)", body = ApiError),
        QueryRefused,
    )
)]
pub async fn day_menu(
    State(sandbox): State<Sandbox>,
    CurrentUser(phone): CurrentUser,
    Path(child_id): Path<String>,
    query: Result<Query<DayQuery>, QueryRejection>,
) -> Result<Json<MenuDto>, Failure> {
    let child = child_for(&phone, &child_id)?;
    let query = query_params(query)?;
    let state = sandbox.lock();
    let day = query_day(query.day.as_deref(), state.today)?;
    let blocked = stop_list_at(&state.gorod.school, child, state.now());
    Ok(Json(menu::menu(&blocked, day)))
}
