//! Decoders run behind a panic fence: a photo must never crash the app.

use std::cell::Cell;
use std::panic::{self, AssertUnwindSafe};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Once;

thread_local! {
    /// Depth of fenced calls on this thread; their panics are expected and not printed.
    static FENCED: Cell<u32> = const { Cell::new(0) };
}

static HOOK: Once = Once::new();
static CAUGHT: AtomicUsize = AtomicUsize::new(0);

/// Runs `f`; a panic inside it becomes `None` and prints nothing. Panics elsewhere in the
/// process still reach the hook that was installed before ours.
pub fn fenced<T>(f: impl FnOnce() -> T) -> Option<T> {
    HOOK.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if FENCED.with(Cell::get) == 0 {
                previous(info);
            }
        }));
    });
    FENCED.with(|d| d.set(d.get() + 1));
    let result = panic::catch_unwind(AssertUnwindSafe(f));
    FENCED.with(|d| d.set(d.get() - 1));
    if result.is_err() {
        CAUGHT.fetch_add(1, Ordering::Relaxed);
    }
    result.ok()
}

/// How many decoder panics this process has caught so far.
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
}
