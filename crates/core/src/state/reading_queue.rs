//! The readings queue as the state knows it: how many rounds in a row left readings waiting,
//! which sets how long to wait before the next round. The readings themselves are in SQLite.

use std::time::Duration;

use crate::queue_retry::retry_delay;

/// The queue of readings sent without payment, between rounds.
#[derive(Debug, Default)]
pub(crate) struct ReadingQueue {
    /// Rounds in a row that left readings waiting.
    failures: u32,
}

impl ReadingQueue {
    /// A round ended, having sent `sent` readings, with readings still `waiting` or not.
    /// Returns how long to wait before the next round.
    pub(crate) fn round_ended(&mut self, sent: usize, waiting: bool) -> Duration {
        self.failures = if waiting && sent == 0 {
            self.failures.saturating_add(1)
        } else {
            0
        };
        retry_delay(self.failures)
    }
}
