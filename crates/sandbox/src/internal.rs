//! The server-to-server endpoint the gateway reports payment outcomes to.

use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::Json;
use ofis_api::paths::GATEWAY_SECRET_HEADER;
use ofis_api::{ApiError, GatewayStatus, OrderDto, OrderStatus, PaymentOutcomeNotice};

use crate::error::{json_body, BodyRefused, Failure};
use crate::receipts;
use crate::state::Sandbox;

/// What the order shows when the bank refused without saying why.
const DEFAULT_DECLINE: &str = "Банк отклонил операцию. Попробуйте другую карту.";

/// Compares secrets in time independent of where they differ.
fn same_secret(given: &[u8], expected: &[u8]) -> bool {
    given.len() == expected.len()
        && given
            .iter()
            .zip(expected)
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0
}

/// Applies a payment outcome to its order: paid (with a receipt), declined, or processing while a
/// 3-D Secure challenge is open. A notice for an order already final changes nothing, so the
/// gateway may repeat it safely.
#[utoipa::path(
    post, path = "/internal/payments/{payment_id}/outcome", operation_id = "paymentOutcome", tag = "internal",
    params(
        ("payment_id" = String, Path, description = "Идентификатор платежа шлюза"),
        ("X-Gateway-Secret" = String, Header, description = "Общий секрет шлюза"),
    ),
    request_body = PaymentOutcomeNotice,
    responses(
        (status = 200, description = "Заказ после применения результата", body = OrderDto),
        (status = 401, description = "Неверный секрет шлюза", body = ApiError),
        (status = 404, description = "Платёж не найден", body = ApiError),
        (status = 422, description = "payment_id в теле не тот, что в адресе (field = payment_id)", body = ApiError),
        BodyRefused,
    )
)]
pub async fn payment_outcome(
    State(sandbox): State<Sandbox>,
    Path(payment_id): Path<String>,
    headers: HeaderMap,
    body: Result<Json<PaymentOutcomeNotice>, JsonRejection>,
) -> Result<Json<OrderDto>, Failure> {
    let mut state = sandbox.lock();
    let given = headers
        .get(GATEWAY_SECRET_HEADER)
        .map(|v| v.as_bytes())
        .unwrap_or_default();
    if !same_secret(given, state.gateway_secret.as_bytes()) {
        return Err(Failure::unauthorized("Неверная подпись шлюза"));
    }
    let notice = json_body(body)?;
    if notice.payment_id != payment_id {
        return Err(Failure::validation(
            "Идентификатор платежа не совпадает с адресом",
            "payment_id",
        ));
    }
    let index = state
        .gorod
        .orders
        .iter()
        .position(|o| o.dto.payment.payment_id == payment_id)
        .ok_or_else(|| Failure::not_found("Платёж не найден"))?;
    let order = state.gorod.orders[index].dto.clone();
    if order.status.is_final() {
        return Ok(Json(order));
    }
    let mut updated = order;
    match notice.status {
        GatewayStatus::Succeeded => {
            updated.status = OrderStatus::Paid;
            updated.receipt = Some(receipts::issue(&mut state, &updated));
            crate::payment_readings::record_paid(&mut state, index, &updated);
            crate::school::bills::on_paid(&mut state, &updated);
            crate::transport::bills::on_paid(&mut state, &updated);
            tracing::info!(order = %updated.id, total = %updated.total, "order paid");
        }
        GatewayStatus::Declined | GatewayStatus::InsufficientFunds => {
            updated.status = OrderStatus::Declined;
            updated.failure = Some(
                notice
                    .message
                    .unwrap_or_else(|| DEFAULT_DECLINE.to_string()),
            );
            tracing::info!(order = %updated.id, "order declined");
        }
        GatewayStatus::Cancelled => {
            updated.status = OrderStatus::Cancelled;
            updated.failure = notice.message;
            tracing::info!(order = %updated.id, "order cancelled");
        }
        GatewayStatus::ChallengeRequired => updated.status = OrderStatus::Processing,
        // No news: the order still waits for its card.
        GatewayStatus::AwaitingCard => {}
    }
    state.gorod.orders[index].dto = updated.clone();
    Ok(Json(updated))
}

#[cfg(test)]
mod tests {
    #[test]
    fn secrets_compare_whole() {
        assert!(super::same_secret(b"abc", b"abc"));
        assert!(!super::same_secret(b"abd", b"abc"));
        assert!(!super::same_secret(b"ab", b"abc"));
        assert!(!super::same_secret(b"", b"abc"));
    }
}
