//! «Написать»: the conversation with support. A message is kept in SQLite under its own key
//! before the first send; one typed offline waits there (across restarts) and is sent exactly
//! once when the server is back ([`Ofis::flush_support_outbox`]). Each round also counts
//! support's unread answers for the badge and tells the person of a new one.

use chrono::{DateTime, Utc};
use ofis_api::{
    NewSupportMessage, SupportAuthor, SupportConversationDto, SUPPORT_PHOTO_MAX_BYTES,
    SUPPORT_TEXT_MAX_CHARS,
};
use ofis_client::ClientError;
use ofis_store::{OutgoingSupportMessage, SupportOutboxEntry, SupportPhoto, SupportSendState};
use tracing::{info, instrument, warn};

use super::SupportError;
use crate::app::Ofis;
use crate::error::CoreError;

/// Said when the conversation could not be fetched and only what was typed here is shown.
pub const SUPPORT_OFFLINE: &str =
    "Нет связи с сервером — показаны ваши сообщения; ответы поддержки появятся, когда связь вернётся.";
/// The store setting counting support's answers already announced.
const ANSWERS_SEEN: &str = "support.answers_seen";
/// One flush at a time, so a photo is never uploaded twice by two rounds at once.
static FLUSH: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// Where one message stands, as the chat shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ChatStatus {
    /// The person's message is with support; `read` once support has read it.
    Sent { read: bool },
    /// Typed here and not sent yet: «не отправлено — отправим, когда появится связь».
    Queued,
    /// The server refused it (its Russian message).
    Refused(String),
    /// Support's answer; `read` once the person has seen it.
    Answer { read: bool },
}

/// One message of the chat.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChatMessage {
    /// The server's id, or the key of a message not sent yet.
    pub id: String,
    pub text: String,
    pub at: DateTime<Utc>,
    pub status: ChatStatus,
    /// The attached photo when this phone has it; `has_photo` says there is one at all.
    pub photo: Option<SupportPhoto>,
    pub has_photo: bool,
}

/// The conversation with support as the chat shows it, oldest first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SupportChat {
    pub messages: Vec<ChatMessage>,
    /// Support's answers the person has not seen.
    pub unread: u32,
    /// [`SUPPORT_OFFLINE`] when the server could not be reached.
    pub offline: Option<&'static str>,
}

impl SupportChat {
    /// Whether the person's last message still waits for support's answer (or to be sent):
    /// only then is it worth asking the server often.
    pub fn awaits_answer(&self) -> bool {
        self.messages
            .last()
            .is_some_and(|m| matches!(m.status, ChatStatus::Sent { .. } | ChatStatus::Queued))
    }
}

/// The type of a photo by its first bytes, if it is a JPEG or a PNG.
fn photo_type(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"\xff\xd8\xff") {
        Some("image/jpeg")
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else {
        None
    }
}

/// The message as typed, checked: some text or a photo, not too long, a JPEG or PNG photo of at
/// most 5 MiB.
pub fn check_message(
    text: &str,
    photo: Option<Vec<u8>>,
) -> Result<(String, Option<SupportPhoto>), SupportError> {
    let text = text.trim().to_string();
    if text.chars().count() > SUPPORT_TEXT_MAX_CHARS {
        return Err(SupportError::TooLong);
    }
    let photo = match photo {
        Some(bytes) => {
            let content_type = photo_type(&bytes).ok_or(SupportError::PhotoType)?;
            if bytes.len() > SUPPORT_PHOTO_MAX_BYTES {
                return Err(SupportError::PhotoTooLarge);
            }
            Some(SupportPhoto {
                content_type: content_type.to_string(),
                bytes,
            })
        }
        None => None,
    };
    if text.is_empty() && photo.is_none() {
        return Err(SupportError::Empty);
    }
    Ok((text, photo))
}

