//! One way to run a screen's action: a tap starts async work unless that work is already running;
//! the screen reads `busy()` to disable its button and `error()` to show, in Russian, what went
//! wrong. Every screen uses it instead of a hand-made pair of signals.

use std::future::Future;

use dioxus::prelude::*;

/// What went wrong in an action: the Russian sentence, and the code support is told when the
/// error is worth writing about ([`ofis_core::messages::support_code`]); `None` for what the
/// person typed, maintenance and readings.
#[derive(Clone, Debug, PartialEq)]
pub struct Failure {
    pub text: String,
    pub code: Option<String>,
}

impl From<String> for Failure {
    /// A sentence about what the person typed or chose: nothing to write to support about.
    fn from(text: String) -> Self {
        Failure { text, code: None }
    }
}

impl From<&str> for Failure {
    fn from(text: &str) -> Self {
        Failure::from(text.to_string())
    }
}

impl From<ofis_core::CoreError> for Failure {
    fn from(e: ofis_core::CoreError) -> Self {
        Failure::from(&e)
    }
}

impl From<&ofis_core::CoreError> for Failure {
    fn from(e: &ofis_core::CoreError) -> Self {
        Failure {
            text: crate::messages::core_error(e),
            code: ofis_core::messages::support_code(e),
        }
    }
}

/// The state of one action of a screen.
#[derive(Clone, Copy, PartialEq)]
pub struct Act {
    busy: Signal<bool>,
    error: Signal<Option<Failure>>,
}

/// An action of the calling component, idle and without an error.
pub fn use_act() -> Act {
    Act {
        busy: use_signal(|| false),
        error: use_signal(|| None),
    }
}

impl Act {
    /// Whether the work is running (its button is disabled meanwhile).
    pub fn busy(&self) -> bool {
        (self.busy)()
    }

    /// What went wrong the last time, in Russian.
    pub fn error(&self) -> Option<String> {
        (self.error)().map(|f| f.text)
    }

    /// What went wrong the last time, with the code for support when there is one.
    pub fn failure(&self) -> Option<Failure> {
        (self.error)()
    }

    /// Runs `work` unless a run is in flight (a double tap does it once); its `Err` is shown as
    /// the error. The error of the previous run is cleared when the new one starts.
    pub fn run(self, work: impl Future<Output = Result<(), Failure>> + 'static) {
        let (mut busy, mut error) = (self.busy, self.error);
        if *busy.peek() {
            return;
        }
        busy.set(true);
        error.set(None);
        spawn(async move {
            let outcome = work.await;
            // The screen may be gone (the work navigated away): nothing to show then.
            if let Ok(mut b) = busy.try_write() {
                *b = false;
            }
            if let (Err(text), Ok(mut e)) = (outcome, error.try_write()) {
                *e = Some(text);
            }
        });
    }
}
