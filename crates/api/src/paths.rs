//! The routes of the Город API and the gateway, in one place for both sides.

/// Город API: request an SMS code.
pub const AUTH_SMS: &str = "/api/v1/auth/sms";
/// Город API: sign in with phone and SMS code.
pub const AUTH_SIGN_IN: &str = "/api/v1/auth/sign-in";
/// Город API: exchange a refresh token for a new session.
pub const AUTH_REFRESH: &str = "/api/v1/auth/refresh";
/// Город API: address suggestions, `?q=`.
pub const ADDRESSES: &str = "/api/v1/addresses";
/// Город API: the bills of one address, `/api/v1/addresses/{id}/bills?period=`.
pub fn address_bills(address_id: &str) -> String {
    format!("/api/v1/addresses/{}/bills", encode(address_id))
}
/// Город API: create an order (header `Idempotency-Key`), list orders.
pub const ORDERS: &str = "/api/v1/orders";
/// Город API: one order.
pub fn order(order_id: &str) -> String {
    format!("/api/v1/orders/{}", encode(order_id))
}
/// Город API: receipts of the signed-in user.
pub const RECEIPTS: &str = "/api/v1/receipts";
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

/// Header carrying the idempotency key of an order.
pub const IDEMPOTENCY_KEY: &str = "Idempotency-Key";
/// Header the gateway signs its server-to-server calls with.
pub const GATEWAY_SECRET_HEADER: &str = "X-Gateway-Secret";

/// Percent-encodes a path segment (ids are ASCII in practice; this keeps odd input harmless).
fn encode(segment: &str) -> String {
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
    }
}
