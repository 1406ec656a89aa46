//! The four tabs of the app as their screens open them (the calls each view makes when it is
//! shown), on a device signed in with the demo phone and the demo address, and what each
//! opening costs on the wire: requests, the status of each answer, bytes. Shared by
//! `tests/tab_requests.rs` and `benches/tab_requests.rs`.

// Each binary uses part of this module.
#![allow(dead_code)]

use std::fmt;
use std::sync::Arc;

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use gorod_sandbox::SMS_CODE;
use ofis_core::{AddressChoice, Clock, CoreConfig, MemorySecrets, Ofis};

use super::counting_proxy::CountingProxy;

/// The sandbox's date for these runs: this month's bills are posted.
pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 25).expect("date")
}

/// Noon in Yekaterinburg on [`today`], always.
struct Noon;

impl Clock for Noon {
    fn now(&self) -> DateTime<Utc> {
        Utc.from_utc_datetime(&today().and_hms_opt(7, 0, 0).expect("time"))
    }
}

/// A tab of the tab bar.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tab {
    Payments,
    Subscriber,
    Schools,
    Transport,
}

/// Every tab, in the tab bar's order.
pub const TABS: [Tab; 4] = [Tab::Payments, Tab::Subscriber, Tab::Schools, Tab::Transport];

impl Tab {
    /// The tab's name on screen.
    pub fn title(self) -> &'static str {
        match self {
            Tab::Payments => "Мои платежи",
            Tab::Subscriber => "Абоненту",
            Tab::Schools => "Школы и Сады",
            Tab::Transport => "Транспорт",
        }
    }

    /// What the tab's screen calls when it is shown (`src/views/…`): «Мои платежи» refreshes
    /// the общий счёт, «Абоненту» runs a round of the readings queue and reads the reminder,
    /// «Школы и Сады» lists the children, «Транспорт» the cards and the favourite stops.
    pub async fn open(self, ofis: &Ofis) {
        match self {
            Tab::Payments => {
                ofis.refresh().await.expect("refresh");
            }
            Tab::Subscriber => {
                ofis.reading_queue_round().await;
                let _ = ofis.reading_reminder();
            }
            Tab::Schools => {
                ofis.children().await.expect("children");
            }
            Tab::Transport => {
                ofis.transport_cards().await.expect("cards");
                ofis.favourite_stops().await.expect("favourite stops");
            }
        }
    }
}

/// What opening a tab cost on the wire.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cost {
    pub requests: usize,
    pub statuses: Vec<u16>,
    /// Bytes of the answers, status lines and headers included.
    pub bytes_down: usize,
    /// Bytes of the requests, request lines and headers included.
    pub bytes_up: usize,
}

impl fmt::Display for Cost {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let statuses: Vec<String> = self.statuses.iter().map(u16::to_string).collect();
        write!(
            f,
            "{} request(s) [{}], {} B down, {} B up",
            self.requests,
            statuses.join(" "),
            self.bytes_down,
            self.bytes_up
        )
    }
}

/// Opens `tab` and counts what went through `proxy` meanwhile.
pub async fn open_counted(proxy: &CountingProxy, ofis: &Ofis, tab: Tab) -> Cost {
    counted(proxy, tab.open(ofis)).await
}

/// Runs `work` and counts what went through `proxy` meanwhile.
pub async fn counted(proxy: &CountingProxy, work: impl std::future::Future<Output = ()>) -> Cost {
    proxy.reset();
    work.await;
    Cost {
        requests: proxy.requests(),
        statuses: proxy.statuses(),
        bytes_down: proxy.bytes_down(),
        bytes_up: proxy.bytes_up(),
    }
}

/// Opens every tab in turn, counting each.
pub async fn open_every_tab(proxy: &CountingProxy, ofis: &Ofis) -> Vec<(Tab, Cost)> {
    let mut costs = Vec::new();
    for tab in TABS {
        costs.push((tab, open_counted(proxy, ofis, tab).await));
    }
    costs
}

/// A phone: its data folder and keyring, kept across restarts of the app.
pub struct Device {
    server_url: String,
    dir: tempfile::TempDir,
    secrets: Arc<MemorySecrets>,
}

impl Device {
    /// A new phone talking to `server_url`.
    pub fn new(server_url: &str) -> Device {
        Device {
            server_url: server_url.to_string(),
            dir: tempfile::tempdir().expect("data folder"),
            secrets: Arc::new(MemorySecrets::default()),
        }
    }

    /// The app started on this phone (signed in if it was before).
    pub async fn start(&self) -> Ofis {
        let config = CoreConfig {
            server_url: self.server_url.clone(),
            data_dir: self.dir.path().into(),
            client: Default::default(),
            gateways: Default::default(),
        };
        Ofis::open(config, self.secrets.clone(), Arc::new(Noon))
            .await
            .expect("open the app")
    }

    /// The app started and the demo phone signed in.
    pub async fn start_signed_in(&self) -> Ofis {
        let ofis = self.start().await;
        ofis.request_code("+79123456789").await.expect("sms");
        ofis.sign_in("+79123456789", SMS_CODE)
            .await
            .expect("sign in");
        ofis
    }

    /// The app started, the demo phone signed in and «Советская 12 5» added to the общий счёт.
    pub async fn start_signed_in_with_address(&self) -> Ofis {
        let ofis = self.start_signed_in().await;
        add_demo_address(&ofis).await;
        ofis
    }
}

/// The first suggestion for «Советская 12 5».
pub async fn demo_address(ofis: &Ofis) -> AddressChoice {
    ofis.suggest_addresses("Советская 12 5")
        .await
        .expect("suggest")
        .remove(0)
}

/// «Поиск по адресу»: «Советская 12 5» joins the общий счёт (its bills fetched whole).
pub async fn add_demo_address(ofis: &Ofis) {
    let address = demo_address(ofis).await;
    ofis.add_address(address).await.expect("add address");
}
