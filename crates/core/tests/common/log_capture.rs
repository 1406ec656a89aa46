//! Captures every log record of the test process, at TRACE, into memory: `tracing`'s events, and
//! its spans with their fields (when opened and when closed), of every crate — the app, the
//! sandbox, hyper, axum… — and `log`'s records (reqwest, rustls), which do not go through
//! `tracing`. Also tallies the records per crate and level, to show what was captured.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::io::Write;
use std::sync::{Arc, Mutex, OnceLock};

use tracing::level_filters::LevelFilter;
use tracing::span::{Attributes, Id};
use tracing::{Event, Subscriber};
use tracing_subscriber::fmt::format::FmtSpan;
use tracing_subscriber::fmt::MakeWriter;
use tracing_subscriber::layer::{Context, SubscriberExt};
use tracing_subscriber::Layer;

/// `(crate, level)` → records.
pub type Tally = BTreeMap<(String, String), usize>;

/// The process's captured logs (one capture per process: subscriber and logger are global).
#[derive(Clone, Default)]
pub struct Captured {
    text: Arc<Mutex<Vec<u8>>>,
    tally: Arc<Mutex<Tally>>,
}

impl Captured {
    /// Installs the capture as the global `tracing` subscriber and `log` logger (once).
    pub fn install() -> Captured {
        static INSTALLED: OnceLock<Captured> = OnceLock::new();
        INSTALLED
            .get_or_init(|| {
                let captured = Captured::default();
                let text = tracing_subscriber::fmt::layer()
                    .with_writer(captured.clone())
                    .with_ansi(false)
                    .with_target(true)
                    .with_span_events(FmtSpan::NEW | FmtSpan::CLOSE)
                    .with_filter(LevelFilter::TRACE);
                let subscriber = tracing_subscriber::registry()
                    .with(text)
                    .with(captured.clone().with_filter(LevelFilter::TRACE));
                tracing::subscriber::set_global_default(subscriber)
                    .expect("no other subscriber in this test binary");
                // Lives as long as the process, as `log` requires.
                let logger: &'static Captured = Box::leak(Box::new(captured.clone()));
                log::set_logger(logger).expect("no other logger in this test binary");
                log::set_max_level(log::LevelFilter::Trace);
                captured
            })
            .clone()
    }

    /// Everything written so far.
    pub fn bytes(&self) -> Vec<u8> {
        self.text.lock().unwrap().clone()
    }

    /// Records so far per `(crate, level)`.
    pub fn tally(&self) -> Tally {
        self.tally.lock().unwrap().clone()
    }

    fn count(&self, target: &str, level: &str) {
        let krate = target.split("::").next().unwrap_or(target).to_string();
        *self
            .tally
            .lock()
            .unwrap()
            .entry((krate, level.to_string()))
            .or_default() += 1;
    }
}

/// Appends to the shared buffer.
pub struct Writer(Arc<Mutex<Vec<u8>>>);

impl Write for Writer {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> MakeWriter<'a> for Captured {
    type Writer = Writer;

    fn make_writer(&'a self) -> Writer {
        Writer(self.text.clone())
    }
}

impl<S: Subscriber> Layer<S> for Captured {
    fn on_new_span(&self, attrs: &Attributes<'_>, _: &Id, _: Context<'_, S>) {
        self.count(attrs.metadata().target(), "span");
    }

    fn on_event(&self, event: &Event<'_>, _: Context<'_, S>) {
        let meta = event.metadata();
        self.count(meta.target(), meta.level().as_str());
    }
}

impl log::Log for Captured {
    fn enabled(&self, _: &log::Metadata<'_>) -> bool {
        true
    }

    fn log(&self, record: &log::Record<'_>) {
        self.count(record.target(), record.level().as_str());
        let line = format!(
            "[log] {} {}: {}\n",
            record.level(),
            record.target(),
            record.args()
        );
        self.text.lock().unwrap().extend_from_slice(line.as_bytes());
    }

    fn flush(&self) {}
}
