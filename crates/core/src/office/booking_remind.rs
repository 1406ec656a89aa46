//! The reminder the day before a visit: the coming visits are kept in the store's settings
//! whenever the bookings are read, booked, moved or cancelled; [`Ofis::check_booking_reminders`]
//! (on start and on the Shell's once-a-minute tick) reads only them, and sends each visit's
//! reminder once — remembered in the settings too. A waitlist entry told of a freed slot becomes
//! a notification once as well.

use std::collections::BTreeSet;

use chrono::NaiveDateTime;
use ofis_api::{BookingDto, BookingStatus};
use serde::{de::DeserializeOwned, Deserialize, Serialize};
use tracing::instrument;

use super::booking_view::{moment_label, WaitlistRow};
use crate::app::Ofis;
use crate::error::CoreError;

/// The coming visits, for their reminders.
const VISITS_SETTING: &str = "office.booking.visits";
/// The ids of the visits reminded of.
const REMINDED_SETTING: &str = "office.booking.reminded";
/// The ids of the waitlist entries whose freed slot was told.
const TOLD_SETTING: &str = "office.booking.waitlist_told";
/// Whether a waitlist entry still waits to be told: only then does the background ask.
const WAITING_SETTING: &str = "office.booking.waitlist_waiting";
/// The notification centre's title.
const TITLE: &str = "Предварительная запись";

/// A coming visit as kept for its reminder.
#[derive(Clone, Serialize, Deserialize)]
struct KeptVisit {
    id: String,
    starts_at: NaiveDateTime,
    office: String,
    address: String,
    topic: String,
}

/// The reminder of a visit if it is due at `now` (local): from the day before until it starts.
fn due_text(v: &KeptVisit, now: NaiveDateTime) -> Option<String> {
    if v.starts_at <= now {
        return None;
    }
    let days = (v.starts_at.date() - now.date()).num_days();
    let when = match days {
        0 => "Сегодня",
        1 => "Завтра",
        _ => return None,
    };
    Some(format!(
        "{when} в {} — приём в «{}» ({}): {}. Не забудьте документы.",
        v.starts_at.format("%H:%M"),
        v.office,
        v.address,
        v.topic
    ))
}

impl Ofis {
    async fn read_json<T: DeserializeOwned + Default>(
        &self,
        key: &'static str,
    ) -> Result<T, CoreError> {
        let json = self.inner.db.run(move |s| s.get_setting(key)).await?;
        let Some(json) = json else {
            return Ok(T::default());
        };
        // Written by this app only; unreadable (an older shape), it starts afresh — said in the log.
        Ok(serde_json::from_str(&json).unwrap_or_else(|e| {
            tracing::warn!(key, error = %e, "booking setting unreadable: starting afresh");
            T::default()
        }))
    }

    async fn write_json<T: Serialize>(
        &self,
        key: &'static str,
        value: &T,
    ) -> Result<(), CoreError> {
        let json = serde_json::to_string(value).map_err(|e| CoreError::Task(e.to_string()))?;
        self.inner.db.run(move |s| s.set_setting(key, &json)).await
    }

    /// A notification: in the app's list and in the notification centre.
    fn say(&self, text: String) {
        self.notify_os(TITLE, &text);
        self.change().notices_mut().add(text);
    }

    /// Keeps the active bookings of `all` for their reminders.
    pub(crate) async fn keep_visits(&self, all: &[BookingDto]) -> Result<(), CoreError> {
        let visits: Vec<KeptVisit> = all
            .iter()
            .filter(|b| b.status == BookingStatus::Active)
            .map(|b| KeptVisit {
                id: b.id.clone(),
                starts_at: b.starts_at,
                office: b.office.name.clone(),
                address: b.office.address.clone(),
                topic: b.topic.name.clone(),
            })
            .collect();
        self.write_json(VISITS_SETTING, &visits).await
    }

    /// Reads the bookings from the server and keeps the active ones.
    pub(crate) async fn keep_visits_from_server(&self) -> Result<(), CoreError> {
        let all = self.inner.gorod.bookings().await?;
        self.keep_visits(&all).await
    }

    /// A moved visit is reminded of again for its new day.
    pub(crate) async fn forget_reminder(&self, booking_id: &str) -> Result<(), CoreError> {
        let mut reminded: BTreeSet<String> = self.read_json(REMINDED_SETTING).await?;
        if reminded.remove(booking_id) {
            self.write_json(REMINDED_SETTING, &reminded).await?;
        }
        Ok(())
    }

