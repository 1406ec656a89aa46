//! «Электронное заявление»: the kinds with their forms, attachments, sending an application
//! once, «Мои заявления».

use ofis_api::office::paths;
use ofis_api::{ApplicationDto, ApplicationKindDto, AttachmentDto, CreateApplication};
use tracing::instrument;

use crate::error::ClientError;
use crate::gorod::GorodClient;

impl GorodClient {
    /// The kinds of application with their forms and the attachments each needs (no sign-in
    /// needed).
    #[instrument(skip(self), err)]
    pub async fn application_kinds(&self) -> Result<Vec<ApplicationKindDto>, ClientError> {
        let req = self.http.get(self.url(paths::APPLICATION_KINDS));
        self.http.send_json(req).await
    }

    /// Uploads a photo or scan for an application (`image/jpeg`, `image/png` or
    /// `application/pdf`, at most 2 МиБ); a wrong type, size or content is `Validation` with
    /// the server's message.
    #[instrument(skip(self, bytes), fields(size = bytes.len()), err)]
    pub async fn upload_attachment(
        &self,
        content_type: &str,
        bytes: Vec<u8>,
    ) -> Result<AttachmentDto, ClientError> {
        let req = self
            .http
            .post(self.url(paths::ATTACHMENTS))
            .header(reqwest::header::CONTENT_TYPE, content_type)
            .body(bytes);
        self.send_authed(req).await
    }

    /// Sends an application under an idempotency key stored beforehand (a resend gets the same
    /// application); a field filled wrongly is `Validation` naming the field's id.
    #[instrument(skip(self, request), err)]
    pub async fn submit_application(
        &self,
        request: &CreateApplication,
        idempotency_key: &str,
    ) -> Result<ApplicationDto, ClientError> {
        let req = self
            .http
            .post(self.url(paths::APPLICATIONS))
            .header(ofis_api::paths::IDEMPOTENCY_KEY, idempotency_key)
            .json(request);
        self.send_authed(req).await
    }

    /// «Мои заявления», newest first, each with its status and history, and the office's
    /// answer once decided.
    #[instrument(skip(self), err)]
    pub async fn applications(&self) -> Result<Vec<ApplicationDto>, ClientError> {
        self.send_authed(self.http.get(self.url(paths::APPLICATIONS)))
            .await
    }
}
