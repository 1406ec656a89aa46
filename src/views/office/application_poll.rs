//! The background check of «Мои заявления»: each change of an application's status becomes a
//! notification while the screen is closed too. The server is asked only while some application
//! waits to be sent or decided, less and less often while it does not answer.

use ofis_core::Ofis;

/// How often the app asks while an application waits.
const POLL: std::time::Duration = std::time::Duration::from_secs(10 * 60);
/// At most this long between rounds while the server does not answer.
const SLOWEST: std::time::Duration = std::time::Duration::from_secs(60 * 60);

/// Runs for the life of the signed-in app (the Shell's `use_future`).
pub async fn poll_applications(ofis: Ofis) {
    // Soon after the start: an application kept offline goes out without waiting long.
    let mut wait = std::time::Duration::from_secs(60);
    loop {
        tokio::time::sleep(wait).await;
        wait = match ofis.applications_round().await {
            Ok(Some(mine)) if mine.offline.is_some() => (wait * 2).clamp(POLL, SLOWEST),
            Ok(_) => POLL,
            Err(e) => {
                tracing::warn!(error = %e, "applications not checked");
                (wait * 2).clamp(POLL, SLOWEST)
            }
        };
    }
}
