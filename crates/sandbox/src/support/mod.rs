//! «Написать»: each signed-in person's conversation with support. Support answers by script
//! ([`script`]) a while after a message arrives — [`ANSWER_DELAY`] of real time, or at once when a
//! test asks (`POST /sandbox/support/answer-now`, [`crate::Sandbox::support_answer_now`]).
//! Answers are due lazily: whoever looks at the conversation first after the delay sees them.

pub mod api;
mod script;

use std::collections::HashMap;
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use ofis_api::{SupportAttachmentDto, SupportAuthor, SupportConversationDto, SupportMessageDto};

use crate::state::Sandbox;

/// How long support takes to answer when no test hurries it.
pub const ANSWER_DELAY: Duration = Duration::from_secs(15);

/// Everyone's conversations, the photos, and the keys of the messages taken.
#[derive(Default)]
pub(crate) struct SupportState {
    /// Phone → that person's conversation.
    pub conversations: HashMap<String, Conversation>,
    /// Attachment id → `(owner phone, photo)`.
    pub photos: HashMap<String, (String, Photo)>,
    /// `(phone, Idempotency-Key)` → `(fingerprint of the request, the message made)`.
    pub keys: HashMap<(String, String), (String, SupportMessageDto)>,
    /// The last id given to a message or a photo.
    pub last_id: u64,
}

/// A photo as uploaded.
pub(crate) struct Photo {
    pub content_type: &'static str,
    pub bytes: Vec<u8>,
}

/// One person's messages, oldest first, and when support answers the ones waiting.
#[derive(Default)]
pub(crate) struct Conversation {
    pub messages: Vec<SupportMessageDto>,
    /// When support answers what waits; `None`: nothing waits.
    pub answer_due: Option<Instant>,
}

impl SupportState {
    /// A new id, `prefix-N`.
    pub fn next_id(&mut self, prefix: &str) -> String {
        self.last_id += 1;
        format!("{prefix}-{}", self.last_id)
    }

    /// Writes support's answers that are due (all waiting ones when `now` is `None`).
    pub fn answer_due(&mut self, phone: &str, now: Option<Instant>, at: DateTime<Utc>) {
        let Some(conversation) = self.conversations.get(phone) else {
            return;
        };
        let due = match (conversation.answer_due, now) {
            (None, _) => false,
            (Some(_), None) => true,
            (Some(when), Some(now)) => now >= when,
        };
        if !due {
            return;
        }
        let id = self.next_id("sm");
        let Some(conversation) = self.conversations.get_mut(phone) else {
            return;
        };
        let waiting: Vec<&SupportMessageDto> = conversation
            .messages
            .iter()
            .filter(|m| m.author == SupportAuthor::Person && !m.read)
            .collect();
        let text = script::answer(&waiting);
        for m in conversation.messages.iter_mut() {
            if m.author == SupportAuthor::Person {
                m.read = true;
            }
        }
        conversation.messages.push(SupportMessageDto {
            id,
            author: SupportAuthor::Support,
            text,
            sent_at: at,
            attachment: None,
            read: false,
        });
        conversation.answer_due = None;
        tracing::info!(phone, "support answered");
    }

    /// The person's conversation as the API shows it.
    pub fn conversation(&self, phone: &str) -> SupportConversationDto {
        let messages = self
            .conversations
            .get(phone)
            .map(|c| c.messages.clone())
            .unwrap_or_default();
        let unread = messages
            .iter()
            .filter(|m| m.author == SupportAuthor::Support && !m.read)
            .count();
        SupportConversationDto {
            messages,
            unread: u32::try_from(unread).unwrap_or(u32::MAX),
        }
    }

    /// Every record of support, for [`crate::Sandbox::gorod_records_json`]: the messages, the
    /// photos (their owner, type and size) and the keys taken.
    pub fn records_json(&self) -> serde_json::Value {
        let Self {
            conversations,
            photos,
            keys,
            last_id,
        } = self;
        let messages: std::collections::BTreeMap<&String, &Vec<SupportMessageDto>> = conversations
            .iter()
            .map(|(phone, c)| (phone, &c.messages))
            .collect();
        let photos: std::collections::BTreeMap<&String, serde_json::Value> = photos
            .iter()
            .map(|(id, (owner, p))| {
                let size = p.bytes.len();
                (
                    id,
                    serde_json::json!({ "owner": owner, "type": p.content_type, "size": size }),
                )
            })
            .collect();
        let keys: std::collections::BTreeMap<String, &String> = keys
            .iter()
            .map(|((phone, key), (fingerprint, _))| (format!("{phone} {key}"), fingerprint))
            .collect();
        serde_json::json!({ "messages": messages, "photos": photos, "keys": keys, "last_id": last_id })
    }

    /// The attachment of a new message, if it is the person's own.
    pub fn attachment(&self, phone: &str, id: &str) -> Option<SupportAttachmentDto> {
        let (owner, photo) = self.photos.get(id)?;
        (owner == phone).then(|| SupportAttachmentDto {
            id: id.to_string(),
            content_type: photo.content_type.to_string(),
            size: u32::try_from(photo.bytes.len()).unwrap_or(u32::MAX),
        })
    }
}

impl Sandbox {
    /// Support answers every message waiting for an answer, now (tests wait for no timer).
    pub fn support_answer_now(&self) {
        let mut state = self.lock();
        let at = state.now();
        let phones: Vec<String> = state.gorod.support.conversations.keys().cloned().collect();
        for phone in phones {
            state.gorod.support.answer_due(&phone, None, at);
        }
    }

    /// Every message of `phone`'s conversation (any spelling of the number), oldest first.
    pub fn support_messages(&self, phone: &str) -> Vec<SupportMessageDto> {
        let key =
            ofis_domain::Phone::parse(phone).map_or_else(|_| phone.to_string(), |p| p.to_string());
        self.lock().gorod.support.conversation(&key).messages
    }
}
