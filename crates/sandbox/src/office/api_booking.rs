//! «Предварительная запись»: offices, topics, the slot calendar, booking with an idempotency
//! key, «Мои записи», cancel and reschedule. A slot taken meanwhile is a 409 [`SlotTaken`] with
//! the next free slots.

use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::{Days, NaiveDate, NaiveDateTime};
use ofis_api::{
    ApiError, BookingDto, BookingStatus, CreateBooking, ErrorCode, OfficeDto, RescheduleBooking,
    SlotDayDto, SlotTaken, SlotsQuery, TopicDto,
};

use super::calendar::{bookable, days, free_places, is_slot, next_free, slot_end};
use super::world::{self, Office, OFFICES, TOPICS};
use super::{api_waitlist, Booking, OfficeState};
use crate::auth::CurrentUser;
use crate::error::{json_body, query_params, BodyRefused, Failure, QueryRefused};
use crate::state::{Sandbox, State as SandboxState};

/// The longest calendar one request may ask for, in days.
const MAX_RANGE_DAYS: i64 = 31;

/// A refusal of a booking: an ordinary failure, or the slot is full.
pub enum BookingRefused {
    Failure(Failure),
    Taken(SlotTaken),
}

impl From<Failure> for BookingRefused {
    fn from(f: Failure) -> Self {
        BookingRefused::Failure(f)
    }
}

impl IntoResponse for BookingRefused {
    fn into_response(self) -> Response {
        match self {
            BookingRefused::Failure(f) => f.into_response(),
            BookingRefused::Taken(t) => (StatusCode::CONFLICT, Json(t)).into_response(),
        }
    }
}

/// "Now" on the sandbox clock, as a local time.
pub(crate) fn now_local(state: &SandboxState) -> NaiveDateTime {
    state
        .now()
        .with_timezone(&ofis_domain::tz::offset())
        .naive_local()
}

/// The subscriber offices that take visitors by appointment, with their hours.
#[utoipa::path(
    get, path = "/api/v1/office/offices", operation_id = "listOffices", tag = "office",
    responses((status = 200, description = "Абонентские отделы", body = Vec<OfficeDto>))
)]
pub async fn offices() -> Json<Vec<OfficeDto>> {
    Json(OFFICES.iter().map(Office::dto).collect())
}

/// The topics of a visit, each with the documents to bring.
#[utoipa::path(
    get, path = "/api/v1/office/topics", operation_id = "listTopics", tag = "office",
    responses((status = 200, description = "Темы приёма и документы", body = Vec<TopicDto>))
)]
pub async fn topics() -> Json<Vec<TopicDto>> {
    Json(TOPICS.iter().map(world::Topic::dto).collect())
}

fn parse_day(text: &str, field: &str) -> Result<NaiveDate, Failure> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| Failure::validation("Укажите дату в формате ГГГГ-ММ-ДД", field))
}

/// An office's days with their slots still ahead: capacity and places left of each.
#[utoipa::path(
    get, path = "/api/v1/office/offices/{office_id}/slots", operation_id = "officeSlots", tag = "office",
    params(("office_id" = String, Path, description = "Идентификатор отдела"), SlotsQuery),
    responses(
        (status = 200, description = "Дни с временем приёма", body = Vec<SlotDayDto>),
        (status = 404, description = "Отдел не найден", body = ApiError),
        (status = 422, description = "Неверный период (field = from или to)", body = ApiError),
        QueryRefused,
    )
)]
pub async fn slots(
    State(sandbox): State<Sandbox>,
    Path(office_id): Path<String>,
    query: Result<Query<SlotsQuery>, QueryRejection>,
) -> Result<Json<Vec<SlotDayDto>>, Failure> {
    let office = office_for(&office_id, None)?;
    let query = query_params(query)?;
    let state = sandbox.lock();
    let from = match &query.from {
        Some(text) => parse_day(text, "from")?,
        None => state.today,
    };
    let to = match &query.to {
        Some(text) => parse_day(text, "to")?,
        None => from + Days::new(13),
    };
    if to < from {
        return Err(Failure::validation(
            "Дата окончания раньше даты начала",
            "to",
        ));
    }
    if (to - from).num_days() >= MAX_RANGE_DAYS {
        return Err(Failure::validation("Выберите не больше 31 дня", "to"));
    }
    let now = now_local(&state);
    Ok(Json(days(&state.gorod.office, office, (from, to), now)))
}

/// The office by id; a 404, or a 422 on `field` when it came in a body.
pub(crate) fn office_for(id: &str, field: Option<&str>) -> Result<&'static Office, Failure> {
    world::office(id).ok_or_else(|| match field {
        Some(field) => Failure::validation("Такого абонентского отдела нет", field),
        None => Failure::not_found("Абонентский отдел не найден"),
    })
}

