//! The screens' Russian copy: every error through `ofis_core::messages`, and the few phrases
//! that belong to the screens alone.

pub use ofis_core::messages::{card_error, card_field, core_error, maintenance_of, CardField};

/// Shown on the sign-in screen when the kept session was refused by the server.
pub const SESSION_EXPIRED: &str = "Сессия истекла. Войдите снова по номеру телефона.";

/// «Повторите через N мин.» for a retry time in seconds (rounded up to whole minutes).
pub fn retry_after(seconds: u32) -> String {
    format!("Повторите через {} мин.", seconds.div_ceil(60).max(1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_times_round_up_to_whole_minutes() {
        assert_eq!(retry_after(1), "Повторите через 1 мин.");
        assert_eq!(retry_after(60), "Повторите через 1 мин.");
        assert_eq!(retry_after(61), "Повторите через 2 мин.");
    }
}
