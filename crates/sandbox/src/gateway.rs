//! The bank gateway: a separate listener that takes card data, runs the test-card scenarios and
//! 3-D Secure, and reports each outcome to the Город API server to server before answering.
//!
//! Card data lives only inside one request: the number, expiry and CVC are validated into a
//! [`CardData`] (wiped on drop) and nothing but «Brand •••• 1234» is kept. Nothing here logs a
//! request body.

use std::time::Duration;

use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, State};
use axum::routing::{get, post};
use axum::{Json, Router};
use chrono::NaiveDate;
use ofis_api::paths::{self, GATEWAY_SECRET_HEADER};
use ofis_api::sandbox::ChargeRecord;
use ofis_api::{
    CardSubmission, ChallengeAnswer, GatewayOutcome, GatewayStatus, PaymentOutcomeNotice,
};
use ofis_domain::card::{CardData, CardError};

use crate::error::{json_body, no_such_route, Failure};
use crate::state::{GatewayState, Payment, Sandbox, Stage};
use crate::{test_cards, THREE_DS_CODE};

const DECLINED: &str = "Банк отклонил операцию. Попробуйте другую карту.";
const NO_FUNDS: &str = "Недостаточно средств на карте";
const CHALLENGE: &str = "Подтвердите оплату кодом из СМС от банка";
const TOO_MANY_CODES: &str = "Превышено число попыток ввода кода. Оплата отклонена.";
const CANCELLED: &str = "Оплата отменена, деньги не списаны";
/// Wrong 3-D Secure codes allowed before the payment is declined.
const CODE_ATTEMPTS: u8 = 3;

/// What the gateway handlers share: the sandbox and an HTTP client for the outcome notices.
#[derive(Clone)]
pub(crate) struct Gateway {
    pub sandbox: Sandbox,
    pub http: reqwest::Client,
}

/// The gateway's routes.
pub(crate) fn router(gateway: Gateway) -> Router {
    Router::new()
        .route("/payments/{payment_id}/card", post(submit_card))
        .route("/payments/{payment_id}/3ds", post(answer_challenge))
        .route("/payments/{payment_id}", get(payment_status))
        .route("/payments/{payment_id}/cancel", post(cancel_payment))
        .fallback(no_such_route)
        .with_state(gateway)
}

/// The client for notices: plain HTTP on loopback, never through a proxy from the environment.
/// Over TLS it trusts the certificates of the sandbox's own chain (its certificate authority).
pub(crate) fn http_client(tls: Option<&crate::TlsIdentity>) -> std::io::Result<reqwest::Client> {
    let mut builder = reqwest::Client::builder();
    if let Some(tls) = tls {
        for cert in reqwest::Certificate::from_pem_bundle(tls.cert_pem.as_bytes())
            .map_err(std::io::Error::other)?
        {
            builder = builder.add_root_certificate(cert);
        }
    }
    builder
        .no_proxy()
        .timeout(Duration::from_secs(10))
        .build()
        .map_err(std::io::Error::other)
}

/// A Russian message for each way a card can be wrong, and the field it is about.
fn card_failure(error: &CardError) -> Failure {
    match error {
        CardError::NumberNotDigits | CardError::NumberLength | CardError::NumberChecksum => {
            Failure::validation("Неверный номер карты", "pan")
        }
        CardError::UnknownBrand => {
            Failure::validation("Принимаются карты Мир, Visa и Mastercard", "pan")
        }
        CardError::ExpiryFormat => Failure::validation("Неверный срок действия карты", "expiry"),
        CardError::Expired => Failure::validation("Срок действия карты истёк", "expiry"),
        CardError::Cvc => Failure::validation("Неверный CVC", "cvc"),
    }
}

/// Validates the submission against the sandbox date into wiped-on-drop card data.
fn read_card(card: &CardSubmission, today: NaiveDate) -> Result<CardData, Failure> {
    // Two-digit years are the common way of writing one; the domain wants MM/YY or MM/YYYY.
    let year = if card.exp_year < 100 {
        card.exp_year + 2000
    } else {
        card.exp_year
    };
    let expiry = format!("{:02}/{:04}", card.exp_month, year);
    CardData::parse(&card.pan, &expiry, &card.cvc, today).map_err(|e| card_failure(&e))
}

