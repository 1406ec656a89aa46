//! One reading: parsing what a person types and checking it against its meter.

use std::str::FromStr;

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;

use super::meter::{AcceptanceWindow, Meter, MeterId, RECOMMENDED_WINDOW};

/// Longest text taken for a reading (digits, separator and spaces).
const MAX_TYPED_LEN: usize = 24;

/// When and how a reading is being sent, and what the person has already confirmed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ReadingContext {
    /// Sent with a payment (in the receipt) rather than through «Подать показания ИПУ».
    pub with_payment: bool,
    /// Today's local date in Asia/Yekaterinburg.
    pub today: NaiveDate,
    /// The person confirmed the counter rolled over (a value below the previous one).
    pub rollover_confirmed: bool,
    /// The person confirmed a consumption above the plausible maximum.
    pub high_consumption_confirmed: bool,
}

impl ReadingContext {
    /// A reading sent with a payment, nothing confirmed yet.
    pub fn with_payment(today: NaiveDate) -> Self {
        ReadingContext {
            with_payment: true,
            today,
            rollover_confirmed: false,
            high_consumption_confirmed: false,
        }
    }

    /// A reading sent without payment, nothing confirmed yet.
    pub fn without_payment(today: NaiveDate) -> Self {
        ReadingContext {
            with_payment: false,
            ..ReadingContext::with_payment(today)
        }
    }

    /// The same, with the roll-over confirmed.
    pub fn rollover_confirmed(self) -> Self {
        ReadingContext {
            rollover_confirmed: true,
            ..self
        }
    }

    /// The same, with a high consumption confirmed.
    pub fn high_consumption_confirmed(self) -> Self {
        ReadingContext {
            high_consumption_confirmed: true,
            ..self
        }
    }
}

/// A reading that may be sent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidReading {
    pub meter_id: MeterId,
    pub value: Decimal,
    /// Since the last accepted reading; `None` for a meter never read before.
    pub consumption: Option<Decimal>,
    /// The counter passed its maximum and started again from zero.
    pub rolled_over: bool,
    /// Things to tell the person before sending (not reasons to refuse).
    pub warnings: Vec<ReadingWarning>,
}

/// Why a reading cannot be sent (yet).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ReadingError {
    #[error("reading is empty")]
    Empty,
    #[error("reading is not a number")]
    NotANumber,
    #[error("reading is negative")]
    Negative,
    #[error("zero cannot be sent with a payment")]
    ZeroWithPayment,
    #[error("more than {max} digits before the comma")]
    TooManyDigits { max: u8 },
    #[error("more than {max} digits after the comma")]
    TooPrecise { max: u8 },
    #[error("entry banned: {reason}")]
    Banned { reason: String },
    #[error("below the previous reading {previous}: confirm the counter rolled over")]
    NeedsRolloverConfirmation { previous: Decimal },
    #[error("consumption {consumption} above the plausible {plausible}: confirm")]
    NeedsConfirmation {
        consumption: Decimal,
        plausible: Decimal,
    },
    /// The meter's data from the server gives no sensible consumption (29 digits, a last
    /// reading beyond the display…): the arithmetic would overflow.
    #[error("the meter's data is out of range")]
    MeterOutOfRange,
}

impl ReadingError {
    /// One clear sentence in Russian for the person who typed it.
    pub fn message_ru(&self) -> String {
        match self {
            ReadingError::Empty => "Введите показание счётчика".into(),
            ReadingError::NotANumber => {
                "Показание — это число, например 123,45".into()
            }
            ReadingError::Negative => "Показание не может быть отрицательным".into(),
            ReadingError::ZeroWithPayment => {
                "Показание «0» нельзя передать с оплатой. Введите значение больше нуля, например «0,1»"
                    .into()
            }
            ReadingError::TooManyDigits { max } => {
                format!("У этого счётчика не больше {max} {} до запятой", digits_word(*max))
            }
            ReadingError::TooPrecise { max: 0 } => {
                "Этот счётчик показывает только целые числа, без запятой".into()
            }
            ReadingError::TooPrecise { max } => {
                format!("У этого счётчика не больше {max} {} после запятой", digits_word(*max))
            }
            ReadingError::Banned { reason } => {
                format!("Показания по этому счётчику не принимаются: {reason}")
            }
            ReadingError::NeedsRolloverConfirmation { previous } => format!(
                "Показание меньше предыдущего ({}). Если счётчик дошёл до максимума и начал счёт с нуля, подтвердите",
                decimal_ru(*previous)
            ),
            ReadingError::NeedsConfirmation {
                consumption,
                plausible,
            } => format!(
                "Расход {} — больше обычного (до {}). Проверьте показание и подтвердите",
                decimal_ru(*consumption),
                decimal_ru(*plausible)
            ),
            ReadingError::MeterOutOfRange => {
                "Сервер прислал неверные данные счётчика, показание не проверить. Обновите экран; если ошибка повторится, напишите в поддержку («Вопрос-ответ» → «Написать»)".into()
            }
        }
    }
}

/// Something to tell the person before sending.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReadingWarning {
    /// Today is outside the provider's window: the reading may not be counted.
    OutsideWindow { window: AcceptanceWindow },
}

impl ReadingWarning {
    /// One sentence in Russian, with the recommended window.
    pub fn message_ru(&self) -> String {
        match self {
            ReadingWarning::OutsideWindow { window } => format!(
                "Поставщик принимает показания {}; переданные сегодня показания могут быть не учтены. \
                 Рекомендуем передавать показания {}",
                window.label_ru(),
                RECOMMENDED_WINDOW.label_ru()
            ),
        }
    }
}

