//! Top-ups and paid services are bills: a top-up is a one-off bill of the school's meal provider
//! for exactly the amount asked, a service's debt is a bill of the school; both are paid through
//! `POST /api/v1/orders` and the gateway like any bill. When such an order is paid, the top-up
//! starts "processing" (posted after a delay) and the service payment waits for the monthly
//! posting.

use ofis_api::{BillDto, OrderDto, OrderStatus, PaymentRulesDto, ServiceKindDto};
use ofis_domain::{Fee, Money, PaymentRules, Period};

use super::ledger::{posts_at, TopUp};
use super::services::{account, ServicePayment};
use super::world::{service_by_id, Child, CHILDREN, SCHOOL, SERVICES};
use crate::error::Failure;
use crate::state::State as SandboxState;
use crate::town;

/// A top-up bill: exactly this amount, no fee.
const EXACT: PaymentRules = PaymentRules {
    min: None,
    max: None,
    pay_in_full: true,
    fee: Fee::NONE,
};

/// A top-up bill handed out, and whose it is.
pub(crate) struct TopUpBill {
    pub owner: String,
    pub child: &'static str,
    pub bill: BillDto,
}

/// What a meal account's provider accepts for a top-up (its payment rules: 10 ₽ to 15 000 ₽).
pub(crate) fn top_up_rules(child: &Child) -> PaymentRules {
    let rules = town::ACCOUNTS
        .iter()
        .find(|a| a.number == child.account)
        .and_then(|a| town::provider(a.provider))
        .map(|p| p.rules);
    rules.unwrap_or(town::SMALL_RULES)
}

/// A new one-off bill topping up a child's meal account by `amount`.
pub(crate) fn top_up_bill(child: &Child, amount: Money, id: String, period: Period) -> BillDto {
    let provider = town::provider(SCHOOL.provider);
    BillDto {
        id,
        provider_id: SCHOOL.provider.to_string(),
        provider_name: provider.map_or(SCHOOL.name, |p| p.name).to_string(),
        service: ServiceKindDto::SchoolMeals,
        service_name: format!("Пополнение счёта питания: {}", child.name),
        account: child.account.to_string(),
        address_id: None,
        address_title: None,
        period,
        amount_due: amount,
        metered: false,
        billed_by_gorod: false,
        rules: PaymentRulesDto::from(EXACT),
    }
}

/// Id of the bill of a child's service for a month.
pub(crate) fn service_bill_id(child: &Child, service: &str, period: Period) -> String {
    format!("svc-{}-{service}-{period}", child.id)
}

/// The bill of a child's service this month: what is owed and not already paid; none when
/// nothing is left to pay.
pub(crate) fn service_bill(state: &SandboxState, child: &Child, service: &str) -> Option<BillDto> {
    let service = service_by_id(service)?;
    let today = state.today;
    let dto = account(&state.gorod.school, child, service, today);
    let due = dto
        .owed
        .checked_sub(dto.processing)
        .filter(|d| !d.is_zero())?;
    let period = Period::of(today);
    Some(BillDto {
        id: service_bill_id(child, service.id, period),
        provider_id: SCHOOL.id.to_string(),
        provider_name: SCHOOL.name.to_string(),
        service: ServiceKindDto::Other,
        service_name: format!("{}: {}", service.name, child.name),
        account: child.account.to_string(),
        address_id: None,
        address_title: None,
        period,
        amount_due: due,
        metered: false,
        billed_by_gorod: false,
        rules: PaymentRulesDto::from(town::SMALL_RULES),
    })
}

/// The child and service a service bill id names, with its month.
fn parse_service_bill(id: &str) -> Option<(&'static Child, &'static str, Period)> {
    let rest = id.strip_prefix("svc-")?;
    CHILDREN.iter().find_map(|child| {
        let rest = rest.strip_prefix(child.id)?.strip_prefix('-')?;
        SERVICES.iter().find_map(|s| {
            let period = rest.strip_prefix(s.id)?.strip_prefix('-')?.parse().ok()?;
            Some((child, s.id, period))
        })
    })
}

/// The bill an order line names, when it is a school bill (`None`: not one of ours); refused
/// when it is not the payer's, already paid (a top-up) or not this month's (a service).
pub(crate) fn payable_bill(
    state: &SandboxState,
    owner: &str,
    bill_id: &str,
    field: &str,
) -> Option<Result<BillDto, Failure>> {
    let not_found = || Failure::validation("Счёт не найден", field);
    if bill_id.starts_with("topup-") {
        let found = state.gorod.school.top_up_bills.get(bill_id);
        return Some(match found {
            Some(t) if t.owner == owner => {
                if paid_before(state, bill_id) {
                    Err(Failure::validation(
                        "Этот счёт на пополнение уже оплачен. Для нового пополнения запросите новый счёт.",
                        field,
                    ))
                } else {
                    Ok(t.bill.clone())
                }
            }
            _ => Err(not_found()),
        });
    }
    let (child, service, period) = match parse_service_bill(bill_id) {
        Some(found) => found,
        None if bill_id.starts_with("svc-") => return Some(Err(not_found())),
        None => return None,
    };
    if child.phone != owner {
        return Some(Err(not_found()));
    }
    if period != Period::of(state.today) {
        return Some(Err(Failure::validation(
            "Счёт устарел: откройте услуги ребёнка снова",
            field,
        )));
    }
    Some(
        service_bill(state, child, service)
            .ok_or_else(|| Failure::validation("По этой услуге задолженности нет", field)),
    )
}

fn paid_before(state: &SandboxState, bill_id: &str) -> bool {
    state.gorod.orders.iter().any(|o| {
        o.dto.status == OrderStatus::Paid && o.dto.lines.iter().any(|l| l.bill_id == bill_id)
    })
}

/// An order was paid: its top-ups start processing and its service payments wait for posting.
pub(crate) fn on_paid(state: &mut SandboxState, order: &OrderDto) {
    let paid_at = order
        .receipt
        .as_ref()
        .map_or_else(|| state.now(), |r| r.fiscal.issued_at);
    let today = state.today;
    for line in &order.lines {
        if let Some(bill) = state.gorod.school.top_up_bills.get(&line.bill_id) {
            let top_up = TopUp {
                id: format!("tu-{}", line.bill_id.trim_start_matches("topup-")),
                child: bill.child,
                amount: line.amount,
                paid_at,
                posts_at: posts_at(paid_at),
                order_id: order.id.clone(),
            };
            tracing::info!(child = bill.child, amount = %line.amount, "school top-up processing");
            state.gorod.school.top_ups.push(top_up);
        } else if let Some((child, service, _)) = parse_service_bill(&line.bill_id) {
            tracing::info!(child = child.id, service, amount = %line.amount, "service payment processing");
            state.gorod.school.service_payments.push(ServicePayment {
                child: child.id,
                service,
                amount: line.amount,
                paid_on: today,
                order_id: order.id.clone(),
            });
        }
    }
}
