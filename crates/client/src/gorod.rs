//! The Город API client.

use std::sync::Arc;

use ofis_api::{
    paths, AddressBills, AddressDto, BillDto, CreateOrder, EmailQueued, EmailRequest, MeterDto,
    OrderDto, Plausible, ProviderDto, ReadingDto, ReceiptDto, RefreshRequest, Session,
    SignInRequest, SignOutRequest, SignedOut, SmsRequest, SmsSent, SubmitReading, TariffDto,
};
use ofis_domain::phone::mask;
use ofis_domain::Period;
use rust_decimal::Decimal;
use tracing::instrument;

use crate::conditional::{Conditional, IfChanged, Tagged};
use crate::error::ClientError;
use crate::http::{decode_json, ensure_allowed_url, Answer, ClientOptions, Http};
use crate::session::SessionTokens;

/// A typed client of one Город API server. Cheap to clone; clones share the session.
#[derive(Clone)]
pub struct GorodClient {
    pub(crate) http: Http,
    base: Arc<str>,
    pub(crate) session: SessionTokens,
    /// The last tagged answer of each `GET`, for conditional requests.
    pub(crate) conditional: Conditional,
}

impl std::fmt::Debug for GorodClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("GorodClient")
            .field("base", &self.base)
            .field("signed_in", &self.has_token())
            .finish_non_exhaustive()
    }
}

/// The answer, if its numbers are within what the app computes with.
pub(crate) fn plausible<T: Plausible>(answer: T) -> Result<T, ClientError> {
    answer.check().map_err(ClientError::Implausible)?;
    Ok(answer)
}

impl GorodClient {
    /// A client of the server at `base_url` (https, or http on loopback).
    pub fn new(base_url: &str, options: &ClientOptions) -> Result<Self, ClientError> {
        let base = ensure_allowed_url(base_url)?;
        Ok(GorodClient {
            http: Http::new(options)?,
            base: base.into(),
            session: SessionTokens::default(),
            conditional: Conditional::default(),
        })
    }

    /// The server's base URL.
    pub fn base_url(&self) -> &str {
        &self.base
    }

    pub(crate) fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    fn authed(&self, req: reqwest::RequestBuilder) -> Result<reqwest::RequestBuilder, ClientError> {
        match self.access_token() {
            Some(t) => Ok(req.bearer_auth(t)),
            None => Err(ClientError::Unauthorized),
        }
    }

    /// Asks the server to send an SMS code to the phone (masked in the log).
    #[instrument(skip(self, phone), fields(phone = %mask(phone)), err)]
    pub async fn request_sms(&self, phone: &str) -> Result<SmsSent, ClientError> {
        let body = SmsRequest {
            phone: phone.to_string(),
        };
        self.http
            .send_json(self.http.post(self.url(paths::AUTH_SMS)).json(&body))
            .await
    }

    /// Signs in with the SMS code; the client keeps the access token. The phone is masked in
    /// the log, the code not logged.
    #[instrument(skip(self, phone, code), fields(phone = %mask(phone)), err)]
    pub async fn sign_in(&self, phone: &str, code: &str) -> Result<Session, ClientError> {
        let body = SignInRequest {
            phone: phone.to_string(),
            code: code.to_string(),
        };
        let session: Session = self
            .http
            .send_json(self.http.post(self.url(paths::AUTH_SIGN_IN)).json(&body))
            .await?;
        // What was remembered was another session's (perhaps another person's).
        self.conditional.forget();
        self.set_access_token(Some(session.access_token.clone()));
        self.set_refresh_token(Some(session.refresh_token.clone()));
        Ok(session)
    }

    /// Exchanges a refresh token for a new session; the client keeps the new access token.
    #[instrument(skip_all, err)]
    pub async fn refresh(&self, refresh_token: &str) -> Result<Session, ClientError> {
        let body = RefreshRequest {
            refresh_token: refresh_token.to_string(),
        };
        let session: Session = self
            .http
            .send_json(self.http.post(self.url(paths::AUTH_REFRESH)).json(&body))
            .await?;
        self.set_access_token(Some(session.access_token.clone()));
        self.set_refresh_token(Some(session.refresh_token.clone()));
        Ok(session)
    }

    /// Ends the session on the server; the client forgets its access token whatever the answer.
    #[instrument(skip_all, err)]
    pub async fn sign_out(&self, refresh_token: &str) -> Result<SignedOut, ClientError> {
        let body = SignOutRequest {
            refresh_token: refresh_token.to_string(),
        };
        let req = self.authed(self.http.post(self.url(paths::AUTH_SIGN_OUT)).json(&body));
        self.conditional.forget();
        self.set_access_token(None);
        self.set_refresh_token(None);
        self.http.send_json(req?).await
    }

