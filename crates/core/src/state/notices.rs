//! The in-app notifications: a bill posted, the reminder to send readings. Newest last; the
//! person dismisses them all at once.

use ofis_domain::Bill;

use crate::snapshot::Snapshot;

/// The in-app notification list.
#[derive(Debug, Default)]
pub(crate) struct Notices {
    list: Vec<String>,
}

impl Notices {
    /// A new notification, at the end.
    pub(crate) fn add(&mut self, text: String) {
        self.list.push(text);
    }

    /// The person has read them (or signed out).
    pub(crate) fn clear(&mut self) {
        self.list.clear();
    }

    /// What the notices show in a snapshot.
    pub(super) fn fill(&self, s: &mut Snapshot) {
        s.notifications = self.list.clone();
    }
}

/// The notification of a bill posted since the last look.
pub(crate) fn bill_posted(bill: &Bill) -> String {
    format!(
        "Выставлен счёт: {} ({}), {} — {}",
        bill.service_title(),
        bill.provider_name,
        bill.period.label_ru(),
        bill.amount_due.display_rub()
    )
}
