//! Every record the Город API side keeps, as one JSON document, so a test can search all that the
//! server was ever told (e.g. that no card data reached it). The gateway's side is left out: it
//! is the one place card data is meant to go.

use std::collections::BTreeMap;

use serde_json::{json, Value};

use crate::state::{AccessGrant, GorodState, Idempotency, OrderRecord, Sandbox, State};

impl Sandbox {
    /// Every Город-side record — codes asked for, sessions, orders with their receipts and
    /// readings, idempotency answers, sent mail, accepted readings, payment registries — as
    /// pretty JSON, maps sorted by key.
    pub fn gorod_records_json(&self) -> String {
        let state = self.lock();
        // Destructured whole, here and below, so that a new kind of record cannot be left out
        // unnoticed: adding a field stops this from compiling until it is dumped or excused.
        let State {
            today,
            time_of_day,
            maintenance,
            gateway_secret: _,
            gorod,
            gateway: _,
        } = &*state;
        let GorodState {
            sms,
            sessions,
            refresh_tokens,
            orders,
            idempotency,
            last_fd,
            gateway_url,
            outbox,
            readings,
            reading_keys,
            registries,
            school,
            transport,
            office,
            support,
        } = gorod;
        let document = json!({
            "today": today,
            "time_of_day": time_of_day,
            "maintenance": maintenance,
            "sms_attempts_left": sorted(sms.iter().map(|(phone, left)| (phone, json!(left)))),
            "sessions": sorted(sessions.iter().map(|(token, grant)| (token, session(grant)))),
            "refresh_tokens": sorted(refresh_tokens.iter().map(|(token, phone)| (token, json!(phone)))),
            "orders": orders.iter().map(order).collect::<Vec<_>>(),
            "idempotency": sorted(idempotency.iter().map(|((phone, key), entry)| {
                (format!("{phone} {key}"), idempotency_entry(entry))
            })),
            "last_fd": last_fd,
            "gateway_url": gateway_url,
            "sent_mail": outbox,
            "readings": sorted(readings.iter().map(|(meter, list)| (meter, json!(list)))),
            "reading_keys": sorted(reading_keys.iter().map(|((phone, key), (answer, body))| {
                (format!("{phone} {key}"), json!({ "answer": answer, "body": body }))
            })),
            "registries": sorted(registries.iter().map(|(provider, list)| (provider, json!(list)))),
            "school": school.records_json(),
            "transport": transport.records_json(),
            "office": office.records_json(),
            "support": support.records_json(),
        });
        serde_json::to_string_pretty(&document).expect("plain data serialises")
    }
}

fn sorted<K: ToString>(entries: impl Iterator<Item = (K, Value)>) -> BTreeMap<String, Value> {
    entries.map(|(k, v)| (k.to_string(), v)).collect()
}

fn session(grant: &AccessGrant) -> Value {
    let AccessGrant { phone, issued } = grant;
    json!({ "phone": phone, "age_seconds": issued.elapsed().as_secs() })
}

fn order(record: &OrderRecord) -> Value {
    let OrderRecord {
        owner,
        dto,
        readings,
    } = record;
    json!({ "owner": owner, "order": dto, "readings": readings })
}

fn idempotency_entry(entry: &Idempotency) -> Value {
    match entry {
        Idempotency::InFlight => json!("in flight"),
        Idempotency::Done {
            fingerprint,
            response,
        } => json!({ "fingerprint": fingerprint, "response": response }),
    }
}
