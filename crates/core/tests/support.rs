//! «Написать» against the sandbox over loopback HTTP and a real SQLite file: a message typed
//! with the server down waits (across a restart) and arrives exactly once; support's scripted
//! answer makes the unread count 1 and a notification; the context prefilled from an error
//! carries no secrets; the questions matching a message are offered.

mod common {
    pub mod app;
    pub mod switch_proxy;
}

use std::sync::{Arc, Mutex};

use common::app::{self, Setup};
use common::switch_proxy::SwitchProxy;
use ofis_core::{
    support_context, ChatStatus, CoreError, Delivery, ErrorReport, MemorySecrets, Notifier,
    SupportError, HIDDEN, SUPPORT_OFFLINE,
};

const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";

/// Keeps what the platform's notification centre was asked to show.
#[derive(Default)]
struct Shown(Mutex<Vec<(String, String)>>);

impl Notifier for Shown {
    fn notify(&self, title: &str, body: &str) -> Delivery {
        self.0
            .lock()
            .unwrap()
            .push((title.to_string(), body.to_string()));
        Box::pin(async { Ok(()) })
    }
}

#[tokio::test]
async fn a_message_typed_offline_is_sent_once_after_a_restart_and_support_answers() {
    let sandbox = app::sandbox().await;
    let proxy = SwitchProxy::start(sandbox.gorod_url.trim_start_matches("http://").into()).await;
    let dir = tempfile::tempdir().unwrap();
    let secrets = Arc::new(MemorySecrets::default());
    let setup = || Setup {
        secrets: secrets.clone(),
        ..Setup::default()
    };
    let ofis = app::open_with(&proxy.url, dir.path(), setup()).await;
    app::sign_in(&ofis).await;

    proxy.set_down(true);
    let chat = ofis
        .send_support_message("  Не проходит оплата картой  ", Some(PNG.to_vec()))
        .await
        .unwrap();
    assert_eq!(chat.offline, Some(SUPPORT_OFFLINE));
    assert_eq!(chat.messages.len(), 1);
    assert_eq!(chat.messages[0].status, ChatStatus::Queued);
    assert_eq!(chat.messages[0].text, "Не проходит оплата картой");
    assert!(chat.messages[0].photo.is_some(), "the photo is kept here");
    assert_eq!(
        ofis.flush_support_outbox().await.unwrap(),
        0,
        "still offline"
    );
    assert!(sandbox.state.support_messages(app::PHONE).is_empty());

    // Closed and opened again while offline: the message is still there.
    drop(ofis);
    let ofis = app::open_with(&proxy.url, dir.path(), setup()).await;
    let shown = Arc::new(Shown::default());
    ofis.set_notifier(shown.clone());
    let chat = ofis.support_chat().await.unwrap();
    assert_eq!(chat.messages[0].status, ChatStatus::Queued);

    proxy.set_down(false);
    let chat = ofis.support_round().await.unwrap();
    assert_eq!(chat.offline, None);
    assert_eq!(
        ofis.flush_support_outbox().await.unwrap(),
        0,
        "nothing left"
    );
    let arrived = sandbox.state.support_messages(app::PHONE);
    assert_eq!(arrived.len(), 1, "the sandbox holds one copy: {arrived:?}");
    assert!(arrived[0].attachment.is_some(), "with its photo");
    assert_eq!(chat.messages.len(), 1);
    assert_eq!(chat.messages[0].status, ChatStatus::Sent { read: false });
    assert!(
        chat.messages[0].photo.is_some(),
        "the photo shows from the phone"
    );
    assert_eq!(ofis.snapshot().support_unread, 0);

    sandbox.state.support_answer_now();
    let chat = ofis.support_round().await.unwrap();
    assert_eq!(chat.unread, 1);
    assert_eq!(chat.messages[0].status, ChatStatus::Sent { read: true });
    assert_eq!(chat.messages[1].status, ChatStatus::Answer { read: false });
    let snapshot = ofis.snapshot();
    assert_eq!(snapshot.support_unread, 1, "the badge");
    assert!(
        snapshot
            .notifications
            .iter()
            .any(|n| n.starts_with("Поддержка ответила")),
        "{:?}",
        snapshot.notifications
    );
    tokio::task::yield_now().await;
    assert_eq!(shown.0.lock().unwrap().len(), 1, "one notification");

    // The same answer is not announced twice.
    ofis.support_round().await.unwrap();
    assert_eq!(shown.0.lock().unwrap().len(), 1);
    let read = ofis.mark_support_read().await.unwrap();
    assert_eq!(read.unread, 0);
    assert_eq!(ofis.snapshot().support_unread, 0);
    assert_eq!(sandbox.state.support_messages(app::PHONE).len(), 2);
    sandbox.shutdown().await;
}

#[tokio::test]
async fn a_message_is_checked_on_the_phone() {
    let sandbox = app::sandbox().await;
    let dir = tempfile::tempdir().unwrap();
    let ofis = app::open(&sandbox.gorod_url, dir.path()).await;
    assert!(matches!(
        ofis.send_support_message("Вопрос", None).await,
        Err(CoreError::NotSignedIn)
    ));
    app::sign_in(&ofis).await;
    let refused = |r: Result<_, CoreError>| match r {
        Err(CoreError::Support(e)) => e,
        other => panic!("{other:?}"),
    };
    assert_eq!(
        refused(ofis.send_support_message("  ", None).await),
        SupportError::Empty
    );
    assert_eq!(
        refused(
            ofis.send_support_message("x", Some(b"GIF89a".to_vec()))
                .await
        ),
        SupportError::PhotoType
    );
    let mut big = PNG.to_vec();
    big.resize(5 * 1024 * 1024 + 1, 0);
    assert_eq!(
        refused(ofis.send_support_message("x", Some(big)).await),
        SupportError::PhotoTooLarge
    );
    assert!(sandbox.state.support_messages(app::PHONE).is_empty());
    let found = ofis.support_suggestions("не могу оплатить").await.unwrap();
    assert!(!found.is_empty() && found.len() <= 3, "{found:?}");
    assert!(ofis.support_suggestions("оп").await.unwrap().is_empty());
}

#[test]
fn the_context_of_an_error_carries_no_secrets() {
    let report = ErrorReport {
        screen: "Оплата картой".into(),
        code: Some("payment_declined".into()),
        order_id: Some("ord-3f2a9c".into()),
        message: Some(
            "Карта 4000 0000 0000 0002 отклонена, CVC 321, токен eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl, ПИН 1234"
                .into(),
        ),
    };
    let text = support_context(&report);
    for secret in ["4000", "0002", "321", "eyJ", "1234"] {
        assert!(!text.contains(secret), "{secret} in {text}");
    }
    assert!(text.contains(HIDDEN));
    for needed in [
        "Версия приложения: ",
        "Платформа: ",
        "Экран: Оплата картой",
        "Код ошибки: payment_declined",
        "Заказ: ord-3f2a9c",
    ] {
        assert!(text.contains(needed), "{needed} missing in {text}");
    }
}
