//! Ten years of use, generated for benchmarks and query-plan tests (cargo feature
//! `bench-data`): five saved addresses and their bills as the общий счёт, then receipts paid
//! through the app over ten years with their payments in the outbox, meters with a reading a
//! month sent without payment, and payments still waiting for their outcome. Deterministic for
//! a seed; written in one transaction, with the derived tables kept as `save_receipt` keeps them.

use chrono::{DateTime, Duration, Utc};
use ofis_domain::readings::MeterId;
use ofis_domain::{
    tz, AccountNumber, AddressId, Bill, BillId, CombinedBill, Fiscal, Line, Money, Period,
    ProviderId, Receipt, ReceiptLine, ServiceKind,
};
use rusqlite::{params, Connection};
use rust_decimal::Decimal;

use crate::codec::{money_text, reading_text, time_text};
use crate::error::StoreError;
use crate::open::Store;
use crate::outbox::{OutboxOrder, OutboxState};

/// How much history to make.
#[derive(Clone, Copy, Debug)]
pub struct Volume {
    pub receipts: u32,
    pub meters: u32,
    pub readings_per_meter: u32,
    /// Payments whose outcome is not known yet.
    pub queued: u32,
}

impl Volume {
    /// Ten years of use: 100 000 receipts, 20 meters × 120 readings, 200 queued payments.
    pub const LIFETIME: Volume = Volume {
        receipts: 100_000,
        meters: 20,
        readings_per_meter: 120,
        queued: 200,
    };
    /// The same shape, small enough for a test.
    pub const TINY: Volume = Volume {
        receipts: 600,
        meters: 4,
        readings_per_meter: 12,
        queued: 5,
    };
}

/// The saved addresses.
pub const ADDRESSES: [&str; 5] = [
    "г. Орск, ул. Ленина, д. 12, кв. 5",
    "г. Орск, пр-т Мира, д. 3, кв. 41",
    "г. Орск, ул. Строителей, д. 7, кв. 18",
    "г. Орск, ул. Станиславского, д. 52, кв. 9",
    "г. Орск, ул. Гагарина, д. 1А, кв. 77",
];

/// Each address's services: kind, the service as printed, the provider.
const SERVICES: [(ServiceKind, &str, &str); 5] = [
    (
        ServiceKind::Electricity,
        "Электроэнергия",
        "ЭнергосбыТ Плюс",
    ),
    (
        ServiceKind::ColdWater,
        "Холодное водоснабжение",
        "Водоканал г. Орска",
    ),
    (ServiceKind::HotWater, "Горячее водоснабжение", "Т Плюс"),
    (ServiceKind::Heating, "Отопление", "Т Плюс"),
    (ServiceKind::Housing, "Содержание жилья", "УК «Дом»"),
];

/// The personal account of a service at an address: ten digits.
pub fn account(address: usize, service: usize) -> String {
    format!(
        "{}",
        5_600_000_000u64 + address as u64 * 1_000 + service as u64 * 17
    )
}

/// Saves the five addresses and this month's bills of each as the общий счёт: what «Мои
/// платежи» shows at start, with or without history.
pub fn fill_selection(store: &mut Store, now: DateTime<Utc>) -> Result<(), StoreError> {
    let period = Period::of(tz::local_date(now));
    let mut combined = CombinedBill::new();
    for (a, title) in ADDRESSES.iter().enumerate() {
        store.add_saved_address(&AddressId(address_id(a)), title)?;
        for s in 0..SERVICES.len() {
            let amount = Money::from_kopecks(150_000 + (a * 5 + s) as u64 * 3_100)
                .map_err(|e| StoreError::Encode(e.to_string()))?;
            combined
                .add(bill(a, s, period, amount))
                .map_err(|e| StoreError::Encode(format!("{e:?}")))?;
        }
    }
    store.save_combined(&combined)
}