pub(crate) fn topic_for(id: &str) -> Result<&'static world::Topic, Failure> {
    world::topic(id).ok_or_else(|| Failure::validation("Такой темы приёма нет", "topic_id"))
}

/// The booking as the API shows it.
pub(crate) fn booking_dto(b: &Booking, now: NaiveDateTime) -> BookingDto {
    let status = if b.cancelled {
        BookingStatus::Cancelled
    } else if b.starts_at <= now {
        BookingStatus::Past
    } else {
        BookingStatus::Active
    };
    BookingDto {
        id: b.id.clone(),
        office: b.office.dto(),
        topic: b.topic.dto(),
        starts_at: b.starts_at,
        ends_at: slot_end(b.starts_at),
        status,
        created_at: b.created_at,
    }
}

/// Checks that `start` can be booked at the office now: a slot of its calendar, ahead and within
/// the horizon, not already booked by this person, with a place left (else the 409).
fn check_slot(
    office_state: &OfficeState,
    office: &Office,
    start: NaiveDateTime,
    now: NaiveDateTime,
    phone: &str,
) -> Result<(), BookingRefused> {
    if !is_slot(office, start) {
        return Err(Failure::validation(
            "В это время отдел не принимает: выберите время из расписания",
            "starts_at",
        )
        .into());
    }
    if !bookable(start, now) {
        return Err(Failure::validation(
            "Записаться можно на время не раньше текущего и не позже чем через 30 дней",
            "starts_at",
        )
        .into());
    }
    let mine = office_state.bookings.iter().any(|b| {
        b.owner == phone && !b.cancelled && b.office.id == office.id && b.starts_at == start
    });
    if mine {
        return Err(Failure::validation("Вы уже записаны на это время", "starts_at").into());
    }
    if free_places(office_state, office, start) == 0 {
        return Err(BookingRefused::Taken(SlotTaken {
            code: ErrorCode::Conflict,
            message: format!(
                "Время {} уже занято. Выберите другое время",
                start.format("%d.%m.%Y %H:%M")
            ),
            next_free: next_free(office_state, office, start, now),
        }));
    }
    Ok(())
}

/// Books a slot for a topic. A retry with the same `Idempotency-Key` and body gets the same
/// booking; a slot full by now is a 409 with the next free slots.
#[utoipa::path(
    post, path = "/api/v1/office/bookings", operation_id = "createBooking", tag = "office",
    params(("Idempotency-Key" = String, Header, description = "Уникальный ключ запроса; повтор с тем же ключом возвращает ту же запись")),
    request_body = CreateBooking,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Запись создана", body = BookingDto),
        (status = 401, description = "Требуется вход", body = ApiError),
        (status = 409, description = "Время уже занято: next_free — ближайшее свободное время", body = SlotTaken),
        (status = 422, description = "Нет отдела или темы, время вне расписания или прошло, нет ключа или ключ использован с другим запросом", body = ApiError),
        BodyRefused,
    )
)]
pub async fn create(
    State(sandbox): State<Sandbox>,
    CurrentUser(phone): CurrentUser,
    headers: HeaderMap,
    body: Result<Json<CreateBooking>, JsonRejection>,
) -> Result<(StatusCode, Json<BookingDto>), BookingRefused> {
    let key = crate::idempotency::key(&headers)?;
    let request = json_body(body)?;
    let office = office_for(&request.office_id, Some("office_id"))?;
    let topic = topic_for(&request.topic_id)?;
    let fingerprint = format!("{}|{}|{}", office.id, topic.id, request.starts_at);
    let mut state = sandbox.lock();
    let now = now_local(&state);
    let slot_key = (phone.clone(), key);
    if let Some((first, id)) = state.gorod.office.booking_keys.get(&slot_key) {
        let booking = state.gorod.office.bookings.iter().find(|b| &b.id == id);
        return match booking {
            Some(b) if *first == fingerprint => {
                Ok((StatusCode::CREATED, Json(booking_dto(b, now))))
            }
            _ => Err(Failure::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                ErrorCode::IdempotencyMismatch,
                "Ключ идемпотентности уже использован с другой записью",
            )
            .into()),
        };
    }
    check_slot(&state.gorod.office, office, request.starts_at, now, &phone)?;
    let created_at = state.now();
    let records = &mut state.gorod.office;
    let booking = Booking {
        owner: phone,
        id: records.next_id("bk"),
        office,
        topic,
        starts_at: request.starts_at,
        cancelled: false,
        created_at,
    };
    records
        .booking_keys
        .insert(slot_key, (fingerprint, booking.id.clone()));
    let dto = booking_dto(&booking, now);
    records.bookings.push(booking);
    Ok((StatusCode::CREATED, Json(dto)))
}