/// The warning to show for a meter today, before anything is typed.
pub fn window_warning(meter: &Meter, today: NaiveDate) -> Option<ReadingWarning> {
    (!meter.window.contains(today)).then_some(ReadingWarning::OutsideWindow {
        window: meter.window,
    })
}

/// Parses what people type: «123,45», «123.45», «0,1», «1 234,5»; no signs, no letters.
pub fn parse_reading(text: &str) -> Result<Decimal, ReadingError> {
    let cleaned: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{a0}' && *c != '\u{202f}')
        .map(|c| if c == ',' { '.' } else { c })
        .collect();
    if cleaned.is_empty() {
        return Err(ReadingError::Empty);
    }
    if cleaned.starts_with('-') {
        return Err(ReadingError::Negative);
    }
    let well_formed = cleaned.len() <= MAX_TYPED_LEN
        && cleaned.chars().all(|c| c.is_ascii_digit() || c == '.')
        && cleaned.chars().filter(|c| *c == '.').count() <= 1
        && cleaned.chars().any(|c| c.is_ascii_digit());
    if !well_formed {
        return Err(ReadingError::NotANumber);
    }
    Decimal::from_str(&cleaned).map_err(|_| ReadingError::NotANumber)
}

/// Checks a typed reading against its meter. Order: a banned meter first (nothing typed can
/// help), then the text, the meter's precision, the «0» rule, the previous reading, the
/// plausible consumption; the acceptance window only warns.
pub fn validate_reading(
    meter: &Meter,
    typed: &str,
    ctx: ReadingContext,
) -> Result<ValidReading, ReadingError> {
    if let Some(reason) = meter.ban_reason(ctx.today) {
        return Err(ReadingError::Banned { reason });
    }
    let value = parse_reading(typed)?;
    check_value(meter, value, ctx)
}

/// [`validate_reading`] for a value already parsed (e.g. one received over the wire).
pub fn check_value(
    meter: &Meter,
    value: Decimal,
    ctx: ReadingContext,
) -> Result<ValidReading, ReadingError> {
    if let Some(reason) = meter.ban_reason(ctx.today) {
        return Err(ReadingError::Banned { reason });
    }
    if value.is_sign_negative() && !value.is_zero() {
        return Err(ReadingError::Negative);
    }
    let precision = meter.precision;
    if integer_digits(value) > u32::from(precision.integer_digits) {
        return Err(ReadingError::TooManyDigits {
            max: precision.integer_digits,
        });
    }
    if value.normalize().scale() > u32::from(precision.fraction_digits) {
        return Err(ReadingError::TooPrecise {
            max: precision.fraction_digits,
        });
    }
    if ctx.with_payment && value.is_zero() {
        return Err(ReadingError::ZeroWithPayment);
    }
    let out = ReadingError::MeterOutOfRange;
    let (consumption, rolled_over) = match meter.last {
        None => (None, false),
        Some(last) if value >= last.value => {
            (Some(value.checked_sub(last.value).ok_or(out)?), false)
        }
        Some(last) if !ctx.rollover_confirmed => {
            return Err(ReadingError::NeedsRolloverConfirmation {
                previous: last.value,
            })
        }
        Some(last) => {
            let used = precision
                .rollover_at()
                .and_then(|top| top.checked_sub(last.value))
                .and_then(|left| left.checked_add(value))
                .ok_or(out)?;
            (Some(used), true)
        }
    };
    if consumption.is_some_and(|c| c.is_sign_negative() && !c.is_zero()) {
        // A last reading beyond the display: the roll-over would count backwards.
        return Err(ReadingError::MeterOutOfRange);
    }
    if let (Some(used), Some(last)) = (consumption, meter.last) {
        let plausible = meter
            .max_monthly_consumption
            .checked_mul(Decimal::from(months_between(last.date, ctx.today)))
            .ok_or(ReadingError::MeterOutOfRange)?;
        if used > plausible && !ctx.high_consumption_confirmed {
            return Err(ReadingError::NeedsConfirmation {
                consumption: used,
                plausible,
            });
        }
    }
    Ok(ValidReading {
        meter_id: meter.id.clone(),
        value,
        consumption,
        rolled_over,
        warnings: window_warning(meter, ctx.today).into_iter().collect(),
    })
}

/// Calendar months from the last reading to today, at least one: readings a quarter apart may
/// plausibly show a quarter's consumption.
fn months_between(from: NaiveDate, to: NaiveDate) -> u32 {
    let months = (to.year() - from.year()) * 12 + to.month() as i32 - from.month() as i32;
    u32::try_from(months).unwrap_or(0).max(1)
}

/// Digits before the comma, counting a lone zero as one.
fn integer_digits(value: Decimal) -> u32 {
    let int = value.abs().trunc().normalize();
    if int.is_zero() {
        1
    } else {
        int.to_string().len() as u32
    }
}

/// «123,45»: a decimal as Russians write it.
pub fn decimal_ru(value: Decimal) -> String {
    value.normalize().to_string().replace('.', ",")
}

/// «цифры» / «цифр» after a number, as Russian counts them.
fn digits_word(n: u8) -> &'static str {
    match (n % 10, n % 100) {
        (1, r) if r != 11 => "цифры",
        _ => "цифр",
    }
}
