//! «Электронная квитанция»: a Город account's bill by e-mail instead of on paper, switched on
//! with an address or off. The screen says from which month a change counts: made by the
//! cut-off day (the 20th) from the current month's bill, later from the next month's.

use chrono::{Datelike, NaiveDate};
use ofis_api::EBillDto;
use ofis_domain::Period;
use tracing::{info, instrument};

use super::documents::chosen_account;
use crate::app::Ofis;
use crate::error::CoreError;

/// The first bill a change made on `today` applies to, given the cut-off day.
pub fn first_e_bill_period(today: NaiveDate, cut_off_day: u32) -> Period {
    let current = Period::of(today);
    if today.day() <= cut_off_day {
        current
    } else {
        current.next()
    }
}

/// The e-mail bill setting of an account as the screen shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EBillView {
    pub account: String,
    pub enabled: bool,
    /// Where the bill goes while enabled.
    pub email: Option<String>,
    /// The server's word on the current setting: «Квитанции начиная с периода «декабрь 2026»
    /// придут на …».
    pub status: String,
    /// The rule: «Изменение до 20 числа включительно действует с квитанции текущего месяца,
    /// позже — со следующего.»
    pub rule: String,
    /// What a change made today would count from: «Изменение сегодня — с квитанции за
    /// декабрь 2026.»
    pub change_from: String,
}

impl EBillView {
    fn new(dto: EBillDto, today: NaiveDate) -> Self {
        let cut_off = dto.cut_off_day;
        EBillView {
            account: dto.account,
            enabled: dto.enabled,
            email: dto.email,
            status: dto.message,
            rule: format!(
                "Изменение до {cut_off} числа включительно действует с квитанции текущего месяца, позже — со следующего."
            ),
            change_from: format!(
                "Изменение сегодня — с квитанции за {}.",
                first_e_bill_period(today, cut_off).label_ru()
            ),
        }
    }
}

impl Ofis {
    /// The e-mail bill setting of a Город account.
    #[instrument(skip(self))]
    pub async fn e_bill(&self, account: &str) -> Result<EBillView, CoreError> {
        let account = chosen_account(account)?;
        let dto = self.inner.gorod.e_bill(account).await?;
        Ok(EBillView::new(dto, self.today()))
    }

    /// «Подключить» with the address typed (checked here first and remembered), or «Отключить»
    /// with `None`: back to paper.
    #[instrument(skip(self, email))]
    pub async fn set_e_bill(
        &self,
        account: &str,
        email: Option<&str>,
    ) -> Result<EBillView, CoreError> {
        let account = chosen_account(account)?;
        let email = match email {
            Some(typed) => Some(self.checked_email(typed).await?),
            None => None,
        };
        let dto = self
            .inner
            .gorod
            .set_e_bill(account, email.as_ref().map(|e| e.as_str()))
            .await?;
        info!(enabled = dto.enabled, "e-mail bill changed");
        Ok(EBillView::new(dto, self.today()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, d).unwrap()
    }

    #[test]
    fn the_twentieth_is_the_last_day_for_the_current_month() {
        assert_eq!(first_e_bill_period(day(1), 20).to_string(), "2026-12");
        assert_eq!(first_e_bill_period(day(20), 20).to_string(), "2026-12");
        assert_eq!(first_e_bill_period(day(21), 20).to_string(), "2027-01");
        assert_eq!(first_e_bill_period(day(31), 20).to_string(), "2027-01");
    }
}
