//! The bank gateway: card data in, a payment outcome out.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use zeroize::Zeroize;

/// Card data posted by the app to the gateway, and only there. Never logged: `Debug` masks it.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CardSubmission {
    pub pan: String,
    pub exp_month: u8,
    pub exp_year: u16,
    pub cvc: String,
}

impl std::fmt::Debug for CardSubmission {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "CardSubmission({})",
            ofis_domain::card::mask_pan(&self.pan)
        )
    }
}

impl Drop for CardSubmission {
    fn drop(&mut self) {
        self.pan.zeroize();
        self.cvc.zeroize();
    }
}

/// A 3-D Secure answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChallengeAnswer {
    pub code: String,
}

/// What the gateway says about a payment.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum GatewayStatus {
    Succeeded,
    Declined,
    InsufficientFunds,
    /// A 3-D Secure code is needed.
    ChallengeRequired,
    /// No card has reached the gateway for this payment yet (only in a status answer).
    AwaitingCard,
    /// Cancelled before any charge (by the app, e.g. 3-D Secure abandoned): final, and a card
    /// that arrives later is refused.
    Cancelled,
}

impl GatewayStatus {
    /// Whether the payment can no longer change at the bank.
    pub fn is_final(self) -> bool {
        matches!(
            self,
            GatewayStatus::Succeeded
                | GatewayStatus::Declined
                | GatewayStatus::InsufficientFunds
                | GatewayStatus::Cancelled
        )
    }
}

/// The gateway's answer to a card or a challenge.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GatewayOutcome {
    pub status: GatewayStatus,
    /// A Russian sentence for the user when not succeeded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// Card brand and last four digits, e.g. «Visa •••• 1111».
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub card_label: Option<String>,
}

/// Server-to-server notice from the gateway to the Город API. Carries no card data.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct PaymentOutcomeNotice {
    pub payment_id: String,
    pub status: GatewayStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}
