//! The sandbox's memory: the clock, maintenance mode, the Город API's users and orders, and the
//! gateway's payments — kept apart, because the real two systems share nothing but messages.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Instant;

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use ofis_api::sandbox::{ChargeRecord, RegistryEntry, SentMail};
use ofis_api::{GatewayStatus, OrderDto, ReadingDto, ReadingSubmission};
use ofis_domain::Money;

/// Maintenance text when none is configured.
pub const DEFAULT_MAINTENANCE_MESSAGE: &str =
    "Ведутся плановые технические работы. Повторите попытку позже.";

/// A handle on the sandbox's state, shared by both servers and by tests.
#[derive(Clone)]
pub struct Sandbox {
    inner: Arc<Mutex<State>>,
}

/// Everything the sandbox remembers. One lock for all: requests are tiny and never await while
/// holding it.
pub(crate) struct State {
    /// The sandbox clock: the local date in Asia/Yekaterinburg.
    pub today: NaiveDate,
    /// The clock's time of day when it stands still (local); `None`: the real time of day.
    pub time_of_day: Option<NaiveTime>,
    /// `(message, retry after seconds)` while maintenance is on.
    pub maintenance: Option<(String, u32)>,
    /// Shared secret the gateway signs its server-to-server calls with.
    pub gateway_secret: String,
    pub gorod: GorodState,
    pub gateway: GatewayState,
}

/// The Город API's side. Holds no card data of any kind.
#[derive(Default)]
pub(crate) struct GorodState {
    /// Phones that asked for a code, with the wrong attempts left.
    pub sms: HashMap<String, u8>,
    /// Access token → session.
    pub sessions: HashMap<String, AccessGrant>,
    /// Refresh token → phone.
    pub refresh_tokens: HashMap<String, String>,
    /// Orders in creation order.
    pub orders: Vec<OrderRecord>,
    /// `(phone, Idempotency-Key)` → what happened to it.
    pub idempotency: HashMap<(String, String), Idempotency>,
    /// The last fiscal document number issued.
    pub last_fd: u64,
    /// Where the app sends card data (put into every order's payment reference).
    pub gateway_url: String,
    /// E-mail "sent" (receipt copies), oldest first.
    pub outbox: Vec<SentMail>,
    /// Accepted readings per meter id, oldest first: the seeded history, then what arrived.
    pub readings: HashMap<String, Vec<ReadingDto>>,
    /// `(phone, Idempotency-Key)` of readings sent without payment → the first answer and
    /// the body it answered.
    pub reading_keys: HashMap<(String, String), (String, ReadingDto)>,
    /// Each provider's payment registry (payments with their readings), by provider id.
    pub registries: HashMap<String, Vec<RegistryEntry>>,
    /// «Школы и Сады»: top-ups, limits, requests, payments of services, photos.
    pub school: crate::school::SchoolState,
    /// «Транспорт»: saved cards, top-ups, the live feed's switches.
    pub transport: crate::transport::TransportState,
    /// «Абоненту»: bookings, the waitlist.
    pub office: crate::office::OfficeState,
    /// «Написать»: conversations with support.
    pub support: crate::support::SupportState,
}

/// One access token.
pub(crate) struct AccessGrant {
    pub phone: String,
    pub issued: Instant,
}

/// One order and whose it is.
pub(crate) struct OrderRecord {
    pub owner: String,
    pub dto: OrderDto,
    /// The readings sent with each line, in the order of `dto.lines`.
    pub readings: Vec<Vec<ReadingSubmission>>,
}

/// The state of one idempotency key.
pub(crate) enum Idempotency {
    /// A request with this key is being handled right now.
    InFlight,
    /// The first request succeeded; later ones with the same body get this very response.
    Done {
        fingerprint: String,
        response: Box<OrderDto>,
    },
}

/// The gateway's side: payments it was told to expect and charges it made.
#[derive(Default)]
pub(crate) struct GatewayState {
    pub payments: HashMap<String, Payment>,
    pub charges: Vec<ChargeRecord>,
    /// Where the Город API listens, for the outcome notices.
    pub gorod_url: String,
    /// A test switch: outcome notices to the Город API are lost on the way.
    pub notices_lost: bool,
}

/// One payment the gateway expects: registered by the Город API when it creates an order.
pub(crate) struct Payment {
    pub order_id: String,
    pub amount: Money,
    pub stage: Stage,
    /// «Visa •••• 1111»: brand and last four digits, the only card data ever kept.
    pub card_label: Option<String>,
}

/// Where a payment stands at the gateway.
#[derive(Debug)]
pub(crate) enum Stage {
    /// No card yet.
    Created,
    /// A 3-D Secure code is awaited.
    Challenge { attempts_left: u8 },
    /// Done; the outcome is replayed to any later submission.
    Final {
        status: GatewayStatus,
        message: Option<String>,
    },
}

impl Sandbox {
    /// A fresh sandbox whose clock says `today`.
    pub fn new(today: NaiveDate) -> Self {
        let state = State {
            today,
            time_of_day: None,
            maintenance: None,
            gateway_secret: uuid::Uuid::new_v4().simple().to_string(),
            gorod: GorodState {
                last_fd: 1000,
                readings: crate::town::meters::METERS
                    .iter()
                    .map(|m| (m.id.to_string(), m.seeded_history(today)))
                    .collect(),
                school: crate::school::SchoolState::new(today),
                transport: crate::transport::TransportState::new(today),
                ..GorodState::default()
            },
            gateway: GatewayState::default(),
        };
        Sandbox {
            inner: Arc::new(Mutex::new(state)),
        }
    }

