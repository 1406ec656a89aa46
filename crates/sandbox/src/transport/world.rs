//! The transport world's cards: one of every type (online and not), two «ЕТК-Онлайн», with the
//! number printed on their backs (a Luhn check digit where the type has one), the balance they
//! had when the history starts, and how much their owners ride. The README's demo phone starts
//! with one card saved; the binary prints the others for trying «+».

use ofis_domain::transport::{CardType, TransportCardNumber};
use ofis_domain::Money;

use crate::school::DEMO_PHONE;

/// A card of the transport system.
pub struct DemoCard {
    pub card_type: CardType,
    /// The 12 digits after the issuer's and the type's.
    body: &'static str,
    /// The balance when the history starts.
    pub opening_balance: Money,
    /// Topped up at a terminal on the 1st and the 15th of each month (none: never).
    pub terminal_top_up: Option<Money>,
}

const fn rub(roubles: u32) -> Money {
    Money::from_whole_roubles(roubles)
}

/// Every card, the demo phone's first.
pub const CARDS: &[DemoCard] = &[
    DemoCard {
        card_type: CardType::EtkOnline,
        body: "000012345678",
        opening_balance: rub(400),
        terminal_top_up: Some(rub(500)),
    },
    DemoCard {
        card_type: CardType::EtkOnline,
        body: "000087654321",
        opening_balance: rub(150),
        terminal_top_up: Some(rub(300)),
    },
    DemoCard {
        card_type: CardType::KshAirtagOnline,
        body: "000011112222",
        opening_balance: rub(200),
        terminal_top_up: Some(rub(200)),
    },
    DemoCard {
        card_type: CardType::SkAirtagOnline,
        body: "000033334444",
        opening_balance: rub(120),
        terminal_top_up: Some(rub(200)),
    },
    DemoCard {
        card_type: CardType::ProfDiscountOnline,
        body: "000055556666",
        opening_balance: rub(300),
        terminal_top_up: Some(rub(400)),
    },
    DemoCard {
        card_type: CardType::SchoolOrskOnline,
        body: "000077778888",
        opening_balance: rub(180),
        terminal_top_up: Some(rub(200)),
    },
    DemoCard {
        card_type: CardType::Etk,
        body: "000099990000",
        opening_balance: rub(250),
        terminal_top_up: Some(rub(300)),
    },
    DemoCard {
        card_type: CardType::KshAirtag,
        body: "000022221111",
        opening_balance: rub(90),
        terminal_top_up: Some(rub(150)),
    },
    DemoCard {
        card_type: CardType::SkAirtag,
        body: "000044443333",
        opening_balance: rub(60),
        terminal_top_up: None,
    },
    DemoCard {
        card_type: CardType::ProfDiscount,
        body: "000066665555",
        opening_balance: rub(500),
        terminal_top_up: Some(rub(300)),
    },
];

/// The name of the card the demo phone starts with.
pub const DEMO_CARD_NAME: &str = "Моя карта";

impl DemoCard {
    /// The card's 19 digits.
    pub fn number(&self) -> String {
        number_of(self.card_type, self.body)
    }
}

/// A number of the type: its prefix, `body`, then the Luhn digit where the type has one (0 where
/// it has none).
fn number_of(card_type: CardType, body: &str) -> String {
    let digits = format!("9643{}{body}", card_type.code());
    if !card_type.has_check_digit() {
        return format!("{digits}0");
    }
    (0..10)
        .map(|d| format!("{digits}{d}"))
        .find(|n| ofis_domain::card::luhn_valid(n))
        .unwrap_or(digits)
}

/// The card with this number.
pub fn card(number: &TransportCardNumber) -> Option<&'static DemoCard> {
    CARDS.iter().find(|c| c.number() == number.digits())
}

/// The cards each phone starts with: the demo phone has its «ЕТК-Онлайн».
pub(crate) fn initially_saved() -> Vec<(String, String, String)> {
    vec![(
        DEMO_PHONE.to_string(),
        CARDS[0].number(),
        DEMO_CARD_NAME.to_string(),
    )]
}

/// The demo phone's card, grouped for reading.
pub fn demo_phone_card() -> String {
    TransportCardNumber::parse(&CARDS[0].number())
        .map_or_else(|_| CARDS[0].number(), |n| n.grouped())
}

/// The cards to try «+» with (all but the demo phone's own): grouped number and type, online
/// first, for the binary to print.
pub fn demo_cards() -> Vec<(String, &'static str, bool)> {
    let mut cards: Vec<(String, &'static str, bool)> = CARDS[1..]
        .iter()
        .filter_map(|c| TransportCardNumber::parse(&c.number()).ok())
        .map(|n| (n.grouped(), n.card_type().label(), n.card_type().online()))
        .collect();
    cards.sort_by_key(|c| !c.2);
    cards
}
