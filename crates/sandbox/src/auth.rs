//! Sign-in by phone and SMS code, token refresh, and the extractor that guards signed-in routes.

use std::time::{Duration, Instant};

use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRequestParts, State};
use axum::http::header::AUTHORIZATION;
use axum::http::request::Parts;
use axum::http::HeaderMap;
use axum::Json;
use ofis_api::{
    ApiError, Profile, RefreshRequest, Session, SignInRequest, SignOutRequest, SignedOut,
    SmsRequest, SmsSent,
};
use ofis_domain::Phone;

use crate::error::{json_body, BodyRefused, Failure};
use crate::state::{AccessGrant, Sandbox, State as SandboxState};
use crate::SMS_CODE;

/// Lifetime of an access token.
pub const ACCESS_TOKEN_SECONDS: u32 = 3600;
/// Wrong codes allowed before the code is burnt and a new one must be requested.
const CODE_ATTEMPTS: u8 = 5;

const PHONE_FORMAT: &str = "Введите номер мобильного телефона в формате +7 9XX XXX-XX-XX";

fn parse_phone(text: &str) -> Result<Phone, Failure> {
    Phone::parse(text).map_err(|_| Failure::validation(PHONE_FORMAT, "phone"))
}

/// `+7 *** ***-**-89`: enough to find one's own line in the log, not a full number.
fn masked(phone: &Phone) -> String {
    phone.masked()
}

/// Sends (in the sandbox: logs) the sign-in code.
#[utoipa::path(
    post, path = "/api/v1/auth/sms", operation_id = "requestSms", tag = "auth",
    request_body = SmsRequest,
    responses(
        (status = 200, description = "Код отправлен", body = SmsSent),
        (status = 422, description = "Неверный номер", body = ApiError),
        (status = 503, description = "Технические работы", body = ApiError),
        BodyRefused,
    )
)]
pub async fn request_sms(
    State(sandbox): State<Sandbox>,
    body: Result<Json<SmsRequest>, JsonRejection>,
) -> Result<Json<SmsSent>, Failure> {
    let phone = parse_phone(&json_body(body)?.phone)?;
    sandbox
        .lock()
        .gorod
        .sms
        .insert(phone.to_string(), CODE_ATTEMPTS);
    tracing::info!(phone = %masked(&phone), code = SMS_CODE, "SMS code sent");
    Ok(Json(SmsSent {
        phone: phone.to_string(),
        resend_after_seconds: 60,
        code_length: 4,
    }))
}

/// Signs in with the code from the SMS. A code must have been requested first.
#[utoipa::path(
    post, path = "/api/v1/auth/sign-in", operation_id = "signIn", tag = "auth",
    request_body = SignInRequest,
    responses(
        (status = 200, description = "Вход выполнен", body = Session),
        (status = 422, description = "Неверный код или номер", body = ApiError),
        (status = 429, description = "Слишком много попыток", body = ApiError),
        BodyRefused,
    )
)]
pub async fn sign_in(
    State(sandbox): State<Sandbox>,
    body: Result<Json<SignInRequest>, JsonRejection>,
) -> Result<Json<Session>, Failure> {
    let request = json_body(body)?;
    let phone = parse_phone(&request.phone)?;
    let mut state = sandbox.lock();
    let Some(attempts) = state.gorod.sms.get_mut(phone.as_str()) else {
        return Err(Failure::validation("Сначала запросите код из СМС", "code"));
    };
    if request.code.trim() != SMS_CODE {
        *attempts = attempts.saturating_sub(1);
        if *attempts == 0 {
            state.gorod.sms.remove(phone.as_str());
            return Err(Failure::rate_limited(
                "Слишком много попыток. Запросите новый код.",
            ));
        }
        return Err(Failure::validation("Неверный код из СМС", "code"));
    }
    state.gorod.sms.remove(phone.as_str());
    Ok(Json(issue_session(&mut state, phone.to_string())))
}

/// Exchanges a refresh token for a new session; the old refresh token stops working.
#[utoipa::path(
    post, path = "/api/v1/auth/refresh", operation_id = "refreshSession", tag = "auth",
    request_body = RefreshRequest,
    responses(
        (status = 200, description = "Новая сессия", body = Session),
        (status = 401, description = "Токен недействителен", body = ApiError),
        BodyRefused,
    )
)]
pub async fn refresh(
    State(sandbox): State<Sandbox>,
    body: Result<Json<RefreshRequest>, JsonRejection>,
) -> Result<Json<Session>, Failure> {
    let request = json_body(body)?;
    let mut state = sandbox.lock();
    let Some(phone) = state.gorod.refresh_tokens.remove(&request.refresh_token) else {
        return Err(Failure::unauthorized("Сессия истекла. Войдите снова."));
    };
    Ok(Json(issue_session(&mut state, phone)))
}

/// Ends the session: the request's access token and the given refresh token of the same user
/// stop working. Signing out twice is not an error.
#[utoipa::path(
    post, path = "/api/v1/auth/sign-out", operation_id = "signOut", tag = "auth",
    request_body = SignOutRequest,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Сессия завершена", body = SignedOut),
        (status = 401, description = "Нет входа", body = ApiError),
        (status = 422, description = "Неверный запрос", body = ApiError),
        BodyRefused,
    )
)]
pub async fn sign_out(
    State(sandbox): State<Sandbox>,
    headers: HeaderMap,
    body: Result<Json<SignOutRequest>, JsonRejection>,
) -> Result<Json<SignedOut>, Failure> {
    let token = bearer(&headers)?.to_string();
    let request = json_body(body)?;
    let mut state = sandbox.lock();
    let Some(grant) = state.gorod.sessions.remove(&token) else {
        return Err(Failure::unauthorized("Сессия истекла. Войдите снова."));
    };
    let mut revoked = 1;
    if state.gorod.refresh_tokens.get(&request.refresh_token) == Some(&grant.phone) {
        state.gorod.refresh_tokens.remove(&request.refresh_token);
        revoked += 1;
    }
    tracing::info!(revoked, "signed out");
    Ok(Json(SignedOut { revoked }))
}

fn bearer(headers: &HeaderMap) -> Result<&str, Failure> {
    headers
        .get(AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
        .ok_or_else(|| Failure::unauthorized("Войдите в приложение"))
}

fn issue_session(state: &mut SandboxState, phone: String) -> Session {
    let access_token = uuid::Uuid::new_v4().to_string();
    let refresh_token = uuid::Uuid::new_v4().to_string();
    state.gorod.sessions.insert(
        access_token.clone(),
        AccessGrant {
            phone: phone.clone(),
            issued: Instant::now(),
        },
    );
    state
        .gorod
        .refresh_tokens
        .insert(refresh_token.clone(), phone.clone());
    Session {
        access_token,
        refresh_token,
        expires_in: ACCESS_TOKEN_SECONDS,
        profile: Profile { phone },
    }
}

/// The signed-in user of a request (`Authorization: Bearer <access_token>`): their phone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CurrentUser(pub String);

impl FromRequestParts<Sandbox> for CurrentUser {
    type Rejection = Failure;

    async fn from_request_parts(parts: &mut Parts, sandbox: &Sandbox) -> Result<Self, Failure> {
        let token = bearer(&parts.headers)?;
        let state = sandbox.lock();
        match state.gorod.sessions.get(token) {
            Some(grant)
                if grant.issued.elapsed() < Duration::from_secs(ACCESS_TOKEN_SECONDS.into()) =>
            {
                Ok(CurrentUser(grant.phone.clone()))
            }
            _ => Err(Failure::unauthorized("Сессия истекла. Войдите снова.")),
        }
    }
}