    /// Address suggestions for what the user typed.
    #[instrument(skip(self), err)]
    pub async fn suggest_addresses(&self, query: &str) -> Result<Vec<AddressDto>, ClientError> {
        let req = self
            .http
            .get(self.url(paths::ADDRESSES))
            .query(&[("q", query)]);
        // Suggestions work before sign-in too; send the token when there is one.
        let req = match self.access_token() {
            Some(t) => req.bearer_auth(t),
            None => req,
        };
        self.http.send_json(req).await
    }

    /// Every bill known for an address in a period (the current one when `None`).
    #[instrument(skip(self), err)]
    pub async fn address_bills(
        &self,
        address_id: &str,
        period: Option<Period>,
    ) -> Result<AddressBills, ClientError> {
        self.address_bills_tagged(address_id, period)
            .await
            .map(|t| t.value)
    }

    /// [`Self::address_bills`] with the answer's `ETag`, to keep beside the bills.
    #[instrument(skip(self), err)]
    pub async fn address_bills_tagged(
        &self,
        address_id: &str,
        period: Option<Period>,
    ) -> Result<Tagged<AddressBills>, ClientError> {
        let raw = self
            .send_authed_raw(self.address_bills_request(address_id, period))
            .await?;
        Ok(Tagged {
            value: plausible(decode_json(&raw)?)?,
            etag: raw.etag,
        })
    }

    /// The current period's bills of an address unless they are still those tagged `known`
    /// (kept beside them, even from an earlier run): then [`IfChanged::Unchanged`], after a 304
    /// with no body.
    #[instrument(skip(self), err)]
    pub async fn address_bills_if_changed(
        &self,
        address_id: &str,
        known: Option<&str>,
    ) -> Result<IfChanged<AddressBills>, ClientError> {
        let req = self.address_bills_request(address_id, None);
        match self.send_authed_if_none_match(req, known).await? {
            Answer::NotModified => Ok(IfChanged::Unchanged),
            Answer::Fresh(raw) => Ok(IfChanged::Changed(Tagged {
                value: plausible(decode_json(&raw)?)?,
                etag: raw.etag,
            })),
        }
    }

    fn address_bills_request(
        &self,
        address_id: &str,
        period: Option<Period>,
    ) -> reqwest::RequestBuilder {
        let req = self.http.get(self.url(&paths::address_bills(address_id)));
        match period {
            Some(p) => req.query(&[("period", p.to_string())]),
            None => req,
        }
    }

    /// «Поиск по названию услуги»: providers whose name (or service) has every word of `query`,
    /// or whose INN starts with it; each with its payment rules and the account field it asks for.
    #[instrument(skip(self), err)]
    pub async fn search_providers(&self, query: &str) -> Result<Vec<ProviderDto>, ClientError> {
        let req = self
            .http
            .get(self.url(paths::PROVIDERS))
            .query(&[("q", query)]);
        self.send_authed(req).await.and_then(plausible)
    }

    /// A provider's bills for the account (contract, phone) number in a period (the current one
    /// when `None`). A number in the wrong format is `Validation` with field `account`; an unknown
    /// one is `NotFound`; a known one whose bill is not posted yet gives an empty list.
    #[instrument(skip(self), err)]
    pub async fn provider_bills(
        &self,
        provider_id: &str,
        account: &str,
        period: Option<Period>,
    ) -> Result<Vec<BillDto>, ClientError> {
        let mut req = self
            .http
            .get(self.url(&paths::provider_bills(provider_id)))
            .query(&[("account", account)]);
        if let Some(p) = period {
            req = req.query(&[("period", p.to_string())]);
        }
        self.send_authed(req).await.and_then(plausible)
    }

    /// «Поиск по лицевому счёту»: the account's bills at whichever provider keeps it, in a period
    /// (the current one when `None`). An unknown account is `NotFound`.
    #[instrument(skip(self), err)]
    pub async fn account_bills(
        &self,
        account: &str,
        period: Option<Period>,
    ) -> Result<Vec<BillDto>, ClientError> {
        if account.trim().is_empty() {
            // Refused here like the server would: an empty path segment names no route.
            return Err(ClientError::Validation {
                message: "Введите номер лицевого счёта".to_string(),
                field: Some("account".to_string()),
            });
        }
        let mut req = self.http.get(self.url(&paths::account_bills(account)));
        if let Some(p) = period {
            req = req.query(&[("period", p.to_string())]);
        }
        self.send_authed(req).await.and_then(plausible)
    }

