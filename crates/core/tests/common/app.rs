//! The app as the integration tests drive it: the demo town on its demo date, `Ofis` opened on a
//! data dir with a fixed clock and an in-memory keyring (or what a test puts in their place), and
//! the demo user signed in with the demo address «Советская 12 5».

// Each test binary uses part of this module.
#![allow(dead_code)]

use std::path::Path;
use std::sync::Arc;

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use gorod_sandbox::{RunningSandbox, SandboxConfig, SMS_CODE};
use ofis_core::{
    AddressChoice, AllowedGateways, ClientOptions, Clock, CoreConfig, MemorySecrets, MeterCard,
    Ofis, PayScope, PaymentStep, SecretStore,
};
use ofis_store::{OutboxOrder, Store};

/// The demo user's phone, as typed.
pub const PHONE: &str = "+7 912 345-67-89";
/// What the demo user types to find the demo address.
pub const DEMO_ADDRESS: &str = "Советская 12 5";
/// The demo address's id.
pub const DEMO_ADDRESS_ID: &str = "orb-sovetskaya-12-5";
/// ГВС of account 7012505002 at the demo address (ПАО «Т Плюс», billed by Система «Город»:
/// readings go without payment).
pub const HOT_METER: &str = "m-7012505002-1";

/// The demo date: this month's bills are posted.
pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
}

/// 07:00 UTC (12:00 in Yekaterinburg) on `day`.
pub fn morning(day: NaiveDate) -> DateTime<Utc> {
    Utc.from_utc_datetime(&day.and_hms_opt(7, 0, 0).unwrap())
}

/// A clock that always says the same instant.
pub struct FixedClock(pub DateTime<Utc>);

impl Clock for FixedClock {
    fn now(&self) -> DateTime<Utc> {
        self.0
    }
}

/// The demo town on `day`, over loopback HTTP.
pub async fn sandbox_on(day: NaiveDate) -> RunningSandbox {
    gorod_sandbox::start(SandboxConfig::loopback_ephemeral(day))
        .await
        .unwrap()
}

/// The demo town on the demo date.
pub async fn sandbox() -> RunningSandbox {
    sandbox_on(today()).await
}

/// What the app is opened with, besides its server and data dir.
pub struct Setup {
    /// The phone's keyring.
    pub secrets: Arc<dyn SecretStore>,
    /// Where "now" comes from.
    pub clock: Arc<dyn Clock>,
    /// HTTP options (timeouts).
    pub client: ClientOptions,
    /// The gateways the card may go to.
    pub gateways: AllowedGateways,
}

impl Default for Setup {
    /// A fresh in-memory keyring, the demo date's morning, default HTTP options, and any
    /// gateway on loopback (the sandbox's, or a proxy in front of it).
    fn default() -> Self {
        Setup {
            secrets: Arc::new(MemorySecrets::default()),
            clock: Arc::new(FixedClock(morning(today()))),
            client: ClientOptions::default(),
            gateways: AllowedGateways::any_loopback(),
        }
    }
}

impl Setup {
    /// The default setup with HTTP requests given up after `timeout` (a stalled answer then
    /// becomes a timeout quickly).
    pub fn timing_out_after(timeout: std::time::Duration) -> Self {
        Setup {
            client: ClientOptions {
                timeout,
                ..ClientOptions::default()
            },
            ..Setup::default()
        }
    }
}

/// Opens the app on `dir` against `server_url` and signs the demo user in with the demo
/// address, HTTP requests timing out after `timeout`: the start of every fault scenario.
pub async fn signed_in_through(server_url: &str, dir: &Path, timeout: std::time::Duration) -> Ofis {
    let ofis = open_with(server_url, dir, Setup::timing_out_after(timeout)).await;
    sign_in_with_address(&ofis).await;
    ofis
}

/// Opens the app on `dir` against `server_url`, with the default [`Setup`].
pub async fn open(server_url: &str, dir: &Path) -> Ofis {
    open_with(server_url, dir, Setup::default()).await
}

/// Opens the app on `dir` against `server_url`, with `setup`.
pub async fn open_with(server_url: &str, dir: &Path, setup: Setup) -> Ofis {
    let config = CoreConfig {
        server_url: server_url.to_string(),
        data_dir: dir.to_path_buf(),
        client: setup.client,
        gateways: setup.gateways,
    };
    Ofis::open(config, setup.secrets, setup.clock)
        .await
        .expect("open the app")
}

/// Signs the demo user in with the demo town's SMS code.
pub async fn sign_in(ofis: &Ofis) {
    ofis.request_code(PHONE).await.unwrap();
    ofis.sign_in(PHONE, SMS_CODE).await.unwrap();
}

/// The first suggestion for the demo address.
pub async fn demo_address(ofis: &Ofis) -> AddressChoice {
    ofis.suggest_addresses(DEMO_ADDRESS)
        .await
        .unwrap()
        .remove(0)
}

/// Signs the demo user in and adds the demo address; returns how many bills it brought.
pub async fn sign_in_with_address(ofis: &Ofis) -> usize {
    sign_in(ofis).await;
    let address = demo_address(ofis).await;
    let (_, count) = ofis.add_address(address).await.unwrap();
    count
}

/// The ГВС meter of the demo address.
pub async fn hot_meter(ofis: &Ofis) -> MeterCard {
    let meters = ofis.address_meters(DEMO_ADDRESS_ID).await.unwrap();
    meters
        .gorod
        .into_iter()
        .find(|m| m.id == HOT_METER)
        .expect("the ГВС meter")
}

/// Starts a payment of `scope` and submits card `pan` (any future expiry, any CVC).
pub async fn pay(ofis: &Ofis, scope: PayScope, pan: &str) -> PaymentStep {
    let ticket = ofis.start_payment(scope).await.unwrap();
    ofis.submit_card(&ticket.key, pan, "12/30", "123")
        .await
        .unwrap()
}

/// Every order of the outbox in the database of `dir`.
pub fn outbox(dir: &Path) -> Vec<OutboxOrder> {
    Store::open(&dir.join("ofis.sqlite"))
        .unwrap()
        .outbox_all()
        .unwrap()
}
