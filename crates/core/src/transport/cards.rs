//! The cards, their history and their top-up.

use chrono::NaiveDate;
use ofis_api::{CardTopUpState, TransportCardDto};
use ofis_domain::transport::{
    check_top_up, trips_left, CardNumberError, CardType, TopUpError, TransportCardNumber,
};
use ofis_domain::{tz, Money};
use tracing::instrument;

use crate::app::Ofis;
use crate::error::CoreError;
use crate::payment::PaymentTicket;

/// Why the app refuses a card number or an amount before asking the server.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum TransportError {
    #[error(transparent)]
    Number(#[from] CardNumberError),
    #[error(transparent)]
    TopUp(#[from] TopUpError),
}

impl TransportError {
    /// One sentence in Russian.
    pub fn message_ru(&self) -> String {
        match self {
            TransportError::Number(e) => e.message_ru(),
            TransportError::TopUp(e) => e.message_ru(),
        }
    }
}

/// A saved card as the card list shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TransportCard {
    /// The 19 digits.
    pub number: String,
    /// «9643 1000 0012 3456 789».
    pub grouped: String,
    pub name: String,
    /// «ЕТК-Онлайн».
    pub type_name: String,
    pub online: bool,
    /// The transport system's figure: the truth.
    pub balance: Money,
    /// «обновлено 25.11.2026 в 10:15».
    pub updated: String,
    /// Paid top-ups «ожидает зачисления».
    pub pending: Money,
    /// «Хватит на 12 поездок», when a fare is known.
    pub trips_left: Option<String>,
    /// «Сумма за пополнение»: from…to (online cards).
    pub top_up_limits: Option<(Money, Money)>,
    /// What a school or social card allows.
    pub allowances: Option<String>,
    /// For a card that is not online: where to top it up instead.
    pub advice: Option<String>,
    /// The low-balance threshold set on this device.
    pub alert: Option<Money>,
    /// Whether this read found the balance below the threshold and notified (once, until a
    /// top-up is credited).
    pub below_alert: bool,
}

impl From<TransportCardDto> for TransportCard {
    fn from(c: TransportCardDto) -> Self {
        let at = c.balance_updated_at.with_timezone(&tz::offset());
        TransportCard {
            grouped: TransportCardNumber::parse(&c.number)
                .map(|n| n.grouped())
                .unwrap_or_else(|_| c.number.clone()),
            trips_left: trips_left(c.balance, c.fare).map(trips_ru),
            updated: format!("обновлено {}", at.format("%d.%m.%Y в %H:%M")),
            top_up_limits: c.top_up_min.zip(c.top_up_max),
            number: c.number,
            name: c.name,
            type_name: c.type_name,
            online: c.online,
            balance: c.balance,
            pending: c.pending_top_ups,
            allowances: c.allowances,
            advice: c.advice,
            alert: None,
            below_alert: false,
        }
    }
}

/// «Хватит на 1 поездку», «на 3 поездки», «на 12 поездок».
fn trips_ru(n: u32) -> String {
    let word = match (n % 10, n % 100) {
        (1, r) if r != 11 => "поездку",
        (2..=4, r) if !(12..=14).contains(&r) => "поездки",
        _ => "поездок",
    };
    format!("Хватит на {n} {word}")
}

/// What the server says of a typed number before it is saved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CardLookup {
    pub grouped: String,
    pub type_name: String,
    pub online: bool,
    /// For a card that is not online: the manual's advice.
    pub advice: Option<String>,
}

/// One row of a card's «История»: a trip or a top-up, newest first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CardHistoryRow {
    /// «25.11 08:12».
    pub when: String,
    /// «Маршрут 5, ост. Площадь Гагарина» or «Пополнение».
    pub title: String,
    /// «ожидает зачисления» / «зачислено» for top-ups.
    pub state: Option<&'static str>,
    pub amount: Money,
    /// A top-up (money in) rather than a trip.
    pub incoming: bool,
}

/// A card's «История» of a period.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CardHistory {
    /// «19.11.2026 — 25.11.2026».
    pub period: String,
    pub rows: Vec<CardHistoryRow>,
}

impl Ofis {
    /// The saved cards, each held against its low-balance alert.
    #[instrument(skip(self))]
    pub async fn transport_cards(&self) -> Result<Vec<TransportCard>, CoreError> {
        let mut cards = Vec::new();
        for card in self.inner.gorod.transport_cards().await? {
            cards.push(self.watched(card.into()).await?);
        }
        Ok(cards)
    }

    /// One saved card, fresh, held against its low-balance alert.
    #[instrument(skip(self))]
    pub async fn transport_card(&self, number: &str) -> Result<TransportCard, CoreError> {
        let card = self.inner.gorod.transport_card(number).await?;
        self.watched(card.into()).await
    }

