//! «История операций»: a child's purchases (what, at which canteen, when) and top-ups
//! (processing or posted) of a period, last week by default, as rows ready to show.

use chrono::{DateTime, Days, NaiveDate, Utc};
use ofis_api::{MealHistoryDto, PurchaseDto, TopUpDto, TopUpState};
use ofis_domain::Money;
use tracing::instrument;

use super::text::{day_ru, moment_ru};
use super::SchoolError;
use crate::app::Ofis;
use crate::error::CoreError;

/// What a history row is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MealRowKind {
    /// Bought at the canteen or the buffet.
    Purchase,
    /// A top-up paid, not on the balance yet («В обработке»).
    TopUpProcessing,
    /// A top-up on the balance («Зачислено»).
    TopUpPosted,
}

/// One operation of the meal account.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MealHistoryRow {
    pub id: String,
    pub kind: MealRowKind,
    /// «25.11.2026 12:40», local time.
    pub when: String,
    /// The canteen («Столовая, 1 этаж») or «Пополнение счёта».
    pub title: String,
    /// What was bought («Каша овсяная × 1 — 45,00 ₽»); empty for a top-up.
    pub items: Vec<String>,
    /// «В обработке» / «Зачислено»; empty for a purchase.
    pub state: String,
    /// Spent (a purchase) or put on the account (a top-up).
    pub amount: Money,
    /// Whether money came in (a top-up).
    pub incoming: bool,
    at: DateTime<Utc>,
}

/// The history of a period, newest first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MealHistory {
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// «18.11.2026 — 25.11.2026».
    pub period: String,
    pub rows: Vec<MealHistoryRow>,
    /// Spent at the canteen in the period.
    pub spent: Money,
    /// Topped up in the period.
    pub topped_up: Money,
}

impl From<PurchaseDto> for MealHistoryRow {
    fn from(p: PurchaseDto) -> Self {
        MealHistoryRow {
            items: p
                .items
                .iter()
                .map(|i| format!("{} × {} — {}", i.name, i.quantity, i.price.display_rub()))
                .collect(),
            id: p.id,
            kind: MealRowKind::Purchase,
            when: moment_ru(p.at),
            title: p.canteen,
            state: String::new(),
            amount: p.total,
            incoming: false,
            at: p.at,
        }
    }
}

impl From<TopUpDto> for MealHistoryRow {
    fn from(t: TopUpDto) -> Self {
        let (kind, state) = match t.state {
            TopUpState::Processing => (MealRowKind::TopUpProcessing, "В обработке"),
            TopUpState::Posted => (MealRowKind::TopUpPosted, "Зачислено"),
        };
        MealHistoryRow {
            id: t.id,
            kind,
            when: moment_ru(t.paid_at),
            title: "Пополнение счёта".into(),
            items: Vec::new(),
            state: state.into(),
            amount: t.amount,
            incoming: true,
            at: t.paid_at,
        }
    }
}

impl From<MealHistoryDto> for MealHistory {
    fn from(h: MealHistoryDto) -> Self {
        let spent = h.purchases.iter().map(|p| p.total).sum();
        let topped_up = h.top_ups.iter().map(|t| t.amount).sum();
        let mut rows: Vec<MealHistoryRow> = h
            .purchases
            .into_iter()
            .map(MealHistoryRow::from)
            .chain(h.top_ups.into_iter().map(MealHistoryRow::from))
            .collect();
        rows.sort_by_key(|r| std::cmp::Reverse(r.at));
        MealHistory {
            period: format!("{} — {}", day_ru(h.from), day_ru(h.to)),
            from: h.from,
            to: h.to,
            rows,
            spent,
            topped_up,
        }
    }
}

/// The last week: today and the six days before.
pub fn last_week(today: NaiveDate) -> (NaiveDate, NaiveDate) {
    (today.checked_sub_days(Days::new(6)).unwrap_or(today), today)
}

impl Ofis {
    /// «История операций» of `from`..=`to` (the last week when `None`).
    #[instrument(skip(self))]
    pub async fn meal_history(
        &self,
        child_id: &str,
        period: Option<(NaiveDate, NaiveDate)>,
    ) -> Result<MealHistory, CoreError> {
        let (from, to) = period.unwrap_or_else(|| last_week(self.today()));
        if to < from {
            return Err(SchoolError::PeriodReversed.into());
        }
        let dto = self
            .inner
            .gorod
            .meal_history(child_id, Some(from), Some(to))
            .await?;
        Ok(dto.into())
    }
}
