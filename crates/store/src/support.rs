//! «Написать»: messages to support typed on this phone. Each is written here under its
//! idempotency key before the first send, so a message typed offline is kept (across restarts)
//! and sent exactly once when the server is back. A photo is kept with it until sent; once the
//! server has the photo its attachment id is kept too, so a retry does not upload it again.
//!
//! States: `Queued` → `Sent` (the server's message id) | `Refused` (its Russian message).

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension};

use crate::codec::{parse_time, time_text};
use crate::error::StoreError;
use crate::open::Store;

/// Schema step: the messages to support typed on this phone.
pub(crate) const SUPPORT_MESSAGES: &str = r#"
CREATE TABLE support_outbox (
    idempotency_key   TEXT PRIMARY KEY,
    text              TEXT NOT NULL,
    photo_type        TEXT CHECK (photo_type IN ('image/jpeg', 'image/png')),
    photo             BLOB,
    attachment_id     TEXT,
    queued_at         TEXT NOT NULL,
    state             TEXT NOT NULL CHECK (state IN ('queued', 'sent', 'refused')),
    server_message_id TEXT,
    refusal           TEXT,
    CHECK ((photo_type IS NULL) = (photo IS NULL))
) STRICT;
"#;

/// A photo attached to a message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SupportPhoto {
    /// `image/jpeg` or `image/png`.
    pub content_type: String,
    pub bytes: Vec<u8>,
}

/// A message to support as typed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutgoingSupportMessage {
    /// A UUID, sent as the `Idempotency-Key`.
    pub idempotency_key: String,
    pub text: String,
    pub photo: Option<SupportPhoto>,
    pub queued_at: DateTime<Utc>,
}

/// Where a message stands, as far as this phone knows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SupportSendState {
    /// Not sent yet, or the answer was lost: send (again) under the same key.
    Queued,
    /// The server has it.
    Sent { server_message_id: String },
    /// The server refused it; the message is Russian and fit for the person.
    Refused { message: String },
}

/// A message, the server's id of its photo once uploaded, and its state.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SupportOutboxEntry {
    pub message: OutgoingSupportMessage,
    pub attachment_id: Option<String>,
    pub state: SupportSendState,
}

type Row = (
    String,
    String,
    Option<String>,
    Option<Vec<u8>>,
    Option<String>,
    String,
    String,
    Option<String>,
    Option<String>,
);

impl Store {
    /// Keeps a new message. When this returns, it is on disk, so the caller may send it.
    pub fn queue_support_message(
        &mut self,
        message: &OutgoingSupportMessage,
    ) -> Result<(), StoreError> {
        let tx = self.write_tx()?;
        let (photo_type, photo) = match &message.photo {
            Some(p) => (Some(p.content_type.as_str()), Some(p.bytes.as_slice())),
            None => (None, None),
        };
        let inserted = tx.execute(
            "INSERT OR IGNORE INTO support_outbox
             (idempotency_key, text, photo_type, photo, queued_at, state)
             VALUES (?1, ?2, ?3, ?4, ?5, 'queued')",
            params![
                message.idempotency_key,
                message.text,
                photo_type,
                photo,
                time_text(message.queued_at)
            ],
        )?;
        if inserted == 0 {
            return Err(StoreError::DuplicateSupportMessage(
                message.idempotency_key.clone(),
            ));
        }
        tx.commit()?;
        tracing::info!(key = %message.idempotency_key, "support message queued");
        Ok(())
    }

    /// Every message typed on this phone with its state, oldest first.
    pub fn support_outbox(&self) -> Result<Vec<SupportOutboxEntry>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT idempotency_key, text, photo_type, photo, attachment_id, queued_at, state,
                    server_message_id, refusal
             FROM support_outbox ORDER BY queued_at, rowid",
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
                    r.get(8)?,
                ))
            })?
            .collect::<Result<_, _>>()?;
        rows.into_iter().map(decode).collect()
    }

    /// The server has the message's photo under `attachment_id`.
    pub fn set_support_attachment(
        &mut self,
        key: &str,
        attachment_id: &str,
    ) -> Result<(), StoreError> {
        let changed = self.conn.execute(
            "UPDATE support_outbox SET attachment_id = ?2 WHERE idempotency_key = ?1",
            params![key, attachment_id],
        )?;
        if changed == 0 {
            return Err(StoreError::UnknownSupportMessage(key.to_string()));
        }
        Ok(())
    }

    /// Settles a queued message: sent (with the server's id) or refused (with its message).
    /// An outcome never changes; repeating the same one is accepted.
    pub fn settle_support_message(
        &mut self,
        key: &str,
        outcome: &SupportSendState,
    ) -> Result<(), StoreError> {
        let tx = self.write_tx()?;
        let current: (String, Option<String>, Option<String>) = tx
            .query_row(
                "SELECT state, server_message_id, refusal FROM support_outbox
                 WHERE idempotency_key = ?1",
                [key],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?
            .ok_or_else(|| StoreError::UnknownSupportMessage(key.to_string()))?;
        let current = decode_state(current.0, current.1, current.2)?;
        if current == *outcome {
            return Ok(());
        }
        if current != SupportSendState::Queued {
            return Err(StoreError::Corrupt(format!(
                "support message {key} is already settled"
            )));
        }
        let (state, id, refusal) = match outcome {
            SupportSendState::Sent { server_message_id } => {
                ("sent", Some(server_message_id.as_str()), None)
            }
            SupportSendState::Refused { message } => ("refused", None, Some(message.as_str())),
            SupportSendState::Queued => ("queued", None, None),
        };
        tx.execute(
            "UPDATE support_outbox SET state = ?2, server_message_id = ?3, refusal = ?4
             WHERE idempotency_key = ?1",
            params![key, state, id, refusal],
        )?;
        tx.commit()?;
        tracing::info!(key, state, "support message settled");
        Ok(())
    }
}

fn decode(row: Row) -> Result<SupportOutboxEntry, StoreError> {
    let (key, text, photo_type, photo, attachment_id, queued_at, state, id, refusal) = row;
    let photo = match (photo_type, photo) {
        (Some(content_type), Some(bytes)) => Some(SupportPhoto {
            content_type,
            bytes,
        }),
        (None, None) => None,
        _ => return Err(StoreError::Corrupt("support_outbox.photo".into())),
    };
    Ok(SupportOutboxEntry {
        message: OutgoingSupportMessage {
            idempotency_key: key,
            text,
            photo,
            queued_at: parse_time(&queued_at, "support_outbox.queued_at")?,
        },
        attachment_id,
        state: decode_state(state, id, refusal)?,
    })
}

fn decode_state(
    state: String,
    id: Option<String>,
    refusal: Option<String>,
) -> Result<SupportSendState, StoreError> {
    match (state.as_str(), id, refusal) {
        ("queued", None, None) => Ok(SupportSendState::Queued),
        ("sent", Some(server_message_id), None) => Ok(SupportSendState::Sent { server_message_id }),
        ("refused", None, Some(message)) => Ok(SupportSendState::Refused { message }),
        _ => Err(StoreError::Corrupt(format!(
            "support_outbox.state {state:?}"
        ))),
    }
}
