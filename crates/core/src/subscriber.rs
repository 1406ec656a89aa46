//! «Абоненту» → «Подать показания ИПУ»: readings sent without payment, only for accounts
//! Система «Город» itself bills (third-party ones go only with a payment).
//!
//! Every reading is queued in SQLite under a fresh idempotency key before its first send, so an
//! offline entry is never lost and a resend never makes a duplicate: a network failure leaves it
//! queued, [`Ofis::flush_reading_queue`] sends it later with the same key, and the server's final
//! answer (accepted or refused) settles it.

use std::collections::BTreeSet;
use std::sync::Mutex;

use chrono::NaiveDate;
use ofis_client::ClientError;
use ofis_domain::readings::{validate_reading, ReadingContext, RECOMMENDED_WINDOW};
use ofis_domain::Period;
use ofis_store::{QueueEntry, QueueState, QueuedReading, Store, StoreError};
use rust_decimal::Decimal;
use tracing::{info, instrument, warn};

use crate::app::Ofis;
use crate::error::CoreError;
use crate::meter_card::{MeterCard, MeterHistory};

/// How many of the readings sent (and of those refused) the queue shows besides those still
/// waiting: the newest. Years of monthly readings stay in SQLite, each meter's in its history.
pub const QUEUE_SHOWN_SETTLED: u32 = 30;

/// What the person sees when a reading could not be sent now.
pub const QUEUED_OFFLINE: &str = "Нет связи: показание сохранено и будет отправлено автоматически";

/// The store setting remembering the month the reminder last went to the notifications.
const REMINDER_SETTING: &str = "reading_reminder_period";

/// The meters of one saved address, split by who may take readings without payment.
#[derive(Clone, Debug, PartialEq)]
pub struct AddressMeters {
    /// Accounts Система «Город» bills: «отправить» here.
    pub gorod: Vec<MeterCard>,
    /// Third-party accounts: readings only with a payment.
    pub third_party: Vec<MeterCard>,
    /// Today in the service area (for the window warning).
    pub today: NaiveDate,
}

/// How one reading sent without payment ended, as far as this phone knows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum QueuedOutcome {
    /// The server accepted it.
    Sent { reading_id: String, value: Decimal },
    /// No connection (or maintenance): kept in the queue, sent automatically later.
    Queued { message: String },
    /// The server refused it; the message is Russian and fit for the person.
    Refused { message: String },
}

/// One reading sent without payment, as «Отправленные показания» lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QueueRow {
    /// Its idempotency key: a stable key for the list.
    pub key: String,
    pub meter_id: String,
    pub value: Decimal,
    pub state: QueueRowState,
}

/// Where a reading sent without payment stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum QueueRowState {
    /// «в очереди»: sent automatically when the server is back.
    Queued,
    /// «отправлено».
    Sent { reading_id: String },
    /// «отклонено: …», the server's reason in Russian.
    Refused { message: String },
}

impl From<QueueEntry> for QueueRow {
    fn from(e: QueueEntry) -> Self {
        QueueRow {
            key: e.reading.idempotency_key,
            meter_id: e.reading.meter_id.0,
            value: e.reading.value,
            state: match e.state {
                QueueState::Queued => QueueRowState::Queued,
                QueueState::Sent { server_reading_id } => QueueRowState::Sent {
                    reading_id: server_reading_id,
                },
                QueueState::Refused { message } => QueueRowState::Refused { message },
            },
        }
    }
}

/// Keys being sent right now in this process: a reading is never sent twice at the same time
/// (keys are UUIDs, so one set serves every [`Ofis`]).
static IN_FLIGHT: Mutex<BTreeSet<String>> = Mutex::new(BTreeSet::new());

/// A claim on a key in [`IN_FLIGHT`], released when dropped.
struct Claim(String);

impl Claim {
    fn take(key: &str) -> Option<Claim> {
        let mut set = IN_FLIGHT.lock().unwrap_or_else(|p| p.into_inner());
        set.insert(key.to_string()).then(|| Claim(key.to_string()))
    }
}

impl Drop for Claim {
    fn drop(&mut self) {
        IN_FLIGHT
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .remove(&self.0);
    }
}

