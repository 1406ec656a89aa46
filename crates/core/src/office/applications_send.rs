//! Sending an application once. It is kept in SQLite under its own key with its files before the
//! first send; files go first (each file's id kept once the server has it, so a retry does not
//! upload it again), then the application under the key. A lost answer, no connection or a
//! restart leaves it kept: [`Ofis::flush_application_outbox`] sends it later under the same key
//! and the server answers with the same application.

use std::collections::BTreeMap;

use ofis_api::CreateApplication;
use ofis_client::ClientError;
use ofis_store::{ApplicationOutboxEntry, ApplicationSendState, OutgoingApplication};
use tracing::{info, instrument, warn};

use super::application_kind::ApplicationKind;
use super::applications::{check_application, ChosenFile, FormErrors, ATTACHMENTS_FIELD};
use crate::app::Ofis;
use crate::error::CoreError;

/// What the person sees when an application could not be sent now.
pub const APPLICATION_QUEUED: &str =
    "Нет связи: заявление сохранено на телефоне и будет отправлено автоматически";

/// One flush at a time, so a file is never uploaded twice by two rounds at once.
static FLUSH: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// How «Отправить» ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ApplicationOutcome {
    /// The office has it under its number («З-2026-000001»).
    Sent { number: String },
    /// No connection: kept here and sent automatically later ([`APPLICATION_QUEUED`]).
    Queued { message: &'static str },
    /// Not sent: what is wrong, by field (checked here, or the server's refusal naming one).
    Invalid(FormErrors),
}

/// What one send came to.
enum Delivered {
    Sent(String),
    /// Not through: try again later under the same key.
    Waiting,
    Refused(FormErrors),
}

impl Ofis {
    /// The kinds of application with their forms, ready to draw.
    pub async fn application_kinds(&self) -> Result<Vec<ApplicationKind>, CoreError> {
        let kinds = self.inner.gorod.application_kinds().await?;
        Ok(kinds.into_iter().map(ApplicationKind::from).collect())
    }

    /// «Отправить»: checks the form, keeps it under a new key with its files, then sends it.
    #[instrument(skip(self, kind, values, files), fields(kind = %kind.id))]
    pub async fn send_application(
        &self,
        kind: &ApplicationKind,
        values: &BTreeMap<String, String>,
        files: &[ChosenFile],
    ) -> Result<ApplicationOutcome, CoreError> {
        if !self.is_signed_in() {
            return Err(CoreError::NotSignedIn);
        }
        let (fields, files) = match check_application(&kind.form, values, files, self.today()) {
            Ok(checked) => checked,
            Err(errors) => return Ok(ApplicationOutcome::Invalid(errors)),
        };
        let app = OutgoingApplication {
            idempotency_key: uuid::Uuid::new_v4().to_string(),
            kind_id: kind.id.clone(),
            kind_name: kind.name.clone(),
            fields,
            files,
            queued_at: self.inner.clock.now(),
        };
        let key = app.idempotency_key.clone();
        self.inner
            .db
            .run(move |s| s.queue_application(&app))
            .await?;
        let _one = FLUSH.lock().await;
        let entry = self.kept_application(&key).await?;
        let outcome = match entry {
            Some(entry) => self.deliver_application(entry).await?,
            None => return Err(CoreError::Store(ofis_store::StoreError::Corrupt(key))),
        };
        Ok(match outcome {
            Delivered::Sent(number) => ApplicationOutcome::Sent { number },
            Delivered::Waiting => ApplicationOutcome::Queued {
                message: APPLICATION_QUEUED,
            },
            Delivered::Refused(errors) => {
                // The form is still open with what was typed: corrected, it goes anew.
                self.inner
                    .db
                    .run(move |s| s.forget_application(&key))
                    .await?;
                ApplicationOutcome::Invalid(errors)
            }
        })
    }

