//! The basket: the общий счёт and what is known about its lines — paid through the app, waiting
//! for this period's bill, with readings saved — and the saved addresses that bring bills in.
//!
//! The rule «a paid line is not offered again» lives here, once: a line of a bill paid through
//! the app has a zero amount when the basket is loaded, when the bill is refreshed and when it
//! is paid. The person may still type an amount (and confirm paying again).

use std::collections::{BTreeMap, BTreeSet};

use ofis_domain::{
    AddressId, Bill, BillId, CombinedBill, CombinedError, FrozenOrder, Line, Money, Period,
};

use crate::payment::PayScope;
use crate::snapshot::{AddressChoice, Snapshot};

/// The общий счёт with its lines' standing and the saved addresses.
#[derive(Debug)]
pub(crate) struct Basket {
    combined: CombinedBill,
    /// Bills paid through the app this period: shown as «Оплачено».
    paid: BTreeSet<BillId>,
    /// Lines whose provider has not posted this period's bill yet.
    awaiting: BTreeSet<BillId>,
    /// Lines with meter readings saved for their payment.
    with_readings: BTreeSet<BillId>,
    addresses: Vec<AddressChoice>,
    /// The lines come from the cache and no refresh has finished yet.
    from_cache: bool,
    /// Bills paid outside the общий счёт (a top-up, a paid service): payable, never shown in it.
    outside: BTreeMap<BillId, Bill>,
    /// The bill whose paper QR code was scanned last: its line is marked «по квитанции».
    scanned: Option<BillId>,
}

impl Basket {
    /// The basket as the device kept it, shown from the cache until a refresh. A crash between
    /// recording a payment and saving the общий счёт must not leave paid bills asking for money
    /// again: `paid` (from the outbox) is the truth about what was paid.
    pub(crate) fn cached(
        combined: CombinedBill,
        addresses: Vec<AddressChoice>,
        paid: BTreeSet<BillId>,
        with_readings: BTreeSet<BillId>,
    ) -> Basket {
        let mut basket = Basket {
            combined,
            paid,
            awaiting: BTreeSet::new(),
            with_readings,
            addresses,
            from_cache: true,
            outside: BTreeMap::new(),
            scanned: None,
        };
        for id in basket.paid.clone() {
            basket.not_offered_if_paid(&id);
        }
        basket
    }

    /// The общий счёт.
    pub(crate) fn combined(&self) -> &CombinedBill {
        &self.combined
    }

    /// The saved addresses, in the order they were added.
    pub(crate) fn addresses(&self) -> &[AddressChoice] {
        &self.addresses
    }

    /// Whether the bill was paid through the app.
    pub(crate) fn is_paid(&self, id: &BillId) -> bool {
        self.paid.contains(id)
    }

    /// The composition to pay, frozen.
    pub(crate) fn freeze(&self, scope: &PayScope) -> Result<FrozenOrder, CombinedError> {
        match scope {
            PayScope::All => self.combined.freeze(),
            PayScope::Line(id) => self.combined.freeze_line(id),
            PayScope::Bills(ids) => FrozenOrder::of_lines(
                ids.iter()
                    .map(|id| match self.combined.line(id) {
                        Some(line) => Ok(line.clone()),
                        None => self
                            .outside
                            .get(id)
                            .map(|bill| Line::new(bill.clone()))
                            .ok_or(CombinedError::UnknownBill),
                    })
                    .collect::<Result<_, _>>()?,
            ),
        }
    }

    /// Bills to be paid outside the общий счёт (a top-up, a paid service): they can be frozen
    /// by their ids from now on, and never join the общий счёт.
    pub(crate) fn hold_outside(&mut self, bills: Vec<Bill>) {
        self.outside
            .extend(bills.into_iter().map(|b| (b.id.clone(), b)));
    }

    /// Adds found bills; a bill already here is not added twice. Returns how many were added.
    pub(crate) fn add(&mut self, bills: Vec<Bill>) -> usize {
        bills
            .into_iter()
            .filter(|bill| self.combined.add(bill.clone()).is_ok())
            .count()
    }

    /// «Поиск по адресу»: the address's bills join, and the address is followed from now on.
    pub(crate) fn follow(&mut self, address: AddressChoice, bills: &[Bill]) {
        self.add(bills.to_vec());
        if !self.addresses.iter().any(|a| a.id == address.id) {
            self.addresses.push(address);
        }
    }

    /// Merges the server's fresh copies of bills. A new month's bill takes the place of last
    /// month's line of the same account; those bills are returned (they were just posted).
    pub(crate) fn merge_fresh(&mut self, bills: &[Bill]) -> Vec<Bill> {
        let mut posted = Vec::new();
        for bill in bills {
            let known = self.combined.contains(bill);
            // Last month's line of this account was waiting for exactly this bill.
            let followed = !known && self.combined.replace_older(bill.clone());
            if !followed {
                self.combined.refresh(bill.clone());
            }
            self.not_offered_if_paid(&bill.id);
            if followed {
                posted.push(bill.clone());
            }
        }
        posted
    }

    /// A refresh has finished, `current` being the newest period the server bills. A line of an
    /// older period, unpaid, waits for its provider's bill: it is not offered again by default
    /// (it may have been paid elsewhere, and this month's has not been posted); the person can
    /// still type an amount.
    pub(crate) fn refreshed(&mut self, current: Period) {
        self.from_cache = false;
        let awaiting: BTreeSet<BillId> = self
            .combined
            .lines()
            .iter()
            .filter(|l| l.bill.period < current && !self.paid.contains(&l.bill.id))
            .map(|l| l.bill.id.clone())
            .collect();
        for id in awaiting.difference(&self.awaiting) {
            let _ = self.combined.skip(id);
        }
        self.awaiting = awaiting;
    }

