//! Card lookup, saved cards, their history and top-ups.

use chrono::{DateTime, NaiveDate, Utc};
use ofis_domain::transport::CardType;
use ofis_domain::Money;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A transport card type, as the Город API names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum CardTypeDto {
    EtkOnline,
    Etk,
    KshAirtagOnline,
    KshAirtag,
    SkAirtagOnline,
    SkAirtag,
    ProfDiscountOnline,
    ProfDiscount,
    SchoolOrskOnline,
}

impl From<CardType> for CardTypeDto {
    fn from(t: CardType) -> Self {
        match t {
            CardType::EtkOnline => CardTypeDto::EtkOnline,
            CardType::Etk => CardTypeDto::Etk,
            CardType::KshAirtagOnline => CardTypeDto::KshAirtagOnline,
            CardType::KshAirtag => CardTypeDto::KshAirtag,
            CardType::SkAirtagOnline => CardTypeDto::SkAirtagOnline,
            CardType::SkAirtag => CardTypeDto::SkAirtag,
            CardType::ProfDiscountOnline => CardTypeDto::ProfDiscountOnline,
            CardType::ProfDiscount => CardTypeDto::ProfDiscount,
            CardType::SchoolOrskOnline => CardTypeDto::SchoolOrskOnline,
        }
    }
}

impl From<CardTypeDto> for CardType {
    fn from(t: CardTypeDto) -> Self {
        match t {
            CardTypeDto::EtkOnline => CardType::EtkOnline,
            CardTypeDto::Etk => CardType::Etk,
            CardTypeDto::KshAirtagOnline => CardType::KshAirtagOnline,
            CardTypeDto::KshAirtag => CardType::KshAirtag,
            CardTypeDto::SkAirtagOnline => CardType::SkAirtagOnline,
            CardTypeDto::SkAirtag => CardType::SkAirtag,
            CardTypeDto::ProfDiscountOnline => CardType::ProfDiscountOnline,
            CardTypeDto::ProfDiscount => CardType::ProfDiscount,
            CardTypeDto::SchoolOrskOnline => CardType::SchoolOrskOnline,
        }
    }
}

/// A card number to look up or to save.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct CardNumberRequest {
    /// 19 digits, spaces allowed: «9643 1012 3456 7890 128».
    pub number: String,
}

/// What the Город API knows of a card number: its type, and whether the app can top it up
/// (if not, why and where to instead).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct CardLookupDto {
    /// The 19 digits.
    pub number: String,
    pub card_type: CardTypeDto,
    /// «ЕТК-Онлайн».
    pub type_name: String,
    /// Whether it can be topped up through the app.
    pub online: bool,
    /// For a card that is not online: the manual's advice (how to top it up elsewhere, орск.рф).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub advice: Option<String>,
}

/// Save a card under a name of the person's choosing (the type's name when absent).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct SaveCardRequest {
    pub number: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// Rename a saved card.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct RenameCardRequest {
    pub name: String,
}

/// A saved card as of now.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct TransportCardDto {
    /// The 19 digits (also the card's id in paths).
    pub number: String,
    /// The name the person gave it.
    pub name: String,
    pub card_type: CardTypeDto,
    pub type_name: String,
    pub online: bool,
    /// The transport system's balance: the truth.
    #[schema(value_type = String, example = "245.00")]
    pub balance: Money,
    /// When the transport system last reported the balance.
    pub balance_updated_at: DateTime<Utc>,
    /// Top-ups paid and «ожидает зачисления».
    #[schema(value_type = String, example = "0.00")]
    pub pending_top_ups: Money,
    /// One trip with this card.
    #[schema(value_type = String, example = "32.00")]
    pub fare: Money,
    /// «Сумма за пополнение»: the least one top-up may be (online cards only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<String>, example = "50.00")]
    pub top_up_min: Option<Money>,
    /// …and the most.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<String>, example = "3000.00")]
    pub top_up_max: Option<Money>,
    /// What a school or social card allows.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allowances: Option<String>,
    /// For a card that is not online: the manual's advice.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub advice: Option<String>,
}

/// One trip paid with the card.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct TripDto {
    pub id: String,
    pub at: DateTime<Utc>,
    /// «5».
    pub route: String,
    /// Where the rider boarded.
    pub stop: String,
    #[schema(value_type = String, example = "32.00")]
    pub fare: Money,
}

/// Where a card top-up stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum CardTopUpState {
    /// «Ожидает зачисления»: paid, not credited by the transport system yet.
    Awaiting,
    /// On the balance.
    Credited,
}

/// One top-up of a card.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct CardTopUpDto {
    pub id: String,
    #[schema(value_type = String, example = "300.00")]
    pub amount: Money,
    pub state: CardTopUpState,
    pub paid_at: DateTime<Utc>,
    /// When it was (or is expected to be) credited.
    pub credits_at: DateTime<Utc>,
    /// The order that paid it; absent for top-ups made elsewhere (terminals, other apps).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub order_id: Option<String>,
}

/// «История» of a card for a period: trips and top-ups, newest first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct CardHistoryDto {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub trips: Vec<TripDto>,
    pub top_ups: Vec<CardTopUpDto>,
}

/// Ask for a bill that tops the card up by exactly `amount`; sent with an `Idempotency-Key`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct CardTopUpRequest {
    #[schema(value_type = String, example = "300.00")]
    pub amount: Money,
}
