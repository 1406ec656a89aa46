//! The session: sign-in by SMS code, its tokens in the OS keyring (never SQLite), resuming it
//! when the app starts, and sign-out, which forgets the tokens, the PIN and the personal data.

use std::collections::BTreeSet;
use std::sync::Arc;

use ofis_api::Session;
use ofis_client::{ClientError, GorodClient};
use ofis_domain::Phone;
use tracing::{info, instrument, warn};

use crate::app::{Ofis, PHONE_SETTING};
use crate::error::CoreError;
use crate::platform::SecretStore;
use crate::snapshot::Snapshot;
use crate::subscriber::QueueRow;

pub(crate) const ACCESS_TOKEN: &str = "access_token";
pub(crate) const REFRESH_TOKEN: &str = "refresh_token";

/// Puts the kept tokens into the client, if the keyring has them; keeps every session the
/// client renews by itself (an access token lives an hour) in the keyring, and forgets the
/// tokens the server refuses, counting each refusal in `refusals`.
pub(crate) fn restore_tokens(
    gorod: &GorodClient,
    secrets: Arc<dyn SecretStore>,
    refusals: Arc<tokio::sync::watch::Sender<u64>>,
) {
    match (secrets.get(ACCESS_TOKEN), secrets.get(REFRESH_TOKEN)) {
        (Ok(access), Ok(refresh)) => {
            gorod.set_access_token(access);
            gorod.set_refresh_token(refresh);
        }
        // Unreadable keyring: signed out, and sign-in will say why it cannot keep the session.
        (Err(e), _) | (_, Err(e)) => warn!(error = %e, "session tokens unreadable"),
    }
    let forget = secrets.clone();
    gorod.on_session_refused(Arc::new(move || {
        for key in [ACCESS_TOKEN, REFRESH_TOKEN] {
            if let Err(e) = forget.delete(key) {
                warn!(error = %e, "refused session token not forgotten");
            }
        }
        refusals.send_modify(|n| *n += 1);
        info!("session refused by the server");
    }));
    gorod.on_session_renewed(Arc::new(move |session: &Session| {
        let kept = secrets
            .set(ACCESS_TOKEN, &session.access_token)
            .and_then(|()| secrets.set(REFRESH_TOKEN, &session.refresh_token));
        if let Err(e) = kept {
            // The renewed session works until the app closes; the next start asks for the code.
            warn!(error = %e, "renewed session not kept");
        }
    }));
}

impl Ofis {
    /// Signs in with the SMS code; tokens go to the OS keyring, never to SQLite.
    #[instrument(skip_all)]
    pub async fn sign_in(&self, phone: &str, code: &str) -> Result<Snapshot, CoreError> {
        let phone = Phone::parse(phone).map_err(|_| CoreError::Phone)?;
        let code = code.trim();
        if code.is_empty() || code.len() > 8 || !code.bytes().all(|b| b.is_ascii_digit()) {
            return Err(CoreError::CodeFormat);
        }
        let session = self.inner.gorod.sign_in(phone.as_str(), code).await?;
        if let Err(e) = self.keep_tokens(&session.access_token, &session.refresh_token) {
            // A session the app cannot keep safely is not kept at all.
            self.inner.gorod.set_access_token(None);
            self.inner.gorod.set_refresh_token(None);
            return Err(e);
        }
        let p = session.profile.phone.clone();
        self.inner
            .db
            .run(move |s| s.set_setting(PHONE_SETTING, &p))
            .await?;
        self.change().session_mut().signed_in(session.profile.phone);
        // The SMS code proves at least what the PIN would; the PIN stays for paying and for the
        // next window.
        self.seat().locked = false;
        info!("signed in");
        Ok(self.snapshot())
    }

    /// At start: exchanges the kept refresh token for a fresh session, once per process.
    /// Returns whether the person is signed in. A refused token signs out (the personal data
    /// stays: only the person's «Выйти» forgets it); no connection keeps the kept session for
    /// the cached view. Single-flight with every renewal of the client (refresh tokens are
    /// single-use): two resumes at once (the PIN screen and the shell, two tabs), or a resume
    /// beside a request renewing an expired token, spend the kept token once and both see the
    /// session. The renewed tokens reach the keyring through the client's renewal hook.
    #[instrument(skip(self))]
    pub async fn resume_session(&self) -> Result<bool, CoreError> {
        if self.read().session().is_fresh() {
            return Ok(self.is_signed_in());
        }
        if self.inner.secrets.get(REFRESH_TOKEN)?.is_none() {
            return Ok(self.is_signed_in());
        }
        match self.inner.gorod.renew_session().await {
            Ok(()) => {
                self.change().session_mut().resumed();
                info!("session resumed");
                Ok(true)
            }
            // The client forgot the tokens and its refusal hook wiped them from the keyring.
            Err(ClientError::Unauthorized) => {
                info!("session expired");
                Ok(false)
            }
            Err(
                ClientError::Network(_) | ClientError::Timeout | ClientError::Maintenance { .. },
            ) => Ok(self.is_signed_in()),
            Err(e) => Err(e.into()),
        }
    }

    /// «Выйти»: ends the session on the server (when it can be reached), forgets the tokens and
    /// the PIN in the keyring, and wipes the personal data on this device. Payments whose
    /// outcome is not known yet stay in the outbox, so they are still settled exactly once.
    #[instrument(skip(self))]
    pub async fn sign_out(&self) -> Result<Snapshot, CoreError> {
        if let Some(refresh) = self.inner.secrets.get(REFRESH_TOKEN)? {
            if let Err(e) = self.inner.gorod.sign_out(&refresh).await {
                // Offline or already expired: the tokens are forgotten here all the same.
                warn!(error = %e, "server sign-out failed");
            }
        }
        self.inner.gorod.set_access_token(None);
        self.forget_tokens()?;
        crate::pin::forget(self.inner.secrets.as_ref())?;
        let (paid, queue) = self
            .inner
            .db
            .run(|s| {
                s.wipe_personal_data()?;
                let queue = s
                    .reading_queue_recent(crate::subscriber::QUEUE_SHOWN_SETTLED)?
                    .into_iter()
                    .map(QueueRow::from)
                    .collect();
                Ok((crate::payment::paid_bills(s)?, queue))
            })
            .await?;
        self.change().signed_out(paid, queue);
        {
            // Other windows' locks lapse with the PIN (see `is_locked`).
            let mut seat = self.seat();
            seat.locked = false;
            seat.pin_passed = BTreeSet::new();
        }
        info!("signed out");
        Ok(self.snapshot())
    }

    /// Ticks each time the server refuses to renew the session while the app runs: the front
    /// goes back to sign-in then (the saved bills stay).
    pub fn session_refusals(&self) -> tokio::sync::watch::Receiver<u64> {
        self.inner.session_refusals.subscribe()
    }

    fn keep_tokens(&self, access: &str, refresh: &str) -> Result<(), CoreError> {
        self.inner.secrets.set(ACCESS_TOKEN, access)?;
        self.inner.secrets.set(REFRESH_TOKEN, refresh)?;
        Ok(())
    }

    fn forget_tokens(&self) -> Result<(), CoreError> {
        self.inner.secrets.delete(ACCESS_TOKEN)?;
        self.inner.secrets.delete(REFRESH_TOKEN)?;
        Ok(())
    }
}
