//! What the app refuses in the transport answers before using them ([`Plausible`]): a fare of
//! thousands, a trip with no fare, a card whose number is not of its type, limits upside down.

use ofis_domain::transport::{CardType, TransportCardNumber};
use ofis_domain::Money;

use super::{CardHistoryDto, TransportCardDto, TripDto};
use crate::plausible::{Plausible, WireError};

/// The most one trip costs (a town fare is tens of roubles).
pub const MAX_FARE: Money = Money::from_whole_roubles(1_000);

impl Plausible for TripDto {
    fn check(&self) -> Result<(), WireError> {
        if self.fare > MAX_FARE {
            return Err(WireError::Trip(self.id.clone()));
        }
        Ok(())
    }
}

impl Plausible for CardHistoryDto {
    fn check(&self) -> Result<(), WireError> {
        self.trips.check()
    }
}

impl Plausible for TransportCardDto {
    fn check(&self) -> Result<(), WireError> {
        let tail = self.number.len().saturating_sub(4);
        let bad = || WireError::TransportCard(self.number.get(tail..).unwrap_or("").to_string());
        let number = TransportCardNumber::parse(&self.number).map_err(|_| bad())?;
        if number.card_type() != CardType::from(self.card_type) || self.fare > MAX_FARE {
            return Err(bad());
        }
        match (self.top_up_min, self.top_up_max) {
            (Some(min), Some(max)) if min > max => Err(bad()),
            _ => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::transport::CardTypeDto;

    fn card(number: &str, card_type: CardTypeDto) -> TransportCardDto {
        TransportCardDto {
            number: number.into(),
            name: "Моя".into(),
            card_type,
            type_name: "ЕТК-Онлайн".into(),
            online: true,
            balance: Money::from_whole_roubles(100),
            balance_updated_at: chrono::DateTime::from_timestamp(1_790_000_000, 0).unwrap(),
            pending_top_ups: Money::ZERO,
            fare: Money::from_whole_roubles(32),
            top_up_min: Some(Money::from_whole_roubles(50)),
            top_up_max: Some(Money::from_whole_roubles(3000)),
            allowances: None,
            advice: None,
        }
    }

    #[test]
    fn a_card_must_be_of_the_type_its_number_says() {
        // 9643 10… is «ЕТК-Онлайн» (Luhn-valid below).
        let number = "9643100000000000007";
        assert_eq!(card(number, CardTypeDto::EtkOnline).check(), Ok(()));
        assert!(card(number, CardTypeDto::Etk).check().is_err());
        assert!(card("9643100000000000006", CardTypeDto::EtkOnline)
            .check()
            .is_err());
        let mut upside_down = card(number, CardTypeDto::EtkOnline);
        upside_down.top_up_min = Some(Money::from_whole_roubles(5000));
        assert!(upside_down.check().is_err());
        let mut dear = card(number, CardTypeDto::EtkOnline);
        dear.fare = Money::from_whole_roubles(5000);
        assert!(dear.check().is_err());
    }
}
