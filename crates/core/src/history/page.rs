//! «История» a page at a time: this device's payments, the server's orders and the kept
//! receipts, each read from where the last page stopped (keyset cursors), merged newest first.
//! Ten years of history cost one page's rows, never all of them.
//!
//! A server order or a kept receipt of a payment made on this device is never an entry of its
//! own: it is found by the payment (on the outbox's index by server order) and shown with it.

use ofis_api::OrderDto;
use ofis_client::ClientError;
use ofis_domain::Receipt;
use ofis_store::{OutboxCursor, OutboxOrder, ReceiptCursor, Store, StoreError};
use tracing::{instrument, warn};

use super::{merge, HistoryEntry};
use crate::app::Ofis;
use crate::error::CoreError;

/// How many payments a page of «История» shows.
pub const HISTORY_PAGE: u32 = 20;

/// How many receipts a search shows at most (the newest).
pub const SEARCH_LIMIT: u32 = 50;

/// Where the next page of «История» starts: where each source stopped.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HistoryCursor {
    outbox: Option<OutboxCursor>,
    receipts: Option<ReceiptCursor>,
    /// The id of the last server order looked at.
    server: Option<String>,
    server_done: bool,
}

/// One page of «История».
#[derive(Clone, Debug, PartialEq)]
pub struct HistoryPage {
    /// Newest first.
    pub entries: Vec<HistoryEntry>,
    /// Where «Показать ещё» goes on; `None` when nothing older is left.
    pub next: Option<HistoryCursor>,
    /// Set when the server could not be asked: the entries then come from this device alone.
    pub server_unavailable: Option<ClientError>,
}

/// What one source gave for a page: the items read, which of them are entries of their own
/// (`shown`, by index), and how many of those the page used.
struct Source<T> {
    items: Vec<T>,
    shown: Vec<usize>,
    used: usize,
    limit: usize,
}

impl<T> Source<T> {
    fn new(items: Vec<T>, limit: u32, own: impl Fn(&T) -> bool) -> Self {
        let shown = (0..items.len()).filter(|&i| own(&items[i])).collect();
        Source {
            items,
            shown,
            used: 0,
            limit: limit as usize,
        }
    }

    fn peek(&self) -> Option<&T> {
        self.shown.get(self.used).map(|&i| &self.items[i])
    }

    fn used(&self) -> impl Iterator<Item = &T> {
        self.shown[..self.used].iter().map(|&i| &self.items[i])
    }

    /// Nothing older is left in this source.
    fn exhausted(&self) -> bool {
        self.items.len() < self.limit && self.used == self.shown.len()
    }

    /// The last item read that the next page need not read again: every item once all shown
    /// ones are used, else the last one used.
    fn stop(&self) -> Option<&T> {
        if self.used == self.shown.len() {
            self.items.last()
        } else {
            self.used.checked_sub(1).map(|u| &self.items[self.shown[u]])
        }
    }
}

impl Ofis {
    /// A page of «История»: up to `limit` payments older than `cursor` (from the newest when
    /// `None`), from this device and the server. Without the server it still answers from
    /// SQLite alone, and says so.
    #[instrument(skip(self))]
    pub async fn history_page(
        &self,
        cursor: Option<HistoryCursor>,
        limit: u32,
    ) -> Result<HistoryPage, CoreError> {
        let cursor = cursor.unwrap_or_default();
        let limit = limit.max(1);
        let (server, server_unavailable) = if cursor.server_done {
            (Vec::new(), None)
        } else {
            match self
                .inner
                .gorod
                .orders_page(cursor.server.as_deref(), limit)
                .await
            {
                Ok(orders) => (orders, None),
                Err(e) => {
                    warn!(error = %e, "history page from this device only");
                    (Vec::new(), Some(e))
                }
            }
        };
        let c = cursor.clone();
        let (mut outbox, mut dtos, mut receipts) = self
            .inner
            .db
            .run(move |s| read_sources(s, &c, server, limit))
            .await?;
        take_newest(&mut outbox, &mut dtos, &mut receipts, limit as usize);
        let next = next_cursor(
            &cursor,
            &outbox,
            &dtos,
            &receipts,
            server_unavailable.is_some(),
        );
        let orders: Vec<OutboxOrder> = outbox.used().cloned().collect();
        let shown: Vec<Receipt> = receipts.used().cloned().collect();
        let (orders, linked) = self
            .inner
            .db
            .run(move |s| with_receipts(s, orders, shown))
            .await?;
        // The server's word on this page's device payments, and the server's own orders used.
        let own: Vec<&OrderDto> = dtos.used().collect();
        let server_orders: Vec<OrderDto> = dtos
            .items
            .iter()
            .filter(|d| {
                own.iter().any(|o| o.id == d.id)
                    || orders
                        .iter()
                        .any(|o| o.server_order_id.as_deref() == Some(&d.id))
            })
            .cloned()
            .collect();
        Ok(HistoryPage {
            entries: merge(orders, server_orders, &linked),
            next,
            server_unavailable,
        })
    }

