//! The network: routes and stops by name, a route's stops in order, a stop's next arrivals, and
//! the same network as a GTFS zip and a GTFS-realtime feed.

use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::Duration;
use ofis_api::{
    ApiError, ArrivalDto, ArrivalStatusDto, ArrivalsDto, ErrorCode, GtfsRealtime, GtfsZip,
    LiveFeedState, NameQuery, RouteDto, StopDto,
};
use ofis_domain::transport::{feed_state, next_arrivals, ArrivalStatus, FeedState, Stop};
use prost::Message;

use super::gtfs::gtfs_zip;
use super::network::timetable;
use super::realtime::feed;
use crate::error::{query_params, Failure, QueryRefused};
use crate::state::Sandbox;

/// How many arrivals a stop shows.
const ARRIVALS: usize = 8;

fn stop_dto(s: &Stop) -> StopDto {
    StopDto {
        id: s.id.clone(),
        name: s.name.clone(),
    }
}

/// Routes whose number is `q` or whose name contains it; every route without `q`.
#[utoipa::path(
    get, path = "/api/v1/transport/routes", operation_id = "findRoutes", tag = "transport",
    params(NameQuery),
    responses(
        (status = 200, description = "Маршруты", body = Vec<RouteDto>),
        QueryRefused,
    )
)]
pub async fn routes(
    query: Result<Query<NameQuery>, QueryRejection>,
) -> Result<Json<Vec<RouteDto>>, Failure> {
    let q = query_params(query)?.q.unwrap_or_default();
    let t = timetable();
    let found = if q.trim().is_empty() {
        t.routes.iter().collect()
    } else {
        t.find_routes(&q)
    };
    Ok(Json(
        found
            .into_iter()
            .map(|r| RouteDto {
                id: r.id.clone(),
                short_name: r.short_name.clone(),
                long_name: r.long_name.clone(),
            })
            .collect(),
    ))
}

/// A route's stops in order.
#[utoipa::path(
    get, path = "/api/v1/transport/routes/{route_id}/stops", operation_id = "routeStops", tag = "transport",
    params(("route_id" = String, Path, description = "Идентификатор маршрута")),
    responses(
        (status = 200, description = "Остановки маршрута по порядку", body = Vec<StopDto>),
        (status = 404, description = "Маршрут не найден", body = ApiError),
    )
)]
pub async fn route_stops(Path(route_id): Path<String>) -> Result<Json<Vec<StopDto>>, Failure> {
    let t = timetable();
    t.route(&route_id)
        .ok_or_else(|| Failure::not_found("Маршрут не найден"))?;
    Ok(Json(
        t.route_stops(&route_id).into_iter().map(stop_dto).collect(),
    ))
}

/// Stops whose name contains `q`, alphabetically; every stop without `q`.
#[utoipa::path(
    get, path = "/api/v1/transport/stops", operation_id = "findStops", tag = "transport",
    params(NameQuery),
    responses(
        (status = 200, description = "Остановки", body = Vec<StopDto>),
        QueryRefused,
    )
)]
pub async fn stops(
    query: Result<Query<NameQuery>, QueryRejection>,
) -> Result<Json<Vec<StopDto>>, Failure> {
    let q = query_params(query)?.q.unwrap_or_default();
    let t = timetable();
    let found = if q.trim().is_empty() {
        t.stops.iter().collect()
    } else {
        t.find_stops(&q)
    };
    Ok(Json(found.into_iter().map(stop_dto).collect()))
}

fn status_dto(status: ArrivalStatus) -> ArrivalStatusDto {
    match status {
        ArrivalStatus::Scheduled => ArrivalStatusDto::Scheduled,
        ArrivalStatus::OnTime => ArrivalStatusDto::OnTime,
        ArrivalStatus::Late(_) => ArrivalStatusDto::Late,
        ArrivalStatus::Early(_) => ArrivalStatusDto::Early,
        ArrivalStatus::Cancelled => ArrivalStatusDto::Cancelled,
    }
}

/// A stop's next arrivals: predicted from the live feed where it has the trip, «по расписанию»
/// otherwise; the schedule with a banner when the feed is stale or down.
#[utoipa::path(
    get, path = "/api/v1/transport/stops/{stop_id}/arrivals", operation_id = "stopArrivals", tag = "transport",
    params(("stop_id" = String, Path, description = "Идентификатор остановки")),
    responses(
        (status = 200, description = "Ближайшие отправления", body = ArrivalsDto),
        (status = 404, description = "Остановка не найдена", body = ApiError),
    )
)]
pub async fn arrivals(
    State(sandbox): State<Sandbox>,
    Path(stop_id): Path<String>,
) -> Result<Json<ArrivalsDto>, Failure> {
    let t = timetable();
    let stop = t
        .stop(&stop_id)
        .ok_or_else(|| Failure::not_found("Остановка не найдена"))?;
    let (now, switches) = {
        let state = sandbox.lock();
        (state.now(), state.gorod.transport.feed.clone())
    };
    let live = feed(now, &switches).to_live();
    let state = if switches.down {
        FeedState::Down
    } else {
        feed_state(live.timestamp, true, now)
    };
    let departures = t.departures_after(&stop_id, now - Duration::minutes(30), Duration::hours(3));
    let shown = next_arrivals(departures, &live, state, now, ARRIVALS);
    Ok(Json(ArrivalsDto {
        stop: stop_dto(stop),
        feed: match state {
            FeedState::Live => LiveFeedState::Live,
            FeedState::Stale { .. } => LiveFeedState::Stale,
            FeedState::Down => LiveFeedState::Down,
        },
        banner: state.banner_ru(),
        arrivals: shown
            .into_iter()
            .map(|a| ArrivalDto {
                label: a.status.label_ru(),
                status: status_dto(a.status),
                trip_id: a.departure.trip_id,
                route_id: a.departure.route_id,
                route_name: a.departure.route_name,
                headsign: a.departure.headsign,
                scheduled: a.departure.scheduled,
                predicted: a.predicted,
            })
            .collect(),
    }))
}

/// The GTFS static feed of the town's network (zip).
#[utoipa::path(
    get, path = "/api/v1/transport/gtfs.zip", operation_id = "gtfsFeed", tag = "transport",
    responses(
        (status = 200, description = "GTFS: agency, stops, routes, trips, stop_times, calendar, calendar_dates", body = GtfsZip, content_type = "application/zip"),
    )
)]
pub async fn gtfs() -> Response {
    ([(header::CONTENT_TYPE, "application/zip")], gtfs_zip()).into_response()
}

/// The GTFS-realtime TripUpdates feed (protobuf); 503 when there is no live feed.
#[utoipa::path(
    get, path = "/api/v1/transport/gtfs-rt", operation_id = "gtfsRealtime", tag = "transport",
    responses(
        (status = 200, description = "GTFS-realtime FeedMessage с TripUpdates", body = GtfsRealtime, content_type = "application/x-protobuf"),
        (status = 503, description = "Нет данных о движении транспорта", body = ApiError),
    )
)]
pub async fn gtfs_rt(State(sandbox): State<Sandbox>) -> Result<Response, Failure> {
    let (now, switches) = {
        let state = sandbox.lock();
        (state.now(), state.gorod.transport.feed.clone())
    };
    if switches.down {
        return Err(Failure::new(
            StatusCode::SERVICE_UNAVAILABLE,
            ErrorCode::Internal,
            "Нет данных о движении транспорта",
        ));
    }
    let bytes = feed(now, &switches).encode_to_vec();
    Ok(([(header::CONTENT_TYPE, "application/x-protobuf")], bytes).into_response())
}