    /// Sends every kept application not sent yet, each under its own key (so each arrives
    /// once); stops at the first the network does not let through. Returns how many went.
    #[instrument(skip(self))]
    pub async fn flush_application_outbox(&self) -> Result<usize, CoreError> {
        if !self.is_signed_in() {
            return Ok(0);
        }
        let _one = FLUSH.lock().await;
        let waiting: Vec<ApplicationOutboxEntry> = self
            .inner
            .db
            .run(|s| s.application_outbox())
            .await?
            .into_iter()
            .filter(|e| e.state == ApplicationSendState::Queued)
            .collect();
        let mut sent = 0;
        for entry in waiting {
            match self.deliver_application(entry).await? {
                Delivered::Sent(_) => sent += 1,
                Delivered::Waiting => break,
                Delivered::Refused(_) => {}
            }
        }
        if sent > 0 {
            info!(sent, "applications sent");
        }
        Ok(sent)
    }

    async fn kept_application(
        &self,
        key: &str,
    ) -> Result<Option<ApplicationOutboxEntry>, CoreError> {
        let key = key.to_string();
        let all = self.inner.db.run(|s| s.application_outbox()).await?;
        Ok(all.into_iter().find(|e| {
            e.application.idempotency_key == key && e.state == ApplicationSendState::Queued
        }))
    }

    async fn deliver_application(
        &self,
        entry: ApplicationOutboxEntry,
    ) -> Result<Delivered, CoreError> {
        let app = entry.application;
        let key = app.idempotency_key.clone();
        let mut attachment_ids = Vec::new();
        for (position, (file, id)) in app.files.into_iter().zip(entry.attachment_ids).enumerate() {
            if let Some(id) = id {
                attachment_ids.push(id);
                continue;
            }
            let upload = self
                .inner
                .gorod
                .upload_attachment(&file.content_type, file.bytes)
                .await;
            match upload {
                Ok(dto) => {
                    let (k, id) = (key.clone(), dto.id.clone());
                    self.inner
                        .db
                        .run(move |s| s.set_application_attachment(&k, position, &id))
                        .await?;
                    attachment_ids.push(dto.id);
                }
                Err(e) => return self.application_failed(&key, e).await,
            }
        }
        let request = CreateApplication {
            kind_id: app.kind_id,
            fields: app.fields,
            attachment_ids,
        };
        match self.inner.gorod.submit_application(&request, &key).await {
            Ok(dto) => {
                let outcome = ApplicationSendState::Sent {
                    server_id: dto.id.clone(),
                };
                let seen = vec![(dto.id, status_key(dto.status).to_string())];
                self.inner
                    .db
                    .run(move |s| {
                        s.settle_application(&key, &outcome)?;
                        s.note_application_statuses(&seen).map(drop)
                    })
                    .await?;
                Ok(Delivered::Sent(dto.number))
            }
            Err(e) => self.application_failed(&key, e).await,
        }
    }

    /// A send that failed: kept for later when the failure may pass, refused otherwise.
    async fn application_failed(&self, key: &str, e: ClientError) -> Result<Delivered, CoreError> {
        if e.is_retryable() || matches!(e, ClientError::Unauthorized) {
            warn!(key, error = %e, "application waits");
            return Ok(Delivered::Waiting);
        }
        let mut errors = FormErrors::new();
        let field = match &e {
            ClientError::Validation { field: Some(f), .. } if f == "file" => {
                ATTACHMENTS_FIELD.to_string()
            }
            ClientError::Validation { field: Some(f), .. } => f.clone(),
            _ => String::new(),
        };
        let message = crate::messages::core_error(&CoreError::Client(e));
        errors.insert(field, message.clone());
        let outcome = ApplicationSendState::Refused { message };
        let key = key.to_string();
        self.inner
            .db
            .run(move |s| s.settle_application(&key, &outcome))
            .await?;
        Ok(Delivered::Refused(errors))
    }
}

/// The status as the store remembers it.
pub(crate) fn status_key(status: ofis_api::ApplicationStatus) -> &'static str {
    match status {
        ofis_api::ApplicationStatus::Accepted => "accepted",
        ofis_api::ApplicationStatus::InProgress => "in_progress",
        ofis_api::ApplicationStatus::Done => "done",
        ofis_api::ApplicationStatus::Refused => "refused",
    }
}