    /// Kept receipts whose providers, services, accounts or addresses hold every word typed,
    /// newest first (at most [`SEARCH_LIMIT`]), as history entries.
    #[instrument(skip(self))]
    pub async fn search_receipts(&self, query: &str) -> Result<Vec<HistoryEntry>, CoreError> {
        let query = query.to_string();
        let found = self
            .inner
            .db
            .run(move |s| s.search_receipts(&query, SEARCH_LIMIT))
            .await?;
        Ok(merge(Vec::new(), Vec::new(), &found))
    }
}

type Sources = (Source<OutboxOrder>, Source<OrderDto>, Source<Receipt>);

/// Reads a page of each source on the device and sorts out which server orders and kept
/// receipts are the device's payments'. Receipts the server has and this device lacks are kept
/// (for offline viewing and the spending chart).
fn read_sources(
    s: &mut Store,
    cursor: &HistoryCursor,
    server: Vec<OrderDto>,
    limit: u32,
) -> Result<Sources, StoreError> {
    for r in server
        .iter()
        .filter_map(|o| o.receipt.clone())
        .map(Receipt::from)
    {
        if s.receipt(&r.id)?.is_none() {
            s.save_receipt(&r)?;
        }
    }
    let outbox = s.outbox_page(cursor.outbox.as_ref(), limit)?;
    let kept = s.receipts_page(cursor.receipts.as_ref(), limit)?;
    let mut device = Vec::new();
    for id in server
        .iter()
        .map(|d| d.id.as_str())
        .chain(kept.iter().map(|r| r.order_id.as_str()))
    {
        if s.outbox_by_server_order(id)?.is_some() {
            device.push(id.to_string());
        }
    }
    let own_order = |id: &str| !device.iter().any(|d| d == id);
    let server_ids: Vec<String> = server.iter().map(|d| d.id.clone()).collect();
    Ok((
        Source::new(outbox, limit, |_| true),
        Source::new(server, limit, |d| own_order(&d.id)),
        Source::new(kept, limit, |r| {
            own_order(&r.order_id) && !server_ids.contains(&r.order_id)
        }),
    ))
}

/// Uses the newest items of the three sources, `limit` in all.
fn take_newest(
    outbox: &mut Source<OutboxOrder>,
    server: &mut Source<OrderDto>,
    receipts: &mut Source<Receipt>,
    limit: usize,
) {
    for _ in 0..limit {
        let times = [
            outbox.peek().map(|o| o.created_at),
            server.peek().map(|o| o.created_at),
            receipts.peek().map(|r| r.fiscal.issued_at),
        ];
        let newest = (0..3)
            .filter(|&i| times[i].is_some())
            .max_by_key(|&i| times[i]);
        match newest {
            Some(0) => outbox.used += 1,
            Some(1) => server.used += 1,
            Some(_) => receipts.used += 1,
            None => break,
        }
    }
}

/// Where each source goes on from, or `None` when every source is used up.
fn next_cursor(
    from: &HistoryCursor,
    outbox: &Source<OutboxOrder>,
    server: &Source<OrderDto>,
    receipts: &Source<Receipt>,
    server_unavailable: bool,
) -> Option<HistoryCursor> {
    let server_done = from.server_done || server_unavailable || server.exhausted();
    if outbox.exhausted() && receipts.exhausted() && server_done {
        return None;
    }
    Some(HistoryCursor {
        outbox: outbox.stop().map_or(from.outbox.clone(), |o| {
            Some(OutboxCursor {
                created_at: o.created_at,
                idempotency_key: o.idempotency_key.clone(),
            })
        }),
        receipts: receipts.stop().map_or(from.receipts.clone(), |r| {
            Some(ReceiptCursor {
                issued_at: r.fiscal.issued_at,
                id: r.id.clone(),
            })
        }),
        server: server
            .stop()
            .map_or(from.server.clone(), |o| Some(o.id.clone())),
        server_done,
    })
}

/// The receipts of this page's device payments (each on an index) and its own kept receipts.
fn with_receipts(
    s: &mut Store,
    orders: Vec<OutboxOrder>,
    shown: Vec<Receipt>,
) -> Result<(Vec<OutboxOrder>, Vec<Receipt>), StoreError> {
    let mut linked = shown;
    for o in &orders {
        let receipt = match (&o.receipt_id, &o.server_order_id) {
            (Some(id), _) => s.receipt(id)?,
            (None, Some(order)) => s.receipt_for_order(order)?,
            (None, None) => None,
        };
        if let Some(r) = receipt {
            if !linked.iter().any(|l| l.id == r.id) {
                linked.push(r);
            }
        }
    }
    Ok((orders, linked))
}
