//! The routes of the Город API and the gateway, in one place for both sides.

/// Город API: request an SMS code.
pub const AUTH_SMS: &str = "/api/v1/auth/sms";
/// Город API: sign in with phone and SMS code.
pub const AUTH_SIGN_IN: &str = "/api/v1/auth/sign-in";
/// Город API: exchange a refresh token for a new session.
pub const AUTH_REFRESH: &str = "/api/v1/auth/refresh";
/// Город API: end the session (the access token of the request and the refresh token given).
pub const AUTH_SIGN_OUT: &str = "/api/v1/auth/sign-out";
/// Город API: «Вопрос-ответ», every category with its questions (no sign-in needed).
pub const FAQ: &str = "/api/v1/faq";
/// Город API: address suggestions, `?q=`.
pub const ADDRESSES: &str = "/api/v1/addresses";
/// Город API: the bills of one address, `/api/v1/addresses/{id}/bills?period=`.
pub fn address_bills(address_id: &str) -> String {
    format!("/api/v1/addresses/{}/bills", encode(address_id))
}
/// Город API: provider search by name or INN, `?q=`.
pub const PROVIDERS: &str = "/api/v1/providers";
/// Город API: one provider's bills for an account, `/api/v1/providers/{id}/bills?account=&period=`.
pub fn provider_bills(provider_id: &str) -> String {
    format!("/api/v1/providers/{}/bills", encode(provider_id))
}
/// Город API: the bills of a personal account at any provider, `…/accounts/{account}/bills?period=`.
pub fn account_bills(account: &str) -> String {
    format!("/api/v1/accounts/{}/bills", encode(account))
}
/// Город API: the GOST payment QR code printed on a bill, `/api/v1/bills/{id}/qr`.
pub fn bill_qr(bill_id: &str) -> String {
    format!("/api/v1/bills/{}/qr", encode(bill_id))
}
/// Город API: the meters of a personal account, `…/accounts/{account}/meters?provider_id=`.
pub fn account_meters(account: &str) -> String {
    format!("/api/v1/accounts/{}/meters", encode(account))
}
/// Город API: the providers' published tariffs.
pub const TARIFFS: &str = "/api/v1/tariffs";
/// Город API: a meter's accepted readings (GET), or send one without payment (POST, header
/// `Idempotency-Key`).
pub fn meter_readings(meter_id: &str) -> String {
    format!("/api/v1/meters/{}/readings", encode(meter_id))
}
/// Город API: create an order (header `Idempotency-Key`), list orders.
pub const ORDERS: &str = "/api/v1/orders";
/// Город API: one order.
pub fn order(order_id: &str) -> String {
    format!("/api/v1/orders/{}", encode(order_id))
}
/// Город API: receipts of the signed-in user.
pub const RECEIPTS: &str = "/api/v1/receipts";
/// Город API: one receipt.
pub fn receipt(receipt_id: &str) -> String {
    format!("/api/v1/receipts/{}", encode(receipt_id))
}
/// Город API: send a copy of a receipt by e-mail.
pub fn receipt_email(receipt_id: &str) -> String {
    format!("/api/v1/receipts/{}/email", encode(receipt_id))
}
/// Город API: the children whose meal accounts are linked to the signed-in phone.
pub const SCHOOL_CHILDREN: &str = "/api/v1/school/children";
/// Город API: one child.
pub fn school_child(child_id: &str) -> String {
    format!("{SCHOOL_CHILDREN}/{}", encode(child_id))
}
/// Город API: a child's purchases and top-ups of a period, `?from=&to=`.
pub fn school_history(child_id: &str) -> String {
    format!("{}/history", school_child(child_id))
}
/// Город API: ask for a bill topping up the meal account (POST, header `Idempotency-Key`).
pub fn school_topups(child_id: &str) -> String {
    format!("{}/topups", school_child(child_id))
}
/// Город API: the daily limit (GET, PUT).
pub fn school_limit(child_id: &str) -> String {
    format!("{}/limit", school_child(child_id))
}
/// Город API: the dishes the canteen will not sell to the child (PUT).
pub fn school_stop_list(child_id: &str) -> String {
    format!("{}/stop-list", school_child(child_id))
}
/// Город API: meal requests (GET `?from=&to=`, POST).
pub fn school_meal_requests(child_id: &str) -> String {
    format!("{}/meal-requests", school_child(child_id))
}
/// Город API: withdraw a meal request before its cut-off (POST).
pub fn school_meal_request_withdraw(child_id: &str, request_id: &str) -> String {
    format!(
        "{}/{}/withdraw",
        school_meal_requests(child_id),
        encode(request_id)
    )
}
/// Город API: the menu of a day at the child's school, `?day=`.
pub fn school_menu(child_id: &str) -> String {
    format!("{}/menu", school_child(child_id))
}
/// Город API: the paid services of the child's school.
pub fn school_services(child_id: &str) -> String {
    format!("{}/services", school_child(child_id))
}
/// Город API: the bills of the child's paid services (paid through orders).
pub fn school_service_bills(child_id: &str) -> String {
    format!("{}/services/bills", school_child(child_id))
}
/// Город API: requests to enrol in a service or leave it (GET, POST).
pub fn school_service_requests(child_id: &str) -> String {
    format!("{}/service-requests", school_child(child_id))
}
/// Город API: attendance of paid services, `?from=&to=`.
pub fn school_attendance(child_id: &str) -> String {
    format!("{}/attendance", school_child(child_id))
}
/// Город API: the child's photo (GET the image, PUT a JPEG or PNG).
pub fn school_photo(child_id: &str) -> String {
    format!("{}/photo", school_child(child_id))
}
/// Город API: what type a transport card number is and whether the app can top it up (POST).
pub const TRANSPORT_CARD_LOOKUP: &str = "/api/v1/transport/card-lookup";
/// Город API: the saved transport cards of the signed-in phone (GET), save one (POST).
pub const TRANSPORT_CARDS: &str = "/api/v1/transport/cards";
/// Город API: one saved card (GET, PATCH to rename, DELETE).
pub fn transport_card(number: &str) -> String {
    format!("{TRANSPORT_CARDS}/{}", encode(number))
}
/// Город API: a card's trips and top-ups of a period, `?from=&to=`.
pub fn transport_card_history(number: &str) -> String {
    format!("{}/history", transport_card(number))
}
/// Город API: ask for a bill topping up the card (POST, header `Idempotency-Key`).
pub fn transport_card_topups(number: &str) -> String {
    format!("{}/topups", transport_card(number))
}
/// Город API: routes by number or name, `?q=`.
pub const TRANSPORT_ROUTES: &str = "/api/v1/transport/routes";
/// Город API: a route's stops in order.
pub fn transport_route_stops(route_id: &str) -> String {
    format!("{TRANSPORT_ROUTES}/{}/stops", encode(route_id))
}
/// Город API: stops by name, `?q=`.
pub const TRANSPORT_STOPS: &str = "/api/v1/transport/stops";
/// Город API: a stop's next arrivals (schedule and live).
pub fn transport_stop_arrivals(stop_id: &str) -> String {
    format!("{TRANSPORT_STOPS}/{}/arrivals", encode(stop_id))
}
/// Город API: the GTFS static feed (zip).
pub const TRANSPORT_GTFS: &str = "/api/v1/transport/gtfs.zip";
/// Город API: the GTFS-realtime TripUpdates feed (protobuf).
pub const TRANSPORT_GTFS_RT: &str = "/api/v1/transport/gtfs-rt";
/// «Написать»: the conversation with support (GET) and a new message (POST).
pub const SUPPORT_MESSAGES: &str = "/api/v1/support/messages";
/// Marks support's messages read.
pub const SUPPORT_READ: &str = "/api/v1/support/read";
/// A photo for a message to support.
pub const SUPPORT_ATTACHMENTS: &str = "/api/v1/support/attachments";
/// One photo attached to a message.
pub fn support_attachment(id: &str) -> String {
    format!("{SUPPORT_ATTACHMENTS}/{}", encode(id))
}
/// Sandbox control: support answers every message waiting for an answer now.
pub const SANDBOX_SUPPORT_ANSWER_NOW: &str = "/sandbox/support/answer-now";
/// Город API: the OpenAPI document.
pub const OPENAPI: &str = "/openapi.json";
/// Город API: server-to-server outcome from the gateway.
pub fn internal_payment_outcome(payment_id: &str) -> String {
    format!("/internal/payments/{}/outcome", encode(payment_id))
}
/// Gateway: submit card data for a payment.
pub fn gateway_card(payment_id: &str) -> String {
    format!("/payments/{}/card", encode(payment_id))
}
/// Gateway: where a payment stands (GET), asked when the app lost the answer to its card.
pub fn gateway_payment(payment_id: &str) -> String {
    format!("/payments/{}", encode(payment_id))
}
/// Gateway: cancel a payment not final yet (POST); answers where the payment ends.
pub fn gateway_cancel(payment_id: &str) -> String {
    format!("/payments/{}/cancel", encode(payment_id))
}
/// Gateway: answer a 3-D Secure challenge.
pub fn gateway_3ds(payment_id: &str) -> String {
    format!("/payments/{}/3ds", encode(payment_id))
}
/// Sandbox control: set the sandbox clock.
pub const SANDBOX_CLOCK: &str = "/sandbox/clock";
/// Sandbox control: maintenance mode on/off.
pub const SANDBOX_MAINTENANCE: &str = "/sandbox/maintenance";
/// Sandbox control: every charge the gateway made (for exactly-once tests).
pub const SANDBOX_CHARGES: &str = "/sandbox/charges";
/// Sandbox control: every e-mail the sandbox "sent" (receipt copies).
pub const SANDBOX_MAIL: &str = "/sandbox/mail";

