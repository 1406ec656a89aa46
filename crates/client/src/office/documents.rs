//! «Квитанция» with its duplicate by e-mail, and «Копия чека об оплате»: payments to a Город
//! account from every channel, and a receipt copy by e-mail.

use ofis_api::office::paths;
use ofis_api::{BillDocumentDto, EmailQueued, EmailRequest, PaymentRecordDto};
use ofis_domain::{Money, Period};
use tracing::instrument;

use crate::error::ClientError;
use crate::gorod::GorodClient;

fn period_query(period: Option<Period>) -> Vec<(&'static str, String)> {
    period
        .map(|p| ("period", p.to_string()))
        .into_iter()
        .collect()
}

impl GorodClient {
    /// The bill document of a Город account for a period (the current one when `None`); a bill
    /// not issued yet, or an account not billed by Система «Город», is `NotFound`.
    #[instrument(skip(self), err)]
    pub async fn bill_document(
        &self,
        account: &str,
        period: Option<Period>,
    ) -> Result<BillDocumentDto, ClientError> {
        let req = self
            .http
            .get(self.url(&paths::bill_document(account)))
            .query(&period_query(period));
        self.send_authed(req).await
    }

    /// «Получить дубликат на e-mail»; a malformed address is `Validation` with field `email`.
    #[instrument(skip(self, email), err)]
    pub async fn email_bill_document(
        &self,
        account: &str,
        period: Option<Period>,
        email: &str,
    ) -> Result<EmailQueued, ClientError> {
        let req = self
            .http
            .post(self.url(&paths::bill_document_email(account)))
            .query(&period_query(period))
            .json(&EmailRequest {
                email: email.to_string(),
            });
        self.send_authed(req).await
    }

    /// Payments to a Город account from every channel (cash desks, banks, post offices, this
    /// app), newest first, narrowed to a period and an exact amount when given.
    #[instrument(skip(self), err)]
    pub async fn find_payments(
        &self,
        account: &str,
        period: Option<Period>,
        amount: Option<Money>,
    ) -> Result<Vec<PaymentRecordDto>, ClientError> {
        let mut query = vec![("account", account.to_string())];
        query.extend(period_query(period));
        query.extend(amount.map(|a| ("amount", a.to_string())));
        let req = self.http.get(self.url(paths::PAYMENTS)).query(&query);
        self.send_authed(req).await
    }

    /// «Копия чека об оплате» of a payment found by [`Self::find_payments`], by e-mail.
    #[instrument(skip(self, email), err)]
    pub async fn email_payment_receipt(
        &self,
        payment_id: &str,
        email: &str,
    ) -> Result<EmailQueued, ClientError> {
        let req = self
            .http
            .post(self.url(&paths::payment_receipt_email(payment_id)))
            .json(&EmailRequest {
                email: email.to_string(),
            });
        self.send_authed(req).await
    }
}
