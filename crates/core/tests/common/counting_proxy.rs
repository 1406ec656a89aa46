//! A loopback TCP proxy that counts the HTTP requests passing through it, the status of each
//! answer and the bytes both ways, so a test or a bench can see what the app really sends and
//! gets (on the wire, whatever the client code says).

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::tcp::{OwnedReadHalf, OwnedWriteHalf};
use tokio::net::{TcpListener, TcpStream};

/// Every HTTP/1.1 request line ends with this; JSON bodies never contain it.
const REQUEST_MARKER: &[u8] = b" HTTP/1.1\r\n";
/// Every HTTP/1.1 status line starts with this, then three digits.
const STATUS_MARKER: &[u8] = b"HTTP/1.1 ";

/// What went through the proxy since the last reset.
#[derive(Default)]
struct Tally {
    requests: AtomicUsize,
    bytes_up: AtomicUsize,
    bytes_down: AtomicUsize,
    statuses: Mutex<Vec<u16>>,
}

/// A running proxy in front of one server.
pub struct CountingProxy {
    pub url: String,
    tally: Arc<Tally>,
}

impl CountingProxy {
    /// Starts a proxy on 127.0.0.1 in front of `upstream` (`host:port`).
    pub async fn start(upstream: String) -> CountingProxy {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind proxy");
        let url = format!("http://{}", listener.local_addr().expect("proxy addr"));
        let tally = Arc::new(Tally::default());
        let counter = tally.clone();
        tokio::spawn(async move {
            while let Ok((client, _)) = listener.accept().await {
                let (upstream, counter) = (upstream.clone(), counter.clone());
                tokio::spawn(async move {
                    if let Ok(server) = TcpStream::connect(&upstream).await {
                        pipe(client, server, counter).await;
                    }
                });
            }
        });
        CountingProxy { url, tally }
    }

    /// Requests seen so far.
    pub fn requests(&self) -> usize {
        self.tally.requests.load(Ordering::SeqCst)
    }

    /// The status code of every answer seen so far, in order.
    pub fn statuses(&self) -> Vec<u16> {
        self.tally
            .statuses
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    /// Bytes from the app to the server (requests, headers included).
    pub fn bytes_up(&self) -> usize {
        self.tally.bytes_up.load(Ordering::SeqCst)
    }

    /// Bytes from the server to the app (answers, headers included).
    pub fn bytes_down(&self) -> usize {
        self.tally.bytes_down.load(Ordering::SeqCst)
    }

    /// Starts counting from zero.
    pub fn reset(&self) {
        self.tally.requests.store(0, Ordering::SeqCst);
        self.tally.bytes_up.store(0, Ordering::SeqCst);
        self.tally.bytes_down.store(0, Ordering::SeqCst);
        self.tally
            .statuses
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clear();
    }
}

async fn pipe(client: TcpStream, server: TcpStream, tally: Arc<Tally>) {
    let (cr, cw) = client.into_split();
    let (sr, sw) = server.into_split();
    let (up_tally, down_tally) = (tally.clone(), tally);
    let up = relay(cr, sw, REQUEST_MARKER.len(), move |found, n| {
        let requests = found
            .windows(REQUEST_MARKER.len())
            .filter(|w| *w == REQUEST_MARKER)
            .count();
        up_tally.requests.fetch_add(requests, Ordering::SeqCst);
        up_tally.bytes_up.fetch_add(n, Ordering::SeqCst);
    });
    let down = relay(sr, cw, STATUS_MARKER.len() + 3, move |found, n| {
        let mut statuses = down_tally
            .statuses
            .lock()
            .unwrap_or_else(|p| p.into_inner());
        statuses.extend(status_codes(found));
        down_tally.bytes_down.fetch_add(n, Ordering::SeqCst);
    });
    tokio::join!(up, down);
}

/// Copies `from` to `to`, calling `seen` with the bytes in which a marker of `window` bytes may
/// be found whole (the tail of the last read and this read) and the size of this read. A match
/// is whole only once: the tail kept is one byte shorter than the window.
async fn relay(
    mut from: OwnedReadHalf,
    mut to: OwnedWriteHalf,
    window: usize,
    mut seen: impl FnMut(&[u8], usize),
) {
    let mut buf = vec![0u8; 16 * 1024];
    let mut tail: Vec<u8> = Vec::new();
    loop {
        let n = match from.read(&mut buf).await {
            Ok(0) | Err(_) => break,
            Ok(n) => n,
        };
        tail.extend_from_slice(&buf[..n]);
        seen(&tail, n);
        let keep = tail.len().min(window - 1);
        tail.drain(..tail.len() - keep);
        if to.write_all(&buf[..n]).await.is_err() {
            break;
        }
    }
    let _ = to.shutdown().await;
}

/// The status codes of the status lines whole in `bytes`.
fn status_codes(bytes: &[u8]) -> Vec<u16> {
    let window = STATUS_MARKER.len() + 3;
    bytes
        .windows(window)
        .filter(|w| w.starts_with(STATUS_MARKER))
        .filter_map(|w| {
            std::str::from_utf8(&w[STATUS_MARKER.len()..])
                .ok()?
                .parse()
                .ok()
        })
        .collect()
}