/// Sandbox control: ring up a purchase at a child's canteen (limit, balance and stop-list checked).
pub const SANDBOX_CANTEEN: &str = "/sandbox/school/purchases";

/// Sandbox control: switches of the live transport feed (delay, early, cancelled, stale, down).
pub const SANDBOX_TRANSPORT_FEED: &str = "/sandbox/transport/feed";

/// Sandbox control: a provider's payment registry (payments with the readings sent with them).
pub fn sandbox_registry(provider_id: &str) -> String {
    format!("/sandbox/registries/{}", encode(provider_id))
}

/// Header carrying the idempotency key of an order or of a reading sent without payment.
pub const IDEMPOTENCY_KEY: &str = "Idempotency-Key";
/// Header the gateway signs its server-to-server calls with.
pub const GATEWAY_SECRET_HEADER: &str = "X-Gateway-Secret";

/// Percent-encodes a path segment (ids are ASCII in practice; this keeps odd input harmless).
pub(crate) fn encode(segment: &str) -> String {
    let mut out = String::with_capacity(segment.len());
    for b in segment.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn path_segments_are_encoded() {
        assert_eq!(super::order("a/b c"), "/api/v1/orders/a%2Fb%20c");
        assert_eq!(
            super::address_bills("addr-1"),
            "/api/v1/addresses/addr-1/bills"
        );
        assert_eq!(
            super::account_bills("ОХ 1"),
            "/api/v1/accounts/%D0%9E%D0%A5%201/bills"
        );
        assert_eq!(
            super::receipt_email("rcpt-1001"),
            "/api/v1/receipts/rcpt-1001/email"
        );
        assert_eq!(
            super::account_meters("OV-3-41-1"),
            "/api/v1/accounts/OV-3-41-1/meters"
        );
        assert_eq!(
            super::meter_readings("m-1/2"),
            "/api/v1/meters/m-1%2F2/readings"
        );
        assert_eq!(
            super::bill_qr("bill-D-12-5-2026-11"),
            "/api/v1/bills/bill-D-12-5-2026-11/qr"
        );
        assert_eq!(
            super::sandbox_registry("gazprom"),
            "/sandbox/registries/gazprom"
        );
    }
}
