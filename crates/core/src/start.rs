//! The start of the app, in one call and in its order: the kept session renewed, unfinished
//! payments settled, the общий счёт refreshed, queued readings sent, the reading reminder.

use tracing::{instrument, warn};

use crate::app::Ofis;
use crate::error::CoreError;

/// What the start found.
#[derive(Debug, Default)]
pub struct StartUp {
    /// The server no longer knows the kept session: back to sign-in (the saved bills stay).
    pub session_expired: bool,
    /// What went wrong on the way, in order, for the screens to show (maintenance among them).
    pub problems: Vec<CoreError>,
}

impl Ofis {
    /// Runs the start of the app. A refused session stops it there; any other problem is
    /// collected and the next step still runs (the cached общий счёт is shown meanwhile).
    #[instrument(skip(self))]
    pub async fn start_up(&self) -> StartUp {
        let mut started = StartUp::default();
        match self.resume_session().await {
            Ok(true) => {}
            Ok(false) => {
                started.session_expired = true;
                return started;
            }
            Err(e) => started.problems.push(e),
        }
        if let Err(e) = self.reconcile().await {
            started.problems.push(e);
        }
        if let Err(e) = self.refresh().await {
            started.problems.push(e);
        }
        // Readings wait in the queue for the next chance; the person sees their state there.
        if let Err(e) = self.flush_reading_queue().await {
            warn!(error = %e, "reading queue not sent");
        }
        // Messages to support typed offline go now, each once.
        if let Err(e) = self.support_round().await {
            warn!(error = %e, "support conversation not fetched");
        }
        if let Err(e) = self.remind_readings().await {
            warn!(error = %e, "reading reminder not recorded");
        }
        started
    }
}