    /// The number as typed, checked here (digits, length, check digit), then its type.
    #[instrument(skip(self, typed))]
    pub async fn look_up_card(&self, typed: &str) -> Result<CardLookup, CoreError> {
        let number = TransportCardNumber::parse(typed).map_err(TransportError::from)?;
        let found = self.inner.gorod.look_up_card(number.digits()).await?;
        Ok(CardLookup {
            grouped: number.grouped(),
            type_name: found.type_name,
            online: found.online,
            advice: found.advice,
        })
    }

    /// «Сохранить»: an online card joins the list (named as typed, or after its type); any other
    /// is refused with the manual's advice.
    #[instrument(skip(self, typed, name))]
    pub async fn save_card(&self, typed: &str, name: &str) -> Result<TransportCard, CoreError> {
        let number = TransportCardNumber::parse(typed).map_err(TransportError::from)?;
        let name = Some(name.trim()).filter(|n| !n.is_empty());
        Ok(self
            .inner
            .gorod
            .save_card(number.digits(), name)
            .await?
            .into())
    }

    /// Removes a card from the list (after «подтвердить»); it can be added again.
    #[instrument(skip(self))]
    pub async fn remove_card(&self, number: &str) -> Result<(), CoreError> {
        Ok(self.inner.gorod.remove_card(number).await?)
    }

    /// «История» of trips and top-ups from `from` to `to` (the last week when `None`).
    #[instrument(skip(self))]
    pub async fn card_history(
        &self,
        number: &str,
        period: Option<(NaiveDate, NaiveDate)>,
    ) -> Result<CardHistory, CoreError> {
        let (from, to) = period.unzip();
        let h = self.inner.gorod.card_history(number, from, to).await?;
        let local = |at: chrono::DateTime<chrono::Utc>| at.with_timezone(&tz::offset());
        let mut rows: Vec<(chrono::DateTime<chrono::Utc>, CardHistoryRow)> = h
            .trips
            .into_iter()
            .map(|t| {
                let row = CardHistoryRow {
                    when: local(t.at).format("%d.%m %H:%M").to_string(),
                    title: format!("Маршрут {}, ост. {}", t.route, t.stop),
                    state: None,
                    amount: t.fare,
                    incoming: false,
                };
                (t.at, row)
            })
            .collect();
        rows.extend(h.top_ups.into_iter().map(|u| {
            let row = CardHistoryRow {
                when: local(u.paid_at).format("%d.%m %H:%M").to_string(),
                title: "Пополнение".into(),
                state: Some(match u.state {
                    CardTopUpState::Awaiting => "ожидает зачисления",
                    CardTopUpState::Credited => "зачислено",
                }),
                amount: u.amount,
                incoming: true,
            };
            (u.paid_at, row)
        }));
        rows.sort_by_key(|r| std::cmp::Reverse(r.0));
        Ok(CardHistory {
            period: format!(
                "{} — {}",
                h.from.format("%d.%m.%Y"),
                h.to.format("%d.%m.%Y")
            ),
            rows: rows.into_iter().map(|(_, r)| r).collect(),
        })
    }

    /// «Пополнение»: «Сумма за пополнение» checked against the card's type, the server's bill
    /// asked under a kept idempotency key, then paid through the one payment engine: open the
    /// card form with the ticket's key.
    #[instrument(skip(self, amount))]
    pub async fn top_up_card(
        &self,
        number: &str,
        amount: &str,
    ) -> Result<PaymentTicket, CoreError> {
        let amount = Money::parse_input(amount)?;
        let parsed = TransportCardNumber::parse(number).map_err(TransportError::from)?;
        let card_type: CardType = parsed.card_type();
        check_top_up(card_type, amount).map_err(TransportError::from)?;
        let gorod = &self.inner.gorod;
        let digits = parsed.digits();
        let slot = format!("transport.top_up.{digits}");
        let bill = self
            .one_off_bill(&slot, amount, |key| async move {
                gorod.card_top_up_bill(digits, amount, &key).await
            })
            .await?;
        self.start_payment_of(vec![bill]).await
    }
}

#[cfg(test)]
mod tests {
    use super::trips_ru;

    #[test]
    fn trips_are_counted_in_russian() {
        for (n, text) in [
            (1, "Хватит на 1 поездку"),
            (3, "Хватит на 3 поездки"),
            (5, "Хватит на 5 поездок"),
            (11, "Хватит на 11 поездок"),
            (12, "Хватит на 12 поездок"),
            (21, "Хватит на 21 поездку"),
            (22, "Хватит на 22 поездки"),
        ] {
            assert_eq!(trips_ru(n), text);
        }
    }
}
