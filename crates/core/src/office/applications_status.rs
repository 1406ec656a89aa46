//! «Мои заявления»: the person's applications as the office has them (newest first), with what
//! waits on this phone to be sent; each change of status since the person was last told becomes
//! a notification, in the app and in the platform's notification centre.

use chrono::{DateTime, NaiveDate, Utc};
use ofis_api::{ApplicationDto, ApplicationStatus};
use ofis_client::ClientError;
use ofis_store::{ApplicationOutboxEntry, ApplicationSendState};
use tracing::warn;

use super::applications_send::status_key;
use crate::app::Ofis;
use crate::error::CoreError;

/// Said when the list could not be fetched and only what waits here is shown.
pub const APPLICATIONS_OFFLINE: &str =
    "Нет связи с сервером — показаны заявления, сохранённые на телефоне; статусы обновятся, когда связь вернётся.";

/// Where an application stands, as «Мои заявления» shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RowStatus {
    /// Kept here, not sent yet: «Ждёт отправки».
    Waiting,
    /// The server refused it when it was sent later (its Russian message).
    NotSent(String),
    /// The office's status.
    Office(ApplicationStatus),
}

/// How far along an application is, for the colour of its badge.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ApplicationStage {
    /// Kept here, or taken by the office and not started.
    Pending,
    /// The office works on it.
    InWork,
    Done,
    /// Refused, by the office or when it was sent.
    Refused,
}

impl RowStatus {
    /// «Принято», «В работе», «Выполнено», «Отказано», «Ждёт отправки», «Не отправлено».
    pub fn label(&self) -> &'static str {
        match self {
            RowStatus::Waiting => "Ждёт отправки",
            RowStatus::NotSent(_) => "Не отправлено",
            RowStatus::Office(s) => status_label(*s),
        }
    }

    /// Its [`ApplicationStage`].
    pub fn stage(&self) -> ApplicationStage {
        match self {
            RowStatus::Waiting | RowStatus::Office(ApplicationStatus::Accepted) => {
                ApplicationStage::Pending
            }
            RowStatus::Office(ApplicationStatus::InProgress) => ApplicationStage::InWork,
            RowStatus::Office(ApplicationStatus::Done) => ApplicationStage::Done,
            RowStatus::NotSent(_) | RowStatus::Office(ApplicationStatus::Refused) => {
                ApplicationStage::Refused
            }
        }
    }
}

/// The Russian name of an office status.
pub fn status_label(status: ApplicationStatus) -> &'static str {
    match status {
        ApplicationStatus::Accepted => "Принято",
        ApplicationStatus::InProgress => "В работе",
        ApplicationStatus::Done => "Выполнено",
        ApplicationStatus::Refused => "Отказано",
    }
}

/// One application of «Мои заявления».
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApplicationRow {
    /// The server's id, or the key of one not sent yet.
    pub id: String,
    /// «З-2026-000001» once the office has it.
    pub number: Option<String>,
    pub kind_name: String,
    pub submitted_at: DateTime<Utc>,
    pub status: RowStatus,
    /// Every office status reached so far with its day, oldest first.
    pub history: Vec<(ApplicationStatus, NaiveDate)>,
    /// The office's answer, once done or refused.
    pub answer: Option<String>,
    pub files: usize,
}

/// «Мои заявления».
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MyApplications {
    /// What waits here first, then the office's, newest first.
    pub rows: Vec<ApplicationRow>,
    /// [`APPLICATIONS_OFFLINE`] when the server could not be reached.
    pub offline: Option<&'static str>,
}

impl MyApplications {
    /// Whether some application is still to be sent or decided: only then is it worth asking
    /// the server often.
    pub fn awaits_news(&self) -> bool {
        self.rows.iter().any(|r| {
            matches!(
                r.status,
                RowStatus::Waiting
                    | RowStatus::Office(ApplicationStatus::Accepted)
                    | RowStatus::Office(ApplicationStatus::InProgress)
            )
        })
    }
}

fn office_row(dto: &ApplicationDto) -> ApplicationRow {
    ApplicationRow {
        id: dto.id.clone(),
        number: Some(dto.number.clone()),
        kind_name: dto.kind_name.clone(),
        submitted_at: dto.submitted_at,
        status: RowStatus::Office(dto.status),
        history: dto.history.iter().map(|c| (c.status, c.on)).collect(),
        answer: dto.answer.clone(),
        files: dto.attachments.len(),
    }
}

