//! The app service: state, sign-in, the общий счёт and its edits.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use ofis_api::SmsSent;
use ofis_client::{AllowedGateways, ClientOptions, GatewayClient, GorodClient};
use ofis_domain::Receipt;
use ofis_domain::{AddressId, Bill, BillId, Period, Phone};
use ofis_store::Store;
use tracing::instrument;

use crate::db::Db;
use crate::error::CoreError;
use crate::platform::{Clock, SecretStore};
use crate::snapshot::{AddressChoice, Snapshot};
use crate::state::{Basket, Change, Read, ReadingQueue, Session, Shared, State};
use crate::subscriber::QueueRow;

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

pub(crate) struct Inner {
    pub(crate) gorod: GorodClient,
    pub(crate) gateway: GatewayClient,
    pub(crate) db: Db,
    pub(crate) secrets: Arc<dyn SecretStore>,
    pub(crate) clock: Arc<dyn Clock>,
    /// The app state, shared by every window; changes are published to subscribers.
    pub(crate) state: Shared,
    /// One payment flow at a time: a double tap on «Оплатить» makes one order.
    pub(crate) pay_lock: tokio::sync::Mutex<()>,
    /// One PIN check at a time, in every window: the count of wrong PINs is read, then written.
    pub(crate) pin_check: tokio::sync::Mutex<()>,
    /// Counts the server's refusals to renew the session.
    pub(crate) session_refusals: Arc<tokio::sync::watch::Sender<u64>>,
    /// The platform's notification centre, when the front has one.
    pub(crate) notifier: Mutex<Option<Arc<dyn crate::notify::Notifier>>>,
    /// The town's timetable, parsed once.
    pub(crate) network: crate::transport::Network,
    /// Told when the person sends support a message: whoever waits for answers looks sooner.
    pub(crate) support_sent: tokio::sync::Notify,
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
        let (basket, phone) = db
            .run(|s| {
                let addresses = s
                    .saved_addresses()?
                    .into_iter()
                    .map(|(id, title)| AddressChoice { id: id.0, title })
                    .collect::<Vec<_>>();
                let with_readings: BTreeSet<BillId> = s.all_saved_readings()?.into_keys().collect();
                // Which bills on screen are paid is marked on the saved rows themselves, not
                // looked up in ten years of payments; bills that come in later are looked up as
                // they come.
                let (combined, paid) = s.load_selection()?;
                let basket = Basket::cached(combined, addresses, paid, with_readings);
                Ok((basket, s.get_setting(PHONE_SETTING)?))
            })
            .await?;
        let session_refusals = Arc::new(tokio::sync::watch::Sender::new(0));
        crate::session::restore_tokens(&gorod, secrets.clone(), session_refusals.clone());
        let seat = crate::pin::Seat::opened(secrets.as_ref());
        let state = State::opened(basket, Session::cached(phone), ReadingQueue::unread());
        let ofis = Ofis {
            inner: Arc::new(Inner {
                gorod,
                gateway,
                db,
                secrets,
                clock,
                state: Shared::new(state),
                pay_lock: tokio::sync::Mutex::new(()),
                pin_check: tokio::sync::Mutex::new(()),
                notifier: Mutex::new(None),
                network: Default::default(),
                support_sent: tokio::sync::Notify::new(),
                session_refusals,
            }),
            seat: Arc::new(Mutex::new(seat)),
        };
        ofis.read_queue_after_open();
        Ok(ofis)
    }

    /// Reads the readings queue just after the first snapshot: «Подать показания» shows it,
    /// «Мои платежи» does not, so the start does not wait for it.
    fn read_queue_after_open(&self) {
        let this = self.clone();
        tokio::spawn(async move {
            let read = this
                .inner
                .db
                .run(|s| s.reading_queue_recent(crate::subscriber::QUEUE_SHOWN_SETTLED))
                .await;
            match read {
                Ok(rows) => this
                    .change()
                    .queue_mut()
                    .first_read(rows.into_iter().map(QueueRow::from).collect()),
                Err(e) => tracing::warn!(error = %e, "the readings queue could not be read"),
            }
        });
    }

    /// The app state, to read.
    pub(crate) fn read(&self) -> Read<'_> {
        self.inner.state.read()
    }

    /// The app state, to change: what a snapshot shows of the change is published to every
    /// subscriber when the guard is dropped.
    pub(crate) fn change(&self) -> Change<'_> {
        self.inner.state.change()
    }

    /// The current state for the UI.
    pub fn snapshot(&self) -> Snapshot {
        self.read().snapshot()
    }

    /// The state for a screen to follow: the receiver holds the current [`Snapshot`] at once,
    /// then every change of what a snapshot shows, whoever made it — an intent of any window
    /// ([`Ofis::new_window`] shares the channel) or work in the background (the start-up
    /// refresh, a round of the readings queue, a notification, sign-out). A change that leaves
    /// the snapshot as it was is not published. The new snapshot is in the channel before the
    /// call that made the change returns.
    ///
    /// Clone what `borrow()` gives rather than holding it across a call into `Ofis`: a held
    /// borrow blocks the next publication.
    pub fn subscribe(&self) -> tokio::sync::watch::Receiver<Snapshot> {
        self.inner.state.subscribe()
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
        let tagged = self
            .inner
            .gorod
            .address_bills_tagged(&address.id, None)
            .await?;
        let (found, etag) = (tagged.value, tagged.etag);
        let bills: Vec<Bill> = crate::finding::domain_bills(found.bills)?;
        let count = bills.len();
        self.follow_with(address, bills, found.period, etag).await?;
        Ok((self.snapshot(), count))
    }

    /// The address is followed from now on, and `bills` (its bills of `period`, as just
    /// fetched) join the общий счёт and the cache, with `etag` when they are exactly the answer
    /// so tagged.
    pub(crate) async fn follow_with(
        &self,
        address: AddressChoice,
        bills: Vec<Bill>,
        period: Period,
        etag: Option<String>,
    ) -> Result<(), CoreError> {
        self.learn_paid(&bills).await?;
        self.change().basket_mut().follow(address.clone(), &bills);
        self.persist_combined().await?;
        let (id, title, now) = (address.id, address.title, self.inner.clock.now());
        self.inner
            .db
            .run(move |s| {
                let id = AddressId(id);
                s.add_saved_address(&id, &title)?;
                s.cache_tagged_address_bills(&id, period, &bills, etag.as_deref(), now)
            })
            .await
    }

    /// Clears the in-app notifications after the user has read them.
    pub fn dismiss_notifications(&self) -> Snapshot {
        self.change().notices_mut().clear();
        self.snapshot()
    }

    /// Receipts kept on this device, newest first.
    pub async fn receipts(&self) -> Result<Vec<Receipt>, CoreError> {
        self.inner.db.run(|s| s.receipts()).await
    }

    pub(crate) async fn persist_combined(&self) -> Result<(), CoreError> {
        let combined = self.read().basket().combined().clone();
        self.inner.db.run(move |s| s.save_combined(&combined)).await
    }
}
