//! Card lookup, the saved cards of the signed-in phone (save, rename, remove), a card's history
//! and its top-up bills.

use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::Json;
use ofis_api::{
    ApiError, BillDto, CardHistoryDto, CardLookupDto, CardNumberRequest, CardTopUpRequest,
    DateRangeQuery, ErrorCode, RenameCardRequest, SaveCardRequest, TransportCardDto,
};
use ofis_domain::transport::{check_top_up, TopUpError, TransportCardNumber};
use ofis_domain::Period;

use super::bills::{new_bill_id, top_up_bill, CardTopUpBill};
use super::{card_dto, ledger, saved_card, world, SavedCard};
use crate::auth::CurrentUser;
use crate::error::{json_body, query_params, BodyRefused, Failure, QueryRefused};
use crate::state::Sandbox;

const CARD: &str = "Номер карты, 19 цифр";
/// The longest name a card may be given.
const MAX_NAME_CHARS: usize = 40;

/// A number the transport system knows, or why not (field `number`).
fn known_card(text: &str) -> Result<TransportCardNumber, Failure> {
    let number = TransportCardNumber::parse(text)
        .map_err(|e| Failure::validation(e.message_ru(), "number"))?;
    world::card(&number).ok_or_else(|| {
        Failure::validation(
            "Карта с таким номером не найдена. Проверьте номер на обороте карты",
            "number",
        )
    })?;
    Ok(number)
}

/// 422 `card_not_online` with the manual's advice.
fn not_online(advice: String, field: &str) -> Failure {
    let mut failure = Failure::new(
        StatusCode::UNPROCESSABLE_ENTITY,
        ErrorCode::CardNotOnline,
        advice,
    );
    failure.body = failure.body.on_field(field);
    failure
}

fn lookup_dto(number: &TransportCardNumber) -> CardLookupDto {
    let t = number.card_type();
    CardLookupDto {
        number: number.digits().to_string(),
        card_type: t.into(),
        type_name: t.label().to_string(),
        online: t.online(),
        advice: t.offline_advice(),
    }
}

/// What type a card is and whether the app can top it up (with the manual's advice if not).
#[utoipa::path(
    post, path = "/api/v1/transport/card-lookup", operation_id = "lookUpTransportCard", tag = "transport",
    request_body = CardNumberRequest,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Тип карты и можно ли пополнить её через приложение", body = CardLookupDto),
        (status = 401, description = "Требуется вход", body = ApiError),
        (status = 422, description = "Номер не из 19 цифр, не сходится контрольная цифра или карта не найдена (field = number)", body = ApiError),
        BodyRefused,
    )
)]
pub async fn lookup(
    CurrentUser(_phone): CurrentUser,
    body: Result<Json<CardNumberRequest>, JsonRejection>,
) -> Result<Json<CardLookupDto>, Failure> {
    let number = known_card(&json_body(body)?.number)?;
    Ok(Json(lookup_dto(&number)))
}

/// The saved cards of the signed-in phone, in the order saved.
#[utoipa::path(
    get, path = "/api/v1/transport/cards", operation_id = "listTransportCards", tag = "transport",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Сохранённые карты", body = Vec<TransportCardDto>),
        (status = 401, description = "Требуется вход", body = ApiError),
    )
)]
pub async fn list(
    State(sandbox): State<Sandbox>,
    CurrentUser(phone): CurrentUser,
) -> Json<Vec<TransportCardDto>> {
    let state = sandbox.lock();
    let cards = state.gorod.transport.saved.get(&phone);
    Json(
        cards
            .into_iter()
            .flatten()
            .map(|c| card_dto(&state, c))
            .collect(),
    )
}

fn card_name(name: Option<&str>, number: &TransportCardNumber) -> Result<String, Failure> {
    let name = name.map(str::trim).filter(|n| !n.is_empty());
    let name = name.map_or_else(|| number.card_type().label().to_string(), str::to_string);
    if name.chars().count() > MAX_NAME_CHARS || name.chars().any(char::is_control) {
        return Err(Failure::validation(
            "Название карты — до 40 символов, без служебных знаков",
            "name",
        ));
    }
    Ok(name)
}

