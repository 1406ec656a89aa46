//! The desktop window (WebKitGTK on Linux), phone-sized.

use dioxus::desktop::{Config, LogicalSize, WindowBuilder};

use crate::cli::Command;

/// Opens the window; returns when it is closed.
pub fn run(command: Command) -> Result<(), String> {
    prefer_cpu_raster_without_gpu();
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

/// WebKitGTK (2.46 and later) rasterises the page with Skia on the GPU. A machine without a GPU to
/// give it (no DRM render node: a virtual machine, a remote desktop, Xvfb) gets Mesa's software
/// GL instead, and there Skia's own CPU rasteriser paints the first frame of «Мои платежи» in a
/// third of the time (issue 17, item 1; README, Benchmarks). A person's own setting of the
/// variable wins. Called first, before any thread of ours starts.
fn prefer_cpu_raster_without_gpu() {
    const CPU_RASTER: &str = "WEBKIT_SKIA_ENABLE_CPU_RENDERING";
    if cfg!(target_os = "linux") && std::env::var_os(CPU_RASTER).is_none() && !has_render_node() {
        std::env::set_var(CPU_RASTER, "1");
    }
}

/// Whether the kernel offers a GPU render node (`/dev/dri/renderD128`…).
fn has_render_node() -> bool {
    std::fs::read_dir("/dev/dri").is_ok_and(|entries| {
        entries
            .flatten()
            .any(|e| e.file_name().to_string_lossy().starts_with("renderD"))
    })
}