/// Adds `volume` of history ending at `now`, deterministic for `seed`, in one transaction.
pub fn fill_history(
    store: &mut Store,
    volume: Volume,
    now: DateTime<Utc>,
    seed: u64,
) -> Result<(), StoreError> {
    let mut rng = Rng(seed);
    let start = now - Duration::days(3_652);
    let step = Duration::days(3_652).num_seconds() / i64::from(volume.receipts.max(1));
    let tx = store.write_tx()?;
    for i in 0..volume.receipts {
        let at = start + Duration::seconds(step * i64::from(i) + rng.below(step as u64 / 2) as i64);
        let (receipt, bills) = receipt(&mut rng, i, at)?;
        paid_order(&tx, &receipt, bills, i)?;
        crate::receipts::insert_rows(&tx, &receipt)?;
        crate::derived::add(&tx, &receipt)?;
    }
    for m in 0..volume.meters {
        meter_readings(&tx, &mut rng, m, volume.readings_per_meter, start)?;
    }
    for q in 0..volume.queued {
        queued_order(&tx, &mut rng, q, now)?;
    }
    tx.commit()?;
    // The app finds the file checkpointed, as after any ordinary use: not with the whole
    // history still in the write-ahead log.
    store
        .conn
        .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
    Ok(())
}

fn address_id(a: usize) -> String {
    format!("addr-{a}")
}

fn bill(a: usize, s: usize, period: Period, amount_due: Money) -> Bill {
    let (service, service_name, provider) = SERVICES[s];
    Bill {
        id: BillId(format!("bill-{a}-{s}-{period}")),
        provider_id: ProviderId(format!("prov-{s}")),
        provider_name: provider.to_string(),
        service,
        service_name: service_name.to_string(),
        account: AccountNumber(account(a, s)),
        address_id: Some(AddressId(address_id(a))),
        address_title: Some(ADDRESSES[a].to_string()),
        period,
        amount_due,
        metered: matches!(s, 0..=2),
        billed_by_gorod: true,
        rules: Default::default(),
    }
}

/// One address's month paid: most of its services (electricity in nearly all), a 1 % fee.
fn receipt(rng: &mut Rng, i: u32, at: DateTime<Utc>) -> Result<(Receipt, Vec<Bill>), StoreError> {
    let a = rng.below(ADDRESSES.len() as u64) as usize;
    let period = Period::of(tz::local_date(at));
    let mut lines = Vec::new();
    let mut bills = Vec::new();
    for s in 0..SERVICES.len() {
        if rng.below(100) >= 85 && !(s == SERVICES.len() - 1 && lines.is_empty()) {
            continue;
        }
        let amount = Money::from_kopecks(30_000 + rng.below(470_000))
            .map_err(|e| StoreError::Encode(e.to_string()))?;
        let b = bill(a, s, period, amount);
        lines.push(ReceiptLine {
            bill_id: b.id.clone(),
            provider_name: b.provider_name.clone(),
            service_name: b.service_name.clone(),
            account: b.account.0.clone(),
            address_title: b.address_title.clone(),
            amount,
            fee: amount.percent(Decimal::ONE),
        });
        bills.push(b);
    }
    let amounts: Money = lines.iter().map(|l| l.amount).sum();
    let fees: Money = lines.iter().map(|l| l.fee).sum();
    let total = amounts + fees;
    let receipt = Receipt {
        id: format!("rcpt-{i:06}"),
        order_id: format!("ord-{i:06}"),
        lines,
        total,
        fees,
        fiscal: Fiscal {
            fn_number: "9960440300123456".into(),
            fd_number: u64::from(i) + 1,
            fp: format!("{:010}", rng.below(10_000_000_000)),
            issued_at: at,
            sum: total,
        },
    };
    Ok((receipt, bills))
}