/// «Сохранить»: saves an online card under a name; any other card is refused with the manual's
/// advice (code `card_not_online`).
#[utoipa::path(
    post, path = "/api/v1/transport/cards", operation_id = "saveTransportCard", tag = "transport",
    request_body = SaveCardRequest,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Карта сохранена", body = TransportCardDto),
        (status = 401, description = "Требуется вход", body = ApiError),
        (status = 409, description = "Карта уже сохранена", body = ApiError),
        (status = 422, description = "Неверный номер (field = number), неверное название (field = name) или карту нельзя пополнить через приложение (code = card_not_online, совет из руководства)", body = ApiError),
        BodyRefused,
    )
)]
pub async fn save(
    State(sandbox): State<Sandbox>,
    CurrentUser(phone): CurrentUser,
    body: Result<Json<SaveCardRequest>, JsonRejection>,
) -> Result<(StatusCode, Json<TransportCardDto>), Failure> {
    let request = json_body(body)?;
    let number = known_card(&request.number)?;
    if let Some(advice) = number.card_type().offline_advice() {
        return Err(not_online(advice, "number"));
    }
    let name = card_name(request.name.as_deref(), &number)?;
    let mut state = sandbox.lock();
    let cards = state.gorod.transport.saved.entry(phone).or_default();
    if cards.iter().any(|c| c.number == number) {
        return Err(Failure::conflict("Эта карта уже сохранена"));
    }
    cards.push(SavedCard { number, name });
    let saved = cards.last().map(|c| SavedCard {
        number: c.number.clone(),
        name: c.name.clone(),
    });
    let dto = saved
        .map(|c| card_dto(&state, &c))
        .ok_or_else(Failure::internal)?;
    Ok((StatusCode::CREATED, Json(dto)))
}

/// One saved card: balance and when it was last updated, top-ups awaiting credit.
#[utoipa::path(
    get, path = "/api/v1/transport/cards/{number}", operation_id = "getTransportCard", tag = "transport",
    params(("number" = String, Path, description = CARD)),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Карта", body = TransportCardDto),
        (status = 401, description = "Требуется вход", body = ApiError),
        (status = 404, description = "Карта не найдена среди сохранённых", body = ApiError),
    )
)]
pub async fn get(
    State(sandbox): State<Sandbox>,
    CurrentUser(phone): CurrentUser,
    Path(number): Path<String>,
) -> Result<Json<TransportCardDto>, Failure> {
    let state = sandbox.lock();
    let card = saved_card(&state, &phone, &number)?;
    Ok(Json(card_dto(&state, card)))
}

/// Renames a saved card.
#[utoipa::path(
    patch, path = "/api/v1/transport/cards/{number}", operation_id = "renameTransportCard", tag = "transport",
    params(("number" = String, Path, description = CARD)),
    request_body = RenameCardRequest,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Карта переименована", body = TransportCardDto),
        (status = 401, description = "Требуется вход", body = ApiError),
        (status = 404, description = "Карта не найдена среди сохранённых", body = ApiError),
        (status = 422, description = "Неверное название (field = name)", body = ApiError),
        BodyRefused,
    )
)]
pub async fn rename(
    State(sandbox): State<Sandbox>,
    CurrentUser(phone): CurrentUser,
    Path(number): Path<String>,
    body: Result<Json<RenameCardRequest>, JsonRejection>,
) -> Result<Json<TransportCardDto>, Failure> {
    let request = json_body(body)?;
    let mut state = sandbox.lock();
    let number = saved_card(&state, &phone, &number)?.number.clone();
    let name = card_name(Some(&request.name), &number)?;
    let cards = state.gorod.transport.saved.entry(phone).or_default();
    let card = cards.iter_mut().find(|c| c.number == number);
    let card = card.ok_or_else(Failure::internal)?;
    card.name = name;
    let renamed = SavedCard {
        number: card.number.clone(),
        name: card.name.clone(),
    };
    Ok(Json(card_dto(&state, &renamed)))
}

/// Removes a saved card (it can be saved again).
#[utoipa::path(
    delete, path = "/api/v1/transport/cards/{number}", operation_id = "removeTransportCard", tag = "transport",
    params(("number" = String, Path, description = CARD)),
    security(("bearer" = [])),
    responses(
        (status = 204, description = "Карта удалена"),
        (status = 401, description = "Требуется вход", body = ApiError),
        (status = 404, description = "Карта не найдена среди сохранённых", body = ApiError),
    )
)]
pub async fn remove(
    State(sandbox): State<Sandbox>,
    CurrentUser(phone): CurrentUser,
    Path(number): Path<String>,
) -> Result<StatusCode, Failure> {
    let mut state = sandbox.lock();
    let number = saved_card(&state, &phone, &number)?.number.clone();
    if let Some(cards) = state.gorod.transport.saved.get_mut(&phone) {
        cards.retain(|c| c.number != number);
    }
    Ok(StatusCode::NO_CONTENT)
}

