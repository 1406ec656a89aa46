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
    /// The queue was read from SQLite since the app opened.
    read: bool,
}

impl ReadingQueue {
    /// The queue before it is read: the app opens without it (it is not on «Мои платежи»)
    /// and reads it just after ([`ReadingQueue::first_read`]).
    pub(crate) fn unread() -> ReadingQueue {
        ReadingQueue::default()
    }

    /// The queue as SQLite has it now.
    pub(crate) fn reloaded(&mut self, rows: Vec<QueueRow>) {
        self.rows = rows;
        self.read = true;
    }

    /// The queue read just after the app opened, unless a newer read came first.
    pub(crate) fn first_read(&mut self, rows: Vec<QueueRow>) {
        if !self.read {
            self.reloaded(rows);
        }
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