/// What the bank says about a card, by the test numbers; any other valid card pays.
fn verdict(pan: &str) -> (GatewayStatus, Option<&'static str>) {
    match pan {
        test_cards::DECLINE => (GatewayStatus::Declined, Some(DECLINED)),
        test_cards::INSUFFICIENT_FUNDS => (GatewayStatus::InsufficientFunds, Some(NO_FUNDS)),
        test_cards::THREE_DS | test_cards::THREE_DS_MIR => {
            (GatewayStatus::ChallengeRequired, Some(CHALLENGE))
        }
        _ => (GatewayStatus::Succeeded, None),
    }
}

/// The answer describing where a payment now stands.
fn outcome_of(payment: &Payment) -> GatewayOutcome {
    let (status, message) = match &payment.stage {
        Stage::Final { status, message } => (*status, message.clone()),
        Stage::Challenge { .. } => (
            GatewayStatus::ChallengeRequired,
            Some(CHALLENGE.to_string()),
        ),
        Stage::Created => (GatewayStatus::AwaitingCard, None),
    };
    GatewayOutcome {
        status,
        message,
        card_label: payment.card_label.clone(),
    }
}

/// Makes a payment final; a success is charged here, once, because only a payment that was not
/// yet final can get here.
fn finish(
    gateway: &mut GatewayState,
    payment_id: &str,
    status: GatewayStatus,
    message: Option<&str>,
) {
    let Some(payment) = gateway.payments.get_mut(payment_id) else {
        return;
    };
    payment.stage = Stage::Final {
        status,
        message: message.map(str::to_string),
    };
    if status == GatewayStatus::Succeeded {
        let charge = ChargeRecord {
            payment_id: payment_id.to_string(),
            order_id: payment.order_id.clone(),
            amount: payment.amount,
        };
        gateway.charges.push(charge);
    }
}

fn unknown_payment() -> Failure {
    Failure::not_found("Платёж не найден")
}

/// Where a payment stands now, as the gateway answers it.
fn outcome_now(gateway: &GatewayState, payment_id: &str) -> Result<GatewayOutcome, Failure> {
    let payment = gateway
        .payments
        .get(payment_id)
        .ok_or_else(unknown_payment)?;
    Ok(outcome_of(payment))
}

/// Takes the card for a payment. A payment already final replays its outcome (and nothing is
/// charged again).
async fn submit_card(
    State(gateway): State<Gateway>,
    Path(payment_id): Path<String>,
    body: Result<Json<CardSubmission>, JsonRejection>,
) -> Result<Json<GatewayOutcome>, Failure> {
    let submission = json_body(body)?;
    let outcome = {
        let mut guard = gateway.sandbox.lock();
        let state = &mut *guard;
        let payment = state
            .gateway
            .payments
            .get_mut(&payment_id)
            .ok_or_else(unknown_payment)?;
        if !matches!(payment.stage, Stage::Final { .. }) {
            let card = read_card(&submission, state.today)?;
            let (status, message) = verdict(card.expose_pan());
            payment.card_label = Some(format!("{} {}", card.brand().label(), card.masked()));
            drop(card);
            if status == GatewayStatus::ChallengeRequired {
                payment.stage = Stage::Challenge {
                    attempts_left: CODE_ATTEMPTS,
                };
            } else {
                finish(&mut state.gateway, &payment_id, status, message);
            }
        }
        drop(submission);
        outcome_now(&state.gateway, &payment_id)?
    };
    notify_gorod(&gateway, &payment_id, &outcome).await;
    Ok(Json(outcome))
}