/// «Мои записи»: the person's bookings, the coming ones first (soonest first), then the past
/// and cancelled ones (latest first).
#[utoipa::path(
    get, path = "/api/v1/office/bookings", operation_id = "listBookings", tag = "office",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Записи на приём", body = Vec<BookingDto>),
        (status = 401, description = "Требуется вход", body = ApiError),
    )
)]
pub async fn list(
    State(sandbox): State<Sandbox>,
    CurrentUser(phone): CurrentUser,
) -> Json<Vec<BookingDto>> {
    let state = sandbox.lock();
    let now = now_local(&state);
    let mut out: Vec<_> = state
        .gorod
        .office
        .bookings
        .iter()
        .filter(|b| b.owner == phone)
        .map(|b| booking_dto(b, now))
        .collect();
    out.sort_by_key(|b| {
        let coming = b.status == BookingStatus::Active;
        let order = if coming {
            b.starts_at.and_utc().timestamp()
        } else {
            -b.starts_at.and_utc().timestamp()
        };
        (!coming, order)
    });
    Json(out)
}

/// The person's booking by id, or 404.
pub(crate) fn own_booking<'a>(
    office: &'a mut OfficeState,
    phone: &str,
    id: &str,
) -> Result<&'a mut Booking, Failure> {
    office
        .bookings
        .iter_mut()
        .find(|b| b.owner == phone && b.id == id)
        .ok_or_else(|| Failure::not_found("Запись не найдена"))
}

/// Cancels a booking (again: the same answer); the freed place tells the waitlist.
#[utoipa::path(
    post, path = "/api/v1/office/bookings/{booking_id}/cancel", operation_id = "cancelBooking", tag = "office",
    params(("booking_id" = String, Path, description = "Идентификатор записи")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Запись отменена", body = BookingDto),
        (status = 401, description = "Требуется вход", body = ApiError),
        (status = 404, description = "Запись не найдена", body = ApiError),
        (status = 422, description = "Время приёма уже прошло", body = ApiError),
    )
)]
pub async fn cancel(
    State(sandbox): State<Sandbox>,
    CurrentUser(phone): CurrentUser,
    Path(booking_id): Path<String>,
) -> Result<Json<BookingDto>, Failure> {
    let mut state = sandbox.lock();
    let now = now_local(&state);
    let booking = own_booking(&mut state.gorod.office, &phone, &booking_id)?;
    if booking.cancelled {
        return Ok(Json(booking_dto(booking, now)));
    }
    if booking.starts_at <= now {
        return Err(Failure::validation("Время приёма уже прошло", "booking_id"));
    }
    booking.cancelled = true;
    let (office, freed, dto) = (booking.office, booking.starts_at, booking_dto(booking, now));
    api_waitlist::slot_freed(&mut state.gorod.office, office, freed, now);
    Ok(Json(dto))
}

/// Moves a booking to another slot of the same office; the old place tells the waitlist.
#[utoipa::path(
    post, path = "/api/v1/office/bookings/{booking_id}/reschedule", operation_id = "rescheduleBooking", tag = "office",
    params(("booking_id" = String, Path, description = "Идентификатор записи")),
    request_body = RescheduleBooking,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Запись перенесена", body = BookingDto),
        (status = 401, description = "Требуется вход", body = ApiError),
        (status = 404, description = "Запись не найдена", body = ApiError),
        (status = 409, description = "Время уже занято: next_free — ближайшее свободное время", body = SlotTaken),
        (status = 422, description = "Запись отменена или прошла, или время вне расписания", body = ApiError),
        BodyRefused,
    )
)]
pub async fn reschedule(
    State(sandbox): State<Sandbox>,
    CurrentUser(phone): CurrentUser,
    Path(booking_id): Path<String>,
    body: Result<Json<RescheduleBooking>, JsonRejection>,
) -> Result<Json<BookingDto>, BookingRefused> {
    let request = json_body(body)?;
    let mut state = sandbox.lock();
    let now = now_local(&state);
    let booking = own_booking(&mut state.gorod.office, &phone, &booking_id)?.clone();
    if booking.cancelled || booking.starts_at <= now {
        let message = "Перенести можно только предстоящую запись";
        return Err(Failure::validation(message, "booking_id").into());
    }
    check_slot(
        &state.gorod.office,
        booking.office,
        request.starts_at,
        now,
        &phone,
    )?;
    let moved = own_booking(&mut state.gorod.office, &phone, &booking_id)?;
    moved.starts_at = request.starts_at;
    let dto = booking_dto(moved, now);
    api_waitlist::slot_freed(
        &mut state.gorod.office,
        booking.office,
        booking.starts_at,
        now,
    );
    Ok(Json(dto))
}
