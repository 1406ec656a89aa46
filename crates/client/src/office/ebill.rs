//! «Электронная квитанция»: an account's bill by e-mail, switched on or off.

use ofis_api::office::paths;
use ofis_api::{EBillDto, SetEBill};
use tracing::instrument;

use crate::error::ClientError;
use crate::gorod::GorodClient;

impl GorodClient {
    /// The e-mail bill setting of a Город account; another account is `NotFound`.
    #[instrument(skip(self), err)]
    pub async fn e_bill(&self, account: &str) -> Result<EBillDto, ClientError> {
        self.send_authed(self.http.get(self.url(&paths::ebill(account))))
            .await
    }

    /// Switches the e-mail bill on (`Some(address)`) or off (`None`); the answer says from which
    /// bill the change counts. A malformed address is `Validation` with field `email`.
    #[instrument(skip(self, email), err)]
    pub async fn set_e_bill(
        &self,
        account: &str,
        email: Option<&str>,
    ) -> Result<EBillDto, ClientError> {
        let body = SetEBill {
            enabled: email.is_some(),
            email: email.map(str::to_string),
        };
        let req = self.http.put(self.url(&paths::ebill(account))).json(&body);
        self.send_authed(req).await
    }
}