impl Ofis {
    /// The meters of the metered lines of a saved address in the общий счёт.
    #[instrument(skip(self))]
    pub async fn address_meters(&self, address_id: &str) -> Result<AddressMeters, CoreError> {
        let accounts = self.read().basket().metered_accounts_at(address_id);
        let today = self.today();
        let (mut gorod, mut third_party) = (Vec::new(), Vec::new());
        let mut seen = BTreeSet::new();
        for (account, provider) in accounts {
            for meter in self.inner.gorod.meters(&account, Some(&provider)).await? {
                if !seen.insert(meter.id.clone()) {
                    continue;
                }
                let card = MeterCard::new(&meter, today);
                if meter.billed_by_gorod {
                    gorod.push(card);
                } else {
                    third_party.push(card);
                }
            }
        }
        Ok(AddressMeters {
            gorod,
            third_party,
            today,
        })
    }

    /// «отправить»: checks the reading, queues it under a new key, and sends it. A third-party
    /// meter is refused here: its readings go only with a payment.
    #[instrument(skip(self, meter, typed), fields(meter = %meter.id))]
    pub async fn send_reading(
        &self,
        meter: &MeterCard,
        typed: &str,
        confirmed: bool,
    ) -> Result<QueuedOutcome, CoreError> {
        if !meter.billed_by_gorod {
            return Err(CoreError::OnlyWithPayment(meter.id.clone()));
        }
        let mut ctx = ReadingContext::without_payment(self.today());
        if confirmed {
            ctx = ctx.rollover_confirmed().high_consumption_confirmed();
        }
        let valid =
            validate_reading(meter.meter(), typed, ctx).map_err(|error| CoreError::Reading {
                meter_id: meter.id.clone(),
                error,
            })?;
        let reading = QueuedReading {
            idempotency_key: uuid::Uuid::new_v4().to_string(),
            meter_id: valid.meter_id,
            value: valid.value,
            queued_at: self.inner.clock.now(),
        };
        // Claimed before it is visible in the queue, so a flush running now leaves it to us.
        let claim = Claim::take(&reading.idempotency_key);
        let (queued, this) = (reading.clone(), self.clone());
        self.inner
            .db
            .run(move |s| {
                s.queue_reading(&queued)?;
                show_queue(&this, s).map(drop)
            })
            .await?;
        let outcome = self.deliver(&reading).await?;
        drop(claim);
        if !matches!(outcome, QueuedOutcome::Queued { .. }) {
            // The server is reachable: whatever waited in the queue goes now too.
            if let Err(e) = self.flush_reading_queue().await {
                warn!(error = %e, "flushing the reading queue failed");
            }
        }
        Ok(outcome)
    }

    /// Sends every queued reading under its own key (so each arrives exactly once); stops at the
    /// first one the network refuses. Returns how many were accepted.
    #[instrument(skip(self))]
    pub async fn flush_reading_queue(&self) -> Result<usize, CoreError> {
        if !self.is_signed_in() {
            return Ok(0);
        }
        let queued = self.inner.db.run(|s| s.queued_readings()).await?;
        let mut sent = 0;
        for reading in queued {
            let Some(_claim) = Claim::take(&reading.idempotency_key) else {
                continue;
            };
            // Settled by another send between the listing and the claim?
            let key = reading.idempotency_key.clone();
            let still = self
                .inner
                .db
                .run(move |s| {
                    Ok(s.queued_readings()?
                        .iter()
                        .any(|r| r.idempotency_key == key))
                })
                .await?;
            if !still {
                continue;
            }
            match self.deliver(&reading).await? {
                QueuedOutcome::Sent { .. } => sent += 1,
                QueuedOutcome::Queued { .. } => break,
                QueuedOutcome::Refused { .. } => {}
            }
        }
        if sent > 0 {
            info!(sent, "queued readings sent");
        }
        Ok(sent)
    }

    /// Every reading sent without payment with its state, oldest first (as the snapshot shows).
    pub async fn reading_queue(&self) -> Result<Vec<QueueRow>, CoreError> {
        let this = self.clone();
        self.inner.db.run(move |s| show_queue(&this, s)).await
    }

