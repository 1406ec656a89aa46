//! «Предварительная запись»: offices, topics, the slot calendar, booking, «Мои записи», cancel,
//! reschedule, the `.ics` of a booking, the waitlist.

use chrono::{NaiveDate, NaiveDateTime};
use ofis_api::office::paths;
use ofis_api::{
    BookingDto, CreateBooking, CreateWaitlistEntry, OfficeDto, RescheduleBooking, SlotDayDto,
    SlotDto, SlotTaken, TopicDto, WaitlistEntryDto,
};
use tracing::instrument;

use crate::error::ClientError;
use crate::gorod::GorodClient;

/// What became of a request to book (or move a booking to) a slot.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BookingOutcome {
    Booked(Box<BookingDto>),
    /// The slot filled up meanwhile: the server's message and the next free slots it offers.
    SlotTaken {
        message: String,
        next_free: Vec<SlotDto>,
    },
}

impl GorodClient {
    /// The subscriber offices that take visitors by appointment (no sign-in needed).
    #[instrument(skip(self), err)]
    pub async fn offices(&self) -> Result<Vec<OfficeDto>, ClientError> {
        self.http
            .send_json(self.http.get(self.url(paths::OFFICES)))
            .await
    }

    /// The topics of a visit, each with the documents to bring (no sign-in needed).
    #[instrument(skip(self), err)]
    pub async fn office_topics(&self) -> Result<Vec<TopicDto>, ClientError> {
        self.http
            .send_json(self.http.get(self.url(paths::TOPICS)))
            .await
    }

    /// An office's days from `from` to `to` (two weeks from today when both are `None`) with
    /// the slots still ahead and the places left in each.
    #[instrument(skip(self), err)]
    pub async fn office_slots(
        &self,
        office_id: &str,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
    ) -> Result<Vec<SlotDayDto>, ClientError> {
        let query: Vec<_> = [("from", from), ("to", to)]
            .into_iter()
            .filter_map(|(k, v)| v.map(|d| (k, d.to_string())))
            .collect();
        let req = self
            .http
            .get(self.url(&paths::slots(office_id)))
            .query(&query);
        self.http.send_json(req).await
    }

    /// Books a slot under an idempotency key stored beforehand (a resend gets the same
    /// booking); a slot full by now is [`BookingOutcome::SlotTaken`] with the next free ones.
    #[instrument(skip(self), err)]
    pub async fn book_office_visit(
        &self,
        request: &CreateBooking,
        idempotency_key: &str,
    ) -> Result<BookingOutcome, ClientError> {
        let req = self
            .http
            .post(self.url(paths::BOOKINGS))
            .header(ofis_api::paths::IDEMPOTENCY_KEY, idempotency_key)
            .json(request);
        self.booking_answer(req).await
    }

    /// Moves a booking to another slot of its office; a full slot is
    /// [`BookingOutcome::SlotTaken`].
    #[instrument(skip(self), err)]
    pub async fn reschedule_booking(
        &self,
        booking_id: &str,
        starts_at: NaiveDateTime,
    ) -> Result<BookingOutcome, ClientError> {
        let req = self
            .http
            .post(self.url(&paths::booking_reschedule(booking_id)))
            .json(&RescheduleBooking { starts_at });
        self.booking_answer(req).await
    }

    /// Sends a booking request signed in (renewing the session once on a 401) and reads the
    /// answer: the booking, or the 409 of a full slot with the next free slots, which the usual
    /// error mapping would drop.
    async fn booking_answer(
        &self,
        req: reqwest::RequestBuilder,
    ) -> Result<BookingOutcome, ClientError> {
        let again = req.try_clone();
        let token = self.access_token().ok_or(ClientError::Unauthorized)?;
        match booking_exchange(req.bearer_auth(token)).await {
            Err(ClientError::Unauthorized) => {
                let again = again.ok_or(ClientError::Unauthorized)?;
                self.renew_session().await?;
                let token = self.access_token().ok_or(ClientError::Unauthorized)?;
                booking_exchange(again.bearer_auth(token)).await
            }
            other => other,
        }
    }

    /// «Мои записи»: the coming bookings first, then the past and cancelled ones.
    #[instrument(skip(self), err)]
    pub async fn bookings(&self) -> Result<Vec<BookingDto>, ClientError> {
        self.send_authed(self.http.get(self.url(paths::BOOKINGS)))
            .await
    }

    /// Cancels a booking (cancelling again gets the same answer).
    #[instrument(skip(self), err)]
    pub async fn cancel_booking(&self, booking_id: &str) -> Result<BookingDto, ClientError> {
        let req = self.http.post(self.url(&paths::booking_cancel(booking_id)));
        self.send_authed(req).await
    }

    /// The booking as an iCalendar file (`text/calendar`, RFC 5545), to add to a calendar.
    #[instrument(skip(self), err)]
    pub async fn booking_ics(&self, booking_id: &str) -> Result<String, ClientError> {
        let req = self.http.get(self.url(&paths::booking_ics(booking_id)));
        let raw = self.send_authed_raw(req).await?;
        let declared = raw.content_type.unwrap_or_default();
        if !declared.starts_with("text/calendar") {
            return Err(ClientError::Decode(format!("not a calendar: {declared}")));
        }
        String::from_utf8(raw.body).map_err(|e| ClientError::Decode(e.to_string()))
    }

    /// Asks to be told when an office's slot earlier than `before` frees up.
    #[instrument(skip(self), err)]
    pub async fn join_waitlist(
        &self,
        request: &CreateWaitlistEntry,
    ) -> Result<WaitlistEntryDto, ClientError> {
        let req = self.http.post(self.url(paths::WAITLIST)).json(request);
        self.send_authed(req).await
    }

    /// The person's waitlist entries: waiting, or notified with the slot that freed up.
    #[instrument(skip(self), err)]
    pub async fn waitlist(&self) -> Result<Vec<WaitlistEntryDto>, ClientError> {
        self.send_authed(self.http.get(self.url(paths::WAITLIST)))
            .await
    }
}

/// The most of a booking answer read (a booking or a refusal is a few KiB).
const MAX_BOOKING_ANSWER: usize = 256 * 1024;

/// One booking request and its answer, mapped as every answer is except for the 409 of a full
/// slot.
async fn booking_exchange(req: reqwest::RequestBuilder) -> Result<BookingOutcome, ClientError> {
    let mut resp = req.send().await?;
    let status = resp.status();
    if status.is_redirection() {
        return Err(ClientError::Redirect {
            status: status.as_u16(),
        });
    }
    let mut body = Vec::new();
    while let Some(chunk) = resp.chunk().await? {
        if body.len() + chunk.len() > MAX_BOOKING_ANSWER {
            return Err(ClientError::TooLarge {
                limit: MAX_BOOKING_ANSWER,
            });
        }
        body.extend_from_slice(&chunk);
    }
    if status.is_success() {
        let booking: BookingDto =
            serde_json::from_slice(&body).map_err(|e| ClientError::Decode(e.to_string()))?;
        return Ok(BookingOutcome::Booked(Box::new(booking)));
    }
    if status == reqwest::StatusCode::CONFLICT {
        if let Ok(taken) = serde_json::from_slice::<SlotTaken>(&body) {
            return Ok(BookingOutcome::SlotTaken {
                message: taken.message,
                next_free: taken.next_free,
            });
        }
    }
    Err(ClientError::from_response(status.as_u16(), &body))
}
