//! Decoders meet photos nobody could check first, and some of them panic on a few (rqrr 0.11
//! asserts in its perspective fit). A photo must never close the app and lose what the person
//! typed, whichever way the build handles panics (`panic = "unwind"` for desktop and the web
//! front, `"abort"` for the phones' store build: Cargo.toml, profile `mobile-release`).
//!
//! - [`isolated`] runs a whole job (a photo's loading and decoding, a photo's resizing) on a
//!   worker thread of its own and hands back its result or [`Crashed`]. With unwinding the
//!   worker catches its panic. With "abort" there is nothing to catch: the panic hook, seeing
//!   the panic on a worker, tells the waiting caller and parks that thread for good instead of
//!   returning to the abort. The app goes on; what the worker held (its picture) stays in memory,
//!   which is why at most [`MAX_LOST_WORKERS`] workers are given up before photos are refused.
//! - [`fenced`] is one decoder call inside such a job: with unwinding its panic becomes `None`
//!   and the plan goes on to the next engine; with "abort" it is a plain call, and a panic ends
//!   the whole job (the outer [`isolated`] holds).
//!
//! The hook is installed once, wrapping the one installed before it; nothing installs another
//! after it (a parked worker keeps std's hook lock read, and `set_hook` would wait for it).

use std::cell::{Cell, RefCell};
use std::panic;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{mpsc, Once};
use std::thread;

/// Workers given up to a panic (with "abort") before [`isolated`] refuses new jobs: each keeps
/// the memory of one photo's decoding.
pub const MAX_LOST_WORKERS: usize = 4;

/// The job panicked; nothing of it came back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Crashed;

thread_local! {
    /// Depth of fenced calls on this thread; their panics are expected and not printed.
    static FENCED: Cell<u32> = const { Cell::new(0) };
    /// On an isolated worker: how to tell its caller that the job panicked.
    static WORKER: RefCell<Option<Box<dyn FnOnce()>>> = const { RefCell::new(None) };
}

static HOOK: Once = Once::new();
static CAUGHT: AtomicUsize = AtomicUsize::new(0);
static LOST_WORKERS: AtomicUsize = AtomicUsize::new(0);

/// Installs the hook that keeps expected panics quiet (and, with "abort", survivable).
fn install_hook() {
    HOOK.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            let on_worker = WORKER.with(|w| w.borrow().is_some());
            if FENCED.with(Cell::get) == 0 && !on_worker {
                previous(info);
                return;
            }
            CAUGHT.fetch_add(1, Ordering::Relaxed);
            if cfg!(panic = "abort") {
                // Returning would abort the process: report and never return.
                match WORKER.with(|w| w.borrow_mut().take()) {
                    Some(report) => {
                        LOST_WORKERS.fetch_add(1, Ordering::Relaxed);
                        report();
                        loop {
                            thread::park();
                        }
                    }
                    // A fenced call outside any worker (a benchmark): nothing can save it.
                    None => previous(info),
                }
            }
        }));
    });
}

/// Runs `f`; with unwinding, a panic inside it becomes `None` and prints nothing. With "abort"
/// `f` is simply called: see the module's note.
pub fn fenced<T>(f: impl FnOnce() -> T) -> Option<T> {
    install_hook();
    FENCED.with(|d| d.set(d.get() + 1));
    let result = catch(f);
    FENCED.with(|d| d.set(d.get() - 1));
    result.ok()
}

/// Runs `job` on a worker thread and waits for it: its result, or [`Crashed`] when it panicked
/// (or when [`MAX_LOST_WORKERS`] workers have been given up already, or no thread can be made).
pub fn isolated<T: Send + 'static>(job: impl FnOnce() -> T + Send + 'static) -> Result<T, Crashed> {
    install_hook();
    if LOST_WORKERS.load(Ordering::Relaxed) >= MAX_LOST_WORKERS {
        return Err(Crashed);
    }
    let (done, outcome) = mpsc::sync_channel::<Result<T, Crashed>>(1);
    let on_panic = done.clone();
    let worker = thread::Builder::new()
        .name("ofis-photo".into())
        .spawn(move || {
            WORKER.with(|w| {
                *w.borrow_mut() = Some(Box::new(move || {
                    let _ = on_panic.send(Err(Crashed));
                }))
            });
            let result = catch(job);
            WORKER.with(|w| w.borrow_mut().take());
            let _ = done.send(result);
        });
    if worker.is_err() {
        return Err(Crashed);
    }
    // Both senders gone without a word cannot happen; if it did, it is a failed job too.
    outcome.recv().unwrap_or(Err(Crashed))
}

#[cfg(panic = "unwind")]
fn catch<T>(f: impl FnOnce() -> T) -> Result<T, Crashed> {
    panic::catch_unwind(panic::AssertUnwindSafe(f)).map_err(|_| Crashed)
}

#[cfg(not(panic = "unwind"))]
fn catch<T>(f: impl FnOnce() -> T) -> Result<T, Crashed> {
    Ok(f())
}

/// How many decoder panics this process has met so far (caught, or survived on a worker).
pub fn panics_caught() -> usize {
    CAUGHT.load(Ordering::Relaxed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_inside_the_fence_becomes_none() {
        let before = panics_caught();
        let r: Option<u8> = fenced(|| panic!("assertion failed: x <= i32::MAX as f64"));
        assert_eq!(r, None);
        assert!(panics_caught() > before);
        assert_eq!(fenced(|| 7), Some(7));
    }

    #[test]
    fn panics_outside_the_fence_still_unwind() {
        fenced(|| ());
        let outside = std::panic::catch_unwind(|| panic!("not ours"));
        assert!(outside.is_err());
    }

    #[test]
    fn an_isolated_job_hands_back_its_result_or_its_crash() {
        let before = panics_caught();
        let name = isolated(|| thread::current().name().map(str::to_owned));
        assert_eq!(name, Ok(Some("ofis-photo".to_owned())));
        let crashed: Result<u8, Crashed> = isolated(|| panic!("index out of bounds"));
        assert_eq!(crashed, Err(Crashed));
        assert!(panics_caught() > before);
        // The caller's thread goes on, and so do later jobs.
        assert_eq!(isolated(|| 2 + 2), Ok(4));
    }
}