/// «История»: trips and top-ups of a period (the last week by default), newest first.
#[utoipa::path(
    get, path = "/api/v1/transport/cards/{number}/history", operation_id = "transportCardHistory", tag = "transport",
    params(("number" = String, Path, description = CARD), DateRangeQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Поездки и пополнения за период", body = CardHistoryDto),
        (status = 401, description = "Требуется вход", body = ApiError),
        (status = 404, description = "Карта не найдена среди сохранённых", body = ApiError),
        (status = 422, description = "Неверный период (field = from или to)", body = ApiError),
        QueryRefused,
    )
)]
pub async fn history(
    State(sandbox): State<Sandbox>,
    CurrentUser(phone): CurrentUser,
    Path(number): Path<String>,
    query: Result<Query<DateRangeQuery>, QueryRejection>,
) -> Result<Json<CardHistoryDto>, Failure> {
    let query = query_params(query)?;
    let state = sandbox.lock();
    let saved = saved_card(&state, &phone, &number)?;
    let today = state.today;
    let (from, to) = crate::school::date_range(&query, today - chrono::Days::new(6), today)?;
    let card = world::card(&saved.number).ok_or_else(Failure::internal)?;
    let book = ledger::book(&state.gorod.transport, card, &saved.number, state.now());
    let within = |at| (from..=to).contains(&ofis_domain::tz::local_date(at));
    Ok(Json(CardHistoryDto {
        from,
        to,
        trips: book
            .trips
            .into_iter()
            .rev()
            .filter(|t| within(t.at))
            .collect(),
        top_ups: book
            .top_ups
            .into_iter()
            .rev()
            .filter(|t| within(t.paid_at))
            .collect(),
    }))
}

/// «Оплатить»: a one-off bill topping the card up by exactly `amount` (within the type's minimum
/// and maximum), paid through `POST /api/v1/orders` like any bill. A retry with the same
/// `Idempotency-Key` and amount gets the same bill.
#[utoipa::path(
    post, path = "/api/v1/transport/cards/{number}/topups", operation_id = "createCardTopUpBill", tag = "transport",
    params(
        ("number" = String, Path, description = CARD),
        ("Idempotency-Key" = String, Header, description = "Уникальный ключ запроса; повтор с тем же ключом возвращает тот же счёт"),
    ),
    request_body = CardTopUpRequest,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Счёт на пополнение: оплачивается через POST /api/v1/orders", body = BillDto),
        (status = 401, description = "Требуется вход", body = ApiError),
        (status = 404, description = "Карта не найдена среди сохранённых", body = ApiError),
        (status = 422, description = "Сумма вне пределов типа карты (field = amount), нет ключа или ключ использован с другой суммой", body = ApiError),
        BodyRefused,
    )
)]
pub async fn top_up(
    State(sandbox): State<Sandbox>,
    CurrentUser(phone): CurrentUser,
    Path(number): Path<String>,
    headers: HeaderMap,
    body: Result<Json<CardTopUpRequest>, JsonRejection>,
) -> Result<(StatusCode, Json<BillDto>), Failure> {
    let number = saved_card(&sandbox.lock(), &phone, &number)?.number.clone();
    let key = crate::idempotency::key(&headers)?;
    let amount = json_body(body)?.amount;
    check_top_up(number.card_type(), amount).map_err(|e| match e {
        TopUpError::NotOnline(_) => not_online(e.message_ru(), "number"),
        _ => Failure::validation(e.message_ru(), "amount"),
    })?;
    let fingerprint = format!("{}|{amount}", number.digits());
    let mut state = sandbox.lock();
    let slot = (phone.clone(), key);
    let transport = &mut state.gorod.transport;
    if let Some((first, bill_id)) = transport.top_up_keys.get(&slot) {
        let bill = transport.top_up_bills.get(bill_id).map(|b| b.bill.clone());
        return crate::idempotency::replayed_bill(first, &fingerprint, bill);
    }
    let id = new_bill_id();
    let bill = top_up_bill(&number, amount, id.clone(), Period::of(state.today));
    let record = CardTopUpBill {
        owner: phone,
        number: number.digits().to_string(),
        bill: bill.clone(),
    };
    let transport = &mut state.gorod.transport;
    transport.top_up_bills.insert(id.clone(), record);
    transport.top_up_keys.insert(slot, (fingerprint, id));
    Ok((StatusCode::CREATED, Json(bill)))
}