/// The chat: the server's messages (with the photos this phone keeps), then what waits here.
fn merge(dto: Option<SupportConversationDto>, local: Vec<SupportOutboxEntry>) -> SupportChat {
    let offline = dto.is_none().then_some(SUPPORT_OFFLINE);
    let (mut messages, unread) = match dto {
        Some(dto) => (server_messages(&dto, &local), dto.unread),
        None => (Vec::new(), 0),
    };
    for entry in local {
        let status = match entry.state {
            SupportSendState::Queued => ChatStatus::Queued,
            SupportSendState::Refused { message } => ChatStatus::Refused(message),
            // Offline, what was sent is shown from here; online it came from the server.
            SupportSendState::Sent { .. } if offline.is_some() => ChatStatus::Sent { read: false },
            SupportSendState::Sent { .. } => continue,
        };
        let m = entry.message;
        messages.push(ChatMessage {
            id: m.idempotency_key,
            text: m.text,
            at: m.queued_at,
            status,
            has_photo: m.photo.is_some(),
            photo: m.photo,
        });
    }
    SupportChat {
        messages,
        unread,
        offline,
    }
}

fn server_messages(dto: &SupportConversationDto, local: &[SupportOutboxEntry]) -> Vec<ChatMessage> {
    dto.messages
        .iter()
        .map(|m| {
            let photo = local
                .iter()
                .find(|e| matches!(&e.state, SupportSendState::Sent { server_message_id } if *server_message_id == m.id))
                .and_then(|e| e.message.photo.clone());
            let status = match m.author {
                SupportAuthor::Person => ChatStatus::Sent { read: m.read },
                SupportAuthor::Support => ChatStatus::Answer { read: m.read },
            };
            ChatMessage {
                id: m.id.clone(),
                text: m.text.clone(),
                at: m.sent_at,
                status,
                has_photo: m.attachment.is_some(),
                photo,
            }
        })
        .collect()
}

/// What a send came to.
enum Delivered {
    Sent,
    /// Not through: try again later under the same key.
    Waiting,
    Refused,
}

impl Ofis {
    /// «Отправить»: keeps the message under a new key, then sends what waits. Offline it stays
    /// kept (the chat marks it) and goes when the server is back.
    #[instrument(skip(self, text, photo))]
    pub async fn send_support_message(
        &self,
        text: &str,
        photo: Option<Vec<u8>>,
    ) -> Result<SupportChat, CoreError> {
        if !self.is_signed_in() {
            return Err(CoreError::NotSignedIn);
        }
        let (text, photo) = check_message(text, photo)?;
        let message = OutgoingSupportMessage {
            idempotency_key: uuid::Uuid::new_v4().to_string(),
            text,
            photo,
            queued_at: self.inner.clock.now(),
        };
        self.inner
            .db
            .run(move |s| s.queue_support_message(&message))
            .await?;
        self.inner.support_sent.notify_one();
        if let Err(e) = self.flush_support_outbox().await {
            warn!(error = %e, "support messages not sent");
        }
        self.support_chat().await
    }

    /// Sends every kept message not sent yet, each under its own key (so each arrives once);
    /// stops at the first the network does not let through. Returns how many went.
    #[instrument(skip(self))]
    pub async fn flush_support_outbox(&self) -> Result<usize, CoreError> {
        if !self.is_signed_in() {
            return Ok(0);
        }
        let _one = FLUSH.lock().await;
        let waiting: Vec<SupportOutboxEntry> = self
            .inner
            .db
            .run(|s| s.support_outbox())
            .await?
            .into_iter()
            .filter(|e| e.state == SupportSendState::Queued)
            .collect();
        let mut sent = 0;
        for entry in waiting {
            match self.deliver_support(entry).await? {
                Delivered::Sent => sent += 1,
                Delivered::Waiting => break,
                Delivered::Refused => {}
            }
        }
        if sent > 0 {
            info!(sent, "support messages sent");
        }
        Ok(sent)
    }

    async fn deliver_support(&self, entry: SupportOutboxEntry) -> Result<Delivered, CoreError> {
        let key = entry.message.idempotency_key.clone();
        let attachment_id = match (entry.attachment_id, entry.message.photo) {
            (Some(id), _) => Some(id),
            (None, None) => None,
            (None, Some(photo)) => {
                let upload = self
                    .inner
                    .gorod
                    .upload_support_photo(&photo.content_type, photo.bytes)
                    .await;
                match upload {
                    Ok(dto) => {
                        let (k, id) = (key.clone(), dto.id.clone());
                        self.inner
                            .db
                            .run(move |s| s.set_support_attachment(&k, &id))
                            .await?;
                        Some(dto.id)
                    }
                    Err(e) => return self.support_failed(&key, e).await,
                }
            }
        };
        let request = NewSupportMessage {
            text: entry.message.text,
            attachment_id,
        };
        match self.inner.gorod.send_support_message(&key, &request).await {
            Ok(dto) => {
                let outcome = SupportSendState::Sent {
                    server_message_id: dto.id,
                };
                self.inner
                    .db
                    .run(move |s| s.settle_support_message(&key, &outcome))
                    .await?;
                Ok(Delivered::Sent)
            }
            Err(e) => self.support_failed(&key, e).await,
        }
    }

