//! A fault-injecting loopback TCP proxy (our own, in process, on tokio): added latency, and
//! one-shot faults armed for the next request whose request line contains a given text:
//! - [`Fault::DropAnswer`]: the request reaches the server and is processed, the answer is
//!   thrown away and the connection closed, so the client never sees it;
//! - [`Fault::Stall`]: the request reaches the server, the answer never comes (client timeout);
//! - [`Fault::TruncateBody`]: a well-formed answer with its body cut in half (and its
//!   `Content-Length` fixed to match), so the client gets broken JSON.
//!
//! - [`Fault::DeliverLate`]: the client's connection is closed at once, without an answer; the
//!   request reaches the server later, on a connection of the proxy's own (a card stuck in a
//!   network that arrives after the app gave up).
//!
//! It can also rewrite a text in the answers (of the same length, so lengths stay right), e.g.
//! the gateway address the Город API hands out, to put the gateway behind a second proxy.

#![allow(dead_code)]

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::tcp::{OwnedReadHalf, OwnedWriteHalf};
use tokio::net::{TcpListener, TcpStream};

/// `127.0.0.1:PORT` of a loopback `http://` URL: what a proxy forwards to.
pub fn host_port(url: &str) -> String {
    url.trim_start_matches("http://").to_string()
}

/// What happens to the answer of an armed request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fault {
    /// Forwarded and processed; the answer is dropped with the connection.
    DropAnswer,
    /// Forwarded and processed; the answer never comes.
    Stall,
    /// Forwarded and processed; the answer's body is cut in half.
    TruncateBody,
    /// The client is cut off at once; the request reaches the server after the delay.
    DeliverLate(Duration),
}

#[derive(Default)]
struct Shared {
    latency: Mutex<Duration>,
    armed: Mutex<Vec<(String, Fault)>>,
    rewrite: Mutex<Option<(Vec<u8>, Vec<u8>)>>,
    fired: AtomicUsize,
    upstream: Mutex<String>,
    late_delivered: AtomicUsize,
    late_notify: tokio::sync::Notify,
}

/// A running proxy in front of one server.
pub struct FaultProxy {
    pub url: String,
    shared: Arc<Shared>,
}

impl FaultProxy {
    /// Starts a proxy on 127.0.0.1 in front of `upstream` (`host:port`), with no faults.
    pub async fn start(upstream: String) -> FaultProxy {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind proxy");
        let url = format!("http://{}", listener.local_addr().expect("proxy addr"));
        let shared = Arc::new(Shared::default());
        *shared.upstream.lock().unwrap() = upstream.clone();
        let for_loop = shared.clone();
        tokio::spawn(async move {
            while let Ok((client, _)) = listener.accept().await {
                let (upstream, shared) = (upstream.clone(), for_loop.clone());
                tokio::spawn(async move {
                    if let Ok(server) = TcpStream::connect(&upstream).await {
                        pipe(client, server, shared).await;
                    }
                });
            }
        });
        FaultProxy { url, shared }
    }

    /// Delays every request chunk on its way to the server by `latency`.
    pub fn set_latency(&self, latency: Duration) {
        *self.shared.latency.lock().unwrap() = latency;
    }

    /// Arms `fault` for the next request whose request line contains `request_line`
    /// (e.g. `"POST /api/v1/orders "`); it fires once.
    pub fn arm(&self, request_line: &str, fault: Fault) {
        self.shared
            .armed
            .lock()
            .unwrap()
            .push((request_line.to_string(), fault));
    }

    /// Replaces `from` with `to` in every answer; both must have the same length.
    pub fn rewrite_answers(&self, from: &str, to: &str) {
        assert_eq!(from.len(), to.len(), "a rewrite must keep lengths");
        *self.shared.rewrite.lock().unwrap() = Some((from.into(), to.into()));
    }

    /// Faults fired so far.
    pub fn fired(&self) -> usize {
        self.shared.fired.load(Ordering::SeqCst)
    }

