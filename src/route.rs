//! Where every screen lives: its address. Screens are reached through the router, so the
//! browser's back and forward, a reload, and a link or notification that names a bill or a
//! receipt open the right screen without it knowing how it was opened.

use dioxus::prelude::*;
use ofis_domain::BillId;

use crate::app::{Gatehouse, Shell};
use crate::state::Tab;
use crate::views::help::{FaqQuestionScreen, FaqScreen, SectionHelpScreen, SupportChatScreen};
use crate::views::office::{BillScreen, EBillScreen, ReceiptCopyScreen};
use crate::views::office::{BookingScreen, MyBookingsScreen, RescheduleScreen};
use crate::views::office::{HouseScreen, SituationScreen, SituationsScreen};
use crate::views::office::{MyApplicationsScreen, NewApplicationScreen};
use crate::views::schools::{
    AttendanceScreen, ChildScreen, MealHistoryScreen, MealLimitScreen, MealRequestsScreen,
    MenuScreen, PaidServicesScreen, PhotoScreen, SchoolsHome, TopUpScreen,
};
use crate::views::transport::{
    AddCardScreen, CardHistoryScreen, CardScreen, CardTopUpScreen, NetworkScreen, RouteScreen,
    StopScreen, TransportHome,
};
use crate::views::{
    AccountSearch, AddService, AddressSearch, Checkout, HistoryView, LineReadings, NotFound,
    Payments, Profile, ProviderSearch, QrSearch, ReceiptDetail, ReceiptView, Subscriber, ThreeDs,
};

/// The screens of the app, by address. Every screen but «нет такой страницы» is behind sign-in
/// and the PIN (`Gatehouse`); the signed-in ones share the tab bar (`Shell`).
#[derive(Routable, Clone, Debug, PartialEq)]
#[rustfmt::skip]
pub enum Route {
    #[layout(Gatehouse)]
        #[layout(Shell)]
            /// «Мои платежи»: the общий счёт.
            #[route("/")]
            Payments {},
            /// «Добавить услугу»: how to find a bill.
            #[route("/add")]
            AddService {},
            /// «Поиск по адресу».
            #[route("/add/address")]
            AddressSearch {},
            /// «Поиск по лицевому счёту».
            #[route("/add/account")]
            AccountSearch {},
            /// «Поиск по названию услуги».
            #[route("/add/provider")]
            ProviderSearch {},
            /// «Поиск по QR-коду».
            #[route("/add/qr")]
            QrSearch {},
            /// The line's «Оплатить» screen with its meters («конечное»); `why` is the provider's
            /// word when it refused a payment without readings (empty otherwise).
            #[route("/bill/:bill_id?:why")]
            LineReadings { bill_id: BillId, why: String },
            /// The card form of the frozen order whose idempotency key is `order`.
            #[route("/pay/:order")]
            Checkout { order: String },
            /// The 3-D Secure code of the order `order`.
            #[route("/pay/:order/3ds")]
            ThreeDs { order: String },
            /// The receipt right after a payment.
            #[route("/paid/:id", ReceiptView)]
            Paid { id: String },
            /// «История»: orders and receipts, and spending per month.
            #[route("/history", HistoryView)]
            History {},
            /// A kept receipt opened from «История» (or from a link).
            #[route("/history/:id")]
            ReceiptDetail { id: String },
            /// «Абоненту».
            #[route("/subscriber")]
            Subscriber {},
            // office: apply
            /// «Мои заявления»: each application's status and the office's answer.
            #[route("/subscriber/applications", MyApplicationsScreen)]
            MyApplications {},
            /// «Электронное заявление»: the kinds (`kind` empty), or the form of `kind`.
            #[route("/subscriber/applications/new?:kind", NewApplicationScreen)]
            NewApplication { kind: String },
            // office: docs
            /// «Квитанция»: the bill document of a Город account for a month, its duplicate by e-mail.
            #[route("/subscriber/bill", BillScreen)]
            BillDocument {},
            /// «Копия чека об оплате»: payments of every channel, a receipt copy by e-mail.
            #[route("/subscriber/receipt-copy", ReceiptCopyScreen)]
            ReceiptCopy {},
            /// «Электронная квитанция»: the bill by e-mail, on or off.
            #[route("/subscriber/e-bill", EBillScreen)]
            EBill {},
            // office: house
            /// «Информация по дому» of `address` (empty: the only address, or a choice of them).
            #[route("/subscriber/house?:address", HouseScreen)]
            HouseInfo { address: String },
            /// «Жизненные ситуации».
            #[route("/subscriber/situations", SituationsScreen)]
            Situations {},
            /// A life situation's steps, each leading to its service.
            #[route("/subscriber/situations/:id", SituationScreen)]
            Situation { id: String },
            // office: book
            /// «Предварительная запись»; `topic` preselected when given (life situations link
            /// here).
            #[route("/subscriber/booking?:topic", BookingScreen)]
            Booking { topic: String },
            /// «Мои записи».
            #[route("/subscriber/bookings", MyBookingsScreen)]
            Bookings {},
            /// «Перенести» a coming booking.
            #[route("/subscriber/bookings/:id/move", RescheduleScreen)]
            RescheduleBooking { id: String },
            /// «Школы и Сады»: the children, or how to pay a child's account without them.
            #[route("/schools", SchoolsHome)]
            Schools {},
            /// A child's card and what can be done for them.
            #[route("/schools/:child", ChildScreen)]
            Child { child: String },
            /// «История операций» of `from`..=`to` (`YYYY-MM-DD`; both empty: the last week).
            #[route("/schools/:child/history?:from&:to", MealHistoryScreen)]
            MealHistory { child: String, from: String, to: String },
            /// «Пополнить» the child's meal account.
            #[route("/schools/:child/top-up", TopUpScreen)]
            TopUp { child: String },
            /// «Лимит питания» and the low-balance alert.
            #[route("/schools/:child/limit", MealLimitScreen)]
            MealLimit { child: String },
            /// «Заявки по питанию».
            #[route("/schools/:child/meal-requests", MealRequestsScreen)]
            MealRequests { child: String },
            /// «Меню» of `day` (`YYYY-MM-DD`; empty: today).
            #[route("/schools/:child/menu?:day", MenuScreen)]
            Menu { child: String, day: String },
            /// «Фотография».
            #[route("/schools/:child/photo", PhotoScreen)]
            ChildPhoto { child: String },
            /// «Платные образовательные услуги» of a child: pay, enrol or leave.
            #[route("/schools/:child/services", PaidServicesScreen)]
            PaidServices { child: String },
            /// «Посещаемость» of a child's paid services.
            /// «Посещаемость» of `from`..=`to` (`YYYY-MM-DD`; both empty: the last week).
            #[route("/schools/:child/attendance?:from&:to", AttendanceScreen)]
            Attendance { child: String, from: String, to: String },
            /// «Транспорт».
            #[route("/transport", TransportHome)]
            Transport {},
            /// «+»: a transport card by its number.
            #[route("/transport/add", AddCardScreen)]
            AddCard {},
            /// A transport card: balance, «Пополнение», «История», «Удалить».
            #[route("/transport/card/:number", CardScreen)]
            TransportCard { number: String },
            /// «Пополнение» of a card.
            #[route("/transport/card/:number/top-up", CardTopUpScreen)]
            CardTopUp { number: String },
            /// «История» of a card for `from`..=`to` (both empty: the last week).
            #[route("/transport/card/:number/history?:from&:to", CardHistoryScreen)]
            CardHistory { number: String, from: String, to: String },
            /// «Остановки и маршруты»: search as you type.
            #[route("/transport/network", NetworkScreen)]
            TransportNetwork {},
            /// A route's stops in order.
            #[route("/transport/route/:id", RouteScreen)]
            TransportLine { id: String },
            /// A stop's next arrivals, «★», «Напомнить».
            #[route("/transport/stop/:id", StopScreen)]
            TransportStop { id: String },
            /// «Вопрос-ответ»: the questions by category, and their search.
            #[route("/help", FaqScreen)]
            Help {},
            /// One question of «Вопрос-ответ», its answer open (a link from a section's help).
            #[route("/help/question/:id", FaqQuestionScreen)]
            HelpQuestion { id: String },
            /// The «?» of a section: its instructions (`payments`, `subscriber`, `schools`,
            /// `transport`).
            #[route("/help/section/:section", SectionHelpScreen)]
            SectionHelp { section: String },
            /// «Написать»: the conversation with support; `context` prefills a new message
            /// (what support needs about an error; empty when none).
            #[route("/help/write?:context", SupportChatScreen)]
            HelpWrite { context: String },
            /// «Профиль»: the phone, the PIN lock, «Выйти».
            #[route("/profile")]
            Profile {},
        #[end_layout]
        /// An address the app does not know.
        #[route("/:..rest")]
        NotFound { rest: Vec<String> },
}

