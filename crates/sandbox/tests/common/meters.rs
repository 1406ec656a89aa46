//! Meters, bills and readings helpers shared by the readings tests.

use ofis_api::{paths, BillDto, MeterDto, OrderLineRequest, ReadingSubmission};
use rust_decimal::Decimal;
use serde_json::json;

use super::{ok_json, Harness};

pub async fn meters(h: &Harness, token: &str, account: &str) -> Vec<MeterDto> {
    ok_json(
        h.get(&h.api(&paths::account_meters(account)), Some(token))
            .await,
    )
    .await
}

pub async fn bill(h: &Harness, token: &str, account: &str) -> BillDto {
    let bills: Vec<BillDto> = ok_json(
        h.get(&h.api(&paths::account_bills(account)), Some(token))
            .await,
    )
    .await;
    bills.into_iter().next().expect("a posted bill")
}

/// A line paying `bill` in full with `readings` (meter id, value).
pub fn line(bill: &BillDto, readings: &[(&str, Decimal)]) -> OrderLineRequest {
    OrderLineRequest {
        bill_id: bill.id.clone(),
        amount: bill.amount_due,
        readings: readings
            .iter()
            .map(|(meter_id, value)| ReadingSubmission {
                meter_id: meter_id.to_string(),
                value: *value,
            })
            .collect(),
    }
}

/// The last accepted reading of a meter plus `more`.
pub fn next(meter: &MeterDto, more: Decimal) -> Decimal {
    meter.last_value.expect("a seeded history") + more
}

pub async fn submit(
    h: &Harness,
    token: &str,
    meter: &str,
    key: &str,
    value: &str,
) -> reqwest::Response {
    h.http
        .post(h.api(&paths::meter_readings(meter)))
        .bearer_auth(token)
        .header(paths::IDEMPOTENCY_KEY, key)
        .json(&json!({ "value": value }))
        .send()
        .await
        .expect("request sent")
}
