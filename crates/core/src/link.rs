//! What a screen's address names: a payment scope as text, and the objects a link opens (a
//! frozen order waiting for its card, a kept receipt), so a screen can be reached by its address
//! alone — the back button, a reload, a notification or a link — without being handed them.

use std::fmt;
use std::str::FromStr;

use ofis_domain::{BillId, Receipt};

use crate::app::Ofis;
use crate::error::CoreError;
use crate::payment::{PayScope, PaymentTicket};

const ALL: &str = "all";
const LINE: &str = "line-";

impl fmt::Display for PayScope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PayScope::All => f.write_str(ALL),
            PayScope::Line(id) => write!(f, "{LINE}{id}"),
        }
    }
}

/// Text that names no payment scope.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("not a payment scope: {0:?}")]
pub struct NotAScope(String);

impl FromStr for PayScope {
    type Err = NotAScope;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.strip_prefix(LINE) {
            _ if s == ALL => Ok(PayScope::All),
            Some(id) if !id.is_empty() => Ok(PayScope::Line(BillId(id.to_string()))),
            _ => Err(NotAScope(s.to_string())),
        }
    }
}

impl Ofis {
    /// The frozen order `key` waiting for its card in this process, if it still is.
    pub fn payment_ticket(&self, key: &str) -> Result<PaymentTicket, CoreError> {
        self.ticket(key)
    }

    /// A receipt kept on this device, by its id.
    pub async fn receipt(&self, id: &str) -> Result<Option<Receipt>, CoreError> {
        let id = id.to_string();
        self.inner.db.run(move |s| s.receipt(&id)).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_scope_reads_back_from_its_text() {
        for scope in [
            PayScope::All,
            PayScope::Line(BillId("b-1".into())),
            PayScope::Line(BillId("all".into())),
        ] {
            assert_eq!(scope.to_string().parse::<PayScope>(), Ok(scope));
        }
    }

    #[test]
    fn text_that_names_no_scope_is_refused() {
        for text in ["", "al", "line-", "bill-1", "ALL"] {
            assert!(text.parse::<PayScope>().is_err(), "{text:?}");
        }
    }
}
