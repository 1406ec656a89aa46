//! What the UI shows: a consistent copy of the app state, published after every change.

use std::collections::BTreeSet;

use ofis_domain::{BillId, CombinedBill, Money};

use crate::subscriber::QueueRow;

/// An address the user chose; its bills join the общий счёт every month.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AddressChoice {
    pub id: String,
    pub title: String,
}

/// The app state as the UI renders it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Snapshot {
    /// The signed-in phone (normalised), if any.
    pub phone: Option<String>,
    /// The общий счёт.
    pub combined: CombinedBill,
    /// Bills paid through the app this period: shown as «Оплачено».
    pub paid: BTreeSet<BillId>,
    /// Saved addresses.
    pub addresses: Vec<AddressChoice>,
    /// True while the shown bills come from the cache and a refresh has not finished.
    pub from_cache: bool,
    /// Lines whose provider has not posted this period's bill yet.
    pub awaiting: BTreeSet<BillId>,
    /// In-app notifications (e.g. a bill was posted), newest last.
    pub notifications: Vec<String>,
    /// Lines with meter readings saved for their payment.
    pub with_readings: BTreeSet<BillId>,
    /// The line of the bill whose paper QR code was scanned last («по квитанции»).
    pub scanned: Option<BillId>,
    /// Readings sent without payment and where each stands, oldest first («Отправленные
    /// показания»).
    pub reading_queue: Vec<QueueRow>,
    /// Support's answers not seen yet: the badge on «Вопрос-ответ».
    pub support_unread: u32,
}

impl Snapshot {
    /// The total to pay now.
    pub fn total(&self) -> Money {
        self.combined.total()
    }
}