    /// Locks the state. A panic elsewhere must not take the sandbox down, so poisoning is ignored.
    pub(crate) fn lock(&self) -> MutexGuard<'_, State> {
        self.inner
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Sets the sandbox clock (local date in Asia/Yekaterinburg).
    pub fn set_today(&self, today: NaiveDate) {
        self.lock().today = today;
    }

    /// Stops the clock at a local time of day (`None`: the real time of day again).
    pub fn set_time_of_day(&self, time: Option<NaiveTime>) {
        self.lock().time_of_day = time;
    }

    /// Sets what the live transport feed says, as `POST /sandbox/transport/feed` does.
    pub fn set_transport_feed(&self, switches: ofis_api::sandbox::TransportFeedSwitches) {
        self.lock().gorod.transport.feed = switches;
    }

    /// Ends every access token, as an hour without use would; refresh tokens still work.
    pub fn expire_access_tokens(&self) {
        self.lock().gorod.sessions.clear();
    }

    /// Ends every session, access and refresh tokens alike, as a server that signed everyone
    /// out would.
    pub fn end_all_sessions(&self) {
        let mut state = self.lock();
        state.gorod.sessions.clear();
        state.gorod.refresh_tokens.clear();
    }

    /// The sandbox clock.
    pub fn today(&self) -> NaiveDate {
        self.lock().today
    }

    /// Turns maintenance mode on with `(message, retry after seconds)`, or off with `None`.
    pub fn set_maintenance(&self, maintenance: Option<(String, u32)>) {
        self.lock().maintenance = maintenance;
    }

    /// Every successful charge the gateway made, in order.
    pub fn charges(&self) -> Vec<ChargeRecord> {
        self.lock().gateway.charges.clone()
    }

    /// Every e-mail the Город API "sent" (receipt copies), oldest first.
    pub fn sent_mail(&self) -> Vec<SentMail> {
        self.lock().gorod.outbox.clone()
    }

    /// A provider's payment registry: every paid line of its bills, with the readings sent
    /// with it, oldest first (`GET /sandbox/registries/{provider_id}`).
    pub fn registry(&self, provider_id: &str) -> Vec<RegistryEntry> {
        let state = self.lock();
        state
            .gorod
            .registries
            .get(provider_id)
            .cloned()
            .unwrap_or_default()
    }

    /// The accepted readings of a meter, oldest first.
    pub fn meter_readings(&self, meter_id: &str) -> Vec<ReadingDto> {
        let state = self.lock();
        state
            .gorod
            .readings
            .get(meter_id)
            .cloned()
            .unwrap_or_default()
    }

    /// The secret the gateway signs its `/internal/` calls with, for tests that call as it does.
    pub fn gateway_secret(&self) -> String {
        self.lock().gateway_secret.clone()
    }

    /// How many times each bill was charged: every charge counted once for each bill of its
    /// order (the exactly-once check, bill by bill).
    pub fn charges_per_bill(&self) -> std::collections::BTreeMap<String, usize> {
        let state = self.lock();
        let mut per_bill = std::collections::BTreeMap::new();
        for charge in &state.gateway.charges {
            let order = state
                .gorod
                .orders
                .iter()
                .find(|o| o.dto.id == charge.order_id);
            for line in order.into_iter().flat_map(|o| &o.dto.lines) {
                *per_bill.entry(line.bill_id.clone()).or_insert(0) += 1;
            }
        }
        per_bill
    }

    /// Loses (or, with `false`, delivers again) every outcome notice the gateway sends the Город
    /// API from now on: the bank knows the outcome, the Город API does not.
    pub fn lose_outcome_notices(&self, lost: bool) {
        self.lock().gateway.notices_lost = lost;
    }

    /// Where a payment stands at the gateway, as text (for a test's failure report).
    pub fn gateway_stage(&self, payment_id: &str) -> Option<String> {
        let state = self.lock();
        let payment = state.gateway.payments.get(payment_id)?;
        Some(format!("{:?}", payment.stage))
    }

    /// The status of every order the Город API has, by order id.
    pub fn order_statuses(&self) -> std::collections::BTreeMap<String, ofis_api::OrderStatus> {
        let state = self.lock();
        state
            .gorod
            .orders
            .iter()
            .map(|o| (o.dto.id.clone(), o.dto.status))
            .collect()
    }

    /// How many orders the Город API has created.
    pub fn orders_count(&self) -> usize {
        self.lock().gorod.orders.len()
    }

    /// Tells both sides where the other listens (known only once both are bound).
    pub(crate) fn set_urls(&self, gorod_url: &str, gateway_url: &str) {
        let mut state = self.lock();
        state.gorod.gateway_url = gateway_url.to_string();
        state.gateway.gorod_url = gorod_url.to_string();
    }
}

impl State {
    /// "Now" as the sandbox sees it: the sandbox date at the real local time of day (or the time
    /// it was stopped at), so that
    /// orders and receipts carry the date the tests (or the demo) set.
    pub fn now(&self) -> DateTime<Utc> {
        let offset = ofis_domain::tz::offset();
        let time = self
            .time_of_day
            .unwrap_or_else(|| Utc::now().with_timezone(&offset).time());
        self.today
            .and_time(time)
            .and_local_timezone(offset)
            .single()
            .map_or_else(Utc::now, |t| t.to_utc())
    }
}
