//! The screens of the app.

mod add_service;
mod address_search;
mod checkout;
mod payments;
mod placeholder;
mod receipt;
mod sign_in;
mod three_ds;

pub use add_service::AddService;
pub use address_search::AddressSearch;
pub use checkout::Checkout;
pub use payments::Payments;
pub use placeholder::Placeholder;
pub use receipt::ReceiptView;
pub use sign_in::SignIn;
pub use three_ds::ThreeDs;
