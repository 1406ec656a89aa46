//! «Написать»: the conversation of a signed-in person with support — messages both ways, a photo
//! or screenshot attached, read marks.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// The longest message text taken, in characters.
pub const SUPPORT_TEXT_MAX_CHARS: usize = 4000;
/// The largest photo taken, in bytes (5 MiB).
pub const SUPPORT_PHOTO_MAX_BYTES: usize = 5 * 1024 * 1024;
/// The photo types taken.
pub const SUPPORT_PHOTO_TYPES: [&str; 2] = ["image/jpeg", "image/png"];

/// A new message to support. `attachment_id` is a photo uploaded first
/// (`POST /api/v1/support/attachments`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct NewSupportMessage {
    #[schema(example = "Не проходит оплата картой")]
    pub text: String,
    #[serde(default)]
    pub attachment_id: Option<String>,
}

/// Who wrote a message.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum SupportAuthor {
    /// The signed-in person.
    Person,
    /// The support service.
    Support,
}

/// A photo attached to a message.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct SupportAttachmentDto {
    pub id: String,
    /// `image/jpeg` or `image/png`.
    pub content_type: String,
    pub size: u32,
}

/// One message of the conversation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct SupportMessageDto {
    pub id: String,
    pub author: SupportAuthor,
    pub text: String,
    pub sent_at: DateTime<Utc>,
    #[serde(default)]
    pub attachment: Option<SupportAttachmentDto>,
    /// Read by the other side: the person's message by support, support's by the person.
    pub read: bool,
}

/// The whole conversation, oldest first, and how many of support's messages are unread.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct SupportConversationDto {
    pub messages: Vec<SupportMessageDto>,
    pub unread: u32,
}
