//! The desktop window (WebKitGTK on Linux), phone-sized.

use dioxus::desktop::{Config, LogicalSize, WindowBuilder};

use crate::cli::Command;

/// Opens the window; returns when it is closed.
pub fn run(command: Command) -> Result<(), String> {
    // The app service opens on its own runtime while the window starts (`boot`).
    let rt = tokio::runtime::Runtime::new().map_err(|e| e.to_string())?;
    // Reminders and posted bills reach the desktop's notification centre too.
    let (booting, town) = super::boot::start(&rt, &command, |ofis| {
        ofis.set_notifier(std::sync::Arc::new(ofis_core::DesktopNotifier::new("ОФИС")));
    });
    let window = WindowBuilder::new()
        .with_title("ОФИС")
        .with_inner_size(LogicalSize::new(400.0, 844.0));
    dioxus::LaunchBuilder::desktop()
        .with_cfg(
            Config::new()
                .with_window(window)
                .with_menu(None)
                .with_custom_index(super::page::native_index()),
        )
        .with_context(booting)
        .launch(super::boot::Boot);
    drop(town);
    drop(rt);
    Ok(())
}
