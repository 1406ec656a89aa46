//! «Предварительная запись» through the client against the sandbox over loopback: offices and
//! topics, the slot calendar, a booking sent once under its key, «Мои записи», the `.ics`,
//! reschedule and cancel; a slot taken meanwhile (409 with the next free slots); the waitlist
//! told when a cancelled place frees up.

use chrono::{NaiveDate, NaiveDateTime};
use gorod_sandbox::school::{DEMO_PHONE, ONE_CHILD_PHONE};
use gorod_sandbox::{RunningSandbox, SandboxConfig, SMS_CODE};
use ofis_api::{paths, BookingStatus, CreateBooking, CreateWaitlistEntry, SlotDto, WaitlistStatus};
use ofis_client::{BookingOutcome, ClientError, ClientOptions, GorodClient};
use serde_json::json;

/// A Wednesday.
fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 2).unwrap()
}

/// The sandbox with its clock standing at 08:00 on [`today`].
async fn sandbox() -> RunningSandbox {
    let sandbox = gorod_sandbox::start(SandboxConfig::loopback_ephemeral(today()))
        .await
        .unwrap();
    let status = reqwest::Client::new()
        .post(format!("{}{}", sandbox.gorod_url, paths::SANDBOX_CLOCK))
        .json(&json!({ "today": today().to_string(), "time": "08:00" }))
        .send()
        .await
        .unwrap()
        .status();
    assert_eq!(status, 204);
    sandbox
}

async fn signed_in(sandbox: &RunningSandbox, phone: &str) -> GorodClient {
    let client = GorodClient::new(&sandbox.gorod_url, &ClientOptions::default()).unwrap();
    client.request_sms(phone).await.unwrap();
    client.sign_in(phone, SMS_CODE).await.unwrap();
    client
}

/// Every slot of an office in the next two weeks.
async fn slots(client: &GorodClient, office: &str) -> Vec<SlotDto> {
    let days = client.office_slots(office, None, None).await.unwrap();
    assert_eq!(days.len(), 14);
    days.into_iter().flat_map(|d| d.slots).collect()
}

fn booking(office: &str, topic: &str, starts_at: NaiveDateTime) -> CreateBooking {
    CreateBooking {
        office_id: office.into(),
        topic_id: topic.into(),
        starts_at,
    }
}

fn booked(outcome: BookingOutcome) -> ofis_api::BookingDto {
    match outcome {
        BookingOutcome::Booked(b) => *b,
        other => panic!("not booked: {other:?}"),
    }
}

/// The content lines of an iCalendar text, unfolded; every physical line at most 75 octets.
fn ics_lines(text: &str) -> Vec<String> {
    assert!(text.ends_with("\r\n"));
    for physical in text.split("\r\n") {
        assert!(physical.len() <= 75, "{physical:?}");
    }
    text.replace("\r\n ", "")
        .split("\r\n")
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

fn ics_value<'a>(lines: &'a [String], name: &str) -> &'a str {
    lines
        .iter()
        .find_map(|l| l.strip_prefix(name)?.strip_prefix(':'))
        .unwrap_or_else(|| panic!("no {name} in {lines:?}"))
}

#[tokio::test]
async fn book_see_mine_get_the_ics_reschedule_and_cancel() {
    let sandbox = sandbox().await;
    let client = signed_in(&sandbox, DEMO_PHONE).await;
    let offices = client.offices().await.unwrap();
    assert_eq!(offices.len(), 2);
    assert!(offices[0].hours.iter().any(|h| h == "Пн–Чт 09:00–18:00"));
    let topics = client.office_topics().await.unwrap();
    let meter = topics.iter().find(|t| t.id == "meter").unwrap();
    assert!(meter.documents.iter().any(|d| d == "Паспорт счётчика"));

    let days = client.office_slots("sovetskaya", None, None).await.unwrap();
    let saturday = days
        .iter()
        .find(|d| d.day.to_string() == "2026-12-05")
        .unwrap();
    assert_eq!(saturday.closed.as_deref(), Some("Выходной"));
    assert!(saturday.slots.is_empty());
    let free: Vec<_> = slots(&client, "sovetskaya")
        .await
        .into_iter()
        .filter(|s| s.free > 0)
        .collect();
    let first = free[0].starts_at;
    let request = booking("sovetskaya", "meter", first);
    let made = booked(client.book_office_visit(&request, "key-1").await.unwrap());
    let again = booked(client.book_office_visit(&request, "key-1").await.unwrap());
    assert_eq!(made.id, again.id, "the same key books once");
    assert_eq!(
        (made.status, made.topic.documents.len()),
        (BookingStatus::Active, 3)
    );
    let mine = client.bookings().await.unwrap();
    assert_eq!(mine.len(), 1);
    let after = slots(&client, "sovetskaya").await;
    let slot = after.iter().find(|s| s.starts_at == first).unwrap();
    assert_eq!(slot.free, free[0].free - 1, "the booking takes a place");

    let ics = client.booking_ics(&made.id).await.unwrap();
    let lines = ics_lines(&ics);
    assert_eq!(lines.first().map(String::as_str), Some("BEGIN:VCALENDAR"));
    assert_eq!(lines.last().map(String::as_str), Some("END:VCALENDAR"));
    // Local 09:00 in Asia/Yekaterinburg (UTC+5) is 04:00 UTC.
    let expected_start = (first - chrono::Duration::hours(5))
        .format("%Y%m%dT%H%M%SZ")
        .to_string();
    assert_eq!(ics_value(&lines, "DTSTART"), expected_start);
    assert!(ics_value(&lines, "SUMMARY").contains("Поверка или замена счётчика"));
    assert!(ics_value(&lines, "LOCATION").contains("ул. Советская\\, 35"));
    assert_eq!(ics_value(&lines, "TRIGGER"), "-P1D");

    let later = free[5].starts_at;
    let moved = booked(client.reschedule_booking(&made.id, later).await.unwrap());
    assert_eq!(
        (moved.id.as_str(), moved.starts_at),
        (made.id.as_str(), later)
    );
    let cancelled = client.cancel_booking(&made.id).await.unwrap();
    assert_eq!(cancelled.status, BookingStatus::Cancelled);
    let twice = client.cancel_booking(&made.id).await.unwrap();
    assert_eq!(twice.status, BookingStatus::Cancelled);
    match client.reschedule_booking(&made.id, first).await {
        Err(ClientError::Validation { field, .. }) => {
            assert_eq!(field.as_deref(), Some("booking_id"))
        }
        other => panic!("{other:?}"),
    }
    sandbox.shutdown().await;
}

