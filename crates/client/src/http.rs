//! The shared HTTP plumbing: TLS with explicit roots, timeouts, no redirects, a cap on the size
//! of an answer, JSON in and out.

use std::time::Duration;

use reqwest::Url;
use serde::de::DeserializeOwned;

use crate::error::ClientError;

/// The largest answer read by default: the biggest real answer (a year of receipts) is tens of
/// kilobytes.
pub const DEFAULT_MAX_BODY_BYTES: usize = 4 * 1024 * 1024;

/// How the client talks to a server.
#[derive(Clone, Debug)]
pub struct ClientOptions {
    /// Whole-request timeout.
    pub timeout: Duration,
    /// Connection timeout.
    pub connect_timeout: Duration,
    /// Extra trusted root certificates (PEM), e.g. a test certificate authority.
    pub extra_roots_pem: Vec<Vec<u8>>,
    /// The largest answer body read; a bigger one is [`ClientError::TooLarge`].
    pub max_body_bytes: usize,
}

impl Default for ClientOptions {
    fn default() -> Self {
        ClientOptions {
            timeout: Duration::from_secs(20),
            connect_timeout: Duration::from_secs(5),
            extra_roots_pem: Vec::new(),
            max_body_bytes: DEFAULT_MAX_BODY_BYTES,
        }
    }
}

/// Refuses anything but `https://`, except `http://` to a loopback address (the sandbox); a
/// user name or password, a query or a fragment are refused too. The URL is parsed as browsers
/// and reqwest parse it (WHATWG, the `url` crate), so `http://evil?@127.0.0.1` is the host
/// `evil`, not loopback. Returns the parsed URL's text without a trailing slash: what is sent.
pub fn ensure_allowed_url(url: &str) -> Result<String, ClientError> {
    parse_base(url).map(|u| base_text(&u))
}

/// The checked, parsed form of [`ensure_allowed_url`].
pub(crate) fn parse_base(text: &str) -> Result<Url, ClientError> {
    let text = text.trim();
    let bad = || ClientError::InsecureUrl(text.to_string());
    // What a person or a server would never mean in a base URL, and what parsers disagree on.
    if text
        .chars()
        .any(|c| c == '\\' || c.is_whitespace() || c.is_control())
    {
        return Err(bad());
    }
    let url = Url::parse(text).map_err(|_| bad())?;
    let clean = url.username().is_empty()
        && url.password().is_none()
        && url.query().is_none()
        && url.fragment().is_none()
        && !url.cannot_be_a_base();
    if !clean {
        return Err(bad());
    }
    let host = url.host().ok_or_else(bad)?;
    match url.scheme() {
        "https" => Ok(url),
        "http" if is_loopback(&host) => Ok(url),
        _ => Err(bad()),
    }
}

/// Whether `text` is an allowed URL of a host on this machine.
pub fn is_loopback_url(text: &str) -> bool {
    parse_base(text).is_ok_and(|u| u.host().is_some_and(|h| is_loopback(&h)))
}

/// `localhost`, 127.0.0.0/8 or `::1`.
pub(crate) fn is_loopback(host: &url::Host<&str>) -> bool {
    match host {
        url::Host::Domain(d) => d.eq_ignore_ascii_case("localhost"),
        url::Host::Ipv4(ip) => ip.is_loopback(),
        url::Host::Ipv6(ip) => ip.is_loopback(),
    }
}

/// A parsed base URL as text, without the trailing slash, for `format!("{base}{path}")`.
pub(crate) fn base_text(url: &Url) -> String {
    url.as_str().trim_end_matches('/').to_string()
}

/// The HTTP client with its answer size cap. Derefs to `reqwest::Client` to build requests.
#[derive(Clone, Debug)]
pub(crate) struct Http {
    client: reqwest::Client,
    max_body: usize,
}

impl std::ops::Deref for Http {
    type Target = reqwest::Client;
    fn deref(&self) -> &reqwest::Client {
        &self.client
    }
}

impl Http {
    /// A client that trusts the bundled web PKI roots and the given extra roots, and never
    /// follows a redirect (a 307 would re-send a card body to wherever it points).
    pub(crate) fn new(options: &ClientOptions) -> Result<Self, ClientError> {
        let mut builder = reqwest::Client::builder()
            .timeout(options.timeout)
            .connect_timeout(options.connect_timeout)
            .https_only(false)
            .redirect(reqwest::redirect::Policy::none())
            .user_agent(concat!("ofis/", env!("CARGO_PKG_VERSION")));
        for pem in &options.extra_roots_pem {
            let cert = reqwest::Certificate::from_pem(pem)
                .map_err(|e| ClientError::InsecureUrl(format!("bad root certificate: {e}")))?;
            builder = builder.add_root_certificate(cert);
        }
        let client = builder
            .build()
            .map_err(|e| ClientError::Network(e.to_string()))?;
        Ok(Http {
            client,
            max_body: options.max_body_bytes,
        })
    }

