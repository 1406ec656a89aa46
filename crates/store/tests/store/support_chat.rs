//! Messages to support kept on the device: queued before the first send, kept across reopening
//! and the upgrade, settled once, forgotten at sign-out.

use chrono::{TimeZone, Utc};
use ofis_store::{
    OutgoingSupportMessage, Store, StoreError, SupportPhoto, SupportSendState, MIGRATIONS,
    SCHEMA_VERSION,
};

use crate::support::TestDb;

fn message(key: &str, photo: bool) -> OutgoingSupportMessage {
    OutgoingSupportMessage {
        idempotency_key: key.into(),
        text: format!("Сообщение {key}"),
        photo: photo.then(|| SupportPhoto {
            content_type: "image/png".into(),
            bytes: b"\x89PNG\r\n\x1a\n".to_vec(),
        }),
        queued_at: Utc.with_ymd_and_hms(2026, 11, 25, 7, 0, 0).unwrap(),
    }
}

#[test]
fn a_message_is_kept_across_reopening_and_settled_once() {
    let db = TestDb::new();
    db.open()
        .queue_support_message(&message("a", true))
        .unwrap();
    let err = db
        .open()
        .queue_support_message(&message("a", false))
        .unwrap_err();
    assert!(
        matches!(err, StoreError::DuplicateSupportMessage(_)),
        "{err:?}"
    );

    let mut store = db.open();
    let kept = store.support_outbox().unwrap();
    assert_eq!(kept.len(), 1);
    assert_eq!(kept[0].message, message("a", true));
    assert_eq!(kept[0].state, SupportSendState::Queued);
    store.set_support_attachment("a", "ph-1").unwrap();
    let sent = SupportSendState::Sent {
        server_message_id: "pm-2".into(),
    };
    store.settle_support_message("a", &sent).unwrap();
    store.settle_support_message("a", &sent).unwrap();
    let refused = SupportSendState::Refused {
        message: "нет".into(),
    };
    assert!(store.settle_support_message("a", &refused).is_err());
    let kept = db.open().support_outbox().unwrap();
    assert_eq!(kept[0].attachment_id.as_deref(), Some("ph-1"));
    assert_eq!(kept[0].state, sent);
    assert!(matches!(
        store.set_support_attachment("zzz", "ph-1"),
        Err(StoreError::UnknownSupportMessage(_))
    ));
}

#[test]
fn sign_out_forgets_the_messages() {
    let db = TestDb::new();
    let mut store = db.open();
    store.queue_support_message(&message("a", false)).unwrap();
    store.wipe_personal_data().unwrap();
    assert!(store.support_outbox().unwrap().is_empty());
}

#[test]
fn upgrade_to_the_support_step_keeps_the_questions() {
    let db = TestDb::new();
    let step = MIGRATIONS
        .iter()
        .position(|m| m.name == "support messages")
        .expect("the support step");
    let mut old = Store::open_with_migrations(&db.path(), &MIGRATIONS[..step]).unwrap();
    old.set_setting("phone", "+79123456789").unwrap();
    drop(old);
    let mut store = db.open();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    assert_eq!(
        store.get_setting("phone").unwrap().as_deref(),
        Some("+79123456789")
    );
    store.queue_support_message(&message("b", false)).unwrap();
    assert_eq!(store.support_outbox().unwrap().len(), 1);
}
