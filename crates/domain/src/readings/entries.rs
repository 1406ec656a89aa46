//! Rules over the set of readings sent together for one account: groups (all or none) and
//! providers that refuse a payment without readings.

use std::collections::BTreeSet;

use chrono::NaiveDate;

use super::meter::{Meter, MeterId};

/// A meter whose reading is missing, with its title for the message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MissingMeter {
    pub id: MeterId,
    /// «ГВС № 2201456».
    pub title: String,
}

/// Why a set of readings cannot go together.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum EntryError {
    /// The provider takes this payment only with the readings of these meters.
    #[error("the provider requires readings of {} meter(s)", missing.len())]
    ReadingsRequired { missing: Vec<MissingMeter> },
    /// Some meters of a group were entered, these were not.
    #[error("group {group} incomplete")]
    GroupIncomplete {
        group: String,
        missing: Vec<MissingMeter>,
    },
    /// A reading for a meter that is not on this account.
    #[error("meter {0} is not on this account")]
    UnknownMeter(MeterId),
    /// Two readings for one meter.
    #[error("meter {0} entered twice")]
    Duplicate(MeterId),
}

impl EntryError {
    /// One sentence in Russian.
    pub fn message_ru(&self) -> String {
        let titles = |missing: &[MissingMeter]| {
            missing
                .iter()
                .map(|m| m.title.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        };
        match self {
            EntryError::ReadingsRequired { missing } => format!(
                "Поставщик принимает оплату только с показаниями счётчиков. Введите показания: {}",
                titles(missing)
            ),
            EntryError::GroupIncomplete { missing, .. } => format!(
                "Показания этих счётчиков передаются только вместе. Введите также: {}",
                titles(missing)
            ),
            EntryError::UnknownMeter(_) => "Счётчик не относится к этому лицевому счёту".into(),
            EntryError::Duplicate(_) => "Показание одного счётчика указано дважды".into(),
        }
    }
}

/// Checks the meters `entered` for one account whose meters are `meters`: no strangers, no
/// duplicates; each group whole or absent; and, with a payment, every meter whose provider
/// requires readings present. Meters closed to entry (banned, verification overdue) are never
/// required.
pub fn check_entries(
    meters: &[Meter],
    entered: &[MeterId],
    today: NaiveDate,
    with_payment: bool,
) -> Result<(), EntryError> {
    let mut seen = BTreeSet::new();
    for id in entered {
        if !meters.iter().any(|m| &m.id == id) {
            return Err(EntryError::UnknownMeter(id.clone()));
        }
        if !seen.insert(id) {
            return Err(EntryError::Duplicate(id.clone()));
        }
    }
    let open: Vec<&Meter> = meters
        .iter()
        .filter(|m| m.ban_reason(today).is_none())
        .collect();
    let missing = |wanted: &dyn Fn(&Meter) -> bool| -> Vec<MissingMeter> {
        open.iter()
            .filter(|m| wanted(m) && !seen.contains(&m.id))
            .map(|m| MissingMeter {
                id: m.id.clone(),
                title: m.title_ru(),
            })
            .collect()
    };
    if with_payment {
        let required = missing(&|m: &Meter| m.payment_requires_readings);
        if !required.is_empty() {
            return Err(EntryError::ReadingsRequired { missing: required });
        }
    }
    let groups: BTreeSet<&str> = open
        .iter()
        .filter(|m| seen.contains(&m.id))
        .filter_map(|m| m.group.as_deref())
        .collect();
    for group in groups {
        let absent = missing(&|m: &Meter| m.group.as_deref() == Some(group));
        if !absent.is_empty() {
            return Err(EntryError::GroupIncomplete {
                group: group.to_string(),
                missing: absent,
            });
        }
    }
    Ok(())
}