/// Takes the 3-D Secure code of a payment waiting for one.
async fn answer_challenge(
    State(gateway): State<Gateway>,
    Path(payment_id): Path<String>,
    body: Result<Json<ChallengeAnswer>, JsonRejection>,
) -> Result<Json<GatewayOutcome>, Failure> {
    let answer = json_body(body)?;
    let outcome = {
        let mut guard = gateway.sandbox.lock();
        let state = &mut *guard;
        let payment = state
            .gateway
            .payments
            .get_mut(&payment_id)
            .ok_or_else(unknown_payment)?;
        match &mut payment.stage {
            Stage::Created => {
                return Err(Failure::conflict("Сначала введите данные карты"));
            }
            Stage::Final { .. } => {}
            Stage::Challenge { attempts_left } => {
                if answer.code.trim() == THREE_DS_CODE {
                    finish(
                        &mut state.gateway,
                        &payment_id,
                        GatewayStatus::Succeeded,
                        None,
                    );
                } else {
                    *attempts_left = attempts_left.saturating_sub(1);
                    if *attempts_left > 0 {
                        return Err(Failure::validation("Неверный код подтверждения", "code"));
                    }
                    finish(
                        &mut state.gateway,
                        &payment_id,
                        GatewayStatus::Declined,
                        Some(TOO_MANY_CODES),
                    );
                }
            }
        }
        outcome_now(&state.gateway, &payment_id)?
    };
    notify_gorod(&gateway, &payment_id, &outcome).await;
    Ok(Json(outcome))
}

/// Where a payment stands: asked by an app that lost the answer to its card. Card data is not
/// needed: the payment id is the app's own, handed to it by the Город API.
async fn payment_status(
    State(gateway): State<Gateway>,
    Path(payment_id): Path<String>,
) -> Result<Json<GatewayOutcome>, Failure> {
    let outcome = {
        let state = gateway.sandbox.lock();
        outcome_now(&state.gateway, &payment_id)?
    };
    // Like every answer: a final outcome is told to the Город API again, in case the first
    // notice was lost (it ignores repeats).
    if outcome.status.is_final() {
        notify_gorod(&gateway, &payment_id, &outcome).await;
    }
    Ok(Json(outcome))
}

/// Cancels a payment that is not final yet (no card, or a 3-D Secure code awaited): it ends as
/// cancelled, nothing is charged, and a card that arrives later gets the same answer. A final
/// payment replays its outcome. Either way the answer is the bank's last word on the payment.
async fn cancel_payment(
    State(gateway): State<Gateway>,
    Path(payment_id): Path<String>,
) -> Result<Json<GatewayOutcome>, Failure> {
    let outcome = {
        let mut guard = gateway.sandbox.lock();
        let state = &mut *guard;
        let payment = state
            .gateway
            .payments
            .get(&payment_id)
            .ok_or_else(unknown_payment)?;
        if !matches!(payment.stage, Stage::Final { .. }) {
            finish(
                &mut state.gateway,
                &payment_id,
                GatewayStatus::Cancelled,
                Some(CANCELLED),
            );
        }
        outcome_now(&state.gateway, &payment_id)?
    };
    notify_gorod(&gateway, &payment_id, &outcome).await;
    Ok(Json(outcome))
}

/// Tells the Город API where the payment stands, retrying briefly. Sent for every answer (also
/// replays): the Город side ignores repeats, and this way the order is final by the time the app
/// hears back, whichever request got there first.
async fn notify_gorod(gateway: &Gateway, payment_id: &str, outcome: &GatewayOutcome) {
    let (url, secret) = {
        let state = gateway.sandbox.lock();
        if state.gateway.notices_lost {
            tracing::warn!(payment_id, "outcome notice lost (test switch)");
            return;
        }
        let url = format!(
            "{}{}",
            state.gateway.gorod_url,
            paths::internal_payment_outcome(payment_id)
        );
        (url, state.gateway_secret.clone())
    };
    let notice = PaymentOutcomeNotice {
        payment_id: payment_id.to_string(),
        status: outcome.status,
        message: outcome.message.clone(),
    };
    for attempt in 1..=3u64 {
        let sent = gateway
            .http
            .post(&url)
            .header(GATEWAY_SECRET_HEADER, &secret)
            .json(&notice)
            .send()
            .await;
        match sent {
            Ok(response) if response.status().is_success() => return,
            // A refusal will not change on retry.
            Ok(response) if response.status().is_client_error() => {
                tracing::error!(payment_id, status = %response.status(), "Город API refused the payment outcome");
                return;
            }
            Ok(response) => {
                tracing::warn!(payment_id, status = %response.status(), attempt, "outcome notice failed")
            }
            Err(error) => tracing::warn!(payment_id, %error, attempt, "outcome notice failed"),
        }
        tokio::time::sleep(Duration::from_millis(100 * attempt)).await;
    }
    tracing::error!(
        payment_id,
        "could not tell the Город API the payment outcome"
    );
}
