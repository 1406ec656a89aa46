//! The routes of «Абоненту» (the subscriber office).

use crate::paths::encode;

/// The subscriber offices that take visitors by appointment.
pub const OFFICES: &str = "/api/v1/office/offices";
/// The topics a visitor may come about, with the documents to bring.
pub const TOPICS: &str = "/api/v1/office/topics";
/// An office's calendar of slots, `?from=&to=`.
pub fn slots(office_id: &str) -> String {
    format!("{OFFICES}/{}/slots", encode(office_id))
}
/// «Мои записи» (GET), book a slot (POST, header `Idempotency-Key`).
pub const BOOKINGS: &str = "/api/v1/office/bookings";
/// Cancel a booking (POST).
pub fn booking_cancel(booking_id: &str) -> String {
    format!("{BOOKINGS}/{}/cancel", encode(booking_id))
}
/// Move a booking to another slot (POST).
pub fn booking_reschedule(booking_id: &str) -> String {
    format!("{BOOKINGS}/{}/reschedule", encode(booking_id))
}
/// A booking as an iCalendar file (`text/calendar`).
pub fn booking_ics(booking_id: &str) -> String {
    format!("{BOOKINGS}/{}/ics", encode(booking_id))
}
/// The waitlist for an earlier slot: the person's entries (GET), a new one (POST).
pub const WAITLIST: &str = "/api/v1/office/waitlist";
/// The kinds of application, each with its form.
pub const APPLICATION_KINDS: &str = "/api/v1/office/application-kinds";
/// Upload a file for an application (POST; JPEG, PNG or PDF as the body).
pub const ATTACHMENTS: &str = "/api/v1/office/attachments";
/// «Мои заявления» (GET), send one (POST, header `Idempotency-Key`).
pub const APPLICATIONS: &str = "/api/v1/office/applications";
/// «Жизненные ситуации»: situations with their steps and links.
pub const LIFE_SITUATIONS: &str = "/api/v1/office/life-situations";
/// «Электронная квитанция» of a Город account: the setting (GET), switch it (PUT).
pub fn ebill(account: &str) -> String {
    format!("/api/v1/office/accounts/{}/e-bill", encode(account))
}
/// «Информация по дому» of an address.
pub fn house(address_id: &str) -> String {
    format!("/api/v1/office/houses/{}", encode(address_id))
}
/// «Квитанция» of a Город account, `?period=`.
pub fn bill_document(account: &str) -> String {
    format!("/api/v1/office/accounts/{}/bill-document", encode(account))
}
/// Its duplicate by e-mail (POST), `?period=`.
pub fn bill_document_email(account: &str) -> String {
    format!(
        "/api/v1/office/accounts/{}/bill-document/email",
        encode(account)
    )
}
/// Payments to a Город account from every channel, `?account=&period=&amount=`.
pub const PAYMENTS: &str = "/api/v1/office/payments";
/// A payment's receipt copy by e-mail (POST).
pub fn payment_receipt_email(payment_id: &str) -> String {
    format!("{PAYMENTS}/{}/email", encode(payment_id))
}
