//! The mobile app (Android, iOS): the same components in the platform's web view.

use crate::cli::Command;

/// Starts the app; the platform owns the event loop.
pub fn run(command: Command) -> Result<(), String> {
    let rt = tokio::runtime::Runtime::new().map_err(|e| e.to_string())?;
    let backend = rt.block_on(super::start_backend(&command))?;
    dioxus::LaunchBuilder::new()
        .with_cfg(dioxus::mobile::Config::new().with_custom_index(super::page::native_index()))
        .with_context(backend.ofis)
        .launch(crate::app::App);
    drop(backend.sandbox);
    drop(rt);
    Ok(())
}
