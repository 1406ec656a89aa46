//! «Заявки по питанию»: order or cancel a coming school day's meals before the school's
//! cut-off, one «болеет» cancel for a range, withdraw a request; a late one is refused with the
//! cut-off named (the server's words).

use chrono::NaiveDate;
use ofis_api::{
    CreateMealRequests, MealRequestDto, MealRequestKind, MealRequestReason, MealRequestState,
    MealRequestsCreated,
};
use ofis_domain::school::cut_off_ru;
use tracing::instrument;

use super::text::{day_ru, weekday_day_ru};
use super::SchoolError;
use crate::app::Ofis;
use crate::error::CoreError;

/// One day's request as the list shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MealRequestRow {
    pub id: String,
    pub day: NaiveDate,
    /// «пт, 27.11.2026».
    pub day_text: String,
    /// «Питание заказано», «Питание отменено», «Болеет».
    pub what: String,
    /// «Действует» or «Отозвана».
    pub state: String,
    /// «Изменить можно до 10:00 26.11.2026» or «Срок изменения прошёл».
    pub cut_off: String,
    /// Whether «Отозвать» is offered (active, before the cut-off).
    pub can_withdraw: bool,
}

/// What a request did, in one sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MealRequestOutcome {
    /// «Заявка принята: 27.11.2026» (and the late days named, if any).
    pub message: String,
}

impl MealRequestRow {
    fn new(r: MealRequestDto, now: chrono::DateTime<chrono::Utc>) -> Self {
        let what = match (r.kind, r.reason) {
            (MealRequestKind::Order, _) => "Питание заказано",
            (MealRequestKind::Cancel, Some(MealRequestReason::Sick)) => "Болеет",
            (MealRequestKind::Cancel, None) => "Питание отменено",
        };
        let active = r.state == MealRequestState::Active;
        let open = now < r.cut_off;
        MealRequestRow {
            day_text: weekday_day_ru(r.day),
            what: what.into(),
            state: if active {
                "Действует"
            } else {
                "Отозвана"
            }
            .into(),
            cut_off: if open {
                format!("Изменить можно до {}", cut_off_ru(r.cut_off))
            } else {
                "Срок изменения прошёл".into()
            },
            can_withdraw: active && open,
            id: r.id,
            day: r.day,
        }
    }
}

fn outcome(created: MealRequestsCreated) -> MealRequestOutcome {
    let days: Vec<String> = created.created.iter().map(|r| day_ru(r.day)).collect();
    let mut message = format!("Заявка принята: {}", days.join(", "));
    if !created.late.is_empty() {
        let late: Vec<String> = created
            .late
            .iter()
            .map(|l| format!("{} (срок — до {})", day_ru(l.day), cut_off_ru(l.cut_off)))
            .collect();
        message.push_str(&format!(". Поздно для: {}", late.join(", ")));
    }
    MealRequestOutcome { message }
}

impl Ofis {
    /// The day a new request is for by default: the next school day.
    pub fn next_meal_day(&self) -> NaiveDate {
        let today = self.today();
        ofis_domain::school::next_school_day(today).unwrap_or(today)
    }

    /// The requests of the coming two weeks, by day.
    #[instrument(skip(self))]
    pub async fn meal_requests(&self, child_id: &str) -> Result<Vec<MealRequestRow>, CoreError> {
        let list = self.inner.gorod.meal_requests(child_id, None, None).await?;
        let now = self.inner.clock.now();
        let mut rows: Vec<MealRequestRow> = list
            .into_iter()
            .map(|r| MealRequestRow::new(r, now))
            .collect();
        rows.sort_by_key(|r| r.day);
        Ok(rows)
    }

    /// Orders the meals of `day`.
    pub async fn order_meals(
        &self,
        child_id: &str,
        day: NaiveDate,
    ) -> Result<MealRequestOutcome, CoreError> {
        self.send_meal_request(child_id, MealRequestKind::Order, (day, None), None)
            .await
    }

    /// Cancels the meals of `day`.
    pub async fn cancel_meals(
        &self,
        child_id: &str,
        day: NaiveDate,
    ) -> Result<MealRequestOutcome, CoreError> {
        self.send_meal_request(child_id, MealRequestKind::Cancel, (day, None), None)
            .await
    }

    /// «Болеет»: one cancel for every school day from `from` to `to`; the days already past
    /// their cut-off keep their meals and are named.
    pub async fn report_sick(
        &self,
        child_id: &str,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<MealRequestOutcome, CoreError> {
        if to < from {
            return Err(SchoolError::PeriodReversed.into());
        }
        let reason = Some(MealRequestReason::Sick);
        self.send_meal_request(child_id, MealRequestKind::Cancel, (from, Some(to)), reason)
            .await
    }

    /// Withdraws a request before its cut-off.
    #[instrument(skip(self))]
    pub async fn withdraw_meal_request(
        &self,
        child_id: &str,
        request_id: &str,
    ) -> Result<(), CoreError> {
        self.inner
            .gorod
            .withdraw_meal_request(child_id, request_id)
            .await?;
        Ok(())
    }

    #[instrument(skip(self))]
    async fn send_meal_request(
        &self,
        child_id: &str,
        kind: MealRequestKind,
        (from, to): (NaiveDate, Option<NaiveDate>),
        reason: Option<MealRequestReason>,
    ) -> Result<MealRequestOutcome, CoreError> {
        let request = CreateMealRequests {
            kind,
            from,
            to,
            reason,
        };
        let created = self.inner.gorod.request_meals(child_id, &request).await?;
        Ok(outcome(created))
    }
}