    /// Waits until `count` late requests have reached the server and been answered.
    pub async fn late_delivered(&self, count: usize) {
        loop {
            let notified = self.shared.late_notify.notified();
            if self.shared.late_delivered.load(Ordering::SeqCst) >= count {
                return;
            }
            notified.await;
        }
    }

    /// Forgets the faults armed that have not fired.
    pub fn disarm(&self) {
        self.shared.armed.lock().unwrap().clear();
    }

    /// Armed faults that have not fired yet.
    pub fn still_armed(&self) -> usize {
        self.shared.armed.lock().unwrap().len()
    }
}

/// The fault chosen for the answer now awaited on one connection (HTTP/1.1 clients do not
/// pipeline, so answers come back in request order, one at a time).
type Next = Arc<Mutex<Option<Fault>>>;

async fn pipe(client: TcpStream, server: TcpStream, shared: Arc<Shared>) {
    let (cr, cw) = client.into_split();
    let (sr, sw) = server.into_split();
    let next: Next = Arc::default();
    // Either side ending ends the connection (a stalled answer waits for the client to give up).
    tokio::select! {
        _ = up(cr, sw, shared.clone(), next.clone()) => {}
        _ = down(sr, cw, shared, next) => {}
    }
}

async fn up(mut cr: OwnedReadHalf, mut sw: OwnedWriteHalf, shared: Arc<Shared>, next: Next) {
    let mut buf = vec![0u8; 16 * 1024];
    loop {
        let n = match cr.read(&mut buf).await {
            Ok(0) | Err(_) => break,
            Ok(n) => n,
        };
        let fault = {
            let text = String::from_utf8_lossy(&buf[..n]);
            let mut armed = shared.armed.lock().unwrap();
            armed
                .iter()
                .position(|(line, _)| text.contains(line.as_str()))
                .map(|i| armed.remove(i).1)
        };
        if let Some(Fault::DeliverLate(delay)) = fault {
            let request = read_answer(&mut cr, buf[..n].to_vec()).await;
            shared.fired.fetch_add(1, Ordering::SeqCst);
            tokio::spawn(deliver_late(request, delay, shared.clone()));
            // Ending here ends the connection: the client is cut off without an answer.
            return;
        }
        if fault.is_some() {
            *next.lock().unwrap() = fault;
        }
        let latency = *shared.latency.lock().unwrap();
        if !latency.is_zero() {
            tokio::time::sleep(latency).await;
        }
        if sw.write_all(&buf[..n]).await.is_err() {
            break;
        }
    }
    let _ = sw.shutdown().await;
}

async fn down(mut sr: OwnedReadHalf, mut cw: OwnedWriteHalf, shared: Arc<Shared>, next: Next) {
    let mut buf = vec![0u8; 16 * 1024];
    let mut held: Vec<u8> = Vec::new();
    loop {
        let n = match sr.read(&mut buf).await {
            Ok(0) | Err(_) => break,
            Ok(n) => n,
        };
        let fault = next.lock().unwrap().take();
        match fault {
            None => {}
            Some(Fault::DropAnswer) => {
                // The server has processed the request (it is answering): cut the client off.
                shared.fired.fetch_add(1, Ordering::SeqCst);
                let _ = cw.shutdown().await;
                return;
            }
            Some(Fault::Stall) => {
                shared.fired.fetch_add(1, Ordering::SeqCst);
                // Swallow everything; never answer. The client's timeout ends the connection.
                while let Ok(n) = sr.read(&mut buf).await {
                    if n == 0 {
                        break;
                    }
                }
                std::future::pending::<()>().await;
            }
            // Handled on the way up.
            Some(Fault::DeliverLate(_)) => {}
            Some(Fault::TruncateBody) => {
                shared.fired.fetch_add(1, Ordering::SeqCst);
                let answer = read_answer(&mut sr, buf[..n].to_vec()).await;
                let _ = cw.write_all(&truncated(&answer)).await;
                let _ = cw.shutdown().await;
                return;
            }
        }
        held.extend_from_slice(&buf[..n]);
        let ready = rewrite(&shared, &mut held);
        if cw.write_all(&ready).await.is_err() {
            break;
        }
    }
    let _ = cw.write_all(&held).await;
    let _ = cw.shutdown().await;
}

