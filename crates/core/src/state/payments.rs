//! Payments in this process: the orders created and waiting for the card or the 3-D Secure code
//! (their tickets), and those with a request at the bank right now. Neither survives a restart;
//! the outbox in SQLite is what does.

use std::collections::{BTreeSet, HashMap};

use crate::payment::PaymentTicket;

/// The payments this process is carrying.
#[derive(Debug, Default)]
pub(crate) struct Payments {
    /// Created orders by idempotency key, until they end.
    tickets: HashMap<String, PaymentTicket>,
    /// Payments (idempotency keys) with a request at the bank right now.
    in_flight: BTreeSet<String>,
}

impl Payments {
    /// An order was created (or found reusable): its card may be sent.
    pub(crate) fn hold(&mut self, ticket: PaymentTicket) {
        self.tickets.insert(ticket.key.clone(), ticket);
    }

    /// The ticket of a created order, while it has not ended.
    pub(crate) fn ticket(&self, key: &str) -> Option<&PaymentTicket> {
        self.tickets.get(key)
    }

    /// The payment ended (paid, declined, cancelled): its card can no longer be sent.
    pub(crate) fn ended(&mut self, key: &str) {
        self.tickets.remove(key);
    }

    /// A request of this payment left for the bank.
    pub(crate) fn took_off(&mut self, key: &str) {
        self.in_flight.insert(key.to_string());
    }

    /// The request of this payment came back (or its task ended).
    pub(crate) fn landed(&mut self, key: &str) {
        self.in_flight.remove(key);
    }

    /// Whether a request of this payment is at the bank right now.
    pub(crate) fn is_in_flight(&self, key: &str) -> bool {
        self.in_flight.contains(key)
    }

    /// Whether this payment's flow is alive in this process: on screen or at the bank.
    pub(crate) fn is_live(&self, key: &str) -> bool {
        self.is_in_flight(key) || self.tickets.contains_key(key)
    }

    /// Sign-out: no card is sent for the orders created before it. Requests at the bank still
    /// end (and are settled) as they would.
    pub(crate) fn forget_tickets(&mut self) {
        self.tickets.clear();
    }
}
