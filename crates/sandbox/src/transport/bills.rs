//! A card top-up is a bill: a one-off bill of the transport operator on the card's number for
//! exactly the amount asked (within the type's minimum and maximum), paid through
//! `POST /api/v1/orders` and the gateway like any bill. When its order is paid, the top-up is
//! «ожидает зачисления» until the transport system credits it.

use chrono::Duration;
use ofis_api::{
    BillDto, CardTopUpDto, CardTopUpState, OrderDto, OrderStatus, PaymentRulesDto, ServiceKindDto,
};
use ofis_domain::transport::TransportCardNumber;
use ofis_domain::{Fee, Money, PaymentRules, Period};

use super::{PaidTopUp, CREDIT_DELAY_MINUTES};
use crate::error::Failure;
use crate::state::State as SandboxState;

/// The transport operator that keeps the cards' balances.
pub const OPERATOR_ID: &str = "orsk-transport";
/// Its name on bills and receipts.
pub const OPERATOR_NAME: &str = "МУП «Орскгортранс»";
/// Bill ids of card top-ups start with this.
const PREFIX: &str = "cardtopup-";

/// A top-up bill handed out, and whose it is.
pub(crate) struct CardTopUpBill {
    pub owner: String,
    pub number: String,
    pub bill: BillDto,
}

/// A new one-off bill topping up the card by `amount`: exactly that amount, no fee.
pub(crate) fn top_up_bill(
    number: &TransportCardNumber,
    amount: Money,
    id: String,
    period: Period,
) -> BillDto {
    let rules = PaymentRules {
        min: Some(amount),
        max: Some(amount),
        pay_in_full: true,
        fee: Fee::NONE,
    };
    BillDto {
        id,
        provider_id: OPERATOR_ID.to_string(),
        provider_name: OPERATOR_NAME.to_string(),
        service: ServiceKindDto::Other,
        service_name: format!(
            "Пополнение транспортной карты {} ({})",
            number.tail(),
            number.card_type().label()
        ),
        account: number.digits().to_string(),
        address_id: None,
        address_title: None,
        period,
        amount_due: amount,
        metered: false,
        billed_by_gorod: false,
        rules: PaymentRulesDto::from(rules),
    }
}

/// A fresh bill id.
pub(crate) fn new_bill_id() -> String {
    format!("{PREFIX}{}", uuid::Uuid::new_v4().simple())
}

/// The bill an order line names, when it is a card top-up (`None`: not one of ours); refused
/// when it is not the payer's or already paid.
pub(crate) fn payable_bill(
    state: &SandboxState,
    owner: &str,
    bill_id: &str,
    field: &str,
) -> Option<Result<BillDto, Failure>> {
    if !bill_id.starts_with(PREFIX) {
        return None;
    }
    let found = state.gorod.transport.top_up_bills.get(bill_id);
    Some(match found {
        Some(t) if t.owner == owner => {
            let paid = state.gorod.orders.iter().any(|o| {
                o.dto.status == OrderStatus::Paid
                    && o.dto.lines.iter().any(|l| l.bill_id == bill_id)
            });
            if paid {
                Err(Failure::validation(
                    "Этот счёт на пополнение уже оплачен. Для нового пополнения запросите новый счёт.",
                    field,
                ))
            } else {
                Ok(t.bill.clone())
            }
        }
        _ => Err(Failure::validation("Счёт не найден", field)),
    })
}

/// An order was paid: its card top-ups wait for the transport system to credit them.
pub(crate) fn on_paid(state: &mut SandboxState, order: &OrderDto) {
    let paid_at = order
        .receipt
        .as_ref()
        .map_or_else(|| state.now(), |r| r.fiscal.issued_at);
    for line in &order.lines {
        let Some(bill) = state.gorod.transport.top_up_bills.get(&line.bill_id) else {
            continue;
        };
        let top_up = PaidTopUp {
            number: bill.number.clone(),
            dto: CardTopUpDto {
                id: format!("ctu-{}", line.bill_id.trim_start_matches(PREFIX)),
                amount: line.amount,
                state: CardTopUpState::Awaiting,
                paid_at,
                credits_at: paid_at + Duration::minutes(CREDIT_DELAY_MINUTES),
                order_id: Some(order.id.clone()),
            },
        };
        tracing::info!(amount = %line.amount, "transport card top-up awaiting credit");
        state.gorod.transport.top_ups.push(top_up);
    }
}
