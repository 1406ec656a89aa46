use chrono::{TimeZone, Utc};
use ofis_domain::{Bill, Money};

use super::*;

fn at(hour: u32) -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 25, hour, 0, 0).unwrap()
}

fn rub(whole: u32) -> Money {
    Money::from_whole_roubles(whole)
}

fn line(id: &str, amount: u32) -> Line {
    let bill: Bill = serde_json::from_value(serde_json::json!({
        "id": id,
        "provider_id": "prov",
        "provider_name": "Водоканал",
        "service": "cold_water",
        "account": "100200",
        "address_id": null,
        "address_title": "ул. Советская, д. 12, кв. 5",
        "period": "2026-11",
        "amount_due": rub(amount),
        "metered": false,
        "billed_by_gorod": true,
    }))
    .unwrap();
    Line {
        bill,
        amount: rub(amount),
    }
}

fn outbox(key: &str, hour: u32, state: OutboxState, server_id: Option<&str>) -> OutboxOrder {
    let mut o = OutboxOrder::prepared(key.into(), at(hour), vec![line("b1", 100)]);
    o.state = state;
    o.server_order_id = server_id.map(String::from);
    if state == OutboxState::Declined {
        o.failure = Some("Банк отклонил операцию".into());
    }
    o
}

// Built from JSON, as the server sends them, so new optional wire fields need no change here.
fn receipt(order_id: &str, hour: u32) -> ofis_api::ReceiptDto {
    serde_json::from_value(serde_json::json!({
        "id": format!("rcpt-{order_id}"),
        "order_id": order_id,
        "lines": [server_line_json()],
        "total": "100.00",
        "fiscal": {
            "fn_number": "9999078900001234",
            "fd_number": 42,
            "fp": "1234567890",
            "issued_at": at(hour),
            "sum": "100.00",
        },
    }))
    .unwrap()
}

fn server_line_json() -> serde_json::Value {
    serde_json::json!({
        "bill_id": "b1",
        "provider_name": "Водоканал",
        "service_name": "Холодное водоснабжение",
        "account": "100200",
        "amount": "100.00",
    })
}

fn server(id: &str, hour: u32, status: OrderStatus) -> OrderDto {
    let mut order = serde_json::json!({
        "id": id,
        "status": status,
        "total": "100.00",
        "lines": [server_line_json()],
        "created_at": at(hour),
        "payment": { "payment_id": format!("pay-{id}"), "gateway_url": "http://127.0.0.1:1" },
    });
    if status == OrderStatus::Declined {
        order["failure"] = "Недостаточно средств".into();
    }
    if status == OrderStatus::Paid {
        order["receipt"] = serde_json::to_value(receipt(id, hour)).unwrap();
    }
    serde_json::from_value(order).unwrap()
}

fn summary(entries: &[HistoryEntry]) -> Vec<(String, HistoryStatus, bool)> {
    entries
        .iter()
        .map(|e| (e.id.clone(), e.status, e.receipt.is_some()))
        .collect()
}

/// A case: its name, the outbox, the server's orders, the kept receipts, and the expected
/// `(id, status, has a receipt)` of each entry, newest first.
type Case = (
    &'static str,
    Vec<OutboxOrder>,
    Vec<OrderDto>,
    Vec<ofis_api::ReceiptDto>,
    Vec<(&'static str, HistoryStatus, bool)>,
);

const K1: &str = "11111111-1111-4111-8111-111111111111";
const K2: &str = "22222222-2222-4222-8222-222222222222";

#[test]
fn merges_device_and_server_views_newest_first() {
    use HistoryStatus::*;
    let cases: Vec<Case> = vec![
        ("nothing at all", vec![], vec![], vec![], vec![]),
        (
            "offline: the device's own states and stored receipts",
            vec![
                {
                    let mut o = outbox(K1, 7, OutboxState::Paid, Some("ord-1"));
                    o.receipt_id = Some("rcpt-ord-1".into());
                    o
                },
                outbox(K2, 8, OutboxState::Declined, Some("ord-2")),
            ],
            vec![],
            vec![receipt("ord-1", 7)],
            vec![("ord-2", Declined, false), ("ord-1", Paid, true)],
        ),
        (
            "the server's final word wins over a pending device order",
            vec![outbox(K1, 7, OutboxState::Created, Some("ord-1"))],
            vec![server("ord-1", 7, OrderStatus::Paid)],
            vec![],
            vec![("ord-1", Paid, true)],
        ),
        (
            "a non-final server order leaves a cancelled device order cancelled",
            vec![outbox(K1, 7, OutboxState::Abandoned, Some("ord-1"))],
            vec![server("ord-1", 7, OrderStatus::AwaitingPayment)],
            vec![],
            vec![("ord-1", Cancelled, false)],
        ),
        (
            "an order never created is known by its key and still pending",
            vec![outbox(K1, 9, OutboxState::Prepared, None)],
            vec![server("ord-9", 6, OrderStatus::Processing)],
            vec![],
            vec![(K1, Pending, false), ("ord-9", Pending, false)],
        ),
        (
            "orders paid elsewhere come from the server",
            vec![],
            vec![
                server("ord-5", 5, OrderStatus::Paid),
                server("ord-6", 6, OrderStatus::Declined),
            ],
            vec![],
            vec![("ord-6", Declined, false), ("ord-5", Paid, true)],
        ),
        (
            "a kept receipt of no known order is still a paid entry",
            vec![],
            vec![],
            vec![receipt("ord-3", 3)],
            vec![("ord-3", Paid, true)],
        ),
    ];
    for (name, outbox, server, receipts, want) in cases {
        let kept: Vec<Receipt> = receipts.into_iter().map(Receipt::from).collect();
        let got = merge(outbox, server, &kept);
        let want: Vec<(String, HistoryStatus, bool)> = want
            .into_iter()
            .map(|(i, s, r)| (i.to_string(), s, r))
            .collect();
        assert_eq!(summary(&got), want, "case: {name}");
    }
}

#[test]
fn device_lines_name_the_service_in_russian_and_failures_stay_with_unpaid_orders() {
    let got = merge(
        vec![outbox(K2, 8, OutboxState::Declined, Some("ord-2"))],
        vec![],
        &[],
    );
    let entry = &got[0];
    assert_eq!(entry.lines[0].service, "Холодное водоснабжение");
    assert_eq!(entry.lines[0].account, "100200");
    assert_eq!(entry.total, rub(100));
    assert_eq!(entry.failure.as_deref(), Some("Банк отклонил операцию"));

    let paid = merge(vec![], vec![server("ord-1", 7, OrderStatus::Paid)], &[]);
    assert_eq!(paid[0].failure, None);
}
