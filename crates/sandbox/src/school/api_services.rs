//! «Платные образовательные услуги»: the child's services with what is owed and paid, their
//! bills (paid through orders), requests to enrol or leave, and attendance.

use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::Json;
use chrono::{Datelike, Days};
use ofis_api::{
    ApiError, AttendanceDto, AttendanceMark, BillDto, CreateServiceRequest, DateRangeQuery,
    MealRequestReason, MealRequestState, PaidServiceDto, ServiceRequestDto, ServiceRequestKind,
};
use ofis_domain::school::next_school_day;

use super::bills::service_bill;
use super::services::{accounts, enrolled_now, enrolled_on, request_state};
use super::world::{service_by_id, SERVICES};
use super::{child_for, date_range, school_runs};
use crate::auth::CurrentUser;
use crate::error::{json_body, query_params, BodyRefused, Failure, QueryRefused};
use crate::state::Sandbox;
use crate::town::fnv1a;

const CHILD_ID: &str = "Идентификатор ребёнка";

/// The school's paid services and where the child stands with each.
#[utoipa::path(
    get, path = "/api/v1/school/children/{child_id}/services", operation_id = "listPaidServices", tag = "school",
    params(("child_id" = String, Path, description = CHILD_ID)),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Услуги школы: начислено, оплачено, в обработке, записан ли ребёнок", body = Vec<PaidServiceDto>),
        (status = 401, description = "Требуется вход", body = ApiError),
        (status = 404, description = "Ребёнок не найден", body = ApiError),
    )
)]
pub async fn list(
    State(sandbox): State<Sandbox>,
    CurrentUser(phone): CurrentUser,
    Path(child_id): Path<String>,
) -> Result<Json<Vec<PaidServiceDto>>, Failure> {
    let child = child_for(&phone, &child_id)?;
    let state = sandbox.lock();
    Ok(Json(accounts(&state.gorod.school, child, state.today)))
}

/// The bills of the child's services with something left to pay (owed, less what is being
/// processed); pay them through `POST /api/v1/orders`.
#[utoipa::path(
    get, path = "/api/v1/school/children/{child_id}/services/bills", operation_id = "paidServiceBills", tag = "school",
    params(("child_id" = String, Path, description = CHILD_ID)),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Счета услуг к оплате; пусто, если платить нечего", body = Vec<BillDto>),
        (status = 401, description = "Требуется вход", body = ApiError),
        (status = 404, description = "Ребёнок не найден", body = ApiError),
    )
)]
pub async fn bills(
    State(sandbox): State<Sandbox>,
    CurrentUser(phone): CurrentUser,
    Path(child_id): Path<String>,
) -> Result<Json<Vec<BillDto>>, Failure> {
    let child = child_for(&phone, &child_id)?;
    let state = sandbox.lock();
    Ok(Json(
        SERVICES
            .iter()
            .filter_map(|s| service_bill(&state, child, s.id))
            .collect(),
    ))
}

/// The child's requests to enrol in a service or leave it, newest first.
#[utoipa::path(
    get, path = "/api/v1/school/children/{child_id}/service-requests", operation_id = "listServiceRequests", tag = "school",
    params(("child_id" = String, Path, description = CHILD_ID)),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Заявки с их состоянием", body = Vec<ServiceRequestDto>),
        (status = 401, description = "Требуется вход", body = ApiError),
        (status = 404, description = "Ребёнок не найден", body = ApiError),
    )
)]
pub async fn list_requests(
    State(sandbox): State<Sandbox>,
    CurrentUser(phone): CurrentUser,
    Path(child_id): Path<String>,
) -> Result<Json<Vec<ServiceRequestDto>>, Failure> {
    let child = child_for(&phone, &child_id)?;
    let state = sandbox.lock();
    let today = state.today;
    Ok(Json(
        state
            .gorod
            .school
            .service_requests
            .iter()
            .rev()
            .filter(|(c, _)| c == child.id)
            .map(|(_, r)| ServiceRequestDto {
                state: request_state(r.decided_on, today),
                ..r.clone()
            })
            .collect(),
    ))
}

