//! The bank gateway client: the only place card data is ever sent.

use ofis_api::{paths, CardSubmission, ChallengeAnswer, GatewayOutcome};
use ofis_domain::card::CardData;
use tracing::instrument;

use crate::error::ClientError;
use crate::http::{build_http, ensure_allowed_url, send_json, ClientOptions};

/// A client of the bank gateway named by an order's payment reference.
#[derive(Clone, Debug)]
pub struct GatewayClient {
    http: reqwest::Client,
}

impl GatewayClient {
    /// A gateway client with the given TLS and timeout options.
    pub fn new(options: &ClientOptions) -> Result<Self, ClientError> {
        Ok(GatewayClient {
            http: build_http(options)?,
        })
    }

    /// Posts the card for a payment. The card is moved in and dropped (zeroized) after sending.
    #[instrument(skip(self, card), fields(card = %card.masked()), err)]
    pub async fn pay_with_card(
        &self,
        gateway_url: &str,
        payment_id: &str,
        card: CardData,
    ) -> Result<GatewayOutcome, ClientError> {
        let base = ensure_allowed_url(gateway_url)?;
        let body = CardSubmission {
            pan: card.expose_pan().to_string(),
            exp_month: card.exp_month(),
            exp_year: card.exp_year(),
            cvc: card.expose_cvc().to_string(),
        };
        drop(card);
        let req = self
            .http
            .post(format!("{base}{}", paths::gateway_card(payment_id)))
            .json(&body);
        drop(body);
        send_json(req).await
    }

    /// Answers a 3-D Secure challenge with the code the bank sent.
    #[instrument(skip(self, code), err)]
    pub async fn confirm_3ds(
        &self,
        gateway_url: &str,
        payment_id: &str,
        code: &str,
    ) -> Result<GatewayOutcome, ClientError> {
        let base = ensure_allowed_url(gateway_url)?;
        let body = ChallengeAnswer {
            code: code.to_string(),
        };
        send_json(
            self.http
                .post(format!("{base}{}", paths::gateway_3ds(payment_id)))
                .json(&body),
        )
        .await
    }

    /// Where a payment stands at the bank: asked when the answer to a card was lost.
    #[instrument(skip(self), err)]
    pub async fn status(
        &self,
        gateway_url: &str,
        payment_id: &str,
    ) -> Result<GatewayOutcome, ClientError> {
        let base = ensure_allowed_url(gateway_url)?;
        send_json(
            self.http
                .get(format!("{base}{}", paths::gateway_payment(payment_id))),
        )
        .await
    }

    /// Cancels a payment that is not final yet; the answer is where the payment ends (a payment
    /// already final answers with its outcome, so a charge is never hidden).
    #[instrument(skip(self), err)]
    pub async fn cancel(
        &self,
        gateway_url: &str,
        payment_id: &str,
    ) -> Result<GatewayOutcome, ClientError> {
        let base = ensure_allowed_url(gateway_url)?;
        send_json(
            self.http
                .post(format!("{base}{}", paths::gateway_cancel(payment_id))),
        )
        .await
    }
}
