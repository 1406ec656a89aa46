//! «Электронное заявление»: applications to the office typed on this phone. Each is written here
//! under its idempotency key with its files before the first send, so one typed offline is kept
//! (across restarts) and sent exactly once when the server is back. Once the server has a file,
//! its attachment id is kept too, so a retry does not upload it again.
//!
//! States: `Queued` → `Sent` (the server's application id) | `Refused` (its Russian message).
//! Besides, the last status of each application the person has been told of, so each change of
//! status is announced once.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension};

use crate::codec::{parse_time, time_text};
use crate::error::StoreError;
use crate::open::Store;

/// Schema step 8: the applications typed on this phone, their files, the statuses seen.
pub(crate) const OFFICE_APPLICATIONS: &str = r#"
CREATE TABLE office_application (
    idempotency_key TEXT PRIMARY KEY,
    kind_id         TEXT NOT NULL,
    kind_name       TEXT NOT NULL,
    fields_json     TEXT NOT NULL CHECK (json_valid(fields_json)),
    queued_at       TEXT NOT NULL,
    state           TEXT NOT NULL CHECK (state IN ('queued', 'sent', 'refused')),
    server_id       TEXT,
    refusal         TEXT,
    CHECK ((state = 'sent') = (server_id IS NOT NULL)),
    CHECK ((state = 'refused') = (refusal IS NOT NULL))
) STRICT;

CREATE TABLE office_application_file (
    idempotency_key TEXT NOT NULL
                    REFERENCES office_application (idempotency_key) ON DELETE CASCADE,
    position        INTEGER NOT NULL,
    name            TEXT NOT NULL,
    content_type    TEXT NOT NULL
                    CHECK (content_type IN ('image/jpeg', 'image/png', 'application/pdf')),
    bytes           BLOB NOT NULL,
    attachment_id   TEXT,
    PRIMARY KEY (idempotency_key, position)
) STRICT, WITHOUT ROWID;

CREATE TABLE office_application_seen (
    application_id TEXT PRIMARY KEY,
    status         TEXT NOT NULL
) STRICT, WITHOUT ROWID;
"#;

/// A file attached to an application.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApplicationFile {
    /// The file's name as chosen («справка.pdf»).
    pub name: String,
    /// `image/jpeg`, `image/png` or `application/pdf`.
    pub content_type: String,
    pub bytes: Vec<u8>,
}

/// An application as typed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutgoingApplication {
    /// A UUID, sent as the `Idempotency-Key`.
    pub idempotency_key: String,
    pub kind_id: String,
    /// «Перерасчёт за время отсутствия», shown while it waits.
    pub kind_name: String,
    /// The form's values by field id.
    pub fields: BTreeMap<String, String>,
    pub files: Vec<ApplicationFile>,
    pub queued_at: DateTime<Utc>,
}

/// Where an application stands, as far as this phone knows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ApplicationSendState {
    /// Not sent yet, or the answer was lost: send (again) under the same key.
    Queued,
    /// The server has it.
    Sent { server_id: String },
    /// The server refused it; the message is Russian and fit for the person.
    Refused { message: String },
}

/// An application, the server's ids of its files once uploaded (by position), and its state.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApplicationOutboxEntry {
    pub application: OutgoingApplication,
    pub attachment_ids: Vec<Option<String>>,
    pub state: ApplicationSendState,
}

type Row = (
    String,
    String,
    String,
    String,
    String,
    String,
    Option<String>,
    Option<String>,
);

impl Store {
    /// Keeps a new application with its files. When this returns, it is on disk, so the
    /// caller may send it.
    pub fn queue_application(&mut self, app: &OutgoingApplication) -> Result<(), StoreError> {
        let fields =
            serde_json::to_string(&app.fields).map_err(|e| StoreError::Encode(e.to_string()))?;
        let tx = self.write_tx()?;
        let inserted = tx.execute(
            "INSERT OR IGNORE INTO office_application
             (idempotency_key, kind_id, kind_name, fields_json, queued_at, state)
             VALUES (?1, ?2, ?3, ?4, ?5, 'queued')",
            params![
                app.idempotency_key,
                app.kind_id,
                app.kind_name,
                fields,
                time_text(app.queued_at)
            ],
        )?;
        if inserted == 0 {
            return Err(StoreError::InvalidOrder(format!(
                "application {} is already kept",
                app.idempotency_key
            )));
        }
        for (position, file) in app.files.iter().enumerate() {
            tx.execute(
                "INSERT INTO office_application_file
                 (idempotency_key, position, name, content_type, bytes)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![
                    app.idempotency_key,
                    position as i64,
                    file.name,
                    file.content_type,
                    file.bytes
                ],
            )?;
        }
        tx.commit()?;
        tracing::info!(key = %app.idempotency_key, files = app.files.len(), "application kept");
        Ok(())
    }

