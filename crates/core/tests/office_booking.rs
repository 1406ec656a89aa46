//! «Предварительная запись» through core against the sandbox over loopback HTTP: the booking race
//! at `pobedy` (one window: two residents, one place — the second gets the server's words and the
//! next free slots, books one of them, joins the waitlist and hears of the first one's cancel);
//! «Мои записи», the `.ics`, «Перенести», «Отменить»; the reminder the day before, once, across a
//! restart.

mod common {
    pub mod app;
}

use std::sync::{Arc, Mutex};

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, TimeZone, Utc};
use common::app::{open_with, sandbox_on, Setup};
use gorod_sandbox::school::ONE_CHILD_PHONE;
use gorod_sandbox::{RunningSandbox, SMS_CODE};
use ofis_core::{BookingAnswer, Clock, FreeSlot, Ofis};

/// A Wednesday.
fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 2).unwrap()
}

/// A clock the test moves.
#[derive(Clone)]
struct MovingClock(Arc<Mutex<DateTime<Utc>>>);

impl Clock for MovingClock {
    fn now(&self) -> DateTime<Utc> {
        *self.0.lock().unwrap()
    }
}

/// The sandbox and the apps' clock at the same local moment.
struct Town {
    sandbox: RunningSandbox,
    clock: MovingClock,
}

impl Town {
    async fn new() -> Town {
        let start = local(today().and_hms_opt(8, 0, 0).unwrap());
        let town = Town {
            sandbox: sandbox_on(today()).await,
            clock: MovingClock(Arc::new(Mutex::new(start))),
        };
        town.move_to(today().and_hms_opt(8, 0, 0).unwrap());
        town
    }

    /// Moves both clocks to a local time.
    fn move_to(&self, at: NaiveDateTime) {
        *self.clock.0.lock().unwrap() = local(at);
        self.sandbox.state.set_today(at.date());
        self.sandbox.state.set_time_of_day(Some(at.time()));
    }

    /// A resident's app on `dir`, signed in with `phone`.
    async fn resident(&self, dir: &tempfile::TempDir, phone: &str) -> Ofis {
        let ofis = self.open(dir).await;
        ofis.request_code(phone).await.unwrap();
        ofis.sign_in(phone, SMS_CODE).await.unwrap();
        ofis
    }

    async fn open(&self, dir: &tempfile::TempDir) -> Ofis {
        let setup = Setup {
            clock: Arc::new(self.clock.clone()),
            ..Setup::default()
        };
        open_with(&self.sandbox.gorod_url, dir.path(), setup).await
    }
}

fn local(at: NaiveDateTime) -> DateTime<Utc> {
    ofis_domain::tz::offset()
        .from_local_datetime(&at)
        .unwrap()
        .to_utc()
}

async fn free_slots(ofis: &Ofis, office: &str) -> Vec<FreeSlot> {
    let days = ofis.booking_days(office).await.unwrap();
    assert_eq!(days.len(), 14);
    let saturday = days.iter().find(|d| d.day.to_string() == "2026-12-05");
    assert_eq!(
        saturday.and_then(|d| d.unavailable.as_deref()),
        Some("Выходной")
    );
    days.into_iter().flat_map(|d| d.slots).collect()
}

fn booked(answer: BookingAnswer) -> ofis_core::Booking {
    match answer {
        BookingAnswer::Booked(b) => b,
        other => panic!("not booked: {other:?}"),
    }
}