    /// The meters of a personal account with their last accepted readings, rules and tariffs;
    /// `provider_id` narrows to the account at that provider (another one's is `NotFound`).
    /// An unmetered account has none.
    #[instrument(skip(self), err)]
    pub async fn meters(
        &self,
        account: &str,
        provider_id: Option<&str>,
    ) -> Result<Vec<MeterDto>, ClientError> {
        let mut req = self.http.get(self.url(&paths::account_meters(account)));
        if let Some(p) = provider_id {
            req = req.query(&[("provider_id", p)]);
        }
        self.send_authed(req).await.and_then(plausible)
    }

    /// The providers' published prices per unit (no sign-in needed).
    #[instrument(skip(self), err)]
    pub async fn tariffs(&self) -> Result<Vec<TariffDto>, ClientError> {
        self.http
            .send_json(self.http.get(self.url(paths::TARIFFS)))
            .await
            .and_then(plausible)
    }

    /// A meter's accepted readings, oldest first.
    #[instrument(skip(self), err)]
    pub async fn meter_readings(&self, meter_id: &str) -> Result<Vec<ReadingDto>, ClientError> {
        let req = self.http.get(self.url(&paths::meter_readings(meter_id)));
        self.send_authed(req).await.and_then(plausible)
    }

    /// «Подать показания ИПУ»: sends a reading without payment under an idempotency key stored
    /// beforehand, so a resend (offline queue) gets the first answer and makes no duplicate.
    /// A third-party account's meter is `Validation` with field `meter`; a refused value is
    /// `Validation` with field `value`.
    #[instrument(skip(self), err)]
    pub async fn submit_reading(
        &self,
        meter_id: &str,
        value: Decimal,
        idempotency_key: &str,
    ) -> Result<ReadingDto, ClientError> {
        let req = self
            .http
            .post(self.url(&paths::meter_readings(meter_id)))
            .header(paths::IDEMPOTENCY_KEY, idempotency_key)
            .json(&SubmitReading { value });
        self.send_authed(req).await
    }

    /// Creates an order for a frozen composition, under an idempotency key stored beforehand.
    #[instrument(skip(self, order), fields(lines = order.lines.len()), err)]
    pub async fn create_order(
        &self,
        idempotency_key: &str,
        order: &CreateOrder,
    ) -> Result<OrderDto, ClientError> {
        let req = self
            .http
            .post(self.url(paths::ORDERS))
            .header(paths::IDEMPOTENCY_KEY, idempotency_key)
            .json(order);
        self.send_authed(req).await
    }

    /// One order's current state.
    #[instrument(skip(self), err)]
    pub async fn order(&self, order_id: &str) -> Result<OrderDto, ClientError> {
        self.send_authed(self.http.get(self.url(&paths::order(order_id))))
            .await
    }

    /// Every order of the signed-in user, newest first.
    #[instrument(skip(self), err)]
    pub async fn orders(&self) -> Result<Vec<OrderDto>, ClientError> {
        self.send_authed(self.http.get(self.url(paths::ORDERS)))
            .await
    }

    /// A page of the signed-in user's orders, newest first: up to `limit` (at most
    /// [`ofis_api::ORDERS_PAGE_MAX`]) older than the order `before` (from the newest when `None`).
    #[instrument(skip(self), err)]
    pub async fn orders_page(
        &self,
        before: Option<&str>,
        limit: u32,
    ) -> Result<Vec<OrderDto>, ClientError> {
        let mut req = self
            .http
            .get(self.url(paths::ORDERS))
            .query(&[("limit", limit.min(ofis_api::ORDERS_PAGE_MAX).to_string())]);
        if let Some(before) = before {
            req = req.query(&[("before", before)]);
        }
        self.send_authed(req).await
    }

    /// Every receipt of the signed-in user, newest first.
    #[instrument(skip(self), err)]
    pub async fn receipts(&self) -> Result<Vec<ReceiptDto>, ClientError> {
        self.send_authed(self.http.get(self.url(paths::RECEIPTS)))
            .await
    }

    /// One receipt of the signed-in user.
    #[instrument(skip(self), err)]
    pub async fn receipt(&self, receipt_id: &str) -> Result<ReceiptDto, ClientError> {
        self.send_authed(self.http.get(self.url(&paths::receipt(receipt_id))))
            .await
    }

    /// «Отправить на e-mail»: asks the server to send a copy of a receipt. A malformed address is
    /// `Validation` with field `email`.
    #[instrument(skip(self, email), err)]
    pub async fn email_receipt(
        &self,
        receipt_id: &str,
        email: &str,
    ) -> Result<EmailQueued, ClientError> {
        let body = EmailRequest {
            email: email.to_string(),
        };
        let req = self
            .http
            .post(self.url(&paths::receipt_email(receipt_id)))
            .json(&body);
        self.send_authed(req).await
    }
}