    /// Every waitlist entry newly told of a freed slot becomes a notification, once.
    pub(crate) async fn tell_freed_slots(&self, rows: &[WaitlistRow]) -> Result<(), CoreError> {
        let mut told: BTreeSet<String> = self.read_json(TOLD_SETTING).await?;
        let mut changed = false;
        for row in rows {
            let Some(freed) = row.freed else { continue };
            if told.insert(row.id.clone()) {
                changed = true;
                let text = format!(
                    "Освободилось время: {} в «{}» ({}). Запишитесь, пока его не заняли.",
                    moment_label(freed),
                    row.office,
                    row.topic
                );
                self.say(text);
            }
        }
        if changed {
            self.write_json(TOLD_SETTING, &told).await?;
        }
        Ok(())
    }

    /// Sends the reminders of the kept visits that are due (tomorrow's or today's still
    /// ahead), each once. Asks nothing of the server.
    #[instrument(skip(self))]
    pub async fn check_booking_reminders(&self) -> Result<(), CoreError> {
        let visits: Vec<KeptVisit> = self.read_json(VISITS_SETTING).await?;
        let mut reminded: BTreeSet<String> = self.read_json(REMINDED_SETTING).await?;
        let before = reminded.len();
        // Visits cancelled or gone no longer need remembering.
        reminded.retain(|id| visits.iter().any(|v| &v.id == id));
        let mut changed = reminded.len() != before;
        let now = self
            .inner
            .clock
            .now()
            .with_timezone(&ofis_domain::tz::offset())
            .naive_local();
        for v in &visits {
            if reminded.contains(&v.id) {
                continue;
            }
            if let Some(text) = due_text(v, now) {
                reminded.insert(v.id.clone());
                changed = true;
                self.say(text);
            }
        }
        if changed {
            self.write_json(REMINDED_SETTING, &reminded).await?;
        }
        Ok(())
    }

    /// Remembers whether any entry of the waitlist still waits for a freed slot.
    pub(crate) async fn keep_waiting(&self, rows: &[WaitlistRow]) -> Result<(), CoreError> {
        let waiting = rows.iter().any(|r| r.freed.is_none());
        self.write_json(WAITING_SETTING, &waiting).await
    }

    /// In the background: while a waitlist entry waits, asks the server whether its slot
    /// freed up and tells it once; with nothing waiting, asks nothing.
    #[instrument(skip(self))]
    pub async fn check_waitlist(&self) -> Result<(), CoreError> {
        let waiting: bool = self.read_json(WAITING_SETTING).await?;
        if !waiting || !self.is_signed_in() {
            return Ok(());
        }
        let rows = self.waitlist_rows().await?;
        self.tell_freed_slots(&rows).await?;
        self.keep_waiting(&rows).await
    }

    /// On start: the bookings read from the server (made on another device too) and the
    /// reminders checked; signed out, nothing is asked.
    #[instrument(skip(self))]
    pub async fn booking_reminders_on_start(&self) -> Result<(), CoreError> {
        if self.is_signed_in() {
            self.keep_visits_from_server().await?;
        }
        self.check_booking_reminders().await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn visit(at: &str) -> KeptVisit {
        KeptVisit {
            id: "b1".into(),
            starts_at: NaiveDateTime::parse_from_str(at, "%Y-%m-%dT%H:%M").unwrap(),
            office: "Абонентский отдел".into(),
            address: "пр-т Победы, 118".into(),
            topic: "Задолженность".into(),
        }
    }

    fn at(text: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M").unwrap()
    }

    #[test]
    fn due_from_the_day_before_until_the_visit() {
        let v = visit("2026-12-04T09:00");
        assert_eq!(due_text(&v, at("2026-12-02T23:59")), None);
        let eve = due_text(&v, at("2026-12-03T00:00")).unwrap();
        assert!(eve.starts_with("Завтра в 09:00"), "{eve}");
        let day = due_text(&v, at("2026-12-04T08:59")).unwrap();
        assert!(day.starts_with("Сегодня в 09:00"), "{day}");
        assert_eq!(due_text(&v, at("2026-12-04T09:00")), None);
    }
}
