//! The общий счёт engine: the user's combined bill, grouped by address, edited before paying.
//!
//! Every operation keeps two invariants: a bill is never in the combined bill twice, and the
//! total always equals the sum of the lines' amounts plus their fees.

use serde::{Deserialize, Serialize};

use crate::bill::Bill;
use crate::ids::{AddressId, BillId};
use crate::money::Money;
use crate::rules::{RuleError, PAYMENT_LIMIT};

/// One line of the combined bill: a bill and what the user chose to pay for it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Line {
    pub bill: Bill,
    /// The amount to pay; the bill's amount by default, zero after «не платить».
    pub amount: Money,
}

impl Line {
    /// A line that pays the bill in full.
    pub fn new(bill: Bill) -> Self {
        let amount = bill.amount_due;
        Line { bill, amount }
    }

    /// Whether this line is paid (a non-zero amount).
    pub fn is_paid(&self) -> bool {
        !self.amount.is_zero()
    }

    /// The provider's fee on this line's amount (for display: never panics, see [`Fee::on`]).
    ///
    /// [`Fee::on`]: crate::Fee::on
    pub fn fee(&self) -> Money {
        self.bill.rules.fee.on(self.amount)
    }

    /// The provider's fee on this line's amount; a fee that is not money is an error.
    pub fn checked_fee(&self) -> Result<Money, CombinedError> {
        self.bill
            .rules
            .fee
            .checked_on(self.amount)
            .map_err(|_| CombinedError::AmountOutOfRange(self.bill.id.clone()))
    }
}

/// A group of lines sharing an address (or the group of single bills without an address).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AddressGroup<'a> {
    pub address_id: Option<&'a AddressId>,
    pub title: String,
    pub lines: Vec<&'a Line>,
    pub subtotal: Money,
}

/// Why an edit of the combined bill was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CombinedError {
    #[error("this bill is already in the combined bill")]
    Duplicate,
    #[error("no such bill in the combined bill")]
    UnknownBill,
    #[error("nothing to pay")]
    NothingToPay,
    #[error(transparent)]
    Rule(#[from] RuleError),
    /// The bill's fee (or the sum with it) is not an amount of money: 10^28 %, say.
    #[error("the fee or total of bill {0} is out of range")]
    AmountOutOfRange(BillId),
}

/// The combined bill (общий счёт).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CombinedBill {
    lines: Vec<Line>,
}

/// Title of the group of bills that have no address.
pub const NO_ADDRESS_TITLE: &str = "Отдельные счета";

impl CombinedBill {
    /// An empty combined bill.
    pub fn new() -> Self {
        Self::default()
    }

    /// Rebuilds a combined bill from saved lines, dropping any duplicates.
    pub fn from_lines(lines: impl IntoIterator<Item = Line>) -> Self {
        let mut cb = CombinedBill::new();
        for line in lines {
            if !cb.contains(&line.bill) {
                cb.lines.push(line);
            }
        }
        cb
    }

    /// The lines in display order.
    pub fn lines(&self) -> &[Line] {
        &self.lines
    }

    /// True when nothing is in the combined bill.
    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    /// Whether this bill (by id or by provider, account and period) is already here.
    pub fn contains(&self, bill: &Bill) -> bool {
        self.lines
            .iter()
            .any(|l| l.bill.id == bill.id || l.bill.identity() == bill.identity())
    }

    /// Adds a bill paid in full; refuses a bill that is already here.
    pub fn add(&mut self, bill: Bill) -> Result<(), CombinedError> {
        if self.contains(&bill) {
            return Err(CombinedError::Duplicate);
        }
        self.lines.push(Line::new(bill));
        Ok(())
    }

    /// Adds every bill not already here; returns how many were added.
    pub fn add_all(&mut self, bills: impl IntoIterator<Item = Bill>) -> usize {
        bills.into_iter().filter_map(|b| self.add(b).ok()).count()
    }

    /// Replaces a bill's data (a fresher copy from the server), keeping the user's amount choice.
    pub fn refresh(&mut self, bill: Bill) {
        match self
            .lines
            .iter_mut()
            .find(|l| l.bill.identity() == bill.identity())
        {
            Some(line) => {
                let was_default = line.amount == line.bill.amount_due;
                line.bill = bill;
                if was_default {
                    line.amount = line.bill.amount_due;
                }
            }
            None => self.lines.push(Line::new(bill)),
        }
    }

    /// A new period's bill takes the place of last period's line of the same account, keeping
    /// the line's position; the amount resets to the new bill's. Returns whether one was replaced.
    pub fn replace_older(&mut self, bill: Bill) -> bool {
        if self.lines.iter().any(|l| l.bill.id == bill.id) {
            return false;
        }
        let older = self.lines.iter_mut().find(|l| {
            l.bill.provider_id == bill.provider_id
                && l.bill.account == bill.account
                && l.bill.period < bill.period
        });
        match older {
            Some(line) => {
                *line = Line::new(bill);
                true
            }
            None => false,
        }
    }

    /// «удалить»: removes the line.
    pub fn remove(&mut self, id: &BillId) -> Result<Bill, CombinedError> {
        let pos = self.position(id)?;
        Ok(self.lines.remove(pos).bill)
    }

    /// «не платить»: the line stays with a zero amount.
    pub fn skip(&mut self, id: &BillId) -> Result<(), CombinedError> {
        self.set_amount(id, Money::ZERO)
    }

    /// Sets what to pay on a line (more than due is credit, less is carried over), within the
    /// provider's rules; a refused amount leaves the line as it was.
    pub fn set_amount(&mut self, id: &BillId, amount: Money) -> Result<(), CombinedError> {
        let pos = self.position(id)?;
        let line = &mut self.lines[pos];
        line.bill.rules.check(amount, line.bill.amount_due)?;
        if amount > PAYMENT_LIMIT {
            return Err(RuleError::OverPaymentLimit(PAYMENT_LIMIT).into());
        }
        line.amount = amount;
        Ok(())
    }

