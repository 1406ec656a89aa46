//! The root component: the router, behind sign-in and the PIN, then the tabbed shell.

use dioxus::prelude::*;
use ofis_core::Ofis;

use crate::components::{Maintenance, MaintenanceBanner, TabBar};
use crate::route::Route;
use crate::state::{Gate, Ui};
use crate::views::SignIn;

/// The app.
#[component]
pub fn App() -> Element {
    let ofis = use_context::<Ofis>();
    let mut published = ofis.subscribe();
    let snapshot = use_signal(|| published.borrow_and_update().clone());
    let notice = use_signal(|| None::<String>);
    let gate = use_signal(|| match (ofis.is_signed_in(), ofis.is_locked()) {
        (false, _) => Gate::SignIn,
        (true, true) => Gate::Locked,
        (true, false) => Gate::Open,
    });
    // Mobile: the platform's back goes back a screen (see `webview_history`).
    crate::webview_history::use_webview_history();
    let notice_code = use_signal(|| None::<String>);
    let ui = use_context_provider(|| Ui {
        snapshot,
        notice,
        notice_code,
        gate,
    });
    // Every change of the app state, wherever it came from (a tap here, another window, the
    // start-up refresh, the readings queue), reaches every screen through this one signal.
    let mut shown = snapshot;
    use_future(move || {
        let mut published = published.clone();
        async move {
            while published.changed().await.is_ok() {
                let fresh = published.borrow_and_update().clone();
                shown.set(fresh);
            }
        }
    });
    // A session the server refused to renew: back to sign-in, with the saved bills kept.
    use_future(move || {
        let ofis = ofis.clone();
        async move {
            let mut refusals = ofis.session_refusals();
            while refusals.changed().await.is_ok() {
                if gate() != Gate::SignIn {
                    ui.signed_out(Some(crate::messages::SESSION_EXPIRED.into()));
                }
            }
        }
    });
    // The stylesheet is in the page's head (`launch::page`), read with the page itself.
    rsx! {
        div { class: "phone", Router::<Route> {} }
    }
}

/// Sign-in, the PIN lock, or the screen the address names (kept through the PIN: a link opened
/// while locked opens after the PIN).
#[component]
pub fn Gatehouse() -> Element {
    let mut ui = use_context::<Ui>();
    let nav = navigator();
    match (ui.gate)() {
        Gate::SignIn => rsx! {
            SignIn {
                notice: (ui.notice)(),
                on_signed_in: move |_| {
                    ui.notice.set(None);
                    ui.gate.set(Gate::Open);
                    nav.replace(Route::Payments {});
                },
            }
        },
        Gate::Locked => rsx! { crate::views::PinLock {} },
        Gate::Open => rsx! { Outlet::<Route> {} },
    }
}

/// How often the app looks for support's answer while the person's message waits for one.
const SUPPORT_POLL: std::time::Duration = std::time::Duration::from_secs(20);
/// How often it looks otherwise (and at most, backing off, while the server does not answer).
const SUPPORT_IDLE_POLL: std::time::Duration = std::time::Duration::from_secs(15 * 60);

/// The signed-in app: the current screen above the bottom tab bar.
#[component]
pub fn Shell() -> Element {
    let ofis = use_context::<Ofis>();
    let ticking = ofis.clone();
    let ui = use_context::<Ui>();
    let now = use_signal(|| None);
    let maintenance = use_context_provider(|| Maintenance { now });
    // Show the cached общий счёт at once; the start (session, payments, refresh, readings) runs
    // in core, and whatever went wrong on the way is shown.
    use_future(move || {
        let ofis = ofis.clone();
        async move {
            let started = ofis.start_up().await;
            if started.session_expired {
                ui.signed_out(Some(crate::messages::SESSION_EXPIRED.into()));
                return;
            }
            for e in &started.problems {
                if !maintenance.report(e) {
                    ui.notify(crate::messages::core_error(e));
                }
            }
        }
    });
    // «Напомнить» on a bus: a due reminder goes out on this once-a-minute check (nothing is
    // asked of the server while no reminder is set).
    use_future(move || {
        let ofis = ticking.clone();
        async move {
            loop {
                tokio::time::sleep(std::time::Duration::from_secs(60)).await;
                if let Err(e) = ofis.check_transport_reminders().await {
                    tracing::debug!(error = %e, "transport reminders not checked");
                }
            }
        }
    });
    // Support's answers: the badge and a notification, while the chat is closed too. Asked
    // often only while the person's message waits for an answer, less and less often while
    // the server does not answer, and rarely otherwise.
    let poller = use_context::<Ofis>();
    use_future(move || {
        let ofis = poller.clone();
        async move {
            let mut wait = SUPPORT_POLL;
            loop {
                tokio::select! {
                    _ = tokio::time::sleep(wait) => {}
                    _ = ofis.support_message_sent() => wait = SUPPORT_POLL,
                }
                if !ofis.is_signed_in() {
                    continue;
                }
                wait = match ofis.support_round().await {
                    Ok(chat) if chat.offline.is_none() && chat.awaits_answer() => SUPPORT_POLL,
                    Ok(chat) if chat.offline.is_none() => SUPPORT_IDLE_POLL,
                    Ok(_) => (wait * 2).min(SUPPORT_IDLE_POLL),
                    Err(e) => {
                        tracing::warn!(error = %e, "support answers not fetched");
                        (wait * 2).min(SUPPORT_IDLE_POLL)
                    }
                };
            }
        }
    });
    // office: apply — «Мои заявления»: a notification at each change of status.
    let applications = use_context::<Ofis>();
    use_future(move || crate::views::office::poll_applications(applications.clone()));
    // «Предварительная запись»: the reminder the day before a visit.
    crate::views::office::use_booking_reminders();
    let route = use_route::<Route>();
    crate::components::use_screen_focus();
    rsx! {
        MaintenanceBanner {}
        main { class: "screen", Outlet::<Route> {} }
        if !route.is_payment_flow() {
            TabBar { active: route.tab() }
        }
    }
}
