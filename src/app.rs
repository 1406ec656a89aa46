//! The root component: sign-in, then the tabbed shell.

use dioxus::prelude::*;
use ofis_core::Ofis;

use crate::components::{Maintenance, MaintenanceBanner, TabBar};
use crate::state::{Gate, Screen, Ui};
use crate::views::{
    AccountSearch, AddService, AddressSearch, Checkout, Payments, Placeholder, ProviderSearch,
    ReceiptView, SignIn, ThreeDs,
};

/// The stylesheet, inlined so the desktop window, the web front and mobile render it alike.
const STYLE: &str = include_str!("../assets/main.css");

/// The app.
#[component]
pub fn App() -> Element {
    let ofis = use_context::<Ofis>();
    let snapshot = use_signal(|| ofis.snapshot());
    let screen = use_signal(|| Screen::Payments);
    let notice = use_signal(|| None::<String>);
    let mut gate = use_signal(|| match (ofis.is_signed_in(), ofis.is_locked()) {
        (false, _) => Gate::SignIn,
        (true, true) => Gate::Locked,
        (true, false) => Gate::Open,
    });
    let ui = use_context_provider(|| Ui {
        snapshot,
        screen,
        notice,
        gate,
    });
    // A session the server refused to renew: back to sign-in, with the saved bills kept.
    let ofis_watch = ofis.clone();
    use_future(move || {
        let ofis = ofis_watch.clone();
        async move {
            let mut refusals = ofis.session_refusals();
            while refusals.changed().await.is_ok() {
                if gate() != Gate::SignIn {
                    ui.signed_out(
                        ofis.snapshot(),
                        Some(crate::messages::SESSION_EXPIRED.into()),
                    );
                }
            }
        }
    });
    rsx! {
        style { {STYLE} }
        div { class: "phone",
            match gate() {
                Gate::SignIn => rsx! {
                    SignIn {
                        notice: (ui.notice)(),
                        on_signed_in: move |_| {
                            let mut ui = ui;
                            ui.notice.set(None);
                            gate.set(Gate::Open);
                        },
                    }
                },
                Gate::Locked => rsx! { crate::views::PinLock {} },
                Gate::Open => rsx! { Shell {} },
            }
        }
    }
}

/// The signed-in app: the current screen above the bottom tab bar.
#[component]
fn Shell() -> Element {
    let ofis = use_context::<Ofis>();
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
                ui.signed_out(
                    ofis.snapshot(),
                    Some(crate::messages::SESSION_EXPIRED.into()),
                );
                return;
            }
            for e in &started.problems {
                if !maintenance.report(e) {
                    ui.notify(crate::messages::core_error(e));
                }
            }
            ui.show(ofis.snapshot());
        }
    });
    let screen = (ui.screen)();
    let tab = screen.tab();
    // The payment flow takes the whole screen: no tab bar to tap away from a frozen order.
    let in_flow = matches!(
        screen,
        Screen::Checkout { .. } | Screen::ThreeDs { .. } | Screen::Receipt(_)
    );
    rsx! {
        MaintenanceBanner {}
        main { class: "screen",
            match screen {
                Screen::Payments => rsx! { Payments {} },
                Screen::AddService => rsx! { AddService {} },
                Screen::AddressSearch => rsx! { AddressSearch {} },
                Screen::AccountSearch => rsx! { AccountSearch {} },
                Screen::ProviderSearch => rsx! { ProviderSearch {} },
                Screen::QrSearch => rsx! { crate::views::QrSearch {} },
                Screen::LineReadings { bill_id, message } => rsx! { crate::views::LineReadings { bill_id, message } },
                Screen::Checkout { scope, ticket } => rsx! { Checkout { scope, ticket } },
                Screen::ThreeDs { scope, ticket } => rsx! { ThreeDs { scope, ticket } },
                Screen::Receipt(receipt) => rsx! { ReceiptView { receipt } },
                Screen::History => rsx! { crate::views::HistoryView {} },
                Screen::ReceiptDetail(receipt) => rsx! { crate::views::ReceiptDetail { receipt } },
                Screen::Subscriber => rsx! { crate::views::Subscriber {} },
                Screen::Schools => rsx! { Placeholder { title: "Школы и Сады", text: "Школьное питание и платные образовательные услуги появятся в следующей версии. Счёт ребёнка можно оплатить в «Мои платежи»." } },
                Screen::Profile => rsx! { crate::views::Profile {} },
                Screen::Transport => rsx! { Placeholder { title: "Транспорт", text: "Пополнение транспортных карт, история поездок и маршруты появятся в следующей версии." } },
            }
        }
        if !in_flow {
            TabBar { active: tab }
        }
    }
}
