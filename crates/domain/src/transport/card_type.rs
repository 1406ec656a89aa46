//! The town's transport card types. The type is in the number: the issuer's four digits «9643»
//! and two digits of the type. Only the online types can be topped up through the app (the
//! manual's list); for any other card the manual's advice says where to look.

use serde::{Deserialize, Serialize};

use crate::Money;

/// The issuer's prefix every card number of the town starts with.
pub const ISSUER_PREFIX: &str = "9643";

/// The manual's list of the types the app tops up.
pub const ONLINE_TYPES: [CardType; 5] = [
    CardType::EtkOnline,
    CardType::KshAirtagOnline,
    CardType::SkAirtagOnline,
    CardType::ProfDiscountOnline,
    CardType::SchoolOrskOnline,
];

/// Every type, online and not.
pub const ALL_TYPES: [CardType; 9] = [
    CardType::EtkOnline,
    CardType::Etk,
    CardType::KshAirtagOnline,
    CardType::KshAirtag,
    CardType::SkAirtagOnline,
    CardType::SkAirtag,
    CardType::ProfDiscountOnline,
    CardType::ProfDiscount,
    CardType::SchoolOrskOnline,
];

/// A transport card type.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CardType {
    /// «ЕТК-Онлайн».
    EtkOnline,
    /// «ЕТК» of the older issue.
    Etk,
    /// «КШ Airtag-Онлайн»: a school card.
    KshAirtagOnline,
    /// «КШ Airtag».
    KshAirtag,
    /// «СК Airtag-онлайн»: a social card.
    SkAirtagOnline,
    /// «СК Airtag».
    SkAirtag,
    /// «Единая транспортная карта «ПрофДИСКОНТ-Онлайн».
    ProfDiscountOnline,
    /// «Единая транспортная карта «ПрофДИСКОНТ».
    ProfDiscount,
    /// «Карта школьника Орск Online».
    SchoolOrskOnline,
}

/// Who the card is for: its fare and what it allows follow.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CardKind {
    /// Any rider.
    Regular,
    /// A pupil (reduced fare during the school year).
    School,
    /// A holder of a social benefit (reduced fare).
    Social,
}

impl CardType {
    /// The type of a number by its prefix; `None` for a number of no known type.
    pub fn of(digits: &str) -> Option<CardType> {
        let code = digits.strip_prefix(ISSUER_PREFIX)?.get(..2)?;
        ALL_TYPES.into_iter().find(|t| t.code() == code)
    }

    /// The two digits after the issuer's prefix.
    pub fn code(self) -> &'static str {
        match self {
            CardType::EtkOnline => "10",
            CardType::Etk => "11",
            CardType::KshAirtagOnline => "20",
            CardType::KshAirtag => "21",
            CardType::SkAirtagOnline => "30",
            CardType::SkAirtag => "31",
            CardType::ProfDiscountOnline => "40",
            CardType::ProfDiscount => "41",
            CardType::SchoolOrskOnline => "50",
        }
    }

    /// The type's name as printed on the card and in the manual.
    pub fn label(self) -> &'static str {
        match self {
            CardType::EtkOnline => "ЕТК-Онлайн",
            CardType::Etk => "ЕТК",
            CardType::KshAirtagOnline => "КШ Airtag-Онлайн",
            CardType::KshAirtag => "КШ Airtag",
            CardType::SkAirtagOnline => "СК Airtag-онлайн",
            CardType::SkAirtag => "СК Airtag",
            CardType::ProfDiscountOnline => "Единая транспортная карта «ПрофДИСКОНТ-Онлайн»",
            CardType::ProfDiscount => "Единая транспортная карта «ПрофДИСКОНТ»",
            CardType::SchoolOrskOnline => "Карта школьника Орск Online",
        }
    }

    /// Whether the app can top it up.
    pub fn online(self) -> bool {
        ONLINE_TYPES.contains(&self)
    }

    /// Whether the last digit is a Luhn check digit: every online type and the
    /// «ПрофДИСКОНТ» card have one; the older «ЕТК», «КШ Airtag» and «СК Airtag» do not.
    pub fn has_check_digit(self) -> bool {
        self.online() || self == CardType::ProfDiscount
    }

    /// Who the card is for.
    pub fn kind(self) -> CardKind {
        match self {
            CardType::KshAirtagOnline | CardType::KshAirtag | CardType::SchoolOrskOnline => {
                CardKind::School
            }
            CardType::SkAirtagOnline | CardType::SkAirtag => CardKind::Social,
            _ => CardKind::Regular,
        }
    }

    /// What one trip costs with this card.
    pub fn fare(self) -> Money {
        match self {
            CardType::EtkOnline | CardType::Etk => Money::from_whole_roubles(32),
            CardType::ProfDiscountOnline | CardType::ProfDiscount => Money::from_whole_roubles(28),
            _ => Money::from_whole_roubles(16),
        }
    }

    /// «Сумма за пополнение»: the least and the most one top-up may be; `None` when the app
    /// cannot top the card up.
    pub fn top_up_limits(self) -> Option<(Money, Money)> {
        let (min, max) = match self {
            CardType::EtkOnline => (50, 3_000),
            CardType::ProfDiscountOnline => (100, 5_000),
            CardType::KshAirtagOnline | CardType::SchoolOrskOnline => (20, 2_000),
            CardType::SkAirtagOnline => (20, 2_000),
            _ => return None,
        };
        Some((
            Money::from_whole_roubles(min),
            Money::from_whole_roubles(max),
        ))
    }

    /// What a school or social card allows (none for the others).
    pub fn allowances(self) -> Option<&'static str> {
        match self.kind() {
            CardKind::School => Some(
                "Льготный проезд школьника за 16 ₽ на автобусах и трамваях города с 1 сентября по 30 июня",
            ),
            CardKind::Social => Some(
                "Льготный проезд за 16 ₽ на автобусах и трамваях города при предъявлении удостоверения",
            ),
            CardKind::Regular => None,
        }
    }

    /// The label in «», as the manual writes it: one closing mark where the label ends with one.
    pub fn quoted(self) -> String {
        let label = self.label();
        if label.ends_with('»') {
            format!("«{label}")
        } else {
            format!("«{label}»")
        }
    }

    /// Why the app cannot top this card up and where to look instead (the manual's words); `None`
    /// for an online type.
    pub fn offline_advice(self) -> Option<String> {
        if self.online() {
            return None;
        }
        let list: Vec<String> = ONLINE_TYPES.iter().map(|t| t.quoted()).collect();
        Some(format!(
            "Карту {} нельзя пополнить через приложение. Через приложение Вы можете пополнять \
             только карты соответствующего типа, например: {}. Уточнить информацию о способах \
             пополнения Вашей карты можно на сайте орск.рф",
            self.quoted(),
            list.join(", ")
        ))
    }
}
