//! UI-side state: the latest snapshot from the core, the gate, and the notice.

use dioxus::prelude::*;
use ofis_core::Snapshot;

use crate::route::Route;

/// What the app shows before (or instead of) its screens.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Gate {
    /// Sign-in by phone and SMS code.
    SignIn,
    /// Signed in, a PIN is set and has not been typed yet.
    Locked,
    /// The screens.
    Open,
}

/// The bottom tabs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tab {
    Payments,
    Subscriber,
    Schools,
    Transport,
}

/// Signals every screen shares.
#[derive(Clone, Copy)]
pub struct Ui {
    /// The latest state core published (`Ofis::subscribe`), for every screen to read.
    pub snapshot: Signal<Snapshot>,
    /// A short notice shown on the payments screen (e.g. «По адресу нет счетов»).
    pub notice: Signal<Option<String>>,
    /// When the notice is an error worth writing to support about: its code for support.
    pub notice_code: Signal<Option<String>>,
    /// Sign-in, PIN lock or the screens.
    pub gate: Signal<Gate>,
}

impl Ui {
    /// Back to sign-in after «Выйти», an expired session or too many wrong PINs; `why` is
    /// shown there.
    pub fn signed_out(mut self, why: Option<String>) {
        self.notice.set(why);
        self.notice_code.set(None);
        self.gate.set(Gate::SignIn);
    }

    /// Back to «Мои платежи» after an action that ends there (bills added, readings saved), with
    /// what it did said at the top.
    pub fn home(self, nav: dioxus::router::Navigator, notice: impl Into<String>) {
        self.notify(notice);
        nav.replace(Route::Payments {});
    }

    /// Sets the notice.
    pub fn notify(mut self, text: impl Into<String>) {
        self.notice.set(Some(text.into()));
        self.notice_code.set(None);
    }

    /// Shows what went wrong as the notice, with «Написать в поддержку» when it is worth it.
    pub fn fail(mut self, failure: crate::components::Failure) {
        self.notice.set(Some(failure.text));
        self.notice_code.set(failure.code);
    }
}
