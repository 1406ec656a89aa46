//! Orders: paying one or more bills in one go, made safe to retry by an `Idempotency-Key`.
//!
//! Idempotency works like Stripe's: the first successful response for a key is kept and replayed
//! to any retry with the same body; the same key with a different body is refused; a retry while
//! the first request is still running gets 409. Failed attempts are not kept, so a person can fix
//! the problem and retry with the same key. Keys are scoped per user.

use axum::extract::rejection::JsonRejection;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::Json;
use ofis_api::{
    ApiError, BillDto, CreateOrder, ErrorCode, OrderDto, OrderLineDto, OrderStatus, OrdersQuery,
    PaymentRef, ORDERS_PAGE_MAX,
};
use ofis_domain::{Money, PaymentRules, RuleError, PAYMENT_LIMIT};

use crate::auth::CurrentUser;
use crate::error::{json_body, query_params, BodyRefused, Failure, QueryRefused};
use crate::state::{Idempotency, OrderRecord, Payment, Sandbox, Stage, State as SandboxState};
use crate::town;

/// Refusal of an order whose total with fees is over [`PAYMENT_LIMIT`] (600 000 ₽).
const OVER_LIMIT: &str = "Сумма платежа не может превышать 600 000 ₽";
/// Creates an order and the gateway payment for it.
#[utoipa::path(
    post, path = "/api/v1/orders", operation_id = "createOrder", tag = "orders",
    params(("Idempotency-Key" = String, Header, description = "Уникальный ключ попытки оплаты; повтор с тем же ключом безопасен")),
    request_body = CreateOrder,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Заказ создан; карту отправляйте на шлюз из payment", body = OrderDto),
        (status = 401, description = "Требуется вход", body = ApiError),
        (status = 409, description = "Запрос с этим ключом ещё выполняется", body = ApiError),
        (status = 422, description = "Заказ не принят (сообщение объясняет почему), поставщик требует показания счётчиков (readings_required) или ключ использован с другими данными", body = ApiError),
        BodyRefused,
    )
)]
pub async fn create(
    State(sandbox): State<Sandbox>,
    CurrentUser(phone): CurrentUser,
    headers: HeaderMap,
    body: Result<Json<CreateOrder>, JsonRejection>,
) -> Result<(StatusCode, Json<OrderDto>), Failure> {
    let key = crate::idempotency::key(&headers)?;
    let request = json_body(body)?;
    // Parsed and re-serialised, so that formatting differences (spacing, "100" vs "100.00") are
    // still "the same body".
    let fingerprint = serde_json::to_string(&request).map_err(|_| Failure::internal())?;
    let slot = (phone.clone(), key);

    {
        let mut state = sandbox.lock();
        match state.gorod.idempotency.get(&slot) {
            Some(Idempotency::InFlight) => {
                return Err(Failure::conflict(
                    "Предыдущий запрос с этим ключом ещё выполняется",
                ));
            }
            Some(Idempotency::Done {
                fingerprint: first,
                response,
            }) => {
                return if *first == fingerprint {
                    Ok((StatusCode::CREATED, Json((**response).clone())))
                } else {
                    Err(Failure::new(
                        StatusCode::UNPROCESSABLE_ENTITY,
                        ErrorCode::IdempotencyMismatch,
                        "Ключ идемпотентности уже использован с другими данными заказа",
                    ))
                };
            }
            None => {
                state
                    .gorod
                    .idempotency
                    .insert(slot.clone(), Idempotency::InFlight);
            }
        }
    }

    let mut state = sandbox.lock();
    let result = place_order(&mut state, &phone, &request);
    match &result {
        Ok(order) => {
            let done = Idempotency::Done {
                fingerprint,
                response: Box::new(order.clone()),
            };
            state.gorod.idempotency.insert(slot, done);
        }
        Err(_) => {
            state.gorod.idempotency.remove(&slot);
        }
    }
    result.map(|order| (StatusCode::CREATED, Json(order)))
}

