//! What a screen's address names: the objects a link opens (a frozen order waiting for its card,
//! a kept receipt), so a screen can be reached by its address alone — the back button, a reload,
//! a notification or a link — without being handed them.

use ofis_domain::Receipt;

use crate::app::Ofis;
use crate::error::CoreError;
use crate::payment::PaymentTicket;

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
