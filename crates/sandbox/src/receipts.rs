//! Receipts (чеки) with fiscal data, and the handlers that list them.

use axum::extract::{Path, State};
use axum::Json;
use ofis_api::{ApiError, FiscalData, OrderDto, ReceiptDto};

use crate::auth::CurrentUser;
use crate::error::Failure;
use crate::state::{Sandbox, State as SandboxState};
use crate::town::fnv1a;

/// ФН: the serial number of the sandbox's one fiscal drive.
pub const FN_NUMBER: &str = "7380440700076549";

/// Fiscalises a paid order: the next ФД number, a ФП derived from order and ФД (deterministic,
/// so a test can recompute it), the sandbox's "now" and the order total.
pub(crate) fn issue(state: &mut SandboxState, order: &OrderDto) -> ReceiptDto {
    state.gorod.last_fd += 1;
    let fd_number = state.gorod.last_fd;
    ReceiptDto {
        id: format!("rcpt-{fd_number}"),
        order_id: order.id.clone(),
        lines: order.lines.clone(),
        total: order.total,
        fees: order.fees,
        fiscal: FiscalData {
            fn_number: FN_NUMBER.to_string(),
            fd_number,
            fp: fiscal_sign(&order.id, fd_number),
            issued_at: state.now(),
            sum: order.total,
        },
    }
}

/// ФП: ten digits.
pub fn fiscal_sign(order_id: &str, fd_number: u64) -> String {
    format!(
        "{:010}",
        fnv1a(format!("{order_id}/{fd_number}").as_bytes()) % 10_000_000_000
    )
}

/// The user's receipts, newest first.
#[utoipa::path(
    get, path = "/api/v1/receipts", operation_id = "listReceipts", tag = "receipts",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Чеки пользователя, новые сначала", body = Vec<ReceiptDto>),
        (status = 401, description = "Требуется вход", body = ApiError),
    )
)]
pub async fn list(
    State(sandbox): State<Sandbox>,
    CurrentUser(phone): CurrentUser,
) -> Json<Vec<ReceiptDto>> {
    let state = sandbox.lock();
    let mut receipts: Vec<ReceiptDto> = state
        .gorod
        .orders
        .iter()
        .filter(|o| o.owner == phone)
        .filter_map(|o| o.dto.receipt.clone())
        .collect();
    // Newest fiscal document first: payment order, not order-creation order.
    receipts.sort_by_key(|r| std::cmp::Reverse(r.fiscal.fd_number));
    Json(receipts)
}

/// One of the user's receipts.
#[utoipa::path(
    get, path = "/api/v1/receipts/{id}", operation_id = "getReceipt", tag = "receipts",
    params(("id" = String, Path, description = "Идентификатор чека")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Чек", body = ReceiptDto),
        (status = 401, description = "Требуется вход", body = ApiError),
        (status = 404, description = "Чек не найден", body = ApiError),
    )
)]
pub async fn get(
    State(sandbox): State<Sandbox>,
    CurrentUser(phone): CurrentUser,
    Path(id): Path<String>,
) -> Result<Json<ReceiptDto>, Failure> {
    let state = sandbox.lock();
    state
        .gorod
        .orders
        .iter()
        .filter(|o| o.owner == phone)
        .find_map(|o| o.dto.receipt.as_ref().filter(|r| r.id == id).cloned())
        .map(Json)
        .ok_or_else(|| Failure::not_found("Чек не найден"))
}
