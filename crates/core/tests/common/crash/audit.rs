//! What the crash harness checks in each data dir once its cycle is over, and where a kill
//! landed in the flow.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use ofis_api::sandbox::ChargeRecord;
use ofis_store::{OutboxOrder, OutboxState, Store};

/// The outbox of a (possibly killed) app's data dir.
pub fn outbox(dir: &Path) -> Vec<OutboxOrder> {
    let path = dir.join("ofis.sqlite");
    if !path.exists() {
        return Vec::new();
    }
    Store::open(&path)
        .expect("open the killed app's database")
        .outbox_all()
        .expect("read the outbox")
}

/// Where the kill landed, as far as the database and the sandbox can tell.
pub fn phase(orders: &[OutboxOrder], charged: &BTreeSet<String>) -> &'static str {
    if orders.iter().any(|o| o.state == OutboxState::Paid) {
        return "6 after the payment was recorded (restart only reconciles)";
    }
    let Some(latest) = orders.iter().max_by_key(|o| o.created_at) else {
        return "1 before the key was committed (start, sign-in, address)";
    };
    let is_charged = orders
        .iter()
        .filter_map(|o| o.server_order_id.as_ref())
        .any(|id| charged.contains(id));
    if is_charged {
        return "5 charged, not yet recorded by the app";
    }
    match latest.state {
        OutboxState::Prepared => "2 key committed, order not confirmed created",
        OutboxState::Created if latest.sent_to_bank_at.is_none() => {
            "3 order created, card not sent yet"
        }
        OutboxState::Created => "4 card sent (or a 3-D Secure code awaited), not charged",
        _ => "4 ended without a charge (declined, cancelled or abandoned)",
    }
}

/// What one cycle's data dir says at the end.
#[derive(Default)]
pub struct DirAudit {
    /// Server ids of the orders this dir recorded as paid.
    pub paid_orders: Vec<String>,
    /// Bills charged more than once for this dir's orders.
    pub bills_charged_twice: Vec<(String, usize)>,
    /// Orders whose outcome is still unknown.
    pub unfinished: Vec<String>,
    /// `PRAGMA integrity_check` failures.
    pub corrupt: Option<String>,
    /// Receipts kept, against paid orders.
    pub receipts: usize,
    /// Outcomes of every order the dir holds.
    pub states: BTreeMap<OutboxState, usize>,
}

impl DirAudit {
    /// Reads `dir` and matches `charges` to its orders, bill by bill.
    pub fn of(dir: &Path, charges: &[ChargeRecord]) -> DirAudit {
        let store = Store::open(&dir.join("ofis.sqlite")).expect("open a cycle's database");
        let mut audit = DirAudit {
            corrupt: store.integrity_check().err().map(|e| e.to_string()),
            receipts: store.receipts().unwrap().len(),
            ..DirAudit::default()
        };
        let orders = store.outbox_all().unwrap();
        let mut per_bill: BTreeMap<String, usize> = BTreeMap::new();
        for order in &orders {
            *audit.states.entry(order.state).or_default() += 1;
            let Some(id) = order.server_order_id.as_deref() else {
                continue;
            };
            if order.state == OutboxState::Paid {
                audit.paid_orders.push(id.to_string());
            }
            let charged = charges.iter().filter(|c| c.order_id == id).count();
            for line in &order.lines {
                *per_bill.entry(line.bill.id.0.clone()).or_default() += charged;
            }
        }
        audit.bills_charged_twice = per_bill.into_iter().filter(|(_, n)| *n > 1).collect();
        audit.unfinished = orders
            .iter()
            .filter(|o| !o.state.is_final())
            .map(|o| format!("{:?} {:?}", o.state, o.server_order_id))
            .collect();
        audit
    }
}
