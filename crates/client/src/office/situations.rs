//! «Жизненные ситуации»: situations with their steps and links to the services.

use ofis_api::office::paths;
use ofis_api::LifeSituationDto;
use tracing::instrument;

use crate::error::ClientError;
use crate::gorod::GorodClient;

impl GorodClient {
    /// The life situations, each with its steps and the service each step links to (a booking
    /// topic, an application kind); no sign-in needed.
    #[instrument(skip(self), err)]
    pub async fn life_situations(&self) -> Result<Vec<LifeSituationDto>, ClientError> {
        let req = self.http.get(self.url(paths::LIFE_SITUATIONS));
        self.http.send_json(req).await
    }
}