/// The outbox's record of the payment a receipt closed.
fn paid_order(
    conn: &Connection,
    receipt: &Receipt,
    bills: Vec<Bill>,
    i: u32,
) -> Result<(), StoreError> {
    let created = receipt.fiscal.issued_at - Duration::seconds(40);
    let order = OutboxOrder::prepared(
        format!("00000000-0000-4000-8000-{i:012}"),
        created,
        bills.into_iter().map(Line::new).collect(),
    );
    conn.prepare_cached(
        "INSERT INTO outbox_order (idempotency_key, created_at, total, state, server_order_id,
             payment_id, gateway_url, failure, receipt_id, sent_to_bank_at)
         VALUES (?1, ?2, ?3, 'paid', ?4, ?5, 'http://127.0.0.1:8481/pay', NULL, ?6, ?7)",
    )?
    .execute(params![
        order.idempotency_key,
        time_text(created),
        money_text(order.total),
        receipt.order_id,
        format!("pay-{i:06}"),
        receipt.id,
        time_text(created + Duration::seconds(10)),
    ])?;
    crate::outbox::insert_lines(conn, &order)?;
    crate::outbox::record_paid(conn, &order.idempotency_key)
}

/// A payment still waiting for its outcome: half never left the phone, half left with the
/// card and await the bank's word.
fn queued_order(
    conn: &Connection,
    rng: &mut Rng,
    q: u32,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let created = now - Duration::minutes(i64::from(q) * 7 + 1);
    let period = Period::of(tz::local_date(created)).previous();
    let a = rng.below(ADDRESSES.len() as u64) as usize;
    let amount = Money::from_kopecks(100_000 + rng.below(100_000))
        .map_err(|e| StoreError::Encode(e.to_string()))?;
    let order = OutboxOrder::prepared(
        format!("00000000-0000-4000-9000-{q:012}"),
        created,
        vec![Line::new(bill(a, 0, period, amount))],
    );
    let sent = q % 2 == 1;
    conn.prepare_cached(
        "INSERT INTO outbox_order (idempotency_key, created_at, total, state, server_order_id,
             payment_id, gateway_url, failure, receipt_id, sent_to_bank_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, NULL, NULL, ?8)",
    )?
    .execute(params![
        order.idempotency_key,
        time_text(created),
        money_text(order.total),
        (if sent {
            OutboxState::Created
        } else {
            OutboxState::Prepared
        })
        .as_str(),
        sent.then(|| format!("queued-ord-{q}")),
        sent.then(|| format!("queued-pay-{q}")),
        sent.then_some("http://127.0.0.1:8481/pay"),
        sent.then(|| time_text(created + Duration::seconds(5))),
    ])?;
    crate::outbox::insert_lines(conn, &order)
}

/// A meter's monthly readings, sent without payment and accepted.
fn meter_readings(
    conn: &Connection,
    rng: &mut Rng,
    m: u32,
    count: u32,
    start: DateTime<Utc>,
) -> Result<(), StoreError> {
    let meter = meter_id(m);
    let mut value = Decimal::from(rng.below(1_000));
    for j in 0..count {
        value += Decimal::new(50_000 + rng.below(200_000) as i64, 3);
        let at = start + Duration::days(i64::from(j) * 30 + 20);
        conn.prepare_cached(
            "INSERT INTO reading_queue (idempotency_key, meter_id, value, queued_at, state,
                                        server_reading_id, refusal)
             VALUES (?1, ?2, ?3, ?4, 'sent', ?5, NULL)",
        )?
        .execute(params![
            format!("00000000-0000-4000-a000-{:06}{j:06}", m),
            meter.as_str(),
            reading_text(value)?,
            time_text(at),
            format!("rd-{m}-{j}"),
        ])?;
    }
    Ok(())
}

/// The id of the `m`-th generated meter.
pub fn meter_id(m: u32) -> MeterId {
    MeterId(format!("meter-{m:02}"))
}

/// splitmix64: small, fast, and the same everywhere for a seed.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        (z ^ (z >> 31)) % n.max(1)
    }
}
