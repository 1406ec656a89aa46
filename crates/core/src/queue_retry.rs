//! When the offline queue of readings is tried again: soon after a failure, then less and less
//! often while the server stays out of reach, and soon again once a send gets through. The
//! policy lives here, not in a screen; a screen runs rounds and waits as long as it is told.

use std::time::Duration;

use tracing::instrument;

use crate::app::Ofis;
use crate::subscriber::{QueueRow, QueueRowState};

/// The wait after a round with nothing left waiting, or after the first failure.
pub const RETRY_FIRST: Duration = Duration::from_secs(5);
/// The longest wait between two tries while the server stays out of reach.
pub const RETRY_MAX: Duration = Duration::from_secs(300);

/// The wait after `failures` rounds in a row that left readings waiting: 5 s, 10 s, 20 s, …,
/// at most 5 min.
pub fn retry_delay(failures: u32) -> Duration {
    let doubled = RETRY_FIRST.saturating_mul(2u32.saturating_pow(failures.saturating_sub(1)));
    doubled.min(RETRY_MAX)
}

/// What one round of the queue did, and when to run the next.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QueueRound {
    /// Readings the server accepted in this round.
    pub sent: usize,
    /// The queue as the person sees it now, oldest first.
    pub rows: Vec<QueueRow>,
    /// How long to wait before the next round.
    pub retry_in: Duration,
}

impl Ofis {
    /// One round of the queue of readings sent without payment: sends what waits (each under
    /// its own key, exactly once) and says when to try again.
    #[instrument(skip(self))]
    pub async fn reading_queue_round(&self) -> QueueRound {
        let sent = match self.flush_reading_queue().await {
            Ok(sent) => sent,
            Err(e) => {
                tracing::warn!(error = %e, "reading queue not sent");
                0
            }
        };
        let rows = match self.reading_queue().await {
            Ok(rows) => rows,
            Err(e) => {
                tracing::warn!(error = %e, "reading queue not read");
                Vec::new()
            }
        };
        let waiting = rows.iter().any(|r| r.state == QueueRowState::Queued);
        let retry_in = self.change().queue_mut().round_ended(sent, waiting);
        QueueRound {
            sent,
            rows,
            retry_in,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_wait_doubles_from_five_seconds_to_five_minutes() {
        let waits: Vec<u64> = (0..10).map(|f| retry_delay(f).as_secs()).collect();
        assert_eq!(waits, [5, 5, 10, 20, 40, 80, 160, 300, 300, 300]);
        assert_eq!(retry_delay(u32::MAX), RETRY_MAX);
    }
}