    /// Every application typed on this phone with its state, oldest first.
    pub fn application_outbox(&self) -> Result<Vec<ApplicationOutboxEntry>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT idempotency_key, kind_id, kind_name, fields_json, queued_at, state, server_id,
                    refusal
             FROM office_application ORDER BY queued_at, rowid",
        )?;
        let rows: Vec<Row> = stmt
            .query_map([], |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                    r.get(7)?,
                ))
            })?
            .collect::<Result<_, _>>()?;
        rows.into_iter().map(|row| self.decode(row)).collect()
    }

    fn decode(&self, row: Row) -> Result<ApplicationOutboxEntry, StoreError> {
        let (key, kind_id, kind_name, fields, queued_at, state, server_id, refusal) = row;
        let fields = serde_json::from_str(&fields)
            .map_err(|_| StoreError::Corrupt("office_application.fields_json".into()))?;
        let mut stmt = self.conn.prepare(
            "SELECT name, content_type, bytes, attachment_id FROM office_application_file
             WHERE idempotency_key = ?1 ORDER BY position",
        )?;
        let files: Vec<(ApplicationFile, Option<String>)> = stmt
            .query_map([&key], |r| {
                Ok((
                    ApplicationFile {
                        name: r.get(0)?,
                        content_type: r.get(1)?,
                        bytes: r.get(2)?,
                    },
                    r.get(3)?,
                ))
            })?
            .collect::<Result<_, _>>()?;
        let (files, attachment_ids) = files.into_iter().unzip();
        Ok(ApplicationOutboxEntry {
            application: OutgoingApplication {
                idempotency_key: key,
                kind_id,
                kind_name,
                fields,
                files,
                queued_at: parse_time(&queued_at, "office_application.queued_at")?,
            },
            attachment_ids,
            state: decode_state(state, server_id, refusal)?,
        })
    }

    /// The server has the application's file at `position` under `attachment_id`.
    pub fn set_application_attachment(
        &mut self,
        key: &str,
        position: usize,
        attachment_id: &str,
    ) -> Result<(), StoreError> {
        let changed = self.conn.execute(
            "UPDATE office_application_file SET attachment_id = ?3
             WHERE idempotency_key = ?1 AND position = ?2",
            params![key, position as i64, attachment_id],
        )?;
        if changed == 0 {
            return Err(StoreError::Corrupt(format!(
                "no file {position} of application {key}"
            )));
        }
        Ok(())
    }

    /// Settles a queued application: sent (with the server's id) or refused (with its
    /// message). An outcome never changes; repeating the same one is accepted.
    pub fn settle_application(
        &mut self,
        key: &str,
        outcome: &ApplicationSendState,
    ) -> Result<(), StoreError> {
        let tx = self.write_tx()?;
        let current: (String, Option<String>, Option<String>) = tx
            .query_row(
                "SELECT state, server_id, refusal FROM office_application
                 WHERE idempotency_key = ?1",
                [key],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?
            .ok_or_else(|| StoreError::Corrupt(format!("no application {key}")))?;
        let current = decode_state(current.0, current.1, current.2)?;
        if current == *outcome {
            return Ok(());
        }
        if current != ApplicationSendState::Queued {
            return Err(StoreError::Corrupt(format!(
                "application {key} is already settled"
            )));
        }
        let (state, id, refusal) = match outcome {
            ApplicationSendState::Sent { server_id } => ("sent", Some(server_id.as_str()), None),
            ApplicationSendState::Refused { message } => ("refused", None, Some(message.as_str())),
            ApplicationSendState::Queued => ("queued", None, None),
        };
        tx.execute(
            "UPDATE office_application SET state = ?2, server_id = ?3, refusal = ?4
             WHERE idempotency_key = ?1",
            params![key, state, id, refusal],
        )?;
        tx.commit()?;
        tracing::info!(key, state, "application settled");
        Ok(())
    }

    /// Forgets a kept application (refused while the person still has its form open: they
    /// correct it and send it anew).
    pub fn forget_application(&mut self, key: &str) -> Result<(), StoreError> {
        self.conn.execute(
            "DELETE FROM office_application WHERE idempotency_key = ?1",
            [key],
        )?;
        Ok(())
    }

    /// Whether some application waits to be sent, or was last seen not decided yet: only then
    /// is the server asked for news in the background.
    pub fn applications_await_news(&self) -> Result<bool, StoreError> {
        Ok(self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM office_application WHERE state = 'queued')
                 OR EXISTS (SELECT 1 FROM office_application_seen
                            WHERE status IN ('accepted', 'in_progress'))",
            [],
            |r| r.get(0),
        )?)
    }

    /// Remembers each application's status as now told (`id` → status) and returns those whose
    /// status changed since last told. One not seen before is only remembered: its status is
    /// news only when it changes.
    pub fn note_application_statuses(
        &mut self,
        now: &[(String, String)],
    ) -> Result<Vec<(String, String)>, StoreError> {
        let tx = self.write_tx()?;
        let mut changed = Vec::new();
        for (id, status) in now {
            let before: Option<String> = tx
                .query_row(
                    "SELECT status FROM office_application_seen WHERE application_id = ?1",
                    [id],
                    |r| r.get(0),
                )
                .optional()?;
            if before.as_deref() == Some(status.as_str()) {
                continue;
            }
            if before.is_some() {
                changed.push((id.clone(), status.clone()));
            }
            tx.execute(
                "INSERT INTO office_application_seen (application_id, status) VALUES (?1, ?2)
                 ON CONFLICT (application_id) DO UPDATE SET status = excluded.status",
                params![id, status],
            )?;
        }
        tx.commit()?;
        Ok(changed)
    }
}

fn decode_state(
    state: String,
    id: Option<String>,
    refusal: Option<String>,
) -> Result<ApplicationSendState, StoreError> {
    match (state.as_str(), id, refusal) {
        ("queued", None, None) => Ok(ApplicationSendState::Queued),
        ("sent", Some(server_id), None) => Ok(ApplicationSendState::Sent { server_id }),
        ("refused", None, Some(message)) => Ok(ApplicationSendState::Refused { message }),
        _ => Err(StoreError::Corrupt(format!(
            "office_application.state {state:?}"
        ))),
    }
}
