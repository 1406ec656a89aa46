//! Payment history: this device's orders (the outbox) merged with the server's, receipts kept
//! for offline viewing, spending per month for the chart, and a receipt copy by e-mail.

mod merge;
mod page;

use chrono::{DateTime, Utc};
use ofis_client::ClientError;
use ofis_domain::email::Email;
use ofis_domain::spending::{self, MonthSpending, Spend};
use ofis_domain::{Money, Period, Receipt};
use tracing::{info, instrument, warn};

use crate::app::Ofis;
use crate::error::CoreError;

pub(crate) use merge::merge;
pub use page::{HistoryCursor, HistoryPage, HISTORY_PAGE, SEARCH_LIMIT};

/// Where a payment stands, as the history shows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HistoryStatus {
    /// Paid; a receipt exists (or is on its way).
    Paid,
    /// Sent, the outcome is not known yet (awaiting the card, 3-D Secure, the bank).
    Pending,
    /// The bank refused; nothing was charged.
    Declined,
    /// Given up before any money moved (never created, or replaced by a new payment).
    Cancelled,
}

/// One paid line of an order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HistoryLine {
    /// The service as bills name it, e.g. «Электроэнергия».
    pub service: String,
    pub provider: String,
    pub account: String,
    pub address: Option<String>,
    pub amount: Money,
}

/// One payment in the history.
#[derive(Clone, Debug, PartialEq)]
pub struct HistoryEntry {
    /// A stable key: the server's order id, or the idempotency key of an order never created.
    pub id: String,
    /// When the payment was started.
    pub at: DateTime<Utc>,
    pub status: HistoryStatus,
    pub lines: Vec<HistoryLine>,
    pub total: Money,
    /// Why it was declined or cancelled, in Russian, when known.
    pub failure: Option<String>,
    /// The receipt of a paid order, when it has arrived.
    pub receipt: Option<Receipt>,
}

impl HistoryEntry {
    /// The fee charged on top of the lines (the total beyond their sum).
    pub fn fee(&self) -> Money {
        self.total - self.lines.iter().map(|l| l.amount).sum::<Money>()
    }
}

/// The history, and whether the server's view is in it.
#[derive(Clone, Debug, PartialEq)]
pub struct History {
    /// Newest first.
    pub entries: Vec<HistoryEntry>,
    /// Set when the server could not be asked: the entries then come from this device alone.
    pub server_unavailable: Option<ClientError>,
}

/// How fees appear among the services of the spending chart.
pub const FEE_SERVICE: &str = ofis_store::SPENDING_FEES;

/// How many months the spending chart covers by default.
pub const SPENDING_MONTHS: u32 = 6;

impl Ofis {
    /// «История»: this device's payments merged with the server's orders, newest first.
    /// Without the server it still answers, from SQLite alone, and says so.
    #[instrument(skip(self))]
    pub async fn history(&self) -> Result<History, CoreError> {
        let (outbox, mut receipts) = self
            .inner
            .db
            .run(|s| Ok((s.outbox_all()?, s.receipts()?)))
            .await?;
        let (server, server_unavailable) = match self.inner.gorod.orders().await {
            Ok(orders) => (orders, None),
            Err(e) => {
                warn!(error = %e, "history from this device only");
                (Vec::new(), Some(e))
            }
        };
        // Receipts the server has and this device lacks (e.g. paid elsewhere) are kept for
        // offline viewing and for the spending chart.
        let fresh: Vec<Receipt> = server
            .iter()
            .filter_map(|o| o.receipt.clone().map(Receipt::from))
            .filter(|r| !receipts.iter().any(|k| k == r))
            .collect();
        if !fresh.is_empty() {
            let keep = fresh.clone();
            self.inner
                .db
                .run(move |s| keep.iter().try_for_each(|r| s.save_receipt(r)))
                .await?;
            info!(count = fresh.len(), "receipts from the server kept");
            receipts.extend(fresh);
        }
        Ok(History {
            entries: merge(outbox, server, &receipts),
            server_unavailable,
        })
    }

    /// Spending per month by service over the last `months` months (oldest first), from the
    /// receipts kept on this device: the sums SQLite keeps per month and service, so ten years
    /// read 120 months' rows, not 100 000 receipts. The range ends with the current month, or
    /// with a later receipt's month if the server's clock runs ahead.
    pub async fn spending_by_month(&self, months: u32) -> Result<Vec<MonthSpending>, CoreError> {
        let current = Period::of(self.inner.clock.today());
        let (last, rows) = self
            .inner
            .db
            .run(move |s| {
                let last = s
                    .last_spending_period()?
                    .map_or(current, |p| p.max(current));
                let mut first = last;
                for _ in 1..months.max(1) {
                    first = first.previous();
                }
                Ok((last, s.spending_between(first, last)?))
            })
            .await?;
        let spends: Vec<Spend> = rows
            .into_iter()
            .map(|(period, service, amount)| Spend {
                period,
                service,
                amount,
            })
            .collect();
        Ok(spending::spending_by_month(&spends, last, months))
    }

    /// «Отправить на e-mail»: checks the address here first, then asks the server to send a
    /// copy of the receipt. Returns the address the copy goes to.
    #[instrument(skip(self, email))]
    pub async fn email_receipt(&self, receipt_id: &str, email: &str) -> Result<Email, CoreError> {
        let email = Email::parse(email)?;
        self.inner
            .gorod
            .email_receipt(receipt_id, email.as_str())
            .await?;
        info!("receipt copy requested by e-mail");
        Ok(email)
    }
}
