//! The window first, the app service beside it. Opening the service (the data folder, the
//! database, the keyring, the HTTP clients, the demo town) runs on the backend's runtime while
//! the platform starts its web view, so the start costs the longer of the two, not their sum;
//! the saved общий счёт is the first thing painted once both are there (issue 17, item 1).

use std::sync::{Arc, Mutex};

use dioxus::prelude::*;
use ofis_core::Ofis;
use tokio::sync::oneshot;

use crate::cli::Command;

/// What the opening hands the window: the app service, or why it could not open.
type Opening = oneshot::Receiver<Result<Ofis, String>>;

/// The app service on its way, given to the window as its context.
#[derive(Clone)]
pub struct Booting(Arc<Mutex<Option<Opening>>>);

/// The demo town, kept running until the window closes (none with a server).
pub type Town = Arc<Mutex<Option<super::town::DemoTown>>>;

/// Starts opening the app service on `rt`; `prepare` runs on it once open (e.g. to give it
/// the desktop's notifier).
pub fn start(
    rt: &tokio::runtime::Runtime,
    command: &Command,
    prepare: fn(&Ofis),
) -> (Booting, Town) {
    let (tx, rx) = oneshot::channel();
    let town: Town = Arc::new(Mutex::new(None));
    let keep = town.clone();
    let command = command.clone();
    rt.spawn(async move {
        let opened = super::start_backend(&command).await.map(|backend| {
            prepare(&backend.ofis);
            *keep.lock().expect("the town's slot") = backend.sandbox;
            backend.ofis
        });
        crate::first_frame::stage("service open");
        if let Err(e) = &opened {
            eprintln!("ofis: {e}");
        }
        let _ = tx.send(opened);
    });
    (Booting(Arc::new(Mutex::new(Some(rx)))), town)
}

const NOT_OPENED: &str = "приложение не открылось";

/// The window's root: nothing until the app service is open, then the app — or, if it could
/// not open, why.
#[component]
pub fn Boot() -> Element {
    let booting = use_context::<Booting>();
    let mut waiting = None;
    // The service usually opens long before the web view is up (a few ms against half a second):
    // then the first render is already the app, without a render of nothing and a round trip.
    let mut opened = use_signal(|| {
        crate::first_frame::stage("first render");
        let Some(mut rx) = booting.0.lock().expect("the opening's slot").take() else {
            return Some(Err("приложение уже открыто в этом окне".to_string()));
        };
        match rx.try_recv() {
            Ok(result) => {
                crate::first_frame::stage("service in the window");
                Some(result)
            }
            Err(oneshot::error::TryRecvError::Closed) => Some(Err(NOT_OPENED.into())),
            Err(oneshot::error::TryRecvError::Empty) => {
                waiting = Some(rx);
                None
            }
        }
    });
    use_hook(move || {
        if let Some(rx) = waiting.take() {
            spawn(async move {
                let result = rx.await.unwrap_or_else(|_| Err(NOT_OPENED.into()));
                crate::first_frame::stage("service in the window");
                opened.set(Some(result));
            });
        }
    });
    match opened() {
        None => rsx! {},
        Some(Ok(ofis)) => rsx! { Opened { ofis } },
        Some(Err(e)) => rsx! {
            p { role: "alert", "Не удалось открыть ОФИС: {e}" }
        },
    }
}

/// The open app service as a prop: one per window, so any two are equal.
#[derive(Props, Clone)]
struct OpenedProps {
    ofis: Ofis,
}

impl PartialEq for OpenedProps {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

/// The app, with the service in its context.
#[allow(non_snake_case)]
fn Opened(props: OpenedProps) -> Element {
    use_context_provider(|| props.ofis.clone());
    rsx! { crate::app::App {} }
}
