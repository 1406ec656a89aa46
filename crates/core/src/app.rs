//! The app service: state, sign-in, the общий счёт and its edits.

use std::collections::{BTreeSet, HashMap};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use ofis_api::SmsSent;
use ofis_client::{AllowedGateways, ClientOptions, GatewayClient, GorodClient};
use ofis_domain::Receipt;
use ofis_domain::{AddressId, Bill, BillId, CombinedBill, Period, Phone};
use ofis_store::Store;
use tracing::instrument;

use crate::db::Db;
use crate::error::CoreError;
use crate::payment::PaymentTicket;
use crate::platform::{Clock, SecretStore};
use crate::snapshot::{AddressChoice, Snapshot};

pub(crate) const PHONE_SETTING: &str = "phone";

/// Where the app's data and server are.
#[derive(Clone, Debug)]
pub struct CoreConfig {
    /// Base URL of the Город API.
    pub server_url: String,
    /// Folder of the SQLite database.
    pub data_dir: PathBuf,
    /// HTTP options (timeouts, extra roots, the answer size cap).
    pub client: ClientOptions,
    /// The bank gateways card data may go to; an order naming another one is refused before
    /// the card is sent.
    pub gateways: AllowedGateways,
}

pub(crate) struct State {
    pub(crate) phone: Option<String>,
    pub(crate) combined: CombinedBill,
    pub(crate) paid: BTreeSet<BillId>,
    pub(crate) addresses: Vec<AddressChoice>,
    pub(crate) from_cache: bool,
    pub(crate) tickets: HashMap<String, PaymentTicket>,
    pub(crate) awaiting: BTreeSet<BillId>,
    pub(crate) notifications: Vec<String>,
    pub(crate) with_readings: BTreeSet<BillId>,
    /// Payments (idempotency keys) with a request at the bank right now, in this process.
    pub(crate) in_flight: BTreeSet<String>,
    /// Rounds of the readings queue in a row that left readings waiting.
    pub(crate) queue_failures: u32,
    /// The session was made or renewed by this process: nothing to resume.
    pub(crate) session_fresh: bool,
}

pub(crate) struct Inner {
    pub(crate) gorod: GorodClient,
    pub(crate) gateway: GatewayClient,
    pub(crate) db: Db,
    pub(crate) secrets: Arc<dyn SecretStore>,
    pub(crate) clock: Arc<dyn Clock>,
    pub(crate) state: Mutex<State>,
    /// One payment flow at a time: a double tap on «Оплатить» makes one order.
    pub(crate) pay_lock: tokio::sync::Mutex<()>,
    /// One PIN check at a time, in every window: the count of wrong PINs is read, then written.
    pub(crate) pin_check: tokio::sync::Mutex<()>,
    /// Counts the server's refusals to renew the session.
    pub(crate) session_refusals: Arc<tokio::sync::watch::Sender<u64>>,
    /// The platform's notification centre, when the front has one.
    pub(crate) notifier: Mutex<Option<Arc<dyn crate::notify::Notifier>>>,
}

/// The app service, as one window sees it. Cheap to clone; clones share everything (they are the
/// same window). [`Ofis::new_window`] makes another window on the same app.
#[derive(Clone)]
pub struct Ofis {
    pub(crate) inner: Arc<Inner>,
    /// This window's PIN lock.
    pub(crate) seat: Arc<Mutex<crate::pin::Seat>>,
}