    /// «удалить».
    pub(crate) fn remove(&mut self, id: &BillId) -> Result<(), CombinedError> {
        self.combined.remove(id).map(|_| ())
    }

    /// «не платить».
    pub(crate) fn skip(&mut self, id: &BillId) -> Result<(), CombinedError> {
        self.combined.skip(id)
    }

    /// The amount of a line, within its provider's rules.
    pub(crate) fn set_amount(&mut self, id: &BillId, amount: Money) -> Result<(), CombinedError> {
        self.combined.set_amount(id, amount)
    }

    /// «Исключить из оплаты все услуги на адресе».
    pub(crate) fn exclude_address(&mut self, address: Option<&AddressId>) {
        self.combined.exclude_address(address);
    }

    /// «Удалить все услуги на адресе»: the address is no longer followed either.
    pub(crate) fn remove_address(&mut self, address: Option<&AddressId>) {
        self.combined.remove_address(address);
        if let Some(a) = address {
            self.addresses.retain(|c| c.id != a.0);
        }
    }

    /// The lines of `frozen` whose bills are paid already. Each keeps the amount the person
    /// froze (settling may have just set a paid line to zero), so that «Оплатить ещё раз» pays
    /// what they saw. Returns those lines and whether an amount was put back.
    pub(crate) fn paying_again(
        &mut self,
        frozen: &FrozenOrder,
    ) -> Result<(Vec<Line>, bool), CombinedError> {
        let already: Vec<Line> = frozen
            .lines()
            .iter()
            .filter(|l| self.is_paid(&l.bill.id))
            .cloned()
            .collect();
        let mut restored = false;
        for line in &already {
            let now = self.combined.line(&line.bill.id).map(|l| l.amount);
            if now.is_some_and(|a| a.is_zero()) {
                self.combined.set_amount(&line.bill.id, line.amount)?;
                restored = true;
            }
        }
        Ok((already, restored))
    }

    /// These bills are paid: shown as paid, not offered again, their saved readings gone with
    /// the payment.
    pub(crate) fn paid(&mut self, ids: &[BillId]) {
        for id in ids {
            self.paid.insert(id.clone());
            self.not_offered_if_paid(id);
            self.with_readings.remove(id);
        }
    }

    /// Bills the store found paid through the app (`Store::paid_among`): shown as paid from
    /// now on. The basket learns them as bills come in, never from the whole outbox at once.
    pub(crate) fn known_paid(&mut self, ids: BTreeSet<BillId>) {
        self.paid.extend(ids);
    }

    /// Readings were saved for a line (`true`) or cleared (`false`).
    pub(crate) fn set_readings(&mut self, id: &BillId, saved: bool) {
        if saved {
            self.with_readings.insert(id.clone());
        } else {
            self.with_readings.remove(id);
        }
    }

    /// Sign-out: nothing personal is left; `paid` is what the outbox still knows.
    pub(crate) fn emptied(&mut self, paid: BTreeSet<BillId>) {
        self.combined = CombinedBill::new();
        self.paid = paid;
        self.addresses.clear();
        self.awaiting.clear();
        self.with_readings.clear();
        self.outside.clear();
        self.scanned = None;
    }

    /// Marks the line of the bill whose paper QR code was scanned.
    pub(crate) fn mark_scanned(&mut self, id: BillId) {
        self.scanned = Some(id);
    }

    /// Provider and account of every line that no saved address brings in.
    pub(crate) fn single_accounts(&self) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = self
            .combined
            .lines()
            .iter()
            .filter(|l| match &l.bill.address_id {
                Some(a) => !self.is_followed(a),
                None => true,
            })
            .map(|l| (l.bill.provider_id.0.clone(), l.bill.account.0.clone()))
            .collect();
        out.sort();
        out.dedup();
        out
    }

    /// Account and provider of every metered line of the address.
    pub(crate) fn metered_accounts_at(&self, address_id: &str) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = self
            .combined
            .lines()
            .iter()
            .filter(|l| l.bill.metered)
            .filter(|l| {
                l.bill
                    .address_id
                    .as_ref()
                    .is_some_and(|a| a.0 == address_id)
            })
            .map(|l| (l.bill.account.0.clone(), l.bill.provider_id.0.clone()))
            .collect();
        out.sort();
        out.dedup();
        out
    }

    /// Whether a saved address has a line that takes meter readings.
    pub(crate) fn has_metered_saved_address(&self) -> bool {
        self.combined.lines().iter().any(|l| {
            (l.bill.metered || l.bill.billed_by_gorod)
                && l.bill
                    .address_id
                    .as_ref()
                    .is_some_and(|a| self.is_followed(a))
        })
    }

    /// What the basket shows in a snapshot.
    pub(super) fn fill(&self, s: &mut Snapshot) {
        s.combined = self.combined.clone();
        s.paid = self.paid.clone();
        s.addresses = self.addresses.clone();
        s.from_cache = self.from_cache;
        s.awaiting = self.awaiting.clone();
        s.with_readings = self.with_readings.clone();
        s.scanned = self.scanned.clone();
    }

    fn is_followed(&self, address: &AddressId) -> bool {
        self.addresses.iter().any(|c| c.id == address.0)
    }

    /// The rule: a line of a bill paid through the app is not offered again.
    fn not_offered_if_paid(&mut self, id: &BillId) {
        if self.paid.contains(id) {
            let _ = self.combined.skip(id);
        }
    }
}

#[cfg(test)]
#[path = "basket_tests.rs"]
mod tests;
