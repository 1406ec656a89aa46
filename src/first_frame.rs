//! The start benchmark's marker (`benches/startup.rs`): with `OFIS_FIRST_FRAME` set, the first
//! frame with content prints `ofis-first-frame ms=<since main>` on stdout once it is painted (two
//! animation frames after the render reached the page), and with `OFIS_FIRST_FRAME=exit` the
//! process then exits. Without the variable nothing happens. The empty window the benchmark
//! compares with (`examples/empty_window.rs`) includes this file, so both mark the same moment.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::OnceLock;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use dioxus::prelude::*;

static STARTED: OnceLock<Instant> = OnceLock::new();
/// `main`'s start on the wall clock, in ms since 1970: the page's own times (`Date.now()`) are
/// told against it.
static STARTED_WALL_MS: OnceLock<f64> = OnceLock::new();
static MARKED: AtomicBool = AtomicBool::new(false);

/// The line's prefix, which the benchmark waits for.
pub const MARK: &str = "ofis-first-frame";

/// The prefix of a stage's line: where the time to the first frame goes.
pub const STAGE: &str = "ofis-stage";

/// Remembers when `main` began: call it first thing.
pub fn note_start() {
    STARTED.get_or_init(Instant::now);
    STARTED_WALL_MS.get_or_init(wall_ms);
}

fn wall_ms() -> f64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs_f64() * 1000.0)
        .unwrap_or(0.0)
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

/// A stage the page saw, at `at` ms since 1970 by the page's clock.
fn page_stage(name: &str, at: f64) {
    if let (Some(start), true) = (STARTED_WALL_MS.get(), at > 0.0) {
        println!("{STAGE} {name} ms={:.0}", at - start);
    }
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
            // The page's own times of the way to the paint: the script reached it, the first
            // and second animation frames, and the page's first contentful paint if it tells.
            let mut painted = document::eval(
                "const ran = Date.now(); let first = 0; \
                 requestAnimationFrame(() => { first = Date.now(); \
                   requestAnimationFrame(() => { \
                     const fcp = performance.getEntriesByName('first-contentful-paint')[0]; \
                     dioxus.send([ran, first, Date.now(), \
                       fcp ? performance.timeOrigin + fcp.startTime : 0, performance.timeOrigin]); \
                   }); });",
            );
            match painted.recv::<[f64; 5]>().await {
                Ok([ran, first, second, fcp, origin]) => {
                    page_stage("page created", origin);
                    page_stage("page first contentful paint", fcp);
                    page_stage("page ran the marker", ran);
                    page_stage("page first animation frame", first);
                    page_stage("page second animation frame", second);
                }
                Err(e) => {
                    eprintln!("{MARK}: the page did not answer: {e}");
                    std::process::exit(3);
                }
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
