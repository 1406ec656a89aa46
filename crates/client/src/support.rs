//! «Написать»: the conversation with support of the Город API.

use ofis_api::{
    paths, NewSupportMessage, SupportAttachmentDto, SupportConversationDto, SupportMessageDto,
};
use tracing::instrument;

use crate::error::ClientError;
use crate::gorod::GorodClient;

impl GorodClient {
    /// The conversation with support, oldest first, with the count of unread answers.
    #[instrument(skip(self), err)]
    pub async fn support_conversation(&self) -> Result<SupportConversationDto, ClientError> {
        let req = self.http.get(self.url(paths::SUPPORT_MESSAGES));
        self.send_authed(req).await
    }

    /// Writes to support under an idempotency key stored beforehand (a retry is never a second
    /// message).
    #[instrument(skip(self, message), err)]
    pub async fn send_support_message(
        &self,
        idempotency_key: &str,
        message: &NewSupportMessage,
    ) -> Result<SupportMessageDto, ClientError> {
        let req = self
            .http
            .post(self.url(paths::SUPPORT_MESSAGES))
            .header(paths::IDEMPOTENCY_KEY, idempotency_key)
            .json(message);
        self.send_authed(req).await
    }

    /// Marks support's answers read; the conversation as it is then.
    #[instrument(skip(self), err)]
    pub async fn mark_support_read(&self) -> Result<SupportConversationDto, ClientError> {
        let req = self.http.post(self.url(paths::SUPPORT_READ));
        self.send_authed(req).await
    }

    /// Uploads a photo (JPEG or PNG) to attach to a message.
    #[instrument(skip(self, bytes), fields(size = bytes.len()), err)]
    pub async fn upload_support_photo(
        &self,
        content_type: &str,
        bytes: Vec<u8>,
    ) -> Result<SupportAttachmentDto, ClientError> {
        let req = self
            .http
            .post(self.url(paths::SUPPORT_ATTACHMENTS))
            .header(reqwest::header::CONTENT_TYPE, content_type)
            .body(bytes);
        self.send_authed(req).await
    }
}