fn local_row(entry: &ApplicationOutboxEntry) -> Option<ApplicationRow> {
    let status = match &entry.state {
        ApplicationSendState::Queued => RowStatus::Waiting,
        ApplicationSendState::Refused { message } => RowStatus::NotSent(message.clone()),
        ApplicationSendState::Sent { .. } => return None,
    };
    let app = &entry.application;
    Some(ApplicationRow {
        id: app.idempotency_key.clone(),
        number: None,
        kind_name: app.kind_name.clone(),
        submitted_at: app.queued_at,
        status,
        history: Vec::new(),
        answer: None,
        files: app.files.len(),
    })
}

impl Ofis {
    /// One round of «Мои заявления»: sends what waits, then fetches the list and announces
    /// each change of status.
    pub async fn my_applications(&self) -> Result<MyApplications, CoreError> {
        if !self.is_signed_in() {
            return Err(CoreError::NotSignedIn);
        }
        if let Err(e) = self.flush_application_outbox().await {
            warn!(error = %e, "applications not sent");
        }
        let answer = self.inner.gorod.applications().await;
        let local = self.inner.db.run(|s| s.application_outbox()).await?;
        let mut rows: Vec<ApplicationRow> = local.iter().rev().filter_map(local_row).collect();
        let offline = match answer {
            Ok(list) => {
                self.note_statuses(&list).await?;
                rows.extend(list.iter().map(office_row));
                None
            }
            Err(e) if e.is_retryable() || matches!(e, ClientError::Unauthorized) => {
                Some(APPLICATIONS_OFFLINE)
            }
            Err(e) => return Err(e.into()),
        };
        Ok(MyApplications { rows, offline })
    }

    /// The background round: «Мои заявления» when some application waits to be sent or decided
    /// (as this phone last knew), `None` without asking the server otherwise.
    pub async fn applications_round(&self) -> Result<Option<MyApplications>, CoreError> {
        if !self.is_signed_in() {
            return Ok(None);
        }
        if !self.inner.db.run(|s| s.applications_await_news()).await? {
            return Ok(None);
        }
        self.my_applications().await.map(Some)
    }

    /// Each application whose status changed since last told: a notification.
    async fn note_statuses(&self, list: &[ApplicationDto]) -> Result<(), CoreError> {
        let now: Vec<(String, String)> = list
            .iter()
            .map(|a| (a.id.clone(), status_key(a.status).to_string()))
            .collect();
        let changed = self
            .inner
            .db
            .run(move |s| s.note_application_statuses(&now))
            .await?;
        let fresh: Vec<String> = changed
            .iter()
            .filter_map(|(id, _)| list.iter().find(|a| a.id == *id))
            .map(status_notice)
            .collect();
        if fresh.is_empty() {
            return Ok(());
        }
        {
            let mut s = self.change();
            for text in &fresh {
                s.notices_mut().add(text.clone());
            }
        }
        for text in &fresh {
            self.notify_os("Электронное заявление", text);
        }
        Ok(())
    }
}

/// «Заявление З-2026-000001 «Перерасчёт…»: в работе» (with the office's answer once decided).
fn status_notice(a: &ApplicationDto) -> String {
    let status = status_label(a.status).to_lowercase();
    let mut text = format!("Заявление {} «{}»: {status}", a.number, a.kind_name);
    if let Some(answer) = &a.answer {
        let head: String = answer.chars().take(120).collect();
        let more = if answer.chars().count() > 120 {
            "…"
        } else {
            ""
        };
        text.push_str(&format!(". {head}{more}"));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_status_has_its_words_and_stage() {
        use ApplicationStage::{Done, InWork, Pending, Refused};
        use ApplicationStatus as S;
        let office = RowStatus::Office;
        let cases = [
            (RowStatus::Waiting, "Ждёт отправки", Pending),
            (
                RowStatus::NotSent("нет счёта".into()),
                "Не отправлено",
                Refused,
            ),
            (office(S::Accepted), "Принято", Pending),
            (office(S::InProgress), "В работе", InWork),
            (office(S::Done), "Выполнено", Done),
            (office(S::Refused), "Отказано", Refused),
        ];
        for (status, label, stage) in cases {
            assert_eq!(
                (status.label(), status.stage()),
                (label, stage),
                "{status:?}"
            );
        }
    }
}