#[tokio::test]
async fn a_slot_taken_meanwhile_offers_the_next_free_and_the_waitlist_hears_of_a_cancel() {
    let sandbox = sandbox().await;
    let first = signed_in(&sandbox, DEMO_PHONE).await;
    let second = signed_in(&sandbox, ONE_CHILD_PHONE).await;
    // One window: a slot with one place left goes to whoever books first.
    let all = slots(&first, "pobedy").await;
    let last_place = all.iter().find(|s| s.free == 1).unwrap().starts_at;
    let mine = booked(
        first
            .book_office_visit(&booking("pobedy", "debt", last_place), "a")
            .await
            .unwrap(),
    );
    match second
        .book_office_visit(&booking("pobedy", "debt", last_place), "b")
        .await
        .unwrap()
    {
        BookingOutcome::SlotTaken { message, next_free } => {
            assert!(message.contains("уже занято"), "{message}");
            assert!(message.contains(&last_place.format("%d.%m.%Y %H:%M").to_string()));
            assert_eq!(next_free.len(), 3);
            assert!(next_free
                .iter()
                .all(|s| s.free == 1 && s.starts_at > last_place));
        }
        other => panic!("{other:?}"),
    }
    // A slot the calendar already shows full is refused the same way.
    let full = all.iter().find(|s| s.free == 0).unwrap().starts_at;
    let refused = second
        .book_office_visit(&booking("pobedy", "debt", full), "c")
        .await
        .unwrap();
    assert!(
        matches!(refused, BookingOutcome::SlotTaken { .. }),
        "{refused:?}"
    );

    let wait = CreateWaitlistEntry {
        office_id: "pobedy".into(),
        topic_id: "debt".into(),
        before: last_place + chrono::Duration::days(1),
    };
    let entry = second.join_waitlist(&wait).await.unwrap();
    assert_eq!(entry.status, WaitlistStatus::Waiting);
    first.cancel_booking(&mine.id).await.unwrap();
    let told = second.waitlist().await.unwrap();
    assert_eq!(told.len(), 1);
    assert_eq!(
        (told[0].status, told[0].freed_slot),
        (WaitlistStatus::Notified, Some(last_place))
    );
    let now_mine = booked(
        second
            .book_office_visit(&booking("pobedy", "debt", last_place), "d")
            .await
            .unwrap(),
    );
    assert_eq!(now_mine.starts_at, last_place);
    assert!(
        first.waitlist().await.unwrap().is_empty(),
        "each sees only their own entries"
    );
    sandbox.shutdown().await;
}

#[tokio::test]
async fn refusals_are_clear() {
    let sandbox = sandbox().await;
    let client = signed_in(&sandbox, DEMO_PHONE).await;
    let lunch: NaiveDateTime = "2026-12-03T13:00:00".parse().unwrap();
    match client
        .book_office_visit(&booking("sovetskaya", "debt", lunch), "x")
        .await
    {
        Err(ClientError::Validation { field, message }) => {
            assert_eq!(field.as_deref(), Some("starts_at"));
            assert!(message.contains("не принимает"), "{message}");
        }
        other => panic!("{other:?}"),
    }
    let past: NaiveDateTime = "2026-12-01T10:00:00".parse().unwrap();
    assert!(matches!(
        client
            .book_office_visit(&booking("sovetskaya", "debt", past), "y")
            .await,
        Err(ClientError::Validation { .. })
    ));
    assert!(matches!(
        client.book_office_visit(&booking("nowhere", "debt", lunch), "z").await,
        Err(ClientError::Validation { field: Some(f), .. }) if f == "office_id"
    ));
    assert!(matches!(
        client.booking_ics("bk-999").await,
        Err(ClientError::NotFound(_))
    ));
    assert!(matches!(
        client.office_slots("nowhere", None, None).await,
        Err(ClientError::NotFound(_))
    ));
    let anonymous = GorodClient::new(&sandbox.gorod_url, &ClientOptions::default()).unwrap();
    assert!(matches!(
        anonymous.bookings().await,
        Err(ClientError::Unauthorized)
    ));
    sandbox.shutdown().await;
}
