//! «Абоненту»: the services of the subscriber office (section 1 of the manual).

mod booking;
mod booking_remind;
mod booking_view;

pub use booking_view::{
    Booking, BookingAnswer, BookingForm, BookingOffice, BookingTopic, FreeSlot, MyBookings,
    SlotDay, WaitlistRow,
};