/// Validates the request, records the order and tells the gateway to expect its payment.
fn place_order(
    state: &mut SandboxState,
    owner: &str,
    request: &CreateOrder,
) -> Result<OrderDto, Failure> {
    if request.lines.is_empty() {
        return Err(Failure::validation(
            "Выберите хотя бы один счёт для оплаты",
            "lines",
        ));
    }
    let too_much = || Failure::validation(OVER_LIMIT, "lines");
    let mut lines = Vec::with_capacity(request.lines.len());
    let mut total = Money::ZERO;
    let mut fees = Money::ZERO;
    for (i, line) in request.lines.iter().enumerate() {
        let field = format!("lines[{i}].bill_id");
        let school = crate::school::bills::payable_bill(state, owner, &line.bill_id, &field);
        let ours = school
            .or_else(|| crate::transport::bills::payable_bill(state, owner, &line.bill_id, &field));
        let bill = match ours {
            Some(bill) => bill?,
            None => town_bill(state, &line.bill_id, &field)?,
        };
        if request.lines[..i]
            .iter()
            .any(|earlier| earlier.bill_id == line.bill_id)
        {
            return Err(Failure::validation("Счёт указан в заказе дважды", &field));
        }
        let field = format!("lines[{i}].amount");
        if line.amount.is_zero() {
            return Err(Failure::validation(
                "Сумма оплаты должна быть больше нуля",
                field,
            ));
        }
        let rules = PaymentRules::from(bill.rules);
        rules
            .check(line.amount, bill.amount_due)
            .map_err(|e| Failure::validation(rule_message(&bill.service_name, &e), &field))?;
        crate::payment_readings::check_line(state, i, &bill, line)?;
        // The very function the app's engine uses, so both agree to the kopeck.
        let fee = rules.fee.on(line.amount);
        fees = fees.checked_add(fee).ok_or_else(too_much)?;
        total = total
            .checked_add(line.amount)
            .and_then(|t| t.checked_add(fee))
            .ok_or_else(too_much)?;
        lines.push(OrderLineDto {
            bill_id: bill.id,
            provider_name: bill.provider_name,
            service_name: bill.service_name,
            account: bill.account,
            address_title: bill.address_title,
            amount: line.amount,
            fee,
        });
    }
    if total > PAYMENT_LIMIT {
        return Err(too_much());
    }

    let order_id = format!("ord-{}", uuid::Uuid::new_v4().simple());
    let payment_id = format!("pay-{}", uuid::Uuid::new_v4().simple());
    let order = OrderDto {
        id: order_id.clone(),
        status: OrderStatus::AwaitingPayment,
        total,
        fees,
        lines,
        created_at: state.now(),
        payment: PaymentRef {
            payment_id: payment_id.clone(),
            gateway_url: state.gorod.gateway_url.clone(),
        },
        failure: None,
        receipt: None,
    };
    state.gorod.orders.push(OrderRecord {
        owner: owner.to_string(),
        dto: order.clone(),
        readings: request.lines.iter().map(|l| l.readings.clone()).collect(),
    });
    // Stands for the server-to-server "create payment" call: the gateway learns the order and
    // amount only, never who pays or for what.
    let payment = Payment {
        order_id,
        amount: total,
        stage: Stage::Created,
        card_label: None,
    };
    state.gateway.payments.insert(payment_id, payment);
    Ok(order)
}

/// A posted bill of the town by its id.
fn town_bill(state: &SandboxState, bill_id: &str, field: &str) -> Result<BillDto, Failure> {
    let (account, period) =
        town::parse_bill_id(bill_id).ok_or_else(|| Failure::validation("Счёт не найден", field))?;
    let posted =
        town::provider(account.provider).is_some_and(|p| p.has_posted(period, state.today));
    town::bill(account, period)
        .filter(|_| posted)
        .ok_or_else(|| {
            Failure::validation(
                format!("Счёт за {} ещё не выставлен", period.label_ru()),
                field,
            )
        })
}

/// Why a line's amount is refused, naming the service: «Интернет: сумма оплаты не может быть
/// меньше 10 ₽».
pub(crate) fn rule_message(service: &str, error: &RuleError) -> String {
    match error {
        RuleError::BelowMinimum(min) => format!(
            "{service}: сумма оплаты не может быть меньше {}",
            min.display_rub()
        ),
        RuleError::AboveMaximum(max) => format!(
            "{service}: сумма оплаты не может быть больше {}",
            max.display_rub()
        ),
        RuleError::MustPayInFull(due) => format!(
            "{service}: счёт оплачивается только полностью, {}",
            due.display_rub()
        ),
        RuleError::OverPaymentLimit(_) => OVER_LIMIT.to_string(),
    }
}

/// The user's orders, newest first; a page of them with `before` and `limit` (an unknown
/// `before` gives an empty page).
#[utoipa::path(
    get, path = "/api/v1/orders", operation_id = "listOrders", tag = "orders",
    params(OrdersQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Заказы пользователя, новые сначала", body = Vec<OrderDto>),
        (status = 401, description = "Требуется вход", body = ApiError),
        QueryRefused,
    )
)]
pub async fn list(
    State(sandbox): State<Sandbox>,
    CurrentUser(phone): CurrentUser,
    query: Result<Query<OrdersQuery>, QueryRejection>,
) -> Result<Json<Vec<OrderDto>>, Failure> {
    let query = query_params(query)?;
    let limit = match query.limit {
        None => usize::MAX,
        Some(n @ 1..=ORDERS_PAGE_MAX) => n as usize,
        Some(_) => return Err(Failure::malformed()),
    };
    let state = sandbox.lock();
    let mut orders = state
        .gorod
        .orders
        .iter()
        .rev()
        .filter(|o| o.owner == phone)
        .map(|o| &o.dto)
        .peekable();
    if let Some(before) = &query.before {
        while orders.next_if(|o| &o.id != before).is_some() {}
        // The `before` order itself, or nothing when it is unknown.
        orders.next();
    }
    Ok(Json(orders.take(limit).cloned().collect()))
}

/// One of the user's orders.
#[utoipa::path(
    get, path = "/api/v1/orders/{id}", operation_id = "getOrder", tag = "orders",
    params(("id" = String, Path, description = "Идентификатор заказа")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Заказ", body = OrderDto),
        (status = 401, description = "Требуется вход", body = ApiError),
        (status = 404, description = "Заказ не найден", body = ApiError),
    )
)]
pub async fn get(
    State(sandbox): State<Sandbox>,
    CurrentUser(phone): CurrentUser,
    Path(id): Path<String>,
) -> Result<Json<OrderDto>, Failure> {
    let state = sandbox.lock();
    state
        .gorod
        .orders
        .iter()
        .find(|o| o.dto.id == id && o.owner == phone)
        .map(|o| Json(o.dto.clone()))
        .ok_or_else(|| Failure::not_found("Заказ не найден"))
}
