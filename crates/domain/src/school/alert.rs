//! The low-balance alert: the parent sets a threshold per child; one notification when the
//! balance falls below it, then silence until a top-up posts, which re-arms it.

use serde::{Deserialize, Serialize};

use crate::Money;

/// One child's alert and whether it may fire.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LowBalanceAlert {
    /// Notify when the balance is below this.
    pub threshold: Money,
    /// Whether the next balance below the threshold notifies.
    pub armed: bool,
}

impl LowBalanceAlert {
    /// A freshly set alert: armed, so a balance already below the threshold notifies once.
    pub fn new(threshold: Money) -> Self {
        LowBalanceAlert {
            threshold,
            armed: true,
        }
    }

    /// Looks at the balance now; `true` when the parent is to be notified (once until re-armed).
    pub fn observe(&mut self, balance: Money) -> bool {
        if self.armed && balance < self.threshold {
            self.armed = false;
            return true;
        }
        false
    }

    /// A top-up reached the balance: the next fall below the threshold notifies again.
    pub fn top_up_posted(&mut self) {
        self.armed = true;
    }
}
