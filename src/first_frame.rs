//! The start benchmark's marker (`benches/startup.rs`): with `OFIS_FIRST_FRAME` set, the first
//! frame with content prints `ofis-first-frame ms=<since main>` on stdout once it is painted (two
//! animation frames after the render reached the page), and with `OFIS_FIRST_FRAME=exit` the
//! process then exits. Without the variable nothing happens. The empty window the benchmark
//! compares with (`examples/empty_window.rs`) includes this file, so both mark the same moment.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::OnceLock;
use std::time::Instant;

use dioxus::prelude::*;

static STARTED: OnceLock<Instant> = OnceLock::new();
static MARKED: AtomicBool = AtomicBool::new(false);

/// The line's prefix, which the benchmark waits for.
pub const MARK: &str = "ofis-first-frame";

/// The prefix of a stage's line: where the time to the first frame goes.
pub const STAGE: &str = "ofis-stage";

/// Remembers when `main` began: call it first thing.
pub fn note_start() {
    STARTED.get_or_init(Instant::now);
}

/// With `OFIS_FIRST_FRAME` set, prints `ofis-stage <name> ms=<since main>` on stdout: the start
/// benchmark's breakdown of the way to the first frame.
pub fn stage(name: &str) {
    if std::env::var_os("OFIS_FIRST_FRAME").is_none() {
        return;
    }
    let ms = STARTED.get().map(|t| t.elapsed().as_millis()).unwrap_or(0);
    println!("{STAGE} {name} ms={ms}");
}

/// Marks the first render where `content` is true, once it is painted.
pub fn use_first_frame_mark(content: bool) {
    use_effect(use_reactive!(|content| {
        if !content || std::env::var_os("OFIS_FIRST_FRAME").is_none() {
            return;
        }
        if MARKED.swap(true, Ordering::SeqCst) {
            return;
        }
        stage("content rendered");
        spawn(async move {
            let mut painted = document::eval(
                "requestAnimationFrame(() => requestAnimationFrame(() => dioxus.send(true)));",
            );
            if let Err(e) = painted.recv::<bool>().await {
                eprintln!("{MARK}: the page did not answer: {e}");
                std::process::exit(3);
            }
            let ms = STARTED.get().map(|t| t.elapsed().as_millis()).unwrap_or(0);
            println!("{MARK} ms={ms}");
            use std::io::Write;
            let _ = std::io::stdout().flush();
            if std::env::var("OFIS_FIRST_FRAME").as_deref() == Ok("exit") {
                std::process::exit(0);
            }
        });
    }));
}