/// Asks to enrol in a service or to leave it; the school decides on the next school day.
#[utoipa::path(
    post, path = "/api/v1/school/children/{child_id}/service-requests", operation_id = "createServiceRequest", tag = "school",
    params(("child_id" = String, Path, description = CHILD_ID)),
    request_body = CreateServiceRequest,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Заявка подана", body = ServiceRequestDto),
        (status = 401, description = "Требуется вход", body = ApiError),
        (status = 404, description = "Ребёнок или услуга не найдены", body = ApiError),
        (status = 422, description = "Ребёнок уже записан (или не записан), или такая заявка уже ждёт решения", body = ApiError),
        BodyRefused,
    )
)]
pub async fn create_request(
    State(sandbox): State<Sandbox>,
    CurrentUser(phone): CurrentUser,
    Path(child_id): Path<String>,
    body: Result<Json<CreateServiceRequest>, JsonRejection>,
) -> Result<(StatusCode, Json<ServiceRequestDto>), Failure> {
    let child = child_for(&phone, &child_id)?;
    let request = json_body(body)?;
    let service = service_by_id(&request.service_id)
        .ok_or_else(|| Failure::not_found("Услуга не найдена"))?;
    let mut state = sandbox.lock();
    let today = state.today;
    let school = &state.gorod.school;
    let pending = school
        .service_requests
        .iter()
        .any(|(c, r)| c == child.id && r.service_id == service.id && r.decided_on > today);
    if pending {
        return Err(Failure::validation(
            "Заявка по этой услуге уже ждёт решения школы",
            "service_id",
        ));
    }
    let enrolled = enrolled_now(school, child, service, today);
    match (request.kind, enrolled) {
        (ServiceRequestKind::Enrol, true) => {
            return Err(Failure::validation(
                "Ребёнок уже записан на эту услугу",
                "kind",
            ))
        }
        (ServiceRequestKind::Leave, false) => {
            return Err(Failure::validation(
                "Ребёнок не записан на эту услугу",
                "kind",
            ))
        }
        _ => {}
    }
    let decided_on = next_school_day(today).unwrap_or(today);
    let created_at = state.now();
    let school = &mut state.gorod.school;
    let dto = ServiceRequestDto {
        id: school.next_id("sr"),
        service_id: service.id.to_string(),
        service_name: service.name.to_string(),
        kind: request.kind,
        state: request_state(decided_on, today),
        created_at,
        decided_on,
    };
    school
        .service_requests
        .push((child.id.to_string(), dto.clone()));
    Ok((StatusCode::CREATED, Json(dto)))
}

/// «Посещаемость»: the lessons of the child's services on the days of a period (the last week
/// by default) that have taken place, each marked present, absent or sick.
#[utoipa::path(
    get, path = "/api/v1/school/children/{child_id}/attendance", operation_id = "attendance", tag = "school",
    params(("child_id" = String, Path, description = CHILD_ID), DateRangeQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Посещаемость занятий по дням", body = Vec<AttendanceDto>),
        (status = 401, description = "Требуется вход", body = ApiError),
        (status = 404, description = "Ребёнок не найден", body = ApiError),
        (status = 422, description = "Неверный период (field = from или to)", body = ApiError),
        QueryRefused,
    )
)]
pub async fn attendance(
    State(sandbox): State<Sandbox>,
    CurrentUser(phone): CurrentUser,
    Path(child_id): Path<String>,
    query: Result<Query<DateRangeQuery>, QueryRejection>,
) -> Result<Json<Vec<AttendanceDto>>, Failure> {
    let child = child_for(&phone, &child_id)?;
    let query = query_params(query)?;
    let state = sandbox.lock();
    let today = state.today;
    let (from, to) = date_range(&query, today - Days::new(6), today)?;
    let school = &state.gorod.school;
    let sick = |day| {
        school.meal_requests.iter().any(|(c, r)| {
            c == child.id
                && r.day == day
                && r.state == MealRequestState::Active
                && r.reason == Some(MealRequestReason::Sick)
        })
    };
    let mut out = Vec::new();
    for day in from.iter_days().take_while(|d| *d <= to && *d < today) {
        if !school_runs(day) {
            continue;
        }
        for service in SERVICES {
            let meets = service
                .weekdays
                .contains(&day.weekday().num_days_from_monday());
            if !meets || !enrolled_on(school, child, service, day, today) {
                continue;
            }
            let h = fnv1a(format!("{}|{}|{day}", child.id, service.id).as_bytes());
            let mark = if sick(day) {
                AttendanceMark::Sick
            } else if h.is_multiple_of(12) {
                AttendanceMark::Absent
            } else {
                AttendanceMark::Present
            };
            out.push(AttendanceDto {
                day,
                service_id: service.id.to_string(),
                service_name: service.name.to_string(),
                mark,
            });
        }
    }
    Ok(Json(out))
}
