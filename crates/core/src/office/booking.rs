//! «Предварительная запись»: an office, a topic (with the documents to bring), a day and a free
//! slot; «Мои записи» with «Отменить» and «Перенести»; a slot taken meanwhile answered with the
//! next free slots; the `.ics` of a booking; «Сообщить, если освободится раньше» (the waitlist).
//!
//! A booking is sent under an idempotency key kept in the store's settings before the first
//! send: asked again after a lost answer, the same request books once.

use chrono::NaiveDateTime;
use ofis_api::{CreateBooking, CreateWaitlistEntry};
use serde::{Deserialize, Serialize};
use tracing::instrument;

use super::booking_view::{
    answer, booking, office, slot_day, topic, waitlist_row, Booking, BookingAnswer, BookingForm,
    MyBookings, SlotDay, WaitlistRow,
};
use crate::app::Ofis;
use crate::error::CoreError;

/// The setting that keeps the booking being sent and its idempotency key.
const PENDING_SETTING: &str = "office.booking.pending";

/// The booking being sent, kept with its key until the server answers.
#[derive(Serialize, Deserialize, PartialEq, Eq)]
struct Pending {
    office_id: String,
    topic_id: String,
    starts_at: NaiveDateTime,
    key: String,
}

impl Ofis {
    /// The offices and the topics (no sign-in needed).
    #[instrument(skip(self))]
    pub async fn booking_form(&self) -> Result<BookingForm, CoreError> {
        let offices = self.inner.gorod.offices().await?;
        let topics = self.inner.gorod.office_topics().await?;
        Ok(BookingForm {
            offices: offices.into_iter().map(office).collect(),
            topics: topics.into_iter().map(topic).collect(),
        })
    }

    /// An office's next two weeks: each day's free slots, or why there are none.
    #[instrument(skip(self))]
    pub async fn booking_days(&self, office_id: &str) -> Result<Vec<SlotDay>, CoreError> {
        let days = self.inner.gorod.office_slots(office_id, None, None).await?;
        Ok(days.into_iter().map(slot_day).collect())
    }

    /// «Записаться»: books the slot once (the key kept before the first send is used again
    /// for the same request after a lost answer); a slot full by now is
    /// [`BookingAnswer::SlotTaken`] with the next free ones.
    #[instrument(skip(self))]
    pub async fn book_visit(
        &self,
        office_id: &str,
        topic_id: &str,
        starts_at: NaiveDateTime,
    ) -> Result<BookingAnswer, CoreError> {
        let key = self.pending_key(office_id, topic_id, starts_at).await?;
        let request = CreateBooking {
            office_id: office_id.to_string(),
            topic_id: topic_id.to_string(),
            starts_at,
        };
        let outcome = self.inner.gorod.book_office_visit(&request, &key).await?;
        self.inner
            .db
            .run(|s| s.remove_setting(PENDING_SETTING))
            .await?;
        let answer = answer(outcome);
        if matches!(answer, BookingAnswer::Booked(_)) {
            self.keep_visits_quietly().await;
        }
        Ok(answer)
    }

    /// Keeps the coming visits for their reminders after a change; the change stands even
    /// when the list cannot be read now (it is read again on the next start).
    async fn keep_visits_quietly(&self) {
        if let Err(e) = self.keep_visits_from_server().await {
            tracing::warn!(error = %e, "coming visits not kept for their reminders");
        }
    }

    /// The key of this booking request: the kept one when the same request waits for an
    /// answer, else a new one, kept before it is sent.
    async fn pending_key(
        &self,
        office_id: &str,
        topic_id: &str,
        starts_at: NaiveDateTime,
    ) -> Result<String, CoreError> {
        let kept = self
            .inner
            .db
            .run(|s| s.get_setting(PENDING_SETTING))
            .await?;
        let kept: Option<Pending> = kept.and_then(|j| serde_json::from_str(&j).ok());
        if let Some(p) = kept.filter(|p| {
            p.office_id == office_id && p.topic_id == topic_id && p.starts_at == starts_at
        }) {
            return Ok(p.key);
        }
        let pending = Pending {
            office_id: office_id.to_string(),
            topic_id: topic_id.to_string(),
            starts_at,
            key: uuid::Uuid::new_v4().to_string(),
        };
        let json = serde_json::to_string(&pending).map_err(|e| CoreError::Task(e.to_string()))?;
        self.inner
            .db
            .run(move |s| s.set_setting(PENDING_SETTING, &json))
            .await?;
        Ok(pending.key)
    }

