//! One meter as every readings screen shows it: its title, «предыдущее», what stops or warns, and
//! the cost of what is typed — worked out here once, in Russian, from the domain's rules.

use chrono::NaiveDate;
use ofis_api::{MeterDto, ReadingDto, ReadingSource};
use ofis_domain::readings::{
    cost_preview, decimal_ru, parse_reading, window_warning, Meter, ReadingError,
};
use ofis_domain::Period;
use rust_decimal::Decimal;

/// A meter on a readings screen.
#[derive(Clone, Debug, PartialEq)]
pub struct MeterCard {
    pub id: String,
    /// «ГВС № 22098765».
    pub title: String,
    /// «ПАО "Т Плюс" · л/с 7012505002 · № 22098765».
    pub details: String,
    /// «м³», «кВт·ч», «Гкал».
    pub unit: String,
    /// «234,7 м³ (25.11.2026)», or «нет данных».
    pub previous: String,
    /// Why readings of this meter are not accepted now, when they are not.
    pub ban: Option<String>,
    /// The provider counts readings on other days (the acceptance window).
    pub warning: Option<String>,
    /// Readings may be sent without payment (accounts Система «Город» bills).
    pub billed_by_gorod: bool,
    meter: Meter,
    price: Option<Decimal>,
}

impl MeterCard {
    /// The card of a meter as the server describes it, on `today`.
    pub fn new(dto: &MeterDto, today: NaiveDate) -> Self {
        let meter = dto.to_domain();
        let previous = match (dto.last_value, dto.last_date) {
            (Some(v), Some(d)) => {
                format!("{} {} ({})", decimal_ru(v), dto.unit, d.format("%d.%m.%Y"))
            }
            (Some(v), None) => format!("{} {}", decimal_ru(v), dto.unit),
            _ => "нет данных".to_string(),
        };
        MeterCard {
            id: dto.id.clone(),
            title: meter.title_ru(),
            details: format!(
                "{} · л/с {} · № {}",
                dto.provider_name, dto.account, dto.serial
            ),
            unit: dto.unit.clone(),
            previous,
            ban: meter.ban_reason(today),
            warning: window_warning(&meter, today).map(|w| w.message_ru()),
            billed_by_gorod: dto.billed_by_gorod,
            price: dto.tariff.as_ref().map(|t| t.price),
            meter,
        }
    }

    /// What the typed reading would cost at the provider's tariff, so a typo that would mean a
    /// huge bill is obvious before sending.
    pub fn cost_preview(&self, typed: &str) -> Option<String> {
        let last = self.meter.last.as_ref()?.value;
        let now = parse_reading(typed).ok().filter(|now| *now >= last)?;
        let used = now.checked_sub(last)?;
        let cost = cost_preview(used, self.price?).ok()?;
        Some(format!(
            "Расход {} {} ≈ {} по тарифу",
            decimal_ru(used),
            self.unit,
            cost.display_rub()
        ))
    }

    /// The last accepted reading, if any.
    pub fn last_value(&self) -> Option<Decimal> {
        self.meter.last.as_ref().map(|l| l.value)
    }

    /// The domain meter, for the checks.
    pub(crate) fn meter(&self) -> &Meter {
        &self.meter
    }
}

/// Whether the error asks the person to confirm (a roll-over or an unusually high consumption).
pub fn needs_confirmation(error: Option<&ReadingError>) -> bool {
    matches!(
        error,
        Some(
            ReadingError::NeedsRolloverConfirmation { .. } | ReadingError::NeedsConfirmation { .. }
        )
    )
}

/// One accepted reading as «История показаний» lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReadingRow {
    pub id: String,
    /// «25.11.2026».
    pub date: String,
    /// «234,7 м³».
    pub value: String,
    /// «с оплатой» or «без оплаты».
    pub source: &'static str,
}

/// One month's consumption of a meter, for the chart.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MonthUse {
    pub period: Period,
    /// In the meter's unit.
    pub used: Decimal,
}

/// «История показаний» of one meter: consumption by month (oldest first) and the readings
/// (newest first).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MeterHistory {
    pub months: Vec<MonthUse>,
    pub readings: Vec<ReadingRow>,
}

impl MeterHistory {
    /// A meter's history from its accepted readings, oldest first.
    pub fn of(card: &MeterCard, readings: &[ReadingDto]) -> Self {
        let mut rows: Vec<ReadingRow> = readings
            .iter()
            .map(|r| ReadingRow {
                id: r.id.clone(),
                date: r.date.format("%d.%m.%Y").to_string(),
                value: format!("{} {}", decimal_ru(r.value), card.unit),
                source: match r.source {
                    ReadingSource::WithPayment => "с оплатой",
                    ReadingSource::WithoutPayment => "без оплаты",
                },
            })
            .collect();
        rows.reverse();
        MeterHistory {
            months: consumption_by_month(&card.meter, readings),
            readings: rows,
        }
    }
}

/// Consumption per month: the last reading of each month minus the last reading of the month
/// before it (a roll-over past the meter's maximum counts from zero). The first reading has no
/// month of its own.
pub(crate) fn consumption_by_month(meter: &Meter, readings: &[ReadingDto]) -> Vec<MonthUse> {
    let mut sorted: Vec<&ReadingDto> = readings.iter().collect();
    sorted.sort_by_key(|r| r.date);
    let mut last_of_month: Vec<(Period, Decimal)> = Vec::new();
    for r in sorted {
        let period = Period::of(r.date);
        match last_of_month.last_mut() {
            Some((p, v)) if *p == period => *v = r.value,
            _ => last_of_month.push((period, r.value)),
        }
    }
    let rollover = meter.precision.rollover_at();
    // Checked: the client refuses readings and meters out of range (`ofis_api::Plausible`), so
    // a month is left out only if that check is ever bypassed.
    last_of_month
        .windows(2)
        .filter_map(|w| {
            let ((_, before), (period, now)) = (w[0], w[1]);
            let used = if now >= before {
                now.checked_sub(before)?
            } else {
                rollover?.checked_sub(before)?.checked_add(now)?
            };
            Some(MonthUse { period, used })
        })
        .collect()
}
