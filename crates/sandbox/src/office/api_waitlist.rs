//! The `.ics` of a booking and the waitlist: ask to be told when a slot earlier than the one you
//! could get frees up; a cancelled or moved booking frees its slot and notifies the entries it
//! suits.

use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::IntoResponse;
use axum::Json;
use chrono::NaiveDateTime;
use ofis_api::{ApiError, CreateWaitlistEntry, WaitlistEntryDto, WaitlistStatus};

use super::api_booking::{now_local, office_for, own_booking, topic_for};
use super::calendar::bookable;
use super::world::Office;
use super::{ics, OfficeState};
use crate::auth::CurrentUser;
use crate::error::{json_body, BodyRefused, Failure};
use crate::state::Sandbox;

/// The booking as an iCalendar file, to add to a calendar (with a reminder the day before).
#[utoipa::path(
    get, path = "/api/v1/office/bookings/{booking_id}/ics", operation_id = "bookingCalendar", tag = "office",
    params(("booking_id" = String, Path, description = "Идентификатор записи")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Файл календаря (RFC 5545)", content_type = "text/calendar", body = String),
        (status = 401, description = "Требуется вход", body = ApiError),
        (status = 404, description = "Запись не найдена", body = ApiError),
    )
)]
pub async fn calendar(
    State(sandbox): State<Sandbox>,
    CurrentUser(phone): CurrentUser,
    Path(booking_id): Path<String>,
) -> Result<impl IntoResponse, Failure> {
    let mut state = sandbox.lock();
    let booking = own_booking(&mut state.gorod.office, &phone, &booking_id)?;
    let text = ics::booking_ics(booking);
    let headers = [
        (
            header::CONTENT_TYPE,
            "text/calendar; charset=utf-8".to_string(),
        ),
        (
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{}.ics\"", booking.id),
        ),
    ];
    Ok((headers, text))
}

/// The person's waitlist entries, oldest first.
#[utoipa::path(
    get, path = "/api/v1/office/waitlist", operation_id = "listWaitlist", tag = "office",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Просьбы сообщить о более раннем времени", body = Vec<WaitlistEntryDto>),
        (status = 401, description = "Требуется вход", body = ApiError),
    )
)]
pub async fn list(
    State(sandbox): State<Sandbox>,
    CurrentUser(phone): CurrentUser,
) -> Json<Vec<WaitlistEntryDto>> {
    let state = sandbox.lock();
    Json(
        state
            .gorod
            .office
            .waitlist
            .iter()
            .filter(|(owner, _)| *owner == phone)
            .map(|(_, e)| e.clone())
            .collect(),
    )
}

/// Asks to be told when a slot of the office before `before` frees up.
#[utoipa::path(
    post, path = "/api/v1/office/waitlist", operation_id = "joinWaitlist", tag = "office",
    request_body = CreateWaitlistEntry,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Сообщим, когда освободится более раннее время", body = WaitlistEntryDto),
        (status = 401, description = "Требуется вход", body = ApiError),
        (status = 422, description = "Нет отдела или темы, или время уже прошло (field = before)", body = ApiError),
        BodyRefused,
    )
)]
pub async fn join(
    State(sandbox): State<Sandbox>,
    CurrentUser(phone): CurrentUser,
    body: Result<Json<CreateWaitlistEntry>, JsonRejection>,
) -> Result<(StatusCode, Json<WaitlistEntryDto>), Failure> {
    let request = json_body(body)?;
    let office = office_for(&request.office_id, Some("office_id"))?;
    let topic = topic_for(&request.topic_id)?;
    let mut state = sandbox.lock();
    if request.before <= now_local(&state) {
        return Err(Failure::validation(
            "Укажите время, которое ещё не прошло",
            "before",
        ));
    }
    let created_at = state.now();
    let records = &mut state.gorod.office;
    let entry = WaitlistEntryDto {
        id: records.next_id("wl"),
        office_id: office.id.to_string(),
        topic_id: topic.id.to_string(),
        before: request.before,
        status: WaitlistStatus::Waiting,
        freed_slot: None,
        created_at,
    };
    records.waitlist.push((phone, entry.clone()));
    Ok((StatusCode::CREATED, Json(entry)))
}

/// A place of `slot` at `office` was freed: every waiting entry it suits (same office, earlier
/// than the entry's limit, still bookable) is notified of it.
pub(crate) fn slot_freed(
    records: &mut OfficeState,
    office: &Office,
    slot: NaiveDateTime,
    now: NaiveDateTime,
) {
    if !bookable(slot, now) {
        return;
    }
    for (_, entry) in records.waitlist.iter_mut() {
        let suits = entry.status == WaitlistStatus::Waiting
            && entry.office_id == office.id
            && slot < entry.before;
        if suits {
            entry.status = WaitlistStatus::Notified;
            entry.freed_slot = Some(slot);
        }
    }
}
