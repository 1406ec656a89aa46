//! «Абоненту»: the services of the subscriber office.

mod booking;
mod booking_mine;
mod booking_move;
mod booking_slots;

pub use booking::{use_booking_reminders, BookingEntry, BookingScreen};
pub use booking_mine::MyBookingsScreen;
pub use booking_move::RescheduleScreen;