    /// Sends a request and decodes a JSON answer, mapping error statuses to `ClientError`.
    pub(crate) async fn send_json<T: DeserializeOwned>(
        &self,
        req: reqwest::RequestBuilder,
    ) -> Result<T, ClientError> {
        let raw = self.send_raw(req).await?;
        decode_json(&raw)
    }

    /// Sends a request and reads a successful answer as it is (capped), mapping error statuses
    /// to `ClientError`.
    pub(crate) async fn send_raw(&self, req: reqwest::RequestBuilder) -> Result<Raw, ClientError> {
        match self.send_if_none_match(req, None).await? {
            Answer::Fresh(raw) => Ok(raw),
            // Not asked for without a tag: refused like any other redirection status.
            Answer::NotModified => Err(ClientError::Redirect { status: 304 }),
        }
    }

    /// [`Self::send_raw`], naming `etag` in `If-None-Match` when there is one: a 304 is then
    /// [`Answer::NotModified`] (any other redirection is still refused).
    pub(crate) async fn send_if_none_match(
        &self,
        req: reqwest::RequestBuilder,
        etag: Option<&str>,
    ) -> Result<Answer, ClientError> {
        let req = match etag {
            Some(tag) => req.header(reqwest::header::IF_NONE_MATCH, tag),
            None => req,
        };
        let resp = req.send().await?;
        let status = resp.status();
        if status == reqwest::StatusCode::NOT_MODIFIED && etag.is_some() {
            return Ok(Answer::NotModified);
        }
        if status.is_redirection() {
            return Err(ClientError::Redirect {
                status: status.as_u16(),
            });
        }
        let header = |name| {
            resp.headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
        };
        let content_type = header(reqwest::header::CONTENT_TYPE);
        let etag = header(reqwest::header::ETAG);
        let body = read_capped(resp, self.max_body).await?;
        if !status.is_success() {
            return Err(ClientError::from_response(status.as_u16(), &body));
        }
        Ok(Answer::Fresh(Raw {
            content_type,
            body,
            etag,
        }))
    }
}

/// A successful answer's body, declared type and validator (`ETag`).
#[derive(Clone, Debug)]
pub(crate) struct Raw {
    pub content_type: Option<String>,
    pub body: Vec<u8>,
    pub etag: Option<String>,
}

/// What a conditional request got: a new answer, or word that the tagged one is still current.
pub(crate) enum Answer {
    Fresh(Raw),
    NotModified,
}

/// The JSON of an answer.
pub(crate) fn decode_json<T: DeserializeOwned>(raw: &Raw) -> Result<T, ClientError> {
    serde_json::from_slice(&raw.body).map_err(|e| ClientError::Decode(e.to_string()))
}

/// The body, refused as soon as it is known to pass `limit` bytes: at once when the declared
/// length says so, else while the chunks arrive (a chunked answer has no declared length).
async fn read_capped(mut resp: reqwest::Response, limit: usize) -> Result<Vec<u8>, ClientError> {
    let too_large = ClientError::TooLarge { limit };
    if resp.content_length().is_some_and(|n| n > limit as u64) {
        return Err(too_large);
    }
    let mut body = Vec::new();
    while let Some(chunk) = resp.chunk().await? {
        if body.len() + chunk.len() > limit {
            return Err(too_large);
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_http_is_allowed_only_to_loopback() {
        for (ok, sent) in [
            ("https://gorod.example", "https://gorod.example"),
            ("http://127.0.0.1:8080", "http://127.0.0.1:8080"),
            ("http://localhost:1/", "http://localhost:1"),
            ("http://[::1]:80", "http://[::1]"),
            ("https://gorod.example/api/", "https://gorod.example/api"),
            ("http://127.1.2.3:9", "http://127.1.2.3:9"),
        ] {
            assert_eq!(ensure_allowed_url(ok).as_deref(), Ok(sent), "{ok}");
        }
        for bad in [
            "http://gorod.example",
            "http://10.0.0.1",
            "ftp://x",
            "gorod.example",
            "http://",
            "http://user@evil.example",
            // Parsers that split on the last `@` take these for loopback; the host is `evil`.
            "http://evil?@127.0.0.1",
            "http://evil#@localhost",
            "http://evil\\@127.0.0.1",
            "http://evil/\\@127.0.0.1",
            "http://evil%40127.0.0.1",
            "http://127.0.0.1@evil.example",
            "http://localhost:80@evil.example",
            "http://user:pass@127.0.0.1",
            "http://127.0.0.1:8080/?x=1",
            "http://127.0.0.1:8080/#x",
            "http://localhost.evil.example",
            "http://127.0.0.1.evil.example",
            "http://evil.example/127.0.0.1",
            "http://[::ffff:a00:1]",
            "http://0.0.0.0",
            "https://evil\\@gorod.example",
            "https:// gorod.example",
            "javascript:alert(1)",
            "data:text/plain,x",
            "file:///etc/passwd",
        ] {
            assert!(ensure_allowed_url(bad).is_err(), "{bad}");
        }
    }
}