#[tokio::test]
async fn two_residents_one_place_the_second_is_offered_the_next_and_hears_of_the_cancel() {
    let town = Town::new().await;
    let (dir_a, dir_b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let first = town.resident(&dir_a, common::app::PHONE).await;
    let second = town.resident(&dir_b, ONE_CHILD_PHONE).await;
    let form = second.booking_form().await.unwrap();
    assert!(form.offices.iter().any(|o| o.id == "pobedy"));
    assert!(form.topics.iter().any(|t| t.id == "debt"));
    // Both residents see the same last place of a one-window slot.
    let last = free_slots(&second, "pobedy")
        .await
        .into_iter()
        .find(|s| s.places == 1)
        .unwrap();
    let mine = booked(
        first
            .book_visit("pobedy", "debt", last.starts_at)
            .await
            .unwrap(),
    );
    assert_eq!(mine.starts_at, last.starts_at);
    let (message, next_free) = match second
        .book_visit("pobedy", "debt", last.starts_at)
        .await
        .unwrap()
    {
        BookingAnswer::SlotTaken { message, next_free } => (message, next_free),
        other => panic!("{other:?}"),
    };
    assert!(message.contains("уже занято"), "{message}");
    assert_eq!(next_free.len(), 3);
    assert!(next_free.iter().all(|s| s.starts_at > last.starts_at));
    assert!(next_free[0].label.contains(&next_free[0].time));
    let theirs = booked(
        second
            .book_visit("pobedy", "debt", next_free[0].starts_at)
            .await
            .unwrap(),
    );
    assert_eq!(theirs.starts_at, next_free[0].starts_at);

    // «Сообщить, если освободится раньше»: told when the first resident cancels.
    let before = theirs.starts_at;
    let entry = second
        .wait_for_earlier("pobedy", "debt", before)
        .await
        .unwrap();
    assert_eq!(entry.status, "Ждём, когда освободится время");
    assert!(entry.freed.is_none());
    assert!(second.snapshot().notifications.is_empty());
    let cancelled = first.cancel_visit(&mine.id).await.unwrap();
    assert_eq!(
        (cancelled.status.as_str(), cancelled.coming),
        ("Отменена", false)
    );
    // The background check hears of it without «Мои записи» being opened …
    second.check_waitlist().await.unwrap();
    assert_eq!(second.snapshot().notifications.len(), 1);
    let seen = second.my_bookings().await.unwrap();
    assert_eq!(seen.coming.len(), 1);
    assert_eq!(seen.waitlist.len(), 1);
    assert_eq!(seen.waitlist[0].freed, Some(last.starts_at));
    assert!(seen.waitlist[0].status.starts_with("Освободилось время"));
    // … and neither opening it nor the next check says it again; nothing waits any more.
    second.my_bookings().await.unwrap();
    second.check_waitlist().await.unwrap();
    let said = second.snapshot().notifications;
    assert_eq!(said.len(), 1, "once: {said:?}");
    assert!(said[0].contains(&last.label), "{said:?}");
    town.sandbox.shutdown().await;
}

#[tokio::test]
async fn mine_the_ics_move_cancel_and_the_reminder_the_day_before_once() {
    let town = Town::new().await;
    let dir = tempfile::tempdir().unwrap();
    let ofis = town.resident(&dir, common::app::PHONE).await;
    let friday = NaiveDate::from_ymd_opt(2026, 12, 4).unwrap();
    let slots = free_slots(&ofis, "sovetskaya").await;
    let on_friday = slots.iter().find(|s| s.starts_at.date() == friday).unwrap();
    let made = booked(
        ofis.book_visit("sovetskaya", "meter", on_friday.starts_at)
            .await
            .unwrap(),
    );
    assert!(made.documents.iter().any(|d| d == "Паспорт счётчика"));
    assert!(made.when.starts_with("пт, 04.12.2026, "), "{}", made.when);
    let ics = ofis.booking_ics(&made.id).await.unwrap();
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\n"), "{ics}");
    assert!(ics.contains("TRIGGER:-P1D"), "{ics}");

    // Wednesday: not yet. Thursday: «Завтра», once — and once across a restart.
    ofis.check_booking_reminders().await.unwrap();
    assert!(ofis.snapshot().notifications.is_empty());
    town.move_to(
        NaiveDate::from_ymd_opt(2026, 12, 3)
            .unwrap()
            .and_hms_opt(9, 0, 0)
            .unwrap(),
    );
    ofis.check_booking_reminders().await.unwrap();
    ofis.check_booking_reminders().await.unwrap();
    let said = ofis.snapshot().notifications;
    assert_eq!(said.len(), 1, "{said:?}");
    let hm = made.starts_at.format("%H:%M").to_string();
    assert!(said[0].starts_with(&format!("Завтра в {hm}")), "{said:?}");
    drop(ofis);
    let ofis = town.resident(&dir, common::app::PHONE).await;
    ofis.booking_reminders_on_start().await.unwrap();
    assert!(
        ofis.snapshot().notifications.is_empty(),
        "not again after a restart"
    );

    // «Перенести» to next Monday: reminded again on Sunday for the new day.
    let monday = NaiveDate::from_ymd_opt(2026, 12, 7).unwrap();
    let later = free_slots(&ofis, "sovetskaya").await;
    let on_monday = later.iter().find(|s| s.starts_at.date() == monday).unwrap();
    let moved = booked(
        ofis.reschedule_visit(&made.id, on_monday.starts_at)
            .await
            .unwrap(),
    );
    assert_eq!(
        (moved.id.as_str(), moved.starts_at),
        (made.id.as_str(), on_monday.starts_at)
    );
    let mine = ofis.my_bookings().await.unwrap();
    assert_eq!(mine.coming.len(), 1);
    assert_eq!(mine.coming[0].starts_at, on_monday.starts_at);
    town.move_to(monday.and_hms_opt(0, 0, 0).unwrap() - Duration::hours(2));
    ofis.check_booking_reminders().await.unwrap();
    assert_eq!(ofis.snapshot().notifications.len(), 1);

    // Cancelled: listed as past, no reminder.
    let cancelled = ofis.cancel_visit(&made.id).await.unwrap();
    assert!(!cancelled.coming);
    let mine = ofis.my_bookings().await.unwrap();
    assert!(mine.coming.is_empty());
    assert_eq!(mine.past[0].status, "Отменена");
    town.sandbox.shutdown().await;
}