impl Ofis {
    /// Opens the local database and shows what it has at once (the cached общий счёт).
    pub async fn open(
        config: CoreConfig,
        secrets: Arc<dyn SecretStore>,
        clock: Arc<dyn Clock>,
    ) -> Result<Self, CoreError> {
        let gorod = GorodClient::new(&config.server_url, &config.client)?;
        let gateway = GatewayClient::new(&config.client, config.gateways.clone())?;
        let dir = config.data_dir.clone();
        let store = tokio::task::spawn_blocking(move || {
            crate::data_dir::prepare(&dir)
                .map_err(|e| ofis_store::StoreError::Io(e.to_string()))?;
            Store::open(&dir.join("ofis.sqlite"))
        })
        .await
        .map_err(|e| CoreError::Task(e.to_string()))??;
        let db = Db::new(store);
        let (combined, addresses, phone, paid, with_readings) = db
            .run(|s| {
                let combined = s.load_combined()?;
                let addresses = s
                    .saved_addresses()?
                    .into_iter()
                    .map(|(id, title)| AddressChoice { id: id.0, title })
                    .collect::<Vec<_>>();
                let phone = s.get_setting(PHONE_SETTING)?;
                let paid = crate::payment::paid_bills(s)?;
                let with_readings: BTreeSet<BillId> = s.all_saved_readings()?.into_keys().collect();
                Ok((combined, addresses, phone, paid, with_readings))
            })
            .await?;
        let session_refusals = Arc::new(tokio::sync::watch::Sender::new(0));
        crate::session::restore_tokens(&gorod, secrets.clone(), session_refusals.clone());
        let seat = crate::pin::Seat::opened(secrets.as_ref());
        // A crash between recording a payment and saving the общий счёт must not leave paid
        // bills asking for money again: the outbox is the truth about what was paid.
        let mut combined = combined;
        for id in &paid {
            let _ = combined.skip(id);
        }
        let state = State {
            phone,
            combined,
            paid,
            addresses,
            from_cache: true,
            tickets: HashMap::new(),
            awaiting: BTreeSet::new(),
            notifications: Vec::new(),
            with_readings,
            in_flight: BTreeSet::new(),
            queue_failures: 0,
            session_fresh: false,
        };
        Ok(Ofis {
            inner: Arc::new(Inner {
                gorod,
                gateway,
                db,
                secrets,
                clock,
                state: Mutex::new(state),
                pay_lock: tokio::sync::Mutex::new(()),
                pin_check: tokio::sync::Mutex::new(()),
                notifier: Mutex::new(None),
                session_refusals,
            }),
            seat: Arc::new(Mutex::new(seat)),
        })
    }

    pub(crate) fn state(&self) -> std::sync::MutexGuard<'_, State> {
        self.inner.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The current state for the UI.
    pub fn snapshot(&self) -> Snapshot {
        let s = self.state();
        Snapshot {
            phone: s.phone.clone(),
            combined: s.combined.clone(),
            paid: s.paid.clone(),
            addresses: s.addresses.clone(),
            from_cache: s.from_cache,
            awaiting: s.awaiting.clone(),
            notifications: s.notifications.clone(),
            with_readings: s.with_readings.clone(),
        }
    }

    /// Whether a session token is present.
    pub fn is_signed_in(&self) -> bool {
        self.inner.gorod.has_token()
    }

    /// Today in the service area.
    pub fn today(&self) -> chrono::NaiveDate {
        self.inner.clock.today()
    }

    /// Asks for an SMS code to the phone the user typed (not logged: it is personal data).
    #[instrument(skip_all)]
    pub async fn request_code(&self, phone: &str) -> Result<SmsSent, CoreError> {
        let phone = Phone::parse(phone).map_err(|_| CoreError::Phone)?;
        Ok(self.inner.gorod.request_sms(phone.as_str()).await?)
    }

    /// Address suggestions while the user types.
    pub async fn suggest_addresses(&self, query: &str) -> Result<Vec<AddressChoice>, CoreError> {
        if !crate::finding::is_search_query(query) {
            return Ok(Vec::new());
        }
        let found = self.inner.gorod.suggest_addresses(query.trim()).await?;
        Ok(found
            .into_iter()
            .map(|a| AddressChoice {
                id: a.id,
                title: a.title,
            })
            .collect())
    }

    /// «Поиск по адресу»: every bill known for the address joins the общий счёт (one request).
    /// Returns the new state and how many bills the address has this period.
    #[instrument(skip(self, address), fields(address = %address.id))]
    pub async fn add_address(
        &self,
        address: AddressChoice,
    ) -> Result<(Snapshot, usize), CoreError> {
        let found = self.inner.gorod.address_bills(&address.id, None).await?;
        let bills: Vec<Bill> = crate::finding::domain_bills(found.bills)?;
        let count = bills.len();
        {
            let mut s = self.state();
            for bill in &bills {
                if !s.combined.contains(bill) {
                    let _ = s.combined.add(bill.clone());
                }
            }
            if !s.addresses.iter().any(|a| a.id == address.id) {
                s.addresses.push(address.clone());
            }
        }
        self.persist_combined().await?;
        let (id, title, period, now) = (
            address.id,
            address.title,
            found.period,
            self.inner.clock.now(),
        );
        self.inner
            .db
            .run(move |s| {
                let id = AddressId(id);
                s.add_saved_address(&id, &title)?;
                s.cache_address_bills(&id, period, &bills, now)
            })
            .await?;
        Ok((self.snapshot(), count))
    }

