//! «Электронное заявление» through the client against the sandbox over loopback: the forms,
//! attachments checked by type and size, an application sent once under its key, every field
//! check naming its field, and «Мои заявления» moving with the sandbox clock to выполнено or
//! отказано with the office's answer.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use gorod_sandbox::school::{DEMO_PHONE, ONE_CHILD_PHONE};
use gorod_sandbox::{RunningSandbox, SandboxConfig, SMS_CODE};
use ofis_api::{paths, ApplicationStatus, CreateApplication, FormFieldKind};
use ofis_client::{ClientError, ClientOptions, GorodClient};
use serde_json::json;

const PDF: &[u8] = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n";
const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 2).unwrap()
}

async fn sandbox() -> RunningSandbox {
    gorod_sandbox::start(SandboxConfig::loopback_ephemeral(today()))
        .await
        .unwrap()
}

async fn signed_in(sandbox: &RunningSandbox, phone: &str) -> GorodClient {
    let client = GorodClient::new(&sandbox.gorod_url, &ClientOptions::default()).unwrap();
    client.request_sms(phone).await.unwrap();
    client.sign_in(phone, SMS_CODE).await.unwrap();
    client
}

async fn set_clock(sandbox: &RunningSandbox, to: NaiveDate) {
    let status = reqwest::Client::new()
        .post(format!("{}{}", sandbox.gorod_url, paths::SANDBOX_CLOCK))
        .json(&json!({ "today": to.to_string() }))
        .send()
        .await
        .unwrap()
        .status();
    assert_eq!(status, 204);
}