    /// «Мои записи» with the waitlist; the coming visits are kept for their reminders, and a
    /// waitlist entry newly told of a freed slot becomes a notification.
    #[instrument(skip(self))]
    pub async fn my_bookings(&self) -> Result<MyBookings, CoreError> {
        let all = self.inner.gorod.bookings().await?;
        self.keep_visits(&all).await?;
        let (coming, past): (Vec<Booking>, Vec<Booking>) =
            all.into_iter().map(booking).partition(|b| b.coming);
        let waitlist = self.waitlist_rows().await?;
        self.tell_freed_slots(&waitlist).await?;
        self.keep_waiting(&waitlist).await?;
        Ok(MyBookings {
            coming,
            past,
            waitlist,
        })
    }

    /// «Отменить»: the place is freed (cancelling again gets the same answer).
    #[instrument(skip(self))]
    pub async fn cancel_visit(&self, booking_id: &str) -> Result<Booking, CoreError> {
        let cancelled = self.inner.gorod.cancel_booking(booking_id).await?;
        self.keep_visits_quietly().await;
        Ok(booking(cancelled))
    }

    /// «Перенести» to another slot of the same office; a full slot is
    /// [`BookingAnswer::SlotTaken`].
    #[instrument(skip(self))]
    pub async fn reschedule_visit(
        &self,
        booking_id: &str,
        starts_at: NaiveDateTime,
    ) -> Result<BookingAnswer, CoreError> {
        let outcome = self
            .inner
            .gorod
            .reschedule_booking(booking_id, starts_at)
            .await?;
        let answer = answer(outcome);
        if let BookingAnswer::Booked(b) = &answer {
            self.forget_reminder(&b.id).await?;
            self.keep_visits_quietly().await;
        }
        Ok(answer)
    }

    /// One booking of «Мои записи» (to move it).
    #[instrument(skip(self))]
    pub async fn my_booking(&self, booking_id: &str) -> Result<Booking, CoreError> {
        let all = self.inner.gorod.bookings().await?;
        all.into_iter()
            .find(|b| b.id == booking_id)
            .map(booking)
            .ok_or_else(|| ofis_client::ClientError::NotFound("Такой записи нет.".into()).into())
    }

    /// «Добавить в календарь»: the booking as an iCalendar text (`text/calendar`).
    #[instrument(skip(self))]
    pub async fn booking_ics(&self, booking_id: &str) -> Result<String, CoreError> {
        Ok(self.inner.gorod.booking_ics(booking_id).await?)
    }

    /// «Сообщить, если освободится раньше»: the office tells when a slot before `before` frees.
    #[instrument(skip(self))]
    pub async fn wait_for_earlier(
        &self,
        office_id: &str,
        topic_id: &str,
        before: NaiveDateTime,
    ) -> Result<WaitlistRow, CoreError> {
        let request = CreateWaitlistEntry {
            office_id: office_id.to_string(),
            topic_id: topic_id.to_string(),
            before,
        };
        let entry = self.inner.gorod.join_waitlist(&request).await?;
        let form = self.booking_form().await?;
        let row = waitlist_row(entry, &form);
        self.keep_waiting(std::slice::from_ref(&row)).await?;
        Ok(row)
    }

    /// The waitlist as «Мои записи» shows it.
    pub(crate) async fn waitlist_rows(&self) -> Result<Vec<WaitlistRow>, CoreError> {
        let entries = self.inner.gorod.waitlist().await?;
        let form = self.booking_form().await?;
        Ok(entries
            .into_iter()
            .map(|w| waitlist_row(w, &form))
            .collect())
    }
}
