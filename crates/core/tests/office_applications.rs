//! «Электронное заявление» against the sandbox over loopback HTTP and a real SQLite file: a
//! form filled wrongly is refused here field by field; an application whose answer is lost is
//! kept, survives a restart and reaches the office exactly once (with its photo uploaded once);
//! «Мои заявления» follows its status as the sandbox clock moves, each change announced once.

mod common {
    pub mod app;
    pub mod fault_proxy;
}

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use chrono::{Days, NaiveDate};
use common::app::{self, Setup};
use common::fault_proxy::{host_port, Fault, FaultProxy};
use ofis_api::{
    ApplicationKindDto, ApplicationStatus, AttachmentRuleDto, FormFieldDto, FormFieldKind,
};
use ofis_core::{
    check_application, ApplicationOutcome, ChosenFile, Delivery, MemorySecrets, Notifier,
    RowStatus, APPLICATION_QUEUED, ATTACHMENTS_FIELD,
};

/// The start of a PNG file: the server checks types by their first bytes.
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

fn meter_form() -> BTreeMap<String, String> {
    [
        ("account", "7012505002"),
        ("work", "Поверка"),
        ("serial", "22098765"),
        ("done_on", "2026-11-20"),
        ("reading", "215,5"),
    ]
    .iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect()
}

fn photo() -> ChosenFile {
    ChosenFile {
        name: "svidetelstvo.png".into(),
        bytes: PNG.to_vec(),
    }
}

#[tokio::test]
async fn an_application_whose_answer_is_lost_arrives_once_after_a_restart() {
    let sandbox = app::sandbox().await;
    let proxy = FaultProxy::start(host_port(&sandbox.gorod_url)).await;
    let dir = tempfile::tempdir().unwrap();
    let secrets = Arc::new(MemorySecrets::default());
    let setup = || Setup {
        secrets: secrets.clone(),
        ..Setup::default()
    };
    let ofis = app::open_with(&proxy.url, dir.path(), setup()).await;
    app::sign_in(&ofis).await;
    let kinds = ofis.application_kinds().await.unwrap();
    let meter = kinds.iter().find(|k| k.id == "meter").unwrap().clone();

    // Wrong values are refused here, each by its field, and nothing is kept or sent.
    let mut wrong = meter_form();
    wrong.insert("serial".into(), "22-098".into());
    wrong.insert("done_on".into(), "2026-12-31".into());
    let ApplicationOutcome::Invalid(errors) =
        ofis.send_application(&meter, &wrong, &[]).await.unwrap()
    else {
        panic!("a wrong form is refused");
    };
    assert!(errors["serial"].contains("только цифры"), "{errors:?}");
    assert!(errors["done_on"].contains("позже"), "{errors:?}");
    assert!(errors.contains_key(ATTACHMENTS_FIELD), "{errors:?}");
    assert!(ofis.my_applications().await.unwrap().rows.is_empty());

    // The office takes the application, but its answer never reaches the phone.
    proxy.arm("POST /api/v1/office/applications ", Fault::DropAnswer);
    let outcome = ofis
        .send_application(&meter, &meter_form(), &[photo()])
        .await
        .unwrap();
    assert_eq!(
        outcome,
        ApplicationOutcome::Queued {
            message: APPLICATION_QUEUED
        }
    );
    assert_eq!(proxy.fired(), 1);

    // Closed and opened again: the application is still kept, and goes under the same key.
    drop(ofis);
    let ofis = app::open_with(&proxy.url, dir.path(), setup()).await;
    let shown = Arc::new(Shown::default());
    ofis.set_notifier(shown.clone());
    let mine = ofis.my_applications().await.unwrap();
    assert_eq!(mine.offline, None);
    assert_eq!(
        mine.rows.len(),
        1,
        "one application at the office: {mine:?}"
    );
    let row = &mine.rows[0];
    assert!(row.number.as_deref().is_some_and(|n| n.starts_with("З-")));
    assert_eq!(row.status, RowStatus::Office(ApplicationStatus::Accepted));
    assert_eq!(row.files, 1, "the photo went once, with it");
    assert_eq!(ofis.flush_application_outbox().await.unwrap(), 0);
    assert!(shown.0.lock().unwrap().is_empty(), "no news yet");

    // The office moves it on with the sandbox clock; each change is announced once.
    sandbox.state.set_today(app::today() + Days::new(1));
    let mine = ofis.my_applications().await.unwrap();
    assert_eq!(
        mine.rows[0].status,
        RowStatus::Office(ApplicationStatus::InProgress)
    );
    assert!(mine.awaits_news());
    ofis.my_applications().await.unwrap();
    tokio::task::yield_now().await;
    assert_eq!(shown.0.lock().unwrap().len(), 1, "announced once");
    assert!(ofis
        .snapshot()
        .notifications
        .iter()
        .any(|n| n.contains("в работе")));

    sandbox.state.set_today(app::today() + Days::new(3));
    let mine = ofis.my_applications().await.unwrap();
    let row = &mine.rows[0];
    assert_eq!(row.status, RowStatus::Office(ApplicationStatus::Done));
    assert!(row
        .answer
        .as_deref()
        .is_some_and(|a| a.contains("22098765")));
    assert!(!mine.awaits_news());
    assert_eq!(mine.rows.len(), 1);
    tokio::task::yield_now().await;
    let shown = shown.0.lock().unwrap().clone();
    assert_eq!(shown.len(), 2, "{shown:?}");
    assert!(shown[1].1.contains("выполнено"), "{shown:?}");
    sandbox.shutdown().await;
}

