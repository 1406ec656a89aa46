//! UI-side state: the latest snapshot from the core, and where the user is.

use dioxus::prelude::*;
use ofis_core::{PayScope, PaymentTicket, Receipt, Snapshot};

/// The screens of the app.
#[derive(Clone, Debug, PartialEq)]
pub enum Screen {
    /// «Мои платежи»: the общий счёт.
    Payments,
    /// «Добавить услугу»: how to find a bill.
    AddService,
    /// «Поиск по адресу».
    AddressSearch,
    /// «Поиск по лицевому счёту».
    AccountSearch,
    /// «Поиск по названию услуги».
    ProviderSearch,
    /// «Поиск по QR-коду».
    QrSearch,
    /// The line's «Оплатить» screen with its meters («конечное»), and why it was opened.
    LineReadings {
        bill_id: ofis_domain::BillId,
        message: Option<String>,
    },
    /// The card form for a frozen order.
    Checkout {
        scope: PayScope,
        ticket: PaymentTicket,
    },
    /// The 3-D Secure code.
    ThreeDs {
        scope: PayScope,
        ticket: PaymentTicket,
    },
    /// A paid receipt.
    Receipt(Receipt),
    /// «История»: orders and receipts, and spending per month.
    History,
    /// A kept receipt opened from «История».
    ReceiptDetail(Receipt),
    /// «Абоненту».
    Subscriber,
    /// «Школы и Сады».
    Schools,
    /// «Транспорт».
    Transport,
    /// «Профиль»: the phone, the PIN lock, «Выйти».
    Profile,
}

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

impl Screen {
    /// The tab a screen belongs to.
    pub fn tab(&self) -> Tab {
        match self {
            Screen::Subscriber => Tab::Subscriber,
            Screen::Schools => Tab::Schools,
            Screen::Transport => Tab::Transport,
            _ => Tab::Payments,
        }
    }
}

/// Signals every screen shares.
#[derive(Clone, Copy)]
pub struct Ui {
    /// The latest state from the core.
    pub snapshot: Signal<Snapshot>,
    /// The current screen.
    pub screen: Signal<Screen>,
    /// A short notice shown on the payments screen (e.g. «По адресу нет счетов»).
    pub notice: Signal<Option<String>>,
    /// Sign-in, PIN lock or the screens.
    pub gate: Signal<Gate>,
}

impl Ui {
    /// Shows a new snapshot.
    pub fn show(mut self, snapshot: Snapshot) {
        self.snapshot.set(snapshot);
    }

    /// Goes to a screen.
    pub fn go(mut self, screen: Screen) {
        self.screen.set(screen);
    }

    /// Back to sign-in after «Выйти», an expired session or too many wrong PINs; `why` is
    /// shown there.
    pub fn signed_out(mut self, snapshot: Snapshot, why: Option<String>) {
        self.snapshot.set(snapshot);
        self.screen.set(Screen::Payments);
        self.notice.set(why);
        self.gate.set(Gate::SignIn);
    }

    /// Sets the notice.
    pub fn notify(mut self, text: impl Into<String>) {
        self.notice.set(Some(text.into()));
    }
}
