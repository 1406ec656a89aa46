//! The readings queue as the state knows it: the readings sent without payment and where each
//! stands (a copy of the queue in SQLite, taken after each change of it), and how many rounds in
//! a row left readings waiting, which sets how long to wait before the next round.

use std::time::Duration;

use crate::queue_retry::retry_delay;
use crate::snapshot::Snapshot;
use crate::subscriber::QueueRow;

/// The queue of readings sent without payment, between rounds.
#[derive(Debug, Default)]
pub(crate) struct ReadingQueue {
    /// The queue as SQLite had it last, oldest first.
    rows: Vec<QueueRow>,
    /// Rounds in a row that left readings waiting.
    failures: u32,
}

impl ReadingQueue {
    /// The queue as the device kept it.
    pub(crate) fn loaded(rows: Vec<QueueRow>) -> ReadingQueue {
        ReadingQueue { rows, failures: 0 }
    }

    /// The queue as SQLite has it now.
    pub(crate) fn reloaded(&mut self, rows: Vec<QueueRow>) {
        self.rows = rows;
    }

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

    /// What the queue shows in a snapshot.
    pub(super) fn fill(&self, s: &mut Snapshot) {
        s.reading_queue = self.rows.clone();
    }
}
