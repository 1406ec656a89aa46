//! The floor of the start benchmark (`benches/startup.rs`): an empty Dioxus 0.7 desktop app —
//! a window of the same size with one heading — built with the same profile as `ofis`, marking
//! its first painted frame the same way (`src/first_frame.rs`).

#[path = "../src/first_frame.rs"]
mod first_frame;

use dioxus::desktop::{Config, LogicalSize, WindowBuilder};
use dioxus::prelude::*;

fn main() {
    first_frame::note_start();
    let window = WindowBuilder::new()
        .with_title("ОФИС")
        .with_inner_size(LogicalSize::new(400.0, 844.0));
    dioxus::LaunchBuilder::desktop()
        .with_cfg(Config::new().with_window(window).with_menu(None))
        .launch(Heading);
}

#[component]
fn Heading() -> Element {
    use_hook(|| first_frame::stage("first render"));
    first_frame::use_first_frame_mark(true);
    rsx! { h1 { "Мои платежи" } }
}
