//! «Вопрос-ответ» of the Город API.

use ofis_api::{paths, FaqDto};
use tracing::instrument;

use crate::error::ClientError;
use crate::gorod::GorodClient;

impl GorodClient {
    /// Every category of «Вопрос-ответ» with its questions and answers (no sign-in needed).
    #[instrument(skip(self), err)]
    pub async fn faq(&self) -> Result<FaqDto, ClientError> {
        self.http
            .send_json(self.http.get(self.url(paths::FAQ)))
            .await
    }
}