/// Sends a held request to the server after `delay`, on a new connection, and reads the answer.
async fn deliver_late(request: Vec<u8>, delay: Duration, shared: Arc<Shared>) {
    tokio::time::sleep(delay).await;
    let upstream = shared.upstream.lock().unwrap().clone();
    if let Ok(mut server) = TcpStream::connect(&upstream).await {
        if server.write_all(&request).await.is_ok() {
            let (mut sr, _sw) = server.into_split();
            let _ = read_answer(&mut sr, Vec::new()).await;
        }
    }
    shared.late_delivered.fetch_add(1, Ordering::SeqCst);
    shared.late_notify.notify_waiters();
}

/// Applies the rewrite to `held` and returns what can be sent now, keeping back only a tail that
/// could be the start of the text to replace.
fn rewrite(shared: &Shared, held: &mut Vec<u8>) -> Vec<u8> {
    let rule = shared.rewrite.lock().unwrap().clone();
    let Some((from, to)) = rule else {
        return std::mem::take(held);
    };
    let mut i = 0;
    while i + from.len() <= held.len() {
        if held[i..i + from.len()] == from[..] {
            held[i..i + from.len()].copy_from_slice(&to);
            i += from.len();
        } else {
            i += 1;
        }
    }
    let keep = (1..from.len())
        .rev()
        .find(|&k| k <= held.len() && held[held.len() - k..] == from[..k])
        .unwrap_or(0);
    held.drain(..held.len() - keep).collect()
}

/// Reads one whole HTTP message (headers and a `Content-Length` body) starting with `got`.
async fn read_answer<R: AsyncReadExt + Unpin>(sr: &mut R, mut got: Vec<u8>) -> Vec<u8> {
    let mut buf = vec![0u8; 16 * 1024];
    loop {
        if let Some((head_end, len)) = head_and_length(&got) {
            if got.len() >= head_end + len {
                return got;
            }
        }
        match sr.read(&mut buf).await {
            Ok(0) | Err(_) => return got,
            Ok(n) => got.extend_from_slice(&buf[..n]),
        }
    }
}

/// The end of the headers and the body length, once the headers are complete.
fn head_and_length(answer: &[u8]) -> Option<(usize, usize)> {
    let head_end = answer.windows(4).position(|w| w == b"\r\n\r\n")? + 4;
    let head = String::from_utf8_lossy(&answer[..head_end]);
    let len = head.lines().find_map(|l| {
        let (name, value) = l.split_once(':')?;
        name.trim()
            .eq_ignore_ascii_case("content-length")
            .then(|| value.trim().parse::<usize>().ok())?
    })?;
    Some((head_end, len))
}

/// The answer with half its body and a `Content-Length` to match; without a length, half the
/// bytes (the client then sees the connection cut mid-answer).
fn truncated(answer: &[u8]) -> Vec<u8> {
    let Some((head_end, len)) = head_and_length(answer) else {
        return answer[..answer.len() / 2].to_vec();
    };
    let half = len / 2;
    let head = String::from_utf8_lossy(&answer[..head_end]);
    let mut out = String::new();
    for line in head.split_inclusive("\r\n") {
        match line.split_once(':') {
            Some((name, _)) if name.trim().eq_ignore_ascii_case("content-length") => {
                out.push_str(&format!("{name}: {half}\r\n"));
            }
            _ => out.push_str(line),
        }
    }
    let mut bytes = out.into_bytes();
    let body_end = (head_end + half).min(answer.len());
    bytes.extend_from_slice(&answer[head_end.min(body_end)..body_end]);
    bytes
}
