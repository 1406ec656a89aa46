//! Merging this device's outbox with the server's orders and the kept receipts.

use std::collections::HashMap;

use ofis_api::{OrderDto, OrderLineDto, OrderStatus};
use ofis_domain::{Line, Receipt, ReceiptLine};
use ofis_store::{OutboxOrder, OutboxState};

use super::{HistoryEntry, HistoryLine, HistoryStatus};

/// One history: every outbox order (the server's word wins once it is final), every server
/// order this device does not know, and every kept receipt of neither; newest first.
pub(crate) fn merge(
    outbox: Vec<OutboxOrder>,
    server: Vec<OrderDto>,
    receipts: &[Receipt],
) -> Vec<HistoryEntry> {
    let mut by_id: HashMap<String, OrderDto> =
        server.into_iter().map(|o| (o.id.clone(), o)).collect();
    let mut entries: Vec<HistoryEntry> = Vec::new();
    for order in outbox {
        let dto = order
            .server_order_id
            .as_ref()
            .and_then(|id| by_id.remove(id));
        entries.push(device_entry(order, dto, receipts));
    }
    entries.extend(by_id.into_values().map(|dto| server_entry(dto, receipts)));
    for receipt in receipts {
        let shown = entries.iter().any(|e| {
            e.id == receipt.order_id || e.receipt.as_ref().is_some_and(|r| r.id == receipt.id)
        });
        if !shown {
            entries.push(receipt_entry(receipt.clone()));
        }
    }
    entries.sort_by(|a, b| b.at.cmp(&a.at).then_with(|| b.id.cmp(&a.id)));
    entries
}

fn device_entry(order: OutboxOrder, dto: Option<OrderDto>, receipts: &[Receipt]) -> HistoryEntry {
    let device_status = match order.state {
        OutboxState::Paid => HistoryStatus::Paid,
        OutboxState::Declined => HistoryStatus::Declined,
        OutboxState::Cancelled | OutboxState::Abandoned => HistoryStatus::Cancelled,
        OutboxState::Prepared | OutboxState::Created => HistoryStatus::Pending,
    };
    let status = match dto.as_ref().map(|d| d.status) {
        Some(OrderStatus::Paid) => HistoryStatus::Paid,
        Some(OrderStatus::Declined) => HistoryStatus::Declined,
        Some(OrderStatus::Cancelled) => HistoryStatus::Cancelled,
        _ => device_status,
    };
    let receipt = dto
        .as_ref()
        .and_then(|d| d.receipt.clone())
        .map(Receipt::from)
        .or_else(|| {
            order
                .receipt_id
                .as_ref()
                .and_then(|id| receipts.iter().find(|r| &r.id == id).cloned())
        })
        .or_else(|| {
            order
                .server_order_id
                .as_ref()
                .and_then(|id| receipts.iter().find(|r| &r.order_id == id).cloned())
        })
        .filter(|_| status == HistoryStatus::Paid);
    let failure = dto
        .as_ref()
        .and_then(|d| d.failure.clone())
        .or(order.failure)
        .filter(|_| status != HistoryStatus::Paid);
    // The server's word, then the receipt's (fees included), then what this device froze.
    let (lines, total) = match (&dto, &receipt) {
        (Some(d), _) => (d.lines.iter().map(server_line).collect(), d.total),
        (None, Some(r)) => (r.lines.iter().map(receipt_line).collect(), r.total),
        (None, None) => (order.lines.iter().map(device_line).collect(), order.total),
    };
    HistoryEntry {
        id: order.server_order_id.unwrap_or(order.idempotency_key),
        at: order.created_at,
        status,
        lines,
        total,
        failure,
        receipt,
    }
}

fn server_entry(dto: OrderDto, receipts: &[Receipt]) -> HistoryEntry {
    let status = match dto.status {
        OrderStatus::Paid => HistoryStatus::Paid,
        OrderStatus::Declined => HistoryStatus::Declined,
        OrderStatus::Cancelled => HistoryStatus::Cancelled,
        OrderStatus::AwaitingPayment | OrderStatus::Processing => HistoryStatus::Pending,
    };
    let receipt = dto
        .receipt
        .clone()
        .map(Receipt::from)
        .or_else(|| receipts.iter().find(|r| r.order_id == dto.id).cloned())
        .filter(|_| status == HistoryStatus::Paid);
    HistoryEntry {
        lines: dto.lines.iter().map(server_line).collect(),
        id: dto.id,
        at: dto.created_at,
        status,
        total: dto.total,
        failure: dto.failure,
        receipt,
    }
}

fn receipt_entry(receipt: Receipt) -> HistoryEntry {
    HistoryEntry {
        id: receipt.order_id.clone(),
        at: receipt.fiscal.issued_at,
        status: HistoryStatus::Paid,
        lines: receipt.lines.iter().map(receipt_line).collect(),
        total: receipt.total,
        failure: None,
        receipt: Some(receipt),
    }
}

fn server_line(l: &OrderLineDto) -> HistoryLine {
    HistoryLine {
        service: l.service_name.clone(),
        provider: l.provider_name.clone(),
        account: l.account.clone(),
        address: l.address_title.clone(),
        amount: l.amount,
    }
}

fn receipt_line(l: &ReceiptLine) -> HistoryLine {
    HistoryLine {
        service: l.service_name.clone(),
        provider: l.provider_name.clone(),
        account: l.account.clone(),
        address: l.address_title.clone(),
        amount: l.amount,
    }
}

fn device_line(l: &Line) -> HistoryLine {
    HistoryLine {
        service: l.bill.service_title().to_string(),
        provider: l.bill.provider_name.clone(),
        account: l.bill.account.to_string(),
        address: l.bill.address_title.clone(),
        amount: l.amount,
    }
}

#[cfg(test)]
#[path = "merge_tests.rs"]
mod tests;
