//! «Информация по дому»: under-supply acts, common-house meters, the organisations serving the
//! house of an address.

use ofis_api::office::paths;
use ofis_api::HouseInfoDto;
use tracing::instrument;

use crate::error::ClientError;
use crate::gorod::GorodClient;

impl GorodClient {
    /// What is known about the house of an address; an unknown address is `NotFound`.
    #[instrument(skip(self), err)]
    pub async fn house_info(&self, address_id: &str) -> Result<HouseInfoDto, ClientError> {
        self.send_authed(self.http.get(self.url(&paths::house(address_id))))
            .await
    }
}