impl Route {
    /// The tab a screen belongs to.
    pub fn tab(&self) -> Tab {
        match self {
            Route::Subscriber {}
            | Route::Booking { .. }
            | Route::Bookings {}
            | Route::RescheduleBooking { .. }
            | Route::MyApplications {}
            | Route::NewApplication { .. }
            | Route::BillDocument {}
            | Route::ReceiptCopy {}
            | Route::EBill {}
            | Route::HouseInfo { .. }
            | Route::Situations {}
            | Route::Situation { .. } => Tab::Subscriber,
            Route::Schools {}
            | Route::Child { .. }
            | Route::MealHistory { .. }
            | Route::TopUp { .. }
            | Route::MealLimit { .. }
            | Route::MealRequests { .. }
            | Route::Menu { .. }
            | Route::ChildPhoto { .. }
            | Route::PaidServices { .. }
            | Route::Attendance { .. } => Tab::Schools,
            Route::Transport {}
            | Route::AddCard {}
            | Route::TransportCard { .. }
            | Route::CardTopUp { .. }
            | Route::CardHistory { .. }
            | Route::TransportNetwork {}
            | Route::TransportLine { .. }
            | Route::TransportStop { .. } => Tab::Transport,
            Route::SectionHelp { section } => match ofis_core::HelpSection::from_slug(section) {
                Some(ofis_core::HelpSection::Subscriber) => Tab::Subscriber,
                Some(ofis_core::HelpSection::Schools) => Tab::Schools,
                Some(ofis_core::HelpSection::Transport) => Tab::Transport,
                _ => Tab::Payments,
            },
            _ => Tab::Payments,
        }
    }

    /// The payment flow takes the whole screen: no tab bar to tap away from a frozen order.
    pub fn is_payment_flow(&self) -> bool {
        matches!(
            self,
            Route::Checkout { .. } | Route::ThreeDs { .. } | Route::Paid { .. }
        )
    }

    /// The same screen for another period (screens whose address has one).
    pub fn for_period(self, from: String, to: String) -> Route {
        match self {
            Route::MealHistory { child, .. } => Route::MealHistory { child, from, to },
            Route::Attendance { child, .. } => Route::Attendance { child, from, to },
            Route::CardHistory { number, .. } => Route::CardHistory { number, from, to },
            other => other,
        }
    }

    /// The readings screen of a line, opened by the person (no refusal to show).
    pub fn readings(bill_id: BillId) -> Route {
        Route::LineReadings {
            bill_id,
            why: String::new(),
        }
    }
}
