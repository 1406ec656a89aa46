//! «Копия чека об оплате»: payments to a Город account from every channel (cash desks, banks,
//! post offices, this app) found by account, period and amount, and a receipt copy by e-mail.

use ofis_api::{PaymentChannel, PaymentRecordDto};
use ofis_domain::email::Email;
use ofis_domain::{tz, Money};
use tracing::{info, instrument};

use super::documents::{chosen_account, chosen_period};
use crate::app::Ofis;
use crate::error::CoreError;

/// What the person typed to find a payment; empty period or amount: any.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PaymentSearch {
    pub account: String,
    /// `YYYY-MM` or empty.
    pub period: String,
    /// «1 234,56» or empty.
    pub amount: String,
}

/// A payment found, as the list shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PaymentRow {
    /// The id to ask the receipt copy of.
    pub id: String,
    /// «за ноябрь 2026».
    pub period: String,
    pub amount: Money,
    /// «24.11.2026 в 12:40».
    pub paid_at: String,
    /// «Касса», «Банк», «Почта», «В приложении».
    pub channel: &'static str,
    /// «Касса АО «Система «Город», ул. Советская, 35».
    pub place: String,
}

/// What a channel is called on screen.
fn channel_ru(channel: PaymentChannel) -> &'static str {
    match channel {
        PaymentChannel::App => "В приложении",
        PaymentChannel::CashDesk => "Касса",
        PaymentChannel::Bank => "Банк",
        PaymentChannel::PostOffice => "Почта",
    }
}

impl From<PaymentRecordDto> for PaymentRow {
    fn from(p: PaymentRecordDto) -> Self {
        let at = p.paid_at.with_timezone(&tz::offset());
        PaymentRow {
            id: p.id,
            period: format!("за {}", p.period.label_ru()),
            amount: p.amount,
            paid_at: at.format("%d.%m.%Y в %H:%M").to_string(),
            channel: channel_ru(p.channel),
            place: p.place,
        }
    }
}

impl Ofis {
    /// «Найти»: the account, the period and the amount checked here first, then the payments
    /// of every channel, newest first.
    #[instrument(skip(self, search))]
    pub async fn find_payments(
        &self,
        search: &PaymentSearch,
    ) -> Result<Vec<PaymentRow>, CoreError> {
        let account = chosen_account(&search.account)?;
        let period = chosen_period(&search.period)?;
        let amount = match search.amount.trim() {
            "" => None,
            typed => Some(Money::parse_input(typed)?),
        };
        let found = self
            .inner
            .gorod
            .find_payments(account, period, amount)
            .await?;
        Ok(found.into_iter().map(PaymentRow::from).collect())
    }

    /// «Получить копию на e-mail»: the address checked here first and remembered, then the
    /// server mails the receipt copy. Returns the address it goes to.
    #[instrument(skip(self, email))]
    pub async fn email_payment_receipt(
        &self,
        payment_id: &str,
        email: &str,
    ) -> Result<Email, CoreError> {
        let email = self.checked_email(email).await?;
        self.inner
            .gorod
            .email_payment_receipt(payment_id, email.as_str())
            .await?;
        info!("payment receipt copy requested by e-mail");
        Ok(email)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_channel_has_a_name() {
        let names: Vec<_> = [
            PaymentChannel::App,
            PaymentChannel::CashDesk,
            PaymentChannel::Bank,
            PaymentChannel::PostOffice,
        ]
        .into_iter()
        .map(channel_ru)
        .collect();
        assert_eq!(names, ["В приложении", "Касса", "Банк", "Почта"]);
    }
}
