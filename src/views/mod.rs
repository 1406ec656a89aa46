//! The screens of the app.

mod account_search;
mod add_service;
mod address_search;
mod checkout;
mod history;
mod line_readings;
mod meter_history;
mod payments;
mod pin_lock;
mod placeholder;
mod profile;
mod provider_search;
mod qr_search;
mod reading_queue;
mod receipt;
mod receipt_detail;
mod sign_in;
mod subscriber;
mod three_ds;

pub use account_search::AccountSearch;
pub use add_service::AddService;
pub use address_search::AddressSearch;
pub use checkout::Checkout;
pub use history::HistoryView;
pub use line_readings::LineReadings;
pub use payments::Payments;
pub use pin_lock::PinLock;
pub use placeholder::Placeholder;
pub use profile::Profile;
pub use provider_search::ProviderSearch;
pub use qr_search::QrSearch;
pub use receipt::ReceiptView;
pub use receipt_detail::ReceiptDetail;
pub use sign_in::SignIn;
pub use subscriber::Subscriber;
pub use three_ds::ThreeDs;
