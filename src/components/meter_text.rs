//! How a meter's figures read on screen, the same on every readings screen.

use ofis_core::MeterDto;
use ofis_domain::readings::{cost_preview, decimal_ru, parse_reading, ReadingError};

/// «предыдущее»: the last accepted reading with its unit and date.
pub fn previous_text(meter: &MeterDto) -> String {
    match (meter.last_value, meter.last_date) {
        (Some(v), Some(d)) => format!(
            "{} {} ({})",
            decimal_ru(v),
            meter.unit,
            d.format("%d.%m.%Y")
        ),
        (Some(v), None) => format!("{} {}", decimal_ru(v), meter.unit),
        _ => "нет данных".to_string(),
    }
}

/// What the typed reading would cost at the provider's tariff, so a typo that would mean a huge
/// bill is obvious before sending.
pub fn cost_preview_text(meter: &MeterDto, typed: &str) -> Option<String> {
    match (parse_reading(typed), meter.last_value, &meter.tariff) {
        (Ok(now), Some(last), Some(tariff)) if now >= last => {
            cost_preview(now - last, tariff.price).ok().map(|cost| {
                format!(
                    "Расход {} {} ≈ {} по тарифу",
                    decimal_ru(now - last),
                    meter.unit,
                    cost.display_rub()
                )
            })
        }
        _ => None,
    }
}

/// Whether the error asks the person to confirm (a roll-over or an unusually high consumption).
pub fn needs_confirmation(error: &Option<ReadingError>) -> bool {
    matches!(
        error,
        Some(
            ReadingError::NeedsRolloverConfirmation { .. } | ReadingError::NeedsConfirmation { .. }
        )
    )
}
