//! End to end, in headless Chromium at 390×844: «Абоненту» → «Предварительная запись» at
//! `pobedy` (one window): the slot chosen is taken by another resident meanwhile — the message
//! and the next free slots as buttons; one of them booked, its `.ics` downloaded from
//! «Добавить в календарь»; «Сообщить, если освободится раньше», told when the other resident
//! cancels; «Мои записи»: «Перенести», «Отменить».

mod support;

use base64::Engine;
use chrono::{NaiveDate, NaiveTime};
use gorod_sandbox::school::ONE_CHILD_PHONE;
use gorod_sandbox::{SandboxConfig, SMS_CODE};
use ofis_api::{CreateBooking, SlotDto};
use ofis_client::{BookingOutcome, ClientOptions, GorodClient};
use support::{App, Browser, Launch};

const W: u32 = 390;
const H: u32 = 844;
const TODAY: &str = "2026-12-02";

fn slot_css(s: &SlotDto) -> String {
    format!("#slot-{}", s.starts_at.format("%Y%m%d%H%M"))
}

fn day_css(s: &SlotDto) -> String {
    format!("#day-{}", s.starts_at.date())
}

/// Every slot of `pobedy` in the next two weeks, as the other resident sees it.
async fn slots(client: &GorodClient) -> Vec<SlotDto> {
    let days = client.office_slots("pobedy", None, None).await.unwrap();
    days.into_iter().flat_map(|d| d.slots).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn book_when_a_slot_is_taken_meanwhile_get_the_ics_wait_move_and_cancel() {
    let today = NaiveDate::parse_from_str(TODAY, "%Y-%m-%d").unwrap();
    let sandbox = gorod_sandbox::start(SandboxConfig::loopback_ephemeral(today))
        .await
        .expect("sandbox starts");
    sandbox
        .state
        .set_time_of_day(NaiveTime::from_hms_opt(8, 0, 0));
    let other = GorodClient::new(&sandbox.gorod_url, &ClientOptions::default()).unwrap();
    other.request_sms(ONE_CHILD_PHONE).await.unwrap();
    other.sign_in(ONE_CHILD_PHONE, SMS_CODE).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let launch = Launch {
        server: Some(&sandbox.gorod_url),
        today: Some(TODAY),
        ..Launch::default()
    };
    let app = App::launch(dir.path().into(), launch);
    let b = Browser::open(W, H).await;
    b.goto(&app).await;
    support::sign_in(&b).await;

    // «Абоненту» → «Предварительная запись»: office, topic (its documents), day, slot.
    b.click("#tab-subscriber").await;
    b.click("#open-booking").await;
    b.click("#office-pobedy").await;
    b.click("#topic-debt").await;
    b.wait("#booking-days").await;
    let all = slots(&other).await;
    let last = all.iter().find(|s| s.free == 1).unwrap().clone();
    b.click(&day_css(&last)).await;
    b.click(&slot_css(&last)).await;
    b.wait_text("#book", "Записаться на").await;
    b.screenshot("160-booking-form").await;

    // Another resident takes the last place meanwhile.
    let request = CreateBooking {
        office_id: "pobedy".into(),
        topic_id: "debt".into(),
        starts_at: last.starts_at,
    };
    let theirs = match other.book_office_visit(&request, "other-1").await.unwrap() {
        BookingOutcome::Booked(booking) => booking,
        taken => panic!("{taken:?}"),
    };
    b.click("#book").await;
    b.wait_text("#slot-taken", "уже занято").await;
    let offered = b.wait_text("#next-free-0", "Записаться на").await;
    b.screenshot("161-booking-slot-taken").await;

    // The next free slot: booked, with the documents and the calendar file.
    b.click("#next-free-0").await;
    let when = b.wait_text("#booking-done", "Вы записаны").await;
    assert!(when.contains("Возьмите с собой"), "{when}");
    let link = b.wait("a[download=\"zapis.ics\"]").await;
    let href = link.attr("href").await.unwrap().expect("an href");
    let b64 = href
        .strip_prefix("data:text/calendar;charset=utf-8;base64,")
        .expect("a data: link");
    let ics = String::from_utf8(
        base64::engine::general_purpose::STANDARD
            .decode(b64)
            .unwrap(),
    )
    .unwrap();
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\n"), "{ics}");
    assert!(ics.contains("TRIGGER:-P1D"), "{ics}");
    let booked_hm = b.wait("#booking-when").await.text().await.unwrap();
    assert!(
        offered.contains(&booked_hm[..booked_hm.find('–').unwrap()]),
        "{offered} / {booked_hm}"
    );

    // «Сообщить, если освободится раньше», then the other resident cancels.
    b.click("#join-waitlist").await;
    b.wait_text("#waitlist-status", "Ждём").await;
    b.screenshot("162-booking-done").await;
    other.cancel_booking(&theirs.id).await.unwrap();
    b.click("#done-bookings").await;
    b.wait_text("#waitlist", "Освободилось время").await;
    b.wait_text("#coming-bookings", "Задолженность").await;
    b.screenshot("163-my-bookings").await;

    // «Перенести» to a free slot of another day.
    let now_mine = slots(&other).await;
    let later = now_mine
        .iter()
        .find(|s| {
            s.free >= 1 && s.starts_at.date() > last.starts_at.date() + chrono::Duration::days(1)
        })
        .unwrap()
        .clone();
    b.click("#coming-bookings button[id^=\"move-\"]").await;
    b.wait_text("#move-current", "сейчас").await;
    b.click(&day_css(&later)).await;
    b.click(&slot_css(&later)).await;
    b.wait("#move-confirm").await;
    b.screenshot("164-booking-move").await;
    b.click("#move-confirm").await;
    let hm = later.starts_at.format("%d.%m.%Y, %H:%M").to_string();
    b.wait_text("#move-done", &hm).await;
    b.click("#moved-bookings").await;
    b.wait_text("#coming-bookings", &hm).await;

    // «Отменить», confirmed.
    b.click("#coming-bookings button[id^=\"cancel-\"]").await;
    b.click("#coming-bookings button[id^=\"cancel-yes-\"]")
        .await;
    b.wait("#no-coming").await;
    b.wait_text("#past-bookings", "Отменена").await;
    b.screenshot("165-my-bookings-cancelled").await;

    b.close().await;
    sandbox.shutdown().await;
}
