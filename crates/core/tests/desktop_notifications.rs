//! The reading reminder and posted bills reach the desktop notification centre: the real
//! `DesktopNotifier` talks over a real private D-Bus session bus (`dbus-daemon`, Debian package
//! `dbus-daemon`) to a notification server this test serves on it, as a desktop's would.

mod common {
    pub mod app;
}

use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use common::app::{self, Setup};
use ofis_core::{Clock, DesktopNotifier};
use tokio::sync::mpsc::{unbounded_channel, UnboundedReceiver, UnboundedSender};

/// A clock the test moves to next month.
struct MovableClock(Mutex<DateTime<Utc>>);

impl MovableClock {
    fn set(&self, at: DateTime<Utc>) {
        *self.0.lock().unwrap() = at;
    }
}

impl Clock for MovableClock {
    fn now(&self) -> DateTime<Utc> {
        *self.0.lock().unwrap()
    }
}

/// A session bus of this test's own, gone with it.
struct PrivateBus {
    daemon: Child,
    address: String,
}

impl PrivateBus {
    fn start() -> PrivateBus {
        let mut daemon = Command::new("dbus-daemon")
            .args(["--session", "--nofork", "--nopidfile", "--print-address=1"])
            .stdout(Stdio::piped())
            .spawn()
            .expect("dbus-daemon (Debian package dbus-daemon) must be installed");
        let mut address = String::new();
        BufReader::new(daemon.stdout.take().unwrap())
            .read_line(&mut address)
            .unwrap();
        PrivateBus {
            daemon,
            address: address.trim().to_string(),
        }
    }
}

impl Drop for PrivateBus {
    fn drop(&mut self) {
        let _ = self.daemon.kill();
        let _ = self.daemon.wait();
    }
}

/// What a notification server was asked to show.
#[derive(Debug, Clone)]
struct Shown {
    app_name: String,
    summary: String,
    body: String,
}

/// `org.freedesktop.Notifications`, as far as a client needs it.
struct NotificationServer {
    shown: UnboundedSender<Shown>,
    next_id: u32,
}

#[zbus::interface(name = "org.freedesktop.Notifications")]
impl NotificationServer {
    #[allow(clippy::too_many_arguments)]
    async fn notify(
        &mut self,
        app_name: String,
        _replaces_id: u32,
        _app_icon: String,
        summary: String,
        body: String,
        _actions: Vec<String>,
        _hints: HashMap<String, zbus::OwnedVariant>,
        _expire_timeout: i32,
    ) -> u32 {
        let _ = self.shown.send(Shown {
            app_name,
            summary,
            body,
        });
        self.next_id += 1;
        self.next_id
    }

    async fn get_capabilities(&self) -> Vec<String> {
        vec!["body".into()]
    }

    async fn get_server_information(&self) -> (String, String, String, String) {
        ("test".into(), "ofis".into(), "1".into(), "1.2".into())
    }

    async fn close_notification(&self, _id: u32) {}
}

async fn next(shown: &mut UnboundedReceiver<Shown>) -> Shown {
    tokio::time::timeout(Duration::from_secs(10), shown.recv())
        .await
        .expect("a notification within 10 s")
        .expect("server running")
}

fn local_morning(day: NaiveDate) -> DateTime<Utc> {
    // 10:00 in Asia/Yekaterinburg (UTC+5).
    Utc.from_utc_datetime(&day.and_hms_opt(5, 0, 0).unwrap())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_reading_reminder_and_posted_bills_reach_the_desktop_notification_centre() {
    let bus = PrivateBus::start();
    // The only test of this binary: nothing else reads the environment meanwhile.
    std::env::set_var("DBUS_SESSION_BUS_ADDRESS", &bus.address);
    let (tx, mut shown) = unbounded_channel();
    let _server = zbus::connection::Builder::address(bus.address.as_str())
        .name("org.freedesktop.Notifications")
        .serve_at(
            "/org/freedesktop/Notifications",
            NotificationServer {
                shown: tx,
                next_id: 0,
            },
        )
        .build()
        .await
        .expect("notification server on the private bus");

    let november = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
    let sandbox = app::sandbox_on(november).await;
    let dir = tempfile::tempdir().unwrap();
    let clock = Arc::new(MovableClock(Mutex::new(local_morning(november))));
    let setup = Setup {
        clock: clock.clone(),
        ..Setup::default()
    };
    let ofis = app::open_with(&sandbox.gorod_url, dir.path(), setup).await;
    ofis.set_notifier(Arc::new(DesktopNotifier::new("ОФИС")));
    app::sign_in_with_address(&ofis).await;

    // The 20th is inside the recommended window: the reminder, once this month.
    let text = ofis.remind_readings().await.unwrap().expect("reminder due");
    let reminder = next(&mut shown).await;
    assert_eq!(reminder.app_name, "ОФИС");
    assert_eq!(reminder.summary, "Показания счётчиков");
    assert_eq!(reminder.body, text);
    assert!(reminder.body.contains("Пора передать показания"));
    ofis.remind_readings().await.unwrap();
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert!(
        shown.try_recv().is_err(),
        "the reminder came twice in a month"
    );

    // December's bills are posted: each one that follows last month's line is announced.
    let december = NaiveDate::from_ymd_opt(2026, 12, 10).unwrap();
    sandbox.state.set_today(december);
    clock.set(local_morning(december));
    let posted: Vec<String> = ofis
        .refresh()
        .await
        .unwrap()
        .notifications
        .into_iter()
        .filter(|n| n.starts_with("Выставлен счёт"))
        .collect();
    assert!(posted.len() >= 3, "bills posted: {posted:?}");
    let mut announced = Vec::new();
    for _ in 0..posted.len() {
        let n = next(&mut shown).await;
        assert_eq!(n.summary, "Выставлен счёт");
        announced.push(n.body);
    }
    announced.sort();
    let mut expected = posted.clone();
    expected.sort();
    assert_eq!(announced, expected);
    sandbox.shutdown().await;
}
