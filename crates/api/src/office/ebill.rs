//! «Электронная квитанция»: an account's bill by e-mail instead of on paper, switched on or off;
//! the change counts from the bill of the current month when made by the cut-off day (the 20th),
//! else from the next month's.

use ofis_domain::Period;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// The e-mail bill setting of a Город account.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct EBillDto {
    pub account: String,
    /// Whether the bill goes by e-mail (and not on paper).
    pub enabled: bool,
    /// Where it goes, while enabled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// The day of the month up to which a change counts from the current month's bill.
    pub cut_off_day: u32,
    /// The first bill the current setting applies to (`YYYY-MM`); absent: never changed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<String>, example = "2026-12")]
    pub from_period: Option<Period>,
    /// What the screen says: «Квитанции с декабря 2026 придут на name@mail.ru».
    pub message: String,
}

/// Switch the e-mail bill on (with an address) or off.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct SetEBill {
    pub enabled: bool,
    /// Required to switch on.
    #[serde(default)]
    pub email: Option<String>,
}
