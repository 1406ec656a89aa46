//! The Город API's routes, registered through utoipa-axum so the OpenAPI document is generated
//! from the very handlers that serve the requests.

use std::sync::Arc;

use axum::routing::get;
use axum::{Json, Router};
use utoipa::openapi::header::HeaderBuilder;
use utoipa::openapi::path::{ParameterBuilder, ParameterIn};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::{Object, OpenApi as OpenApiDoc, RefOr, Required, ResponseBuilder, Type};
use utoipa::{Modify, OpenApi};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::state::Sandbox;
use crate::{
    addresses, auth, help, internal, mail, meters, office, orders, providers, qr, receipts, school,
    support, transport,
};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Система «Город» API",
        version = "1.0.0",
        description = "Оплата ЖКУ: вход по СМС, адреса, поставщики, счета, счётчики и показания, заказы и чеки, «Школы и Сады», «Транспорт» (карты, пополнения, GTFS и GTFS-realtime), «Вопрос-ответ», «Абоненту» (предварительная запись, электронные заявления, квитанции, копии чеков, электронная квитанция, информация по дому), «Жизненные ситуации», «Написать» (переписка с поддержкой). Ошибки — ApiError с \
                       сообщением на русском языке."
    ),
    modifiers(&BearerAuth)
)]
struct ApiDoc;

/// Declares the `bearer` scheme the signed-in routes refer to.
struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut OpenApiDoc) {
        let components = openapi.components.get_or_insert_with(Default::default);
        let scheme = HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build();
        components.add_security_scheme("bearer", SecurityScheme::Http(scheme));
    }
}

/// Every documented route of the Город API.
fn api_routes() -> OpenApiRouter<Sandbox> {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(auth::request_sms))
        .routes(routes!(auth::sign_in))
        .routes(routes!(auth::refresh))
        .routes(routes!(auth::sign_out))
        .routes(routes!(help::get_faq))
        .routes(routes!(support::api::list, support::api::send))
        .routes(routes!(support::api::read))
        .routes(routes!(support::api::upload))
        .routes(routes!(support::api::photo))
        .routes(routes!(addresses::search))
        .routes(routes!(addresses::bills))
        .routes(routes!(providers::search))
        .routes(routes!(providers::bills))
        .routes(routes!(providers::account_bills))
        .routes(routes!(qr::bill_qr))
        .routes(routes!(meters::list))
        .routes(routes!(meters::tariffs))
        .routes(routes!(meters::history, meters::submit))
        .routes(routes!(orders::create, orders::list))
        .routes(routes!(orders::get))
        .routes(routes!(receipts::list))
        .routes(routes!(receipts::get))
        .routes(routes!(mail::email_receipt))
        .routes(routes!(internal::payment_outcome))
        .routes(routes!(school::api_children::list))
        .routes(routes!(school::api_children::get))
        .routes(routes!(school::api_children::history))
        .routes(routes!(school::api_children::top_up))
        .routes(routes!(
            school::api_children::get_limit,
            school::api_children::set_limit
        ))
        .routes(routes!(school::api_children::set_stop_list))
        .routes(routes!(school::api_photo::put, school::api_photo::get))
        .routes(routes!(school::api_meals::list, school::api_meals::create))
        .routes(routes!(school::api_meals::withdraw))
        .routes(routes!(school::api_meals::day_menu))
        .routes(routes!(school::api_services::list))
        .routes(routes!(school::api_services::bills))
        .routes(routes!(
            school::api_services::list_requests,
            school::api_services::create_request
        ))
        .routes(routes!(school::api_services::attendance))
        .routes(routes!(transport::api_cards::lookup))
        .routes(routes!(
            transport::api_cards::list,
            transport::api_cards::save
        ))
        .routes(routes!(
            transport::api_cards::get,
            transport::api_cards::rename,
            transport::api_cards::remove
        ))
        .routes(routes!(transport::api_cards::history))
        .routes(routes!(transport::api_cards::top_up))
        .routes(routes!(transport::api_network::routes))
        .routes(routes!(transport::api_network::route_stops))
        .routes(routes!(transport::api_network::stops))
        .routes(routes!(transport::api_network::arrivals))
        .routes(routes!(transport::api_network::gtfs))
        .routes(routes!(transport::api_network::gtfs_rt))
        .routes(routes!(office::api_booking::offices))
        .routes(routes!(office::api_booking::topics))
        .routes(routes!(office::api_booking::slots))
        .routes(routes!(
            office::api_booking::list,
            office::api_booking::create
        ))
        .routes(routes!(office::api_booking::cancel))
        .routes(routes!(office::api_booking::reschedule))
        .routes(routes!(office::api_waitlist::calendar))
        .routes(routes!(
            office::api_waitlist::list,
            office::api_waitlist::join
        ))
        .routes(routes!(office::api_applications::kinds))
        .routes(routes!(office::api_applications::upload))
        .routes(routes!(
            office::api_applications::list,
            office::api_applications::create
        ))
        .routes(routes!(office::ebill::get, office::ebill::set))
        .routes(routes!(office::situations::list))
        .routes(routes!(office::house::get))
        .routes(routes!(office::bill_document::get))
        .routes(routes!(office::bill_document::email))
        .routes(routes!(office::payments::search))
        .routes(routes!(office::payments::email))
}

/// The OpenAPI document of the Город API, as served at `/openapi.json`.
pub fn openapi() -> OpenApiDoc {
    let mut doc = api_routes().into_openapi();
    declare_conditional_gets(&mut doc);
    doc
}

/// The documented routes plus `GET /openapi.json`.
pub(crate) fn router() -> Router<Sandbox> {
    let (router, mut doc) = api_routes().split_for_parts();
    declare_conditional_gets(&mut doc);
    let doc = Arc::new(doc);
    router.route(
        ofis_api::paths::OPENAPI,
        get(move || async move { Json(doc.as_ref().clone()) }),
    )
}

/// What `crate::conditional` does to every `GET`, in the document: the `If-None-Match` it reads,
/// the `ETag` of each 200 and the 304 it answers when the tag is still current.
fn declare_conditional_gets(doc: &mut OpenApiDoc) {
    let if_none_match = ParameterBuilder::new()
        .name("If-None-Match")
        .parameter_in(ParameterIn::Header)
        .required(Required::False)
        .description(Some(
            "ETag ранее полученного ответа: если он не изменился, ответ — 304 без тела.",
        ))
        .schema(Some(Object::with_type(Type::String)))
        .build();
    let etag = HeaderBuilder::new()
        .schema(Object::with_type(Type::String))
        .description(Some(
            "Сильный валидатор ответа: SHA-256 его тела (base64url) в кавычках.",
        ))
        .build();
    let not_modified = ResponseBuilder::new()
        .description("Не изменилось с ответа, чей ETag указан в If-None-Match; тела нет.")
        .header("ETag", etag.clone())
        .build();
    for (path, item) in doc.paths.paths.iter_mut() {
        let Some(get) = item.get.as_mut().filter(|_| path.starts_with("/api/")) else {
            continue;
        };
        get.parameters
            .get_or_insert_with(Vec::new)
            .push(if_none_match.clone());
        let responses = &mut get.responses.responses;
        if let Some(RefOr::T(ok)) = responses.get_mut("200") {
            ok.headers.insert("ETag".to_string(), etag.clone());
        }
        responses.insert("304".to_string(), RefOr::T(not_modified.clone()));
    }
}
