//! «Квитанция»: the Город accounts of the person's addresses, the bill document of one for a
//! period laid out as text, and «Получить дубликат на e-mail». The e-mail typed last is kept in
//! the store's settings to prefill the next form.

use ofis_api::BillDocumentDto;
use ofis_domain::email::Email;
use ofis_domain::{Money, Period};
use tracing::{info, instrument};

use crate::app::Ofis;
use crate::error::CoreError;

/// The store setting with the e-mail typed last on an «Абоненту» document form.
const EMAIL_SETTING: &str = "office.last_email";

/// How many months the period choice goes back (the current one included).
const PERIODS_BACK: u32 = 12;

/// A Город-billed account of a saved address, to choose on «Квитанция» and the other forms.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GorodAccount {
    pub account: String,
    /// «л/с 1000125005 — Содержание жилья».
    pub title: String,
    pub address_id: String,
    pub address_title: String,
}

/// A month to choose: `value` is `YYYY-MM`, `label` «ноябрь 2026».
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PeriodChoice {
    pub value: String,
    pub label: String,
}

/// The months whose documents may be asked for, the month of `today` first.
pub fn bill_periods(today: chrono::NaiveDate) -> Vec<PeriodChoice> {
    let mut period = Period::of(today);
    let mut out = Vec::new();
    for _ in 0..PERIODS_BACK {
        out.push(PeriodChoice {
            value: period.to_string(),
            label: period.label_ru(),
        });
        period = period.previous();
    }
    out
}

/// One service of the document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BillViewLine {
    pub service: String,
    pub provider: String,
    pub account: String,
    pub charged: Money,
}

/// «Квитанция» as the screen lays it out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BillView {
    pub account: String,
    /// `YYYY-MM`, to ask for the duplicate of this very document.
    pub period: String,
    /// «Единый платёжный документ за ноябрь 2026».
    pub title: String,
    pub issuer: String,
    pub address: String,
    pub lines: Vec<BillViewLine>,
    pub total: Money,
    /// «01.11.2026».
    pub issued_on: String,
    /// «10.12.2026».
    pub pay_by: String,
}

impl From<BillDocumentDto> for BillView {
    fn from(d: BillDocumentDto) -> Self {
        BillView {
            account: d.account,
            period: d.period.to_string(),
            title: format!("Единый платёжный документ за {}", d.period.label_ru()),
            issuer: d.issuer,
            address: d.address,
            lines: d
                .lines
                .into_iter()
                .map(|l| BillViewLine {
                    service: l.service,
                    provider: l.provider,
                    account: l.account,
                    charged: l.charged,
                })
                .collect(),
            total: d.total,
            issued_on: d.issued_on.format("%d.%m.%Y").to_string(),
            pay_by: d.pay_by.format("%d.%m.%Y").to_string(),
        }
    }
}

/// A period as chosen on a form (`YYYY-MM`); empty is `None` (the current one, or any).
pub(super) fn chosen_period(text: &str) -> Result<Option<Period>, CoreError> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    text.parse::<Period>()
        .map(Some)
        .map_err(|_| CoreError::OfficeDocs(DocsError::Period))
}

/// Why a document form is refused before anything is sent.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DocsError {
    #[error("no account chosen")]
    NoAccount,
    #[error("not a period")]
    Period,
}

impl DocsError {
    /// One sentence in Russian.
    pub fn message_ru(&self) -> String {
        match self {
            DocsError::NoAccount => "Выберите лицевой счёт.".into(),
            DocsError::Period => "Выберите месяц из списка.".into(),
        }
    }
}

/// The account as chosen on a form, or a refusal.
pub(super) fn chosen_account(account: &str) -> Result<&str, CoreError> {
    Some(account.trim())
        .filter(|a| !a.is_empty())
        .ok_or(CoreError::OfficeDocs(DocsError::NoAccount))
}

