//! Meter readings (ИПУ): the meter model billing centres use, what a person may send and when,
//! and what a reading would cost.
//!
//! - [`meter`]: a meter (or one tariff register of a multi-tariff electricity meter), its
//!   precision, last accepted reading, plausible consumption, group, ban, and its provider's
//!   acceptance window and policy.
//! - [`reading`]: parsing what people type («123,45», «0,1») and validating one reading.
//! - [`entries`]: rules over the set of readings sent together (groups, providers that refuse a
//!   payment without readings).
//! - [`cost`]: the cost preview, consumption × tariff.
//!
//! The manual's «0» rule applies to readings sent with a payment only: a new meter may be
//! reported at 0 without payment (Абоненту → Подать показания ИПУ).

pub mod cost;
pub mod entries;
pub mod meter;
pub mod reading;

#[cfg(test)]
mod set_tests;
#[cfg(test)]
mod tests;

pub use cost::{cost_preview, Tariff};
pub use entries::{check_entries, EntryError, MissingMeter};
pub use meter::{
    AcceptanceWindow, LastReading, Meter, MeterId, MeterKind, Precision, TariffZone,
    RECOMMENDED_WINDOW,
};
pub use reading::{
    check_value, decimal_ru, parse_reading, validate_reading, window_warning, ReadingContext,
    ReadingError, ReadingWarning, ValidReading,
};
