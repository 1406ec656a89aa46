//! The mobile app (Android, iOS): the same components in the platform's web view.

use crate::cli::Command;

/// Starts the app; the platform owns the event loop.
pub fn run(command: Command) -> Result<(), String> {
    // The app service opens on its own runtime while the web view starts (`boot`).
    let rt = tokio::runtime::Runtime::new().map_err(|e| e.to_string())?;
    let (booting, town) = super::boot::start(&rt, &command, |_| {});
    dioxus::LaunchBuilder::new()
        .with_cfg(dioxus::mobile::Config::new().with_custom_index(super::page::native_index()))
        .with_context(booting)
        .launch(super::boot::Boot);
    drop(town);
    drop(rt);
    Ok(())
}