    /// A send that failed: kept for later when the failure may pass, refused otherwise.
    async fn support_failed(&self, key: &str, e: ClientError) -> Result<Delivered, CoreError> {
        if e.is_retryable() || matches!(e, ClientError::Unauthorized) {
            warn!(key, error = %e, "support message waits");
            return Ok(Delivered::Waiting);
        }
        let outcome = SupportSendState::Refused {
            message: crate::messages::core_error(&CoreError::Client(e)),
        };
        let key = key.to_string();
        self.inner
            .db
            .run(move |s| s.settle_support_message(&key, &outcome))
            .await?;
        Ok(Delivered::Refused)
    }

    /// The conversation: the server's when it answers ([`SUPPORT_OFFLINE`] and what was typed
    /// here otherwise). Notes support's new answers (the badge, a notification).
    pub async fn support_chat(&self) -> Result<SupportChat, CoreError> {
        let answer = self.inner.gorod.support_conversation().await;
        self.shown_chat(answer).await
    }

    /// One round of «Написать»: sends what waits, then fetches the conversation.
    pub async fn support_round(&self) -> Result<SupportChat, CoreError> {
        if !self.is_signed_in() {
            return Err(CoreError::NotSignedIn);
        }
        if let Err(e) = self.flush_support_outbox().await {
            warn!(error = %e, "support messages not sent");
        }
        self.support_chat().await
    }

    /// Returns when the person has sent support a message (at once if one was sent since the
    /// last call): a loop waiting for answers wakes then rather than on its next turn.
    pub async fn support_message_sent(&self) {
        self.inner.support_sent.notified().await;
    }

    /// The person has seen support's answers (the chat is open).
    pub async fn mark_support_read(&self) -> Result<SupportChat, CoreError> {
        let answer = self.inner.gorod.mark_support_read().await;
        self.shown_chat(answer).await
    }

    async fn shown_chat(
        &self,
        answer: Result<SupportConversationDto, ClientError>,
    ) -> Result<SupportChat, CoreError> {
        let local = self.inner.db.run(|s| s.support_outbox()).await?;
        match answer {
            Ok(dto) => {
                self.note_answers(&dto).await?;
                Ok(merge(Some(dto), local))
            }
            Err(e) if e.is_retryable() => Ok(merge(None, local)),
            Err(e) => Err(e.into()),
        }
    }

    /// Puts the unread count into the state; each answer not announced yet and unread becomes a
    /// notification, in the app and in the platform's notification centre.
    async fn note_answers(&self, dto: &SupportConversationDto) -> Result<(), CoreError> {
        let answers: Vec<_> = dto
            .messages
            .iter()
            .filter(|m| m.author == SupportAuthor::Support)
            .collect();
        let count = answers.len();
        let seen = self
            .inner
            .db
            .run(move |s| {
                let seen = s.get_setting(ANSWERS_SEEN)?;
                s.set_setting(ANSWERS_SEEN, &count.to_string())?;
                Ok(seen)
            })
            .await?;
        // Missing (a first look) or unreadable: nothing was announced yet.
        let seen: usize = seen.and_then(|t| t.parse().ok()).unwrap_or(0);
        let fresh: Vec<String> = answers
            .iter()
            .skip(seen)
            .filter(|m| !m.read)
            .map(|m| answer_notice(&m.text))
            .collect();
        {
            let mut s = self.change();
            s.set_support_unread(dto.unread);
            for text in &fresh {
                s.notices_mut().add(text.clone());
            }
        }
        for text in &fresh {
            self.notify_os("Ответ поддержки", text);
        }
        Ok(())
    }
}

/// «Поддержка ответила: …» with the answer's beginning.
fn answer_notice(text: &str) -> String {
    let head: String = text.chars().take(80).collect();
    let more = if text.chars().count() > 80 { "…" } else { "" };
    format!("Поддержка ответила: {head}{more}")
}
