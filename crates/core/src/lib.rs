//! Use-cases of ОФИС: sign in, compose and edit the общий счёт, pay it exactly once, keep receipts.
//!
//! The UI renders [`Snapshot`]s and calls the intents of [`Ofis`]; it holds no business rule.

mod alert;
mod app;
mod bank;
mod card;
mod data_dir;
mod db;
mod edits;
mod error;
mod finding;
mod help;
mod history;
mod keyring;
mod link;
pub mod messages;
mod meter_card;
mod notify;
mod office;
mod one_off;
mod payment;
mod pin;
mod platform;
mod qr;
mod queue_retry;
mod readings;
mod reconcile;
mod refresh;
mod school;
mod session;
mod snapshot;
mod start;
mod state;
mod subscriber;
mod transport;

pub use app::{CoreConfig, Ofis};
pub use error::CoreError;
pub use help::{
    check_message, redact, support_context, ChatMessage, ChatStatus, ErrorReport, Faq, FaqCategory,
    FaqEntry, Guide, SectionHelp, SupportChat, SupportError, APP_VERSION, FAQ_OFFLINE, HIDDEN,
    SUGGESTIONS_MAX, SUPPORT_OFFLINE,
};
pub use history::{
    History, HistoryCursor, HistoryEntry, HistoryLine, HistoryPage, HistoryStatus, FEE_SERVICE,
    HISTORY_PAGE, SEARCH_LIMIT, SPENDING_MONTHS,
};
pub use keyring::KeyringSecrets;
pub use meter_card::{needs_confirmation, MeterCard, MeterHistory, MonthUse, ReadingRow};
#[cfg(feature = "desktop-notifications")]
pub use notify::DesktopNotifier;
pub use notify::{Delivery, Notifier};
pub use office::{
    acts_beside_bill, bill_periods, check_application, file_type, first_e_bill_period,
    status_label, step_path, ActEstimate, ActRow, ApplicationKind, ApplicationOutcome,
    ApplicationRow, ApplicationStage, BillAct, BillView, BillViewLine, Booking, BookingAnswer,
    BookingForm, BookingOffice, BookingTopic, ChosenFile, DocsError, EBillView, FieldInput,
    FormErrors, FormField, FreeSlot, GorodAccount, HouseInfo, HouseMeter, HouseMeterRow,
    MyApplications, MyBookings, Organisation, PaymentRow, PaymentSearch, PeriodChoice, RowStatus,
    Situation, SituationStep, SlotDay, StepLink, WaitlistRow, APPLICATIONS_OFFLINE,
    APPLICATION_QUEUED, ATTACHMENTS_FIELD,
};
pub use ofis_api::ApplicationStatus;
pub use ofis_domain::help::HelpSection;
pub use ofis_store::SupportPhoto;
pub use payment::{PayScope, PaymentStep, PaymentTicket};
pub use platform::{Clock, MemorySecrets, SecretError, SecretStore, ShiftedClock, SystemClock};
pub use qr::QrFound;
pub use queue_retry::{retry_delay, QueueRound, RETRY_FIRST, RETRY_MAX};
pub use readings::{LineMeters, ReadingEntry};
pub use school::{
    fit_photo, last_week, menu_days, parse_day, parse_period, AttendanceDay, Attended, ChildCard,
    ChildPhoto, DayMenu, MealHistory, MealHistoryRow, MealLimit, MealOutlook, MealRequestOutcome,
    MealRequestRow, MealRowKind, MenuDay, MenuDish, MenuSection, PaidService, PaidServices,
    SchoolError, ServiceRequest, TopUpForm, PHOTO_MAX_BYTES, PHOTO_SIDE,
};
pub use snapshot::{AddressChoice, Snapshot};
pub use start::StartUp;
pub use subscriber::{AddressMeters, QueueRow, QueueRowState, QueuedOutcome, QUEUED_OFFLINE};
pub use transport::{
    ArrivalRow, CardHistory, CardHistoryRow, CardLookup, NetworkHit, RouteLine, StopBoard, StopRow,
    TransportCard, TransportError, ARRIVALS_SHOWN, OFFLINE_BANNER, REMINDER_MINUTES,
};

pub use finding::{is_search_query, ProviderChoice, MIN_QUERY_CHARS};
pub use ofis_api::{SmsSent, WireError};
pub use ofis_client::{is_loopback_url, AllowedGateways, ClientError, ClientOptions};
pub use ofis_domain::{Fiscal, Receipt, ReceiptLine};
