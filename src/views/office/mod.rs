//! «Абоненту»: the office's services.

mod application_fields;
mod application_form;
mod application_list;
mod application_new;
mod application_poll;

pub use application_list::MyApplicationsScreen;
pub use application_new::{ApplicationEntry, NewApplicationScreen};
pub use application_poll::poll_applications;