    /// Fetches this period's bills of every saved address and of every single bill, and merges
    /// them into the общий счёт. A bill posted since the last look becomes a notification; a
    /// line whose provider has not posted this period's bill yet is marked as awaiting.
    #[instrument(skip(self))]
    pub async fn refresh(&self) -> Result<Snapshot, CoreError> {
        let addresses = self.state().addresses.clone();
        let mut current = Period::of(self.inner.clock.today());
        for address in &addresses {
            let found = self.inner.gorod.address_bills(&address.id, None).await?;
            current = current.max(found.period);
            let bills: Vec<Bill> = crate::finding::domain_bills(found.bills)?;
            self.merge_fresh_bills(&bills);
            let (id, period, now) = (
                AddressId(address.id.clone()),
                found.period,
                self.inner.clock.now(),
            );
            self.inner
                .db
                .run(move |s| s.cache_address_bills(&id, period, &bills, now))
                .await?;
        }
        for (provider, account) in self.single_accounts() {
            match self
                .inner
                .gorod
                .provider_bills(&provider, &account, None)
                .await
            {
                Ok(found) => {
                    let bills: Vec<Bill> = crate::finding::domain_bills(found)?;
                    self.merge_fresh_bills(&bills);
                }
                // Not posted (or no longer known): the line stays as it is and is marked below.
                Err(ofis_client::ClientError::NotFound(_)) => {}
                Err(e) => return Err(e.into()),
            }
        }
        {
            let mut s = self.state();
            s.from_cache = false;
            let awaiting: BTreeSet<BillId> = s
                .combined
                .lines()
                .iter()
                .filter(|l| l.bill.period < current && !s.paid.contains(&l.bill.id))
                .map(|l| l.bill.id.clone())
                .collect();
            // Last month's bill is not offered again by default: it may have been paid elsewhere,
            // and this month's has not been posted. The user can still type an amount.
            for id in awaiting.difference(&s.awaiting.clone()) {
                let _ = s.combined.skip(id);
            }
            s.awaiting = awaiting;
        }
        self.persist_combined().await?;
        Ok(self.snapshot())
    }

    /// Provider and account of every line that no saved address brings in.
    fn single_accounts(&self) -> Vec<(String, String)> {
        let s = self.state();
        let mut out: Vec<(String, String)> = s
            .combined
            .lines()
            .iter()
            .filter(|l| match &l.bill.address_id {
                Some(a) => !s.addresses.iter().any(|c| c.id == a.0),
                None => true,
            })
            .map(|l| (l.bill.provider_id.0.clone(), l.bill.account.0.clone()))
            .collect();
        out.sort();
        out.dedup();
        out
    }

    fn merge_fresh_bills(&self, bills: &[Bill]) {
        let mut s = self.state();
        // A new month's bill takes the place of last month's line of the same account.
        let mut posted = Vec::new();
        for bill in bills {
            let known = s.combined.contains(bill);
            // Last month's line of this account was waiting for exactly this bill.
            let followed = !known && s.combined.replace_older(bill.clone());
            if !followed {
                s.combined.refresh(bill.clone());
            }
            if s.paid.contains(&bill.id) {
                let _ = s.combined.skip(&bill.id);
            }
            if followed {
                posted.push(format!(
                    "Выставлен счёт: {} ({}), {} — {}",
                    bill.service_title(),
                    bill.provider_name,
                    bill.period.label_ru(),
                    bill.amount_due.display_rub()
                ));
            }
        }
        drop(s);
        for text in &posted {
            self.notify_os("Выставлен счёт", text);
        }
        self.state().notifications.extend(posted);
    }

    /// Clears the in-app notifications after the user has read them.
    pub fn dismiss_notifications(&self) -> Snapshot {
        self.state().notifications.clear();
        self.snapshot()
    }

    /// Receipts kept on this device, newest first.
    pub async fn receipts(&self) -> Result<Vec<Receipt>, CoreError> {
        self.inner.db.run(|s| s.receipts()).await
    }

    pub(crate) async fn persist_combined(&self) -> Result<(), CoreError> {
        let combined = self.state().combined.clone();
        self.inner.db.run(move |s| s.save_combined(&combined)).await
    }
}