    /// «Исключить из оплаты все услуги на адресе»: every line of the address gets a zero amount.
    pub fn exclude_address(&mut self, address: Option<&AddressId>) {
        for line in self
            .lines
            .iter_mut()
            .filter(|l| l.bill.address_id.as_ref() == address)
        {
            line.amount = Money::ZERO;
        }
    }

    /// «Удалить все услуги на адресе»: removes every line of the address.
    pub fn remove_address(&mut self, address: Option<&AddressId>) -> Vec<Bill> {
        let (gone, kept): (Vec<Line>, Vec<Line>) = self
            .lines
            .drain(..)
            .partition(|l| l.bill.address_id.as_ref() == address);
        self.lines = kept;
        gone.into_iter().map(|l| l.bill).collect()
    }

    /// The sum of every line's amount, without fees.
    pub fn subtotal(&self) -> Money {
        self.lines.iter().map(|l| l.amount).sum()
    }

    /// The providers' fees on the amounts being paid.
    pub fn fees(&self) -> Money {
        self.lines.iter().map(Line::fee).sum()
    }

    /// What the payer pays: the lines plus the fees (for display: kept below the money
    /// ceiling; what is paid goes through [`CombinedBill::checked_total`]).
    pub fn total(&self) -> Money {
        self.subtotal() + self.fees()
    }

    /// What the payer pays, every fee and sum checked.
    pub fn checked_total(&self) -> Result<Money, CombinedError> {
        checked_total(&self.lines)
    }

    /// The line of a bill.
    pub fn line(&self, id: &BillId) -> Option<&Line> {
        self.lines.iter().find(|l| &l.bill.id == id)
    }

    /// Lines grouped by address, in order of first appearance, with subtotals.
    pub fn groups(&self) -> Vec<AddressGroup<'_>> {
        let mut groups: Vec<AddressGroup<'_>> = Vec::new();
        for line in &self.lines {
            let key = line.bill.address_id.as_ref();
            match groups.iter_mut().find(|g| g.address_id == key) {
                Some(g) => {
                    g.lines.push(line);
                    g.subtotal = g.subtotal + line.amount;
                }
                None => groups.push(AddressGroup {
                    address_id: key,
                    title: line
                        .bill
                        .address_title
                        .clone()
                        .unwrap_or_else(|| NO_ADDRESS_TITLE.to_string()),
                    lines: vec![line],
                    subtotal: line.amount,
                }),
            }
        }
        groups
    }

    /// «Оплатить»: freezes what is paid now; only lines with a non-zero amount go.
    pub fn freeze(&self) -> Result<FrozenOrder, CombinedError> {
        self.freeze_only(|_| true)
    }

    /// Freezes one line alone (the line's own «Оплатить»).
    pub fn freeze_line(&self, id: &BillId) -> Result<FrozenOrder, CombinedError> {
        self.position(id)?;
        self.freeze_only(|l| &l.bill.id == id)
    }

    fn freeze_only(&self, keep: impl Fn(&Line) -> bool) -> Result<FrozenOrder, CombinedError> {
        FrozenOrder::of_lines(self.lines.iter().filter(|l| keep(l)).cloned().collect())
    }

    fn position(&self, id: &BillId) -> Result<usize, CombinedError> {
        self.lines
            .iter()
            .position(|l| &l.bill.id == id)
            .ok_or(CombinedError::UnknownBill)
    }
}

/// The lines' amounts plus their fees, each sum checked: an error names the first bill whose
/// fee, or whose addition, is not an amount of money.
fn checked_total(lines: &[Line]) -> Result<Money, CombinedError> {
    lines.iter().try_fold(Money::ZERO, |sum, line| {
        let out = || CombinedError::AmountOutOfRange(line.bill.id.clone());
        let fee = line.checked_fee()?;
        sum.checked_add(line.amount)
            .and_then(|s| s.checked_add(fee))
            .ok_or_else(out)
    })
}

/// The composition of a payment after «Оплатить»: it has no way to change.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FrozenOrder {
    lines: Vec<Line>,
}

impl FrozenOrder {
    /// Freezes these lines (those with a zero amount are left out), by the same rules as the
    /// общий счёт: each line within its provider's rules, the total within the payment limit.
    pub fn of_lines(lines: Vec<Line>) -> Result<FrozenOrder, CombinedError> {
        let lines: Vec<Line> = lines.into_iter().filter(Line::is_paid).collect();
        if lines.is_empty() {
            return Err(CombinedError::NothingToPay);
        }
        for line in &lines {
            line.bill.rules.check(line.amount, line.bill.amount_due)?;
        }
        if checked_total(&lines)? > PAYMENT_LIMIT {
            return Err(RuleError::OverPaymentLimit(PAYMENT_LIMIT).into());
        }
        Ok(FrozenOrder { lines })
    }

    /// The lines being paid.
    pub fn lines(&self) -> &[Line] {
        &self.lines
    }

    /// The lines' amounts without fees.
    pub fn subtotal(&self) -> Money {
        self.lines.iter().map(|l| l.amount).sum()
    }

    /// The fees on top.
    pub fn fees(&self) -> Money {
        self.lines.iter().map(Line::fee).sum()
    }

    /// The total being paid, fees included.
    pub fn total(&self) -> Money {
        self.subtotal() + self.fees()
    }

    /// The ids of the bills in this order.
    pub fn bill_ids(&self) -> Vec<BillId> {
        self.lines.iter().map(|l| l.bill.id.clone()).collect()
    }
}

#[cfg(test)]
#[path = "combined_tests.rs"]
mod tests;
