//! «Написать» over real HTTP on loopback: a message with a photo, a retry under the same key is
//! the same message, support's scripted answer, read marks, and photos refused by type and size.

use chrono::NaiveDate;
use gorod_sandbox::{RunningSandbox, SandboxConfig, SMS_CODE};
use ofis_api::{paths, NewSupportMessage, SupportAuthor, SUPPORT_PHOTO_MAX_BYTES};
use ofis_client::{ClientError, ClientOptions, GorodClient};

const PHONE: &str = "+79120000001";
const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";

async fn sandbox() -> RunningSandbox {
    let today = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
    gorod_sandbox::start(SandboxConfig::loopback_ephemeral(today))
        .await
        .unwrap()
}

async fn signed_in(sandbox: &RunningSandbox) -> GorodClient {
    let client = GorodClient::new(&sandbox.gorod_url, &ClientOptions::default()).unwrap();
    client.request_sms(PHONE).await.unwrap();
    client.sign_in(PHONE, SMS_CODE).await.unwrap();
    client
}

#[tokio::test]
async fn a_message_with_a_photo_is_taken_once_and_support_answers() {
    let sandbox = sandbox().await;
    let client = signed_in(&sandbox).await;
    let photo = client
        .upload_support_photo("image/png", PNG.to_vec())
        .await
        .unwrap();
    assert_eq!(photo.content_type, "image/png");
    let message = NewSupportMessage {
        text: "Не проходит оплата".into(),
        attachment_id: Some(photo.id.clone()),
    };
    let first = client.send_support_message("k-1", &message).await.unwrap();
    let again = client.send_support_message("k-1", &message).await.unwrap();
    assert_eq!(first, again, "a retry is the same message");
    let other = NewSupportMessage {
        text: "Другое".into(),
        attachment_id: None,
    };
    let err = client
        .send_support_message("k-1", &other)
        .await
        .unwrap_err();
    assert!(matches!(err, ClientError::IdempotencyMismatch), "{err:?}");

    let before = client.support_conversation().await.unwrap();
    assert_eq!(before.messages.len(), 1, "one copy: {before:?}");
    assert_eq!(before.unread, 0, "support has not answered yet");
    assert!(!before.messages[0].read);

    sandbox.state.support_answer_now();
    let after = client.support_conversation().await.unwrap();
    assert_eq!(after.messages.len(), 2);
    let answer = &after.messages[1];
    assert_eq!(answer.author, SupportAuthor::Support);
    assert!(answer.text.contains("фотографию"), "{}", answer.text);
    assert!(after.messages[0].read, "support read the person's message");
    assert_eq!(after.unread, 1);

    let read = client.mark_support_read().await.unwrap();
    assert_eq!(read.unread, 0);
    assert!(read.messages[1].read);
}

#[tokio::test]
async fn the_answer_now_control_works_over_http() {
    let sandbox = sandbox().await;
    let client = signed_in(&sandbox).await;
    let message = NewSupportMessage {
        text: "Показания не принимаются".into(),
        attachment_id: None,
    };
    client.send_support_message("k-2", &message).await.unwrap();
    let url = format!("{}{}", sandbox.gorod_url, paths::SANDBOX_SUPPORT_ANSWER_NOW);
    let status = reqwest::Client::new()
        .post(url)
        .send()
        .await
        .unwrap()
        .status();
    assert_eq!(status.as_u16(), 204);
    let conversation = client.support_conversation().await.unwrap();
    assert_eq!(conversation.unread, 1);
    assert!(conversation.messages[1].text.contains("с 15 по 25"));
}

#[tokio::test]
async fn photos_of_another_type_or_too_big_and_empty_messages_are_refused() {
    let sandbox = sandbox().await;
    let client = signed_in(&sandbox).await;
    let gif = client
        .upload_support_photo("image/gif", b"GIF89a".to_vec())
        .await
        .unwrap_err();
    assert!(matches!(gif, ClientError::Validation { .. }), "{gif:?}");
    let fake = client
        .upload_support_photo("image/png", b"not a png".to_vec())
        .await
        .unwrap_err();
    assert!(matches!(fake, ClientError::Validation { .. }), "{fake:?}");
    let mut big = PNG.to_vec();
    big.resize(SUPPORT_PHOTO_MAX_BYTES + 1, 0);
    let big = client
        .upload_support_photo("image/png", big)
        .await
        .unwrap_err();
    assert!(
        matches!(big, ClientError::Validation { ref message, .. } if message.contains("5 МиБ")),
        "{big:?}"
    );
    let empty = NewSupportMessage {
        text: "  ".into(),
        attachment_id: None,
    };
    let err = client
        .send_support_message("k-3", &empty)
        .await
        .unwrap_err();
    assert!(matches!(err, ClientError::Validation { .. }), "{err:?}");
    let foreign = NewSupportMessage {
        text: "x".into(),
        attachment_id: Some("ph-999".into()),
    };
    let err = client
        .send_support_message("k-4", &foreign)
        .await
        .unwrap_err();
    assert!(matches!(err, ClientError::Validation { .. }), "{err:?}");
}