#[tokio::test]
async fn the_offices_refusal_names_the_field_and_nothing_stays_kept() {
    let sandbox = app::sandbox().await;
    let dir = tempfile::tempdir().unwrap();
    let ofis = app::open(&sandbox.gorod_url, dir.path()).await;
    app::sign_in(&ofis).await;
    let kinds = ofis.application_kinds().await.unwrap();
    let meter = kinds.iter().find(|k| k.id == "meter").unwrap().clone();
    // Ten digits, but not an account Система «Город» bills: only the server knows.
    let mut form = meter_form();
    form.insert("account".into(), "1111111111".into());
    let ApplicationOutcome::Invalid(errors) = ofis
        .send_application(&meter, &form, &[photo()])
        .await
        .unwrap()
    else {
        panic!("the office refuses an unknown account");
    };
    assert!(errors["account"].contains("Лицевой счёт"), "{errors:?}");
    let mine = ofis.my_applications().await.unwrap();
    assert!(mine.rows.is_empty(), "{mine:?}");
    sandbox.shutdown().await;
}

// The checks made here before anything is kept or sent.

fn field(id: &str, kind: FormFieldKind) -> FormFieldDto {
    FormFieldDto {
        id: id.into(),
        label: id.to_uppercase(),
        kind,
        required: true,
        hint: None,
        min_len: None,
        max_len: None,
        options: Vec::new(),
        not_after_today: false,
        not_before_today: false,
    }
}

fn kind() -> ApplicationKindDto {
    ApplicationKindDto {
        id: "meter".into(),
        name: "Поверка".into(),
        description: String::new(),
        fields: vec![
            field("account", FormFieldKind::Account),
            FormFieldDto {
                not_after_today: true,
                ..field("done_on", FormFieldKind::Date)
            },
            FormFieldDto {
                options: vec!["Поверка".into(), "Замена".into()],
                ..field("work", FormFieldKind::Choice)
            },
            FormFieldDto {
                min_len: Some(4),
                max_len: Some(20),
                ..field("serial", FormFieldKind::Digits)
            },
            field("reading", FormFieldKind::Number),
            FormFieldDto {
                required: false,
                ..field("comment", FormFieldKind::Text)
            },
        ],
        attachments: AttachmentRuleDto {
            label: "Свидетельство".into(),
            min_count: 1,
            max_count: 2,
            max_bytes: 100,
            content_types: vec![
                "image/jpeg".into(),
                "image/png".into(),
                "application/pdf".into(),
            ],
        },
        topic_id: "meter".into(),
    }
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
}

fn values(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

fn pdf() -> ChosenFile {
    ChosenFile {
        name: "акт.pdf".into(),
        bytes: b"%PDF-1.4 test".to_vec(),
    }
}

#[test]
fn form_a_good_form_is_cleaned_and_its_file_typed() {
    let typed = values(&[
        ("account", " 70125 05002 "),
        ("done_on", "2026-11-20"),
        ("work", "Замена"),
        ("serial", "123456"),
        ("reading", "12,5"),
        ("comment", "  "),
    ]);
    let (fields, files) = check_application(&kind(), &typed, &[pdf()], today()).unwrap();
    assert_eq!(fields["account"], "7012505002");
    assert_eq!(fields["reading"], "12.5");
    assert!(
        !fields.contains_key("comment"),
        "an empty optional field is left out"
    );
    assert_eq!(files[0].content_type, "application/pdf");
}

#[test]
fn form_every_mistake_is_named_by_its_field_at_once() {
    let typed = values(&[
        ("account", "12345"),
        ("done_on", "2026-12-01"),
        ("work", "Ремонт"),
        ("serial", "12a4"),
        ("reading", "-1"),
    ]);
    let png_not = ChosenFile {
        name: "фото.bmp".into(),
        bytes: b"BM....".to_vec(),
    };
    let errors = check_application(&kind(), &typed, &[png_not], today()).unwrap_err();
    assert_eq!(errors["account"], "«ACCOUNT»: 10 цифр");
    assert!(
        errors["done_on"].contains("позже сегодняшнего"),
        "{errors:?}"
    );
    assert!(errors["work"].contains("выберите из списка"));
    assert!(errors["serial"].contains("только цифры"));
    assert!(errors["reading"].contains("не меньше 0"));
    assert!(errors[ATTACHMENTS_FIELD].contains("фото.bmp"));
    assert_eq!(errors.len(), 6);
}

#[test]
fn form_files_are_counted_and_weighed() {
    let typed = values(&[
        ("account", "7012505002"),
        ("done_on", "2026-11-20"),
        ("work", "Замена"),
        ("serial", "123456"),
        ("reading", "1"),
    ]);
    let none = check_application(&kind(), &typed, &[], today()).unwrap_err();
    assert_eq!(none[ATTACHMENTS_FIELD], "Приложите: свидетельство");
    let three = check_application(&kind(), &typed, &[pdf(), pdf(), pdf()], today()).unwrap_err();
    assert_eq!(three[ATTACHMENTS_FIELD], "Не больше 2 файлов");
    let mut big = pdf();
    big.bytes.resize(101, b' ');
    let heavy = check_application(&kind(), &typed, &[big], today()).unwrap_err();
    assert!(heavy[ATTACHMENTS_FIELD].contains("больше"), "{heavy:?}");
    let missing = check_application(&kind(), &values(&[]), &[pdf()], today()).unwrap_err();
    assert_eq!(missing["account"], "Заполните поле «ACCOUNT»");
}