    /// «История показаний» of a meter: its accepted readings (from the server) and its
    /// consumption by month.
    pub async fn meter_history(&self, meter: &MeterCard) -> Result<MeterHistory, CoreError> {
        let readings = self.inner.gorod.meter_readings(&meter.id).await?;
        Ok(MeterHistory::of(meter, &readings))
    }

    /// «Пора передать показания: с 15 по 25 число» while the recommended window is open and a
    /// saved address has metered lines.
    pub fn reading_reminder(&self) -> Option<String> {
        if !RECOMMENDED_WINDOW.contains(self.today()) {
            return None;
        }
        let metered = self.read().basket().has_metered_saved_address();
        metered.then(|| format!("Пора передать показания: {}", RECOMMENDED_WINDOW.label_ru()))
    }

    /// Puts the reminder into the in-app notifications, once a month. Returns it when it is due.
    pub async fn remind_readings(&self) -> Result<Option<String>, CoreError> {
        let Some(text) = self.reading_reminder() else {
            return Ok(None);
        };
        let period = Period::of(self.today()).to_string();
        let first_time = self
            .inner
            .db
            .run(move |s| {
                if s.get_setting(REMINDER_SETTING)?.as_deref() == Some(period.as_str()) {
                    return Ok(false);
                }
                s.set_setting(REMINDER_SETTING, &period)?;
                Ok(true)
            })
            .await?;
        if first_time {
            self.change().notices_mut().add(text.clone());
            self.notify_os("Показания счётчиков", &text);
        }
        Ok(Some(text))
    }

    /// Sends one queued reading and settles it unless the network failed.
    async fn deliver(&self, reading: &QueuedReading) -> Result<QueuedOutcome, CoreError> {
        let key = reading.idempotency_key.clone();
        let answer = self
            .inner
            .gorod
            .submit_reading(reading.meter_id.as_str(), reading.value, &key)
            .await;
        match answer {
            Ok(dto) => {
                let (id, this) = (dto.id.clone(), self.clone());
                self.inner
                    .db
                    .run(move |s| {
                        s.mark_reading_sent(&key, &id)?;
                        show_queue(&this, s).map(drop)
                    })
                    .await?;
                Ok(QueuedOutcome::Sent {
                    reading_id: dto.id,
                    value: dto.value,
                })
            }
            Err(e) if e.is_retryable() || matches!(e, ClientError::Unauthorized) => {
                warn!(error = %e, key, "reading left in the queue");
                Ok(QueuedOutcome::Queued {
                    message: QUEUED_OFFLINE.to_string(),
                })
            }
            Err(e) => {
                let message = refusal(&e);
                let (m, this) = (message.clone(), self.clone());
                self.inner
                    .db
                    .run(move |s| {
                        s.mark_reading_refused(&key, &m)?;
                        show_queue(&this, s).map(drop)
                    })
                    .await?;
                Ok(QueuedOutcome::Refused { message })
            }
        }
    }
}

/// The queue as the store has it now, shown in the snapshot too. Called under the store's lock
/// right after each change of the queue, so the snapshot's copy never lags behind the store nor
/// goes back to an older one.
fn show_queue(ofis: &Ofis, store: &Store) -> Result<Vec<QueueRow>, StoreError> {
    let rows: Vec<QueueRow> = store
        .reading_queue_recent(QUEUE_SHOWN_SETTLED)?
        .into_iter()
        .map(QueueRow::from)
        .collect();
    ofis.change().queue_mut().reloaded(rows.clone());
    Ok(rows)
}

/// The Russian reason kept with a refused reading.
fn refusal(e: &ClientError) -> String {
    match e {
        ClientError::Validation { message, .. } if !message.is_empty() => message.clone(),
        ClientError::NotFound(_) => "Счётчик не найден".into(),
        ClientError::IdempotencyMismatch => "Показание уже передавалось с другим значением".into(),
        ClientError::ReadingsRequired(m) if !m.is_empty() => m.clone(),
        _ => "Сервер не принял показание".into(),
    }
}
