//! The bank gateway client: the only place card data is ever sent, and only to a gateway the
//! app is configured with.

use ofis_api::{paths, CardSubmission, ChallengeAnswer, GatewayOutcome};
use ofis_domain::card::CardData;
use reqwest::Url;
use tracing::instrument;

use crate::error::ClientError;
use crate::http::{base_text, is_loopback, parse_base, ClientOptions, Http};

/// The bank gateways card data may go to. An order names its gateway; a gateway not on this
/// list is refused before any byte of the card is sent.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AllowedGateways {
    bases: Vec<Url>,
    any_loopback: bool,
}

impl AllowedGateways {
    /// No gateway at all: every payment is refused (a server without a configured gateway).
    pub fn none() -> Self {
        AllowedGateways::default()
    }

    /// Exactly these gateways (base URLs: scheme, host, port and path must match).
    pub fn only<S: AsRef<str>>(urls: impl IntoIterator<Item = S>) -> Result<Self, ClientError> {
        let bases = urls
            .into_iter()
            .map(|u| parse_base(u.as_ref()))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(AllowedGateways {
            bases,
            any_loopback: false,
        })
    }

    /// Any gateway on this machine (a sandbox under development or test): the card never
    /// leaves the machine. Never a remote one.
    pub fn any_loopback() -> Self {
        AllowedGateways {
            bases: Vec::new(),
            any_loopback: true,
        }
    }

    /// The base URL to send to, if `gateway_url` is allowed: an insecure or malformed URL is
    /// [`ClientError::InsecureUrl`], a sound one not on the list [`ClientError::GatewayNotAllowed`].
    pub fn check(&self, gateway_url: &str) -> Result<String, ClientError> {
        let url = parse_base(gateway_url)?;
        let listed = self.bases.iter().any(|allowed| same_base(allowed, &url));
        let local = self.any_loopback && url.host().is_some_and(|h| is_loopback(&h));
        if listed || local {
            Ok(base_text(&url))
        } else {
            Err(ClientError::GatewayNotAllowed(base_text(&url)))
        }
    }
}

fn same_base(a: &Url, b: &Url) -> bool {
    a.scheme() == b.scheme()
        && a.host() == b.host()
        && a.port_or_known_default() == b.port_or_known_default()
        && a.path().trim_end_matches('/') == b.path().trim_end_matches('/')
}

/// A client of the bank gateway named by an order's payment reference.
#[derive(Clone, Debug)]
pub struct GatewayClient {
    http: Http,
    allowed: AllowedGateways,
}

impl GatewayClient {
    /// A gateway client with the given TLS and timeout options, sending only to `allowed`.
    pub fn new(options: &ClientOptions, allowed: AllowedGateways) -> Result<Self, ClientError> {
        Ok(GatewayClient {
            http: Http::new(options)?,
            allowed,
        })
    }

    /// Posts the card for a payment. The card is moved in and dropped (zeroized) after sending,
    /// or at once when the gateway is not allowed.
    #[instrument(skip(self, card), fields(card = %card.masked()), err)]
    pub async fn pay_with_card(
        &self,
        gateway_url: &str,
        payment_id: &str,
        card: CardData,
    ) -> Result<GatewayOutcome, ClientError> {
        let base = self.allowed.check(gateway_url)?;
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
        self.http.send_json(req).await
    }

    /// Answers a 3-D Secure challenge with the code the bank sent.
    #[instrument(skip(self, code), err)]
    pub async fn confirm_3ds(
        &self,
        gateway_url: &str,
        payment_id: &str,
        code: &str,
    ) -> Result<GatewayOutcome, ClientError> {
        let base = self.allowed.check(gateway_url)?;
        let body = ChallengeAnswer {
            code: code.to_string(),
        };
        let req = self
            .http
            .post(format!("{base}{}", paths::gateway_3ds(payment_id)))
            .json(&body);
        self.http.send_json(req).await
    }

    /// Where a payment stands at the bank: asked when the answer to a card was lost.
    #[instrument(skip(self), err)]
    pub async fn status(
        &self,
        gateway_url: &str,
        payment_id: &str,
    ) -> Result<GatewayOutcome, ClientError> {
        let base = self.allowed.check(gateway_url)?;
        let req = self
            .http
            .get(format!("{base}{}", paths::gateway_payment(payment_id)));
        self.http.send_json(req).await
    }

    /// Cancels a payment that is not final yet; the answer is where the payment ends (a payment
    /// already final answers with its outcome, so a charge is never hidden).
    #[instrument(skip(self), err)]
    pub async fn cancel(
        &self,
        gateway_url: &str,
        payment_id: &str,
    ) -> Result<GatewayOutcome, ClientError> {
        let base = self.allowed.check(gateway_url)?;
        let req = self
            .http
            .post(format!("{base}{}", paths::gateway_cancel(payment_id)));
        self.http.send_json(req).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_configured_gateways_are_allowed() {
        let allowed =
            AllowedGateways::only(["https://pay.bank.example", "http://127.0.0.1:8481/"]).unwrap();
        for ok in [
            "https://pay.bank.example",
            "https://pay.bank.example/",
            "https://pay.bank.example:443",
            "http://127.0.0.1:8481",
        ] {
            assert!(allowed.check(ok).is_ok(), "{ok}");
        }
        for other in [
            "https://evil.example",
            "https://pay.bank.example:8443",
            "https://pay.bank.example/elsewhere",
            "https://pay.bank.example.evil.example",
            "http://127.0.0.1:8482",
            "http://localhost:8481",
        ] {
            assert!(
                matches!(allowed.check(other), Err(ClientError::GatewayNotAllowed(_))),
                "{other}"
            );
        }
        for insecure in ["http://evil?@127.0.0.1:8481", "http://pay.bank.example"] {
            assert!(
                matches!(allowed.check(insecure), Err(ClientError::InsecureUrl(_))),
                "{insecure}"
            );
        }
        let local = AllowedGateways::any_loopback();
        assert!(local.check("http://127.0.0.1:1").is_ok());
        assert!(local.check("http://[::1]:1").is_ok());
        assert!(matches!(
            local.check("https://pay.bank.example"),
            Err(ClientError::GatewayNotAllowed(_))
        ));
        assert!(matches!(
            AllowedGateways::none().check("http://127.0.0.1:1"),
            Err(ClientError::GatewayNotAllowed(_))
        ));
    }
}
