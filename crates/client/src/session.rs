//! The client's session: the access and refresh tokens its clones share, and the renewal of an
//! expired access token on the way (once, for all the requests that found it expired).

use std::sync::{Arc, RwLock};

use ofis_api::Session;

use crate::error::ClientError;
use crate::gorod::GorodClient;
use crate::http::{decode_json, Answer, Raw};

/// Told the new session whenever the client renews an expired one, so it can be kept.
pub type SessionRenewed = Arc<dyn Fn(&Session) + Send + Sync>;
/// Told when the server refused to renew the session: the person must sign in again.
pub type SessionRefused = Arc<dyn Fn() + Send + Sync>;

/// The tokens and the renewal hooks, shared by every clone of a client.
#[derive(Clone, Default)]
pub(crate) struct SessionTokens {
    access: Arc<RwLock<Option<String>>>,
    refresh: Arc<RwLock<Option<String>>>,
    /// One renewal at a time: refresh tokens are single-use.
    renewal: Arc<tokio::sync::Mutex<()>>,
    on_renewed: Arc<RwLock<Option<SessionRenewed>>>,
    on_refused: Arc<RwLock<Option<SessionRefused>>>,
}

/// What a shared slot holds now (a poisoned lock still holds its value).
fn current<T: Clone>(slot: &RwLock<Option<T>>) -> Option<T> {
    slot.read().unwrap_or_else(|p| p.into_inner()).clone()
}

fn put<T>(slot: &RwLock<Option<T>>, value: Option<T>) {
    *slot.write().unwrap_or_else(|p| p.into_inner()) = value;
}

impl GorodClient {
    /// Uses this access token for the requests that need one.
    pub fn set_access_token(&self, token: Option<String>) {
        put(&self.session.access, token);
    }

    /// Uses this refresh token to renew the session when the access token has expired.
    pub fn set_refresh_token(&self, token: Option<String>) {
        put(&self.session.refresh, token);
    }

    /// Calls `callback` with every session the client renews by itself.
    pub fn on_session_renewed(&self, callback: SessionRenewed) {
        put(&self.session.on_renewed, Some(callback));
    }

    /// Calls `callback` when the server refuses to renew the session.
    pub fn on_session_refused(&self, callback: SessionRefused) {
        put(&self.session.on_refused, Some(callback));
    }

    /// Whether an access token is set.
    pub fn has_token(&self) -> bool {
        self.access_token().is_some()
    }

    pub(crate) fn access_token(&self) -> Option<String> {
        current(&self.session.access)
    }

    /// Sends a signed-in request. An expired access token is renewed once with the refresh
    /// token and the request sent again: the server refused the first one before doing
    /// anything, so a retried order or reading cannot be a second one.
    pub(crate) async fn send_authed<T: serde::de::DeserializeOwned>(
        &self,
        req: reqwest::RequestBuilder,
    ) -> Result<T, ClientError> {
        decode_json(&self.send_authed_raw(req).await?)
    }

    /// [`Self::send_authed`] for an answer that is not JSON (a photo). A `GET` whose last
    /// tagged answer is remembered is sent conditionally, and a 304 answered from memory.
    pub(crate) async fn send_authed_raw(
        &self,
        req: reqwest::RequestBuilder,
    ) -> Result<Raw, ClientError> {
        let url = get_url(&req);
        let known = url.as_deref().and_then(|u| self.conditional.recall(u));
        let tag = known.as_ref().and_then(|k| k.etag.as_deref());
        match (self.send_authed_if_none_match(req, tag).await?, known) {
            (Answer::NotModified, Some(known)) => Ok(known),
            // A 304 is only taken when a tag was sent, so this cannot be; refused if it were.
            (Answer::NotModified, None) => Err(ClientError::Redirect { status: 304 }),
            (Answer::Fresh(raw), _) => {
                if let Some(url) = url {
                    self.conditional.remember(&url, &raw);
                }
                Ok(raw)
            }
        }
    }

    /// Sends a signed-in request, naming `etag` in `If-None-Match` when there is one. An
    /// expired access token is renewed once with the refresh token and the request sent again:
    /// the server refused the first one before doing anything, so a retried order or reading
    /// cannot be a second one.
    pub(crate) async fn send_authed_if_none_match(
        &self,
        req: reqwest::RequestBuilder,
        etag: Option<&str>,
    ) -> Result<Answer, ClientError> {
        let used = self.access_token().ok_or(ClientError::Unauthorized)?;
        let again = req.try_clone();
        match self
            .http
            .send_if_none_match(req.bearer_auth(&used), etag)
            .await
        {
            Err(ClientError::Unauthorized) => {
                let Some(again) = again else {
                    return Err(ClientError::Unauthorized);
                };
                let fresh = self.renew(&used).await?;
                self.http
                    .send_if_none_match(again.bearer_auth(fresh), etag)
                    .await
            }
            other => other,
        }
    }

    /// Renews the session now with the refresh token the client holds (the app's start checks
    /// the kept session this way), one renewal at a time with every other renewal of this
    /// client: refresh tokens are single-use, so two resumes at once — or a resume beside a
    /// request whose access token expired — must spend the token once. A caller that waited
    /// while another renewed gets `Ok` without asking the server again. Hooks are told as for
    /// any renewal; a refused token signs out (`Unauthorized`).
    pub async fn renew_session(&self) -> Result<(), ClientError> {
        let seen = current(&self.session.refresh).ok_or(ClientError::Unauthorized)?;
        let _one_at_a_time = self.session.renewal.lock().await;
        match current(&self.session.refresh) {
            Some(now) if now != seen => return Ok(()),
            None => return Err(ClientError::Unauthorized),
            Some(_) => {}
        }
        self.renew_with(&seen).await.map(|_| ())
    }

    /// A fresh access token instead of `expired`: the one another request renewed meanwhile,
    /// or a new session from the refresh token. A refused refresh token signs out.
    async fn renew(&self, expired: &str) -> Result<String, ClientError> {
        let _one_at_a_time = self.session.renewal.lock().await;
        match self.access_token() {
            Some(current) if current != expired => return Ok(current),
            None => return Err(ClientError::Unauthorized),
            Some(_) => {}
        }
        let refresh = current(&self.session.refresh).ok_or(ClientError::Unauthorized)?;
        self.renew_with(&refresh).await
    }

    /// Exchanges `refresh` for a new session (the caller holds the renewal lock) and tells the
    /// hooks; a refused token is forgotten.
    async fn renew_with(&self, refresh: &str) -> Result<String, ClientError> {
        match self.refresh(refresh).await {
            Ok(session) => {
                if let Some(callback) = current(&self.session.on_renewed) {
                    callback(&session);
                }
                tracing::info!("session renewed");
                Ok(session.access_token)
            }
            Err(ClientError::Unauthorized) => {
                self.set_access_token(None);
                self.set_refresh_token(None);
                self.conditional.forget();
                if let Some(callback) = current(&self.session.on_refused) {
                    callback();
                }
                Err(ClientError::Unauthorized)
            }
            Err(e) => Err(e),
        }
    }
}

/// The URL of a `GET` request, the key of its remembered answer; `None` for any other method
/// (or a request that cannot be looked into, e.g. with a streamed body).
fn get_url(req: &reqwest::RequestBuilder) -> Option<String> {
    let probe = req.try_clone()?.build().ok()?;
    (probe.method() == reqwest::Method::GET).then(|| probe.url().to_string())
}
