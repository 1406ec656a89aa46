//! Favourite stops, kept in SQLite (listed on the «Транспорт» home, shown offline from the kept
//! feed), and «Напомнить»: a notification N minutes before a chosen bus reaches a favourite stop,
//! by the live prediction when the feed is live and by the schedule otherwise. A reminder is
//! checked whenever a stop's arrivals are refreshed and by [`Ofis::check_transport_reminders`]
//! (the screens call it at most once a minute); nothing waits in the background.

use std::collections::HashSet;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use ofis_domain::transport::{Arrival, ArrivalStatus, FeedState, Timetable};
use ofis_store::KeptReminder;
use tracing::instrument;

use super::network::{local_hm, LiveView, StopRow};
use crate::app::Ofis;
use crate::error::CoreError;

/// «Напомнить» by default: this many minutes before the bus arrives.
pub const REMINDER_MINUTES: u32 = 5;
/// The notification centre's title of a reminder.
const REMINDER_TITLE: &str = "Транспорт";

impl Ofis {
    pub(crate) async fn favourite_ids(&self) -> Result<HashSet<String>, CoreError> {
        let kept = self.inner.db.run(|s| s.favourite_stops()).await?;
        Ok(kept.into_iter().map(|(id, _)| id).collect())
    }

    /// The favourite stops, in the order added (from the device: no server needed).
    #[instrument(skip(self))]
    pub async fn favourite_stops(&self) -> Result<Vec<StopRow>, CoreError> {
        let kept = self.inner.db.run(|s| s.favourite_stops()).await?;
        Ok(kept
            .into_iter()
            .map(|(id, name)| StopRow {
                id,
                name,
                favourite: true,
            })
            .collect())
    }

    /// «★»: keeps the stop as a favourite (`true`) or no longer (`false`, its reminders go too).
    #[instrument(skip(self))]
    pub async fn set_favourite_stop(
        &self,
        stop_id: &str,
        favourite: bool,
    ) -> Result<(), CoreError> {
        let id = stop_id.to_string();
        if !favourite {
            return self
                .inner
                .db
                .run(move |s| s.remove_favourite_stop(&id))
                .await;
        }
        let timetable = self.timetable().await?;
        let stop = timetable
            .stop(stop_id)
            .ok_or_else(|| ofis_client::ClientError::NotFound("Такой остановки нет.".into()))?;
        let name = stop.name.clone();
        self.inner
            .db
            .run(move |s| s.add_favourite_stop(&id, &name))
            .await
    }

    /// «Напомнить»: a notification `minutes` before this trip reaches the stop; `None` removes
    /// the reminder.
    #[instrument(skip(self))]
    pub async fn remind_before(
        &self,
        stop_id: &str,
        trip_id: &str,
        service_day: NaiveDate,
        minutes: Option<u32>,
    ) -> Result<(), CoreError> {
        let (stop, trip) = (stop_id.to_string(), trip_id.to_string());
        match minutes {
            Some(minutes_before) => {
                let reminder = KeptReminder {
                    stop_id: stop,
                    trip_id: trip,
                    service_day,
                    minutes_before: minutes_before.min(120),
                };
                self.inner.db.run(move |s| s.save_reminder(&reminder)).await
            }
            None => {
                self.inner
                    .db
                    .run(move |s| s.remove_reminder(&stop, &trip, service_day))
                    .await
            }
        }
    }

    /// Sends the reminders that are due (for the screens' once-a-minute tick). Asks the live feed
    /// only when a reminder is set.
    #[instrument(skip(self))]
    pub async fn check_transport_reminders(&self) -> Result<(), CoreError> {
        if self.inner.db.run(|s| s.reminders()).await?.is_empty() {
            return Ok(());
        }
        let timetable = self.timetable().await?;
        let now = self.inner.clock.now();
        let live = self.live_view(now).await;
        self.send_due_reminders(&timetable, &live, now).await
    }

    /// Every reminder whose bus is due within its minutes (or cancelled) becomes a notification,
    /// once; one whose bus has gone or left the timetable is dropped.
    pub(crate) async fn send_due_reminders(
        &self,
        timetable: &Timetable,
        live: &LiveView,
        now: DateTime<Utc>,
    ) -> Result<(), CoreError> {
        let reminders = self.inner.db.run(|s| s.reminders()).await?;
        for r in reminders {
            let departure = timetable
                .departures(&r.stop_id, r.service_day)
                .into_iter()
                .find(|d| d.trip_id == r.trip_id);
            let due = departure.map_or(Due::Drop, |d| {
                let trip = (live.state == FeedState::Live)
                    .then(|| live.feed.trips.get(&r.trip_id).copied())
                    .flatten();
                reminder_state(timetable, &Arrival::of(d, trip), r.minutes_before, now)
            });
            match due {
                Due::NotYet => continue,
                Due::Drop => {}
                Due::Send(text) => {
                    self.change().notices_mut().add(text.clone());
                    self.notify_os(REMINDER_TITLE, &text);
                }
            }
            let (stop, trip, day) = (r.stop_id, r.trip_id, r.service_day);
            self.inner
                .db
                .run(move |s| s.remove_reminder(&stop, &trip, day))
                .await?;
        }
        Ok(())
    }
}

/// What becomes of a reminder at a moment.
enum Due {
    NotYet,
    /// The bus has gone (or the trip is no longer in the timetable): dropped without a word.
    Drop,
    /// The notification to send, then the reminder is done.
    Send(String),
}

fn reminder_state(
    timetable: &Timetable,
    a: &Arrival,
    minutes_before: u32,
    now: DateTime<Utc>,
) -> Due {
    let stop = timetable
        .stop(&a.departure.stop_id)
        .map_or(a.departure.stop_id.as_str(), |s| s.name.as_str());
    let bus = format!(
        "Маршрут {} («{}»)",
        a.departure.route_name, a.departure.headsign
    );
    if a.status == ArrivalStatus::Cancelled {
        return Due::Send(format!(
            "{bus}, {} на остановке «{stop}»: рейс отменён",
            local_hm(a.departure.scheduled)
        ));
    }
    if a.predicted < now {
        return Due::Drop;
    }
    if a.predicted - Duration::minutes(minutes_before.into()) > now {
        return Due::NotYet;
    }
    let left = (a.predicted - now).num_minutes();
    let by = if a.status == ArrivalStatus::Scheduled {
        "по расписанию"
    } else {
        "по данным о движении"
    };
    Due::Send(format!(
        "{bus} будет на остановке «{stop}» через {left} мин, в {} ({by})",
        local_hm(a.predicted)
    ))
}
