//! The cut-off of meal requests: a request for a day (to order or to cancel its meals) is taken
//! until a time of a school day before it, in Asia/Yekaterinburg; the school sets the rule
//! (usually 10:00 of the previous school day). Later the kitchen has cooked.

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use serde::{Deserialize, Serialize};

use super::calendar::{is_school_day, previous_school_day, school_days};
use crate::tz;

/// The longest range one "болеет" cancel may cover, in calendar days.
pub const MAX_RANGE_DAYS: i64 = 31;

/// A school's cut-off: `time` of the `school_days_before`-th school day before the day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CutOffRule {
    /// Local time of day (Asia/Yekaterinburg).
    pub time: NaiveTime,
    /// How many school days before the day; 0 means the day itself.
    pub school_days_before: u8,
}

impl Default for CutOffRule {
    /// 10:00 of the previous school day.
    fn default() -> Self {
        CutOffRule {
            time: NaiveTime::from_hms_opt(10, 0, 0).expect("valid time"),
            school_days_before: 1,
        }
    }
}

/// Why a meal request is refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum MealRequestError {
    #[error("{0} is not a school day")]
    NotSchoolDay(NaiveDate),
    #[error("the cut-off of {day} was {cut_off}")]
    PastCutOff {
        day: NaiveDate,
        cut_off: DateTime<Utc>,
    },
    #[error("the range ends ({to}) before it starts ({from})")]
    EmptyRange { from: NaiveDate, to: NaiveDate },
    #[error("the range is longer than {MAX_RANGE_DAYS} days")]
    RangeTooLong,
    #[error("no school day from {from} to {to}")]
    NoSchoolDays { from: NaiveDate, to: NaiveDate },
}

/// «27.11.2026».
fn day_ru(day: NaiveDate) -> String {
    day.format("%d.%m.%Y").to_string()
}

/// «10:00 26.11.2026», local time.
pub fn cut_off_ru(cut_off: DateTime<Utc>) -> String {
    cut_off
        .with_timezone(&tz::offset())
        .format("%H:%M %d.%m.%Y")
        .to_string()
}

impl MealRequestError {
    /// One sentence in Russian, naming the cut-off when that is the reason.
    pub fn message_ru(&self) -> String {
        match self {
            MealRequestError::NotSchoolDay(day) => {
                format!("{} — не учебный день, питания нет", day_ru(*day))
            }
            MealRequestError::PastCutOff { day, cut_off } => format!(
                "Заявку на {} нужно было подать до {}",
                day_ru(*day),
                cut_off_ru(*cut_off)
            ),
            MealRequestError::EmptyRange { .. } => "Дата окончания раньше даты начала".to_string(),
            MealRequestError::RangeTooLong => {
                format!("Период не может быть длиннее {MAX_RANGE_DAYS} дней")
            }
            MealRequestError::NoSchoolDays { from, to } => {
                format!("С {} по {} нет учебных дней", day_ru(*from), day_ru(*to))
            }
        }
    }
}

impl CutOffRule {
    /// The instant after which requests for `day` are refused (`None` at the calendar's edge).
    pub fn cut_off(&self, day: NaiveDate) -> Option<DateTime<Utc>> {
        let mut d = day;
        for _ in 0..self.school_days_before {
            d = previous_school_day(d)?;
        }
        let local = d.and_time(self.time).and_local_timezone(tz::offset());
        local.single().map(|t| t.to_utc())
    }

    /// Whether a request for `day` made at `now` is taken; `Ok` carries the day's cut-off.
    pub fn check(
        &self,
        day: NaiveDate,
        now: DateTime<Utc>,
    ) -> Result<DateTime<Utc>, MealRequestError> {
        if !is_school_day(day) {
            return Err(MealRequestError::NotSchoolDay(day));
        }
        let cut_off = self
            .cut_off(day)
            .ok_or(MealRequestError::NotSchoolDay(day))?;
        if now < cut_off {
            Ok(cut_off)
        } else {
            Err(MealRequestError::PastCutOff { day, cut_off })
        }
    }
}

/// What one "болеет" cancel from `from` to `to` does: the school days still open (their meals
/// are cancelled) and those already past their cut-off (their meals stay), each in date order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SickCancel {
    /// School days whose meals are cancelled, with their cut-offs.
    pub open: Vec<(NaiveDate, DateTime<Utc>)>,
    /// School days already past their cut-off, with it.
    pub late: Vec<(NaiveDate, DateTime<Utc>)>,
}

/// Splits a range of dates into the school days a cancel still reaches and those it is too late
/// for. A range of weekends only, a reversed one or one over [`MAX_RANGE_DAYS`] is refused; a
/// range whose every day is late is refused naming the last day's cut-off.
pub fn plan_sick_cancel(
    rule: &CutOffRule,
    from: NaiveDate,
    to: NaiveDate,
    now: DateTime<Utc>,
) -> Result<SickCancel, MealRequestError> {
    if to < from {
        return Err(MealRequestError::EmptyRange { from, to });
    }
    if (to - from).num_days() >= MAX_RANGE_DAYS {
        return Err(MealRequestError::RangeTooLong);
    }
    let mut plan = SickCancel {
        open: Vec::new(),
        late: Vec::new(),
    };
    for day in school_days(from, to) {
        match rule.check(day, now) {
            Ok(cut_off) => plan.open.push((day, cut_off)),
            Err(MealRequestError::PastCutOff { cut_off, .. }) => plan.late.push((day, cut_off)),
            Err(other) => return Err(other),
        }
    }
    match (plan.open.is_empty(), plan.late.last()) {
        (false, _) => Ok(plan),
        (true, Some(&(day, cut_off))) => Err(MealRequestError::PastCutOff { day, cut_off }),
        (true, None) => Err(MealRequestError::NoSchoolDays { from, to }),
    }
}