impl Ofis {
    /// The Город-billed accounts of the saved addresses (of one address when given), in the
    /// order of «Мои платежи».
    pub fn gorod_accounts(&self, address_id: Option<&str>) -> Vec<GorodAccount> {
        let read = self.read();
        let mut out: Vec<GorodAccount> = Vec::new();
        for line in read.basket().combined().lines() {
            let bill = &line.bill;
            let Some(address) = bill.address_id.as_ref() else {
                continue;
            };
            let wanted = address_id.is_none_or(|a| a == address.0);
            if !bill.billed_by_gorod || !wanted || out.iter().any(|a| a.account == bill.account.0) {
                continue;
            }
            out.push(GorodAccount {
                account: bill.account.0.clone(),
                title: format!("л/с {} — {}", bill.account.0, bill.service_title()),
                address_id: address.0.clone(),
                address_title: bill
                    .address_title
                    .clone()
                    .unwrap_or_else(|| address.0.clone()),
            });
        }
        out
    }

    /// The months to choose from on «Квитанция» and «Копия чека об оплате».
    pub fn office_periods(&self) -> Vec<PeriodChoice> {
        bill_periods(self.today())
    }

    /// «Квитанция» of a Город account for a period (`YYYY-MM`; empty: the current one).
    #[instrument(skip(self))]
    pub async fn bill_document(&self, account: &str, period: &str) -> Result<BillView, CoreError> {
        let account = chosen_account(account)?;
        let period = chosen_period(period)?;
        Ok(self
            .inner
            .gorod
            .bill_document(account, period)
            .await?
            .into())
    }

    /// «Получить дубликат на e-mail»: the address checked here first and remembered, then the
    /// server mails the document. Returns the address it goes to.
    #[instrument(skip(self, email))]
    pub async fn email_bill_document(
        &self,
        account: &str,
        period: &str,
        email: &str,
    ) -> Result<Email, CoreError> {
        let account = chosen_account(account)?;
        let period = chosen_period(period)?;
        let email = self.checked_email(email).await?;
        self.inner
            .gorod
            .email_bill_document(account, period, email.as_str())
            .await?;
        info!("bill document duplicate requested by e-mail");
        Ok(email)
    }

    /// The e-mail typed last on an «Абоненту» document form, to prefill the next one.
    pub async fn office_email(&self) -> Result<Option<String>, CoreError> {
        self.inner.db.run(|s| s.get_setting(EMAIL_SETTING)).await
    }

    /// Checks a typed address and remembers it for the next form.
    pub(super) async fn checked_email(&self, typed: &str) -> Result<Email, CoreError> {
        let email = Email::parse(typed)?;
        let keep = email.as_str().to_string();
        self.inner
            .db
            .run(move |s| s.set_setting(EMAIL_SETTING, &keep))
            .await?;
        Ok(email)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_go_back_a_year_from_the_current_month() {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 1, 31).unwrap();
        let periods = bill_periods(today);
        assert_eq!(periods.len(), 12);
        assert_eq!(periods[0].value, "2026-01");
        assert_eq!(periods[0].label, "январь 2026");
        assert_eq!(periods[1].value, "2025-12");
        assert_eq!(periods[11].value, "2025-02");
    }

    #[test]
    fn a_form_without_an_account_or_with_a_wrong_period_is_refused_here() {
        assert!(matches!(
            chosen_account("  "),
            Err(CoreError::OfficeDocs(DocsError::NoAccount))
        ));
        assert_eq!(chosen_account(" 1000125005 ").unwrap(), "1000125005");
        assert!(matches!(chosen_period(""), Ok(None)));
        assert_eq!(
            chosen_period("2026-11").unwrap().map(|p| p.to_string()),
            Some("2026-11".to_string())
        );
        assert!(matches!(
            chosen_period("ноябрь"),
            Err(CoreError::OfficeDocs(DocsError::Period))
        ));
    }
}
