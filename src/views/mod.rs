//! The screens of the app.

mod account_search;
mod add_service;
mod address_search;
mod checkout;
mod history;
mod payments;
mod placeholder;
mod provider_search;
mod receipt;
mod receipt_detail;
mod sign_in;
mod three_ds;

pub use account_search::AccountSearch;
pub use add_service::AddService;
pub use address_search::AddressSearch;
pub use checkout::Checkout;
pub use history::HistoryView;
pub use payments::Payments;
pub use placeholder::Placeholder;
pub use provider_search::ProviderSearch;
pub use receipt::ReceiptView;
pub use receipt_detail::ReceiptDetail;
pub use sign_in::SignIn;
pub use three_ds::ThreeDs;