fn recalculation(from: &str, to: &str, attachment_ids: Vec<String>) -> CreateApplication {
    let fields: BTreeMap<String, String> = [
        ("account", "1000125005"),
        ("absent_from", from),
        ("absent_to", to),
        ("reason", "Командировка"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    CreateApplication {
        kind_id: "recalculation".into(),
        fields,
        attachment_ids,
    }
}

fn refused_on(result: Result<impl std::fmt::Debug, ClientError>) -> (String, String) {
    match result {
        Err(ClientError::Validation { message, field }) => (field.unwrap_or_default(), message),
        other => panic!("not refused: {other:?}"),
    }
}

#[tokio::test]
async fn forms_and_attachments_are_checked() {
    let sandbox = sandbox().await;
    let client = signed_in(&sandbox, DEMO_PHONE).await;
    let kinds = client.application_kinds().await.unwrap();
    let ids: Vec<_> = kinds.iter().map(|k| k.id.as_str()).collect();
    assert_eq!(
        ids,
        ["recalculation", "owner-change", "meter", "disconnect"]
    );
    let meter = &kinds[2];
    assert!(meter
        .fields
        .iter()
        .any(|f| f.kind == FormFieldKind::Choice && f.options == ["Поверка", "Замена"]));
    assert_eq!(
        (meter.attachments.min_count, meter.attachments.max_bytes),
        (1, 2 * 1024 * 1024)
    );

    let pdf = client
        .upload_attachment("application/pdf", PDF.to_vec())
        .await
        .unwrap();
    assert_eq!(
        (pdf.content_type.as_str(), pdf.size as usize),
        ("application/pdf", PDF.len())
    );
    let (_, message) = refused_on(
        client
            .upload_attachment("text/plain", b"hello".to_vec())
            .await,
    );
    assert!(message.contains("JPEG, PNG"), "{message}");
    let (field, _) = refused_on(client.upload_attachment("image/png", PDF.to_vec()).await);
    assert_eq!(field, "file");
    let mut huge = PNG.to_vec();
    huge.resize(2 * 1024 * 1024 + 1, 0);
    let (_, message) = refused_on(client.upload_attachment("image/png", huge).await);
    assert!(message.contains("2 МиБ"), "{message}");

    for (request, expected) in [
        (
            recalculation("2026-11-01", "2026-12-20", vec![pdf.id.clone()]),
            "absent_to",
        ),
        (
            recalculation("01.11.2026", "2026-11-20", vec![pdf.id.clone()]),
            "absent_from",
        ),
        (
            recalculation("2026-11-01", "2026-11-20", vec![]),
            "attachment_ids",
        ),
        (
            recalculation("2026-11-01", "2026-11-20", vec!["att-999".into()]),
            "attachment_ids",
        ),
    ] {
        let (field, _) = refused_on(
            client
                .submit_application(&request, &uuid::Uuid::new_v4().to_string())
                .await,
        );
        assert_eq!(field, expected);
    }
    let mut wrong_account = recalculation("2026-11-01", "2026-11-20", vec![pdf.id.clone()]);
    wrong_account
        .fields
        .insert("account".into(), "0312500501".into());
    let (field, message) = refused_on(client.submit_application(&wrong_account, "k1").await);
    assert_eq!(
        (field.as_str(), message.as_str()),
        (
            "account",
            "Лицевой счёт не найден среди счетов Системы «Город»"
        )
    );
    let mut no_reason = recalculation("2026-11-01", "2026-11-20", vec![pdf.id.clone()]);
    no_reason.fields.remove("reason");
    let (field, message) = refused_on(client.submit_application(&no_reason, "k2").await);
    assert_eq!(
        (field.as_str(), message.as_str()),
        ("reason", "Заполните поле «Причина отсутствия»")
    );
    // Another phone cannot use the attachment.
    let other = signed_in(&sandbox, ONE_CHILD_PHONE).await;
    let theirs = recalculation("2026-11-01", "2026-11-20", vec![pdf.id.clone()]);
    let (field, _) = refused_on(other.submit_application(&theirs, "k3").await);
    assert_eq!(field, "attachment_ids");
    sandbox.shutdown().await;
}

#[tokio::test]
async fn an_application_is_sent_once_and_its_status_moves_with_the_clock() {
    let sandbox = sandbox().await;
    let client = signed_in(&sandbox, DEMO_PHONE).await;
    let photo = client
        .upload_attachment("image/png", PNG.to_vec())
        .await
        .unwrap();
    let request = recalculation("2026-11-01", "2026-11-20", vec![photo.id.clone()]);
    let sent = client
        .submit_application(&request, "app-key")
        .await
        .unwrap();
    let again = client
        .submit_application(&request, "app-key")
        .await
        .unwrap();
    assert_eq!(sent.id, again.id, "a resend under the same key sends once");
    assert_eq!(
        (sent.status, sent.answer.as_deref()),
        (ApplicationStatus::Accepted, None)
    );
    assert_eq!(sent.attachments, vec![photo]);
    assert!(sent.number.starts_with("З-2026-"));
    let mut changed = request.clone();
    changed.fields.insert("reason".into(), "Отпуск".into());
    assert!(matches!(
        client.submit_application(&changed, "app-key").await,
        Err(ClientError::IdempotencyMismatch)
    ));
    // Three days away: refused by the office (5 full days are needed).
    let short_photo = client
        .upload_attachment("application/pdf", PDF.to_vec())
        .await
        .unwrap();
    let short = recalculation("2026-11-10", "2026-11-13", vec![short_photo.id]);
    client
        .submit_application(&short, "short-key")
        .await
        .unwrap();

    set_clock(&sandbox, NaiveDate::from_ymd_opt(2026, 12, 3).unwrap()).await;
    let mine = client.applications().await.unwrap();
    assert_eq!(mine.len(), 2);
    assert!(mine
        .iter()
        .all(|a| a.status == ApplicationStatus::InProgress));

    set_clock(&sandbox, NaiveDate::from_ymd_opt(2026, 12, 5).unwrap()).await;
    let mine = client.applications().await.unwrap();
    let (newest, first) = (&mine[0], &mine[1]);
    assert_eq!(first.id, sent.id);
    assert_eq!(first.status, ApplicationStatus::Done);
    let steps: Vec<_> = first
        .history
        .iter()
        .map(|c| (c.status, c.on.to_string()))
        .collect();
    assert_eq!(
        steps,
        [
            (ApplicationStatus::Accepted, "2026-12-02".to_string()),
            (ApplicationStatus::InProgress, "2026-12-03".to_string()),
            (ApplicationStatus::Done, "2026-12-05".to_string()),
        ]
    );
    assert!(first.answer.as_deref().unwrap().contains("18 полных дней"));
    assert_eq!(newest.status, ApplicationStatus::Refused);
    assert!(
        newest.answer.as_deref().unwrap().starts_with("Отказано"),
        "{:?}",
        newest.answer
    );
    let other = signed_in(&sandbox, ONE_CHILD_PHONE).await;
    assert!(other.applications().await.unwrap().is_empty());
    sandbox.shutdown().await;
}
