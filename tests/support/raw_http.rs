//! A raw HTTP/1.1 client over a TCP socket, as any program (or a page's script, for the
//! websocket) can talk to the web front's port: every byte the front answers is kept.

use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// How long a refused request may take to be answered and closed.
const ANSWER_TIMEOUT: Duration = Duration::from_secs(10);

/// What the front answered, whole.
pub struct Answer {
    pub status: u16,
    /// The status line and the headers.
    pub head: String,
    /// Every byte received, head included.
    pub bytes: Vec<u8>,
}

impl Answer {
    /// The first header `name` (lowercase), if any.
    pub fn header(&self, name: &str) -> Option<String> {
        self.head.lines().skip(1).find_map(|line| {
            let (n, v) = line.split_once(':')?;
            n.trim()
                .eq_ignore_ascii_case(name)
                .then(|| v.trim().to_string())
        })
    }
}

/// Sends `request` to `addr` and reads until the front closes the connection.
async fn exchange(addr: &str, request: String) -> Answer {
    let mut socket = TcpStream::connect(addr)
        .await
        .expect("connect to the front");
    socket
        .write_all(request.as_bytes())
        .await
        .expect("send the request");
    let mut bytes = Vec::new();
    tokio::time::timeout(ANSWER_TIMEOUT, socket.read_to_end(&mut bytes))
        .await
        .expect("the front closes the connection after its answer")
        .expect("read the answer");
    let text = String::from_utf8_lossy(&bytes);
    let head = text
        .split("\r\n\r\n")
        .next()
        .unwrap_or_default()
        .to_string();
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("not an HTTP answer: {text:?}"));
    Answer {
        status,
        head,
        bytes,
    }
}

fn cookie_line(cookie: Option<&str>) -> String {
    cookie
        .map(|c| format!("Cookie: {c}\r\n"))
        .unwrap_or_default()
}

/// `GET path` with the given `Host` header and cookie.
pub async fn get(addr: &str, path: &str, host: &str, cookie: Option<&str>) -> Answer {
    let request = format!(
        "GET {path} HTTP/1.1\r\nHost: {host}\r\n{}Connection: close\r\n\r\n",
        cookie_line(cookie)
    );
    exchange(addr, request).await
}

fn upgrade_request(host: &str, origin: &str, cookie: Option<&str>, close: bool) -> String {
    let connection = if close { "Upgrade, close" } else { "Upgrade" };
    format!(
        "GET /ws HTTP/1.1\r\nHost: {host}\r\nOrigin: {origin}\r\n{}Connection: {connection}\r\n\
         Upgrade: websocket\r\nSec-WebSocket-Version: 13\r\n\
         Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n",
        cookie_line(cookie)
    )
}

/// A websocket upgrade of `/ws` as a browser sends it, asking the front to close after a refusal.
pub async fn upgrade(
    addr: &str,
    host: &str,
    origin: &str,
    cookie: Option<&str>,
    close: bool,
) -> Answer {
    exchange(addr, upgrade_request(host, origin, cookie, close)).await
}

/// A websocket upgrade that should succeed: reads what the app sends until `needle` shows up
/// (the first render is sent at once); returns every byte read.
pub async fn upgraded_until(addr: &str, origin: &str, cookie: &str, needle: &str) -> Vec<u8> {
    let mut socket = TcpStream::connect(addr)
        .await
        .expect("connect to the front");
    let request = upgrade_request(addr, origin, Some(cookie), false);
    socket.write_all(request.as_bytes()).await.unwrap();
    let mut bytes = Vec::new();
    let read = async {
        let mut chunk = [0u8; 8192];
        while !String::from_utf8_lossy(&bytes).contains(needle) {
            let n = socket.read(&mut chunk).await.expect("read");
            assert!(
                n > 0,
                "closed before {needle:?}: {:?}",
                String::from_utf8_lossy(&bytes)
            );
            bytes.extend_from_slice(&chunk[..n]);
        }
    };
    tokio::time::timeout(ANSWER_TIMEOUT, read)
        .await
        .unwrap_or_else(|_| panic!("{needle:?} never came over the websocket"));
    bytes
}
