//! The canteen's till (a sandbox control, not part of the Город API): rings up today's dishes
//! for a child as the cashier would, with the limit, the balance and the stop-list enforced.

use axum::extract::rejection::JsonRejection;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use ofis_api::sandbox::CanteenPurchase;
use ofis_api::{ErrorCode, PurchaseDto, PurchaseItemDto};
use ofis_domain::school::check_purchase;

use super::ledger::{ledger, limit_at, stop_list_at};
use super::world::{CHILDREN, SCHOOL};
use super::{menu, total};
use crate::error::{json_body, Failure};
use crate::state::{Sandbox, State as SandboxState};

fn refused(message: String) -> Failure {
    Failure::new(
        StatusCode::UNPROCESSABLE_ENTITY,
        ErrorCode::PurchaseRefused,
        message,
    )
}

/// Sells today's dishes to a child in one purchase, now; refused whole when a dish is not on
/// today's menu, is on the child's stop-list, or the total would pass the limit or the balance.
pub(crate) fn ring_up(
    state: &mut SandboxState,
    request: &CanteenPurchase,
) -> Result<PurchaseDto, Failure> {
    let child = CHILDREN
        .iter()
        .find(|c| c.id == request.child_id)
        .ok_or_else(|| Failure::not_found("Ребёнок не найден"))?;
    let now = state.now();
    let today = menu::dishes_of(state.today);
    let blocked = stop_list_at(&state.gorod.school, child, now);
    if request.items.is_empty() {
        return Err(Failure::validation("Нет ни одного блюда", "items"));
    }
    let mut items = Vec::with_capacity(request.items.len());
    for id in &request.items {
        let dish = today
            .iter()
            .find(|d| d.id == id)
            .ok_or_else(|| Failure::validation("Этого блюда сегодня нет в меню", "items"))?;
        if blocked.contains(&dish.id) {
            return Err(refused(format!("«{}» в стоп-листе ребёнка", dish.name)));
        }
        items.push(PurchaseItemDto {
            name: dish.name.to_string(),
            quantity: 1,
            price: dish.price(),
        });
    }
    let price = total(items.iter().map(|i| i.price));
    let school = &state.gorod.school;
    let book = ledger(school, child, now);
    check_purchase(
        price,
        book.balance,
        limit_at(school, child, now),
        book.spent_today,
    )
    .map_err(|e| refused(e.message_ru()))?;
    let purchase = PurchaseDto {
        id: state
            .gorod
            .school
            .next_id(&format!("pur-{}-till", child.id)),
        at: now,
        canteen: SCHOOL.canteen.to_string(),
        items,
        total: price,
    };
    state
        .gorod
        .school
        .canteen
        .push((child.id.to_string(), purchase.clone()));
    Ok(purchase)
}

/// `POST /sandbox/school/purchases`.
pub(crate) async fn purchase(
    State(sandbox): State<Sandbox>,
    body: Result<Json<CanteenPurchase>, JsonRejection>,
) -> Result<(StatusCode, Json<PurchaseDto>), Failure> {
    let request = json_body(body)?;
    let purchase = ring_up(&mut sandbox.lock(), &request)?;
    Ok((StatusCode::CREATED, Json(purchase)))
}
