//! «Абоненту»: the screens of the subscriber office's services.

mod application_fields;
mod application_form;
mod application_list;
mod application_new;
mod application_poll;
mod bill;
mod bill_form;
mod booking;
mod booking_mine;
mod booking_move;
mod booking_slots;
mod ebill;
mod house;
mod house_acts;
mod receipt_copy;
mod situations;

pub use application_list::MyApplicationsScreen;
pub use application_new::{ApplicationEntry, NewApplicationScreen};
pub use application_poll::poll_applications;
pub use bill::{BillEntry, BillScreen};
pub use booking::{use_booking_reminders, BookingEntry, BookingScreen};
pub use booking_mine::MyBookingsScreen;
pub use booking_move::RescheduleScreen;
pub use ebill::{EBillEntry, EBillScreen};
pub use house::{HouseEntry, HouseScreen};
pub use house_acts::BillActs;
pub use receipt_copy::{ReceiptCopyEntry, ReceiptCopyScreen};
pub use situations::{SituationScreen, SituationsEntry, SituationsScreen};
