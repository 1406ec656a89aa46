//! The shared HTTP plumbing: TLS with explicit roots, timeouts, JSON in and out.

use std::net::IpAddr;
use std::time::Duration;

use serde::de::DeserializeOwned;

use crate::error::ClientError;

/// How the client talks to a server.
#[derive(Clone, Debug)]
pub struct ClientOptions {
    /// Whole-request timeout.
    pub timeout: Duration,
    /// Connection timeout.
    pub connect_timeout: Duration,
    /// Extra trusted root certificates (PEM), e.g. a test certificate authority.
    pub extra_roots_pem: Vec<Vec<u8>>,
}

impl Default for ClientOptions {
    fn default() -> Self {
        ClientOptions {
            timeout: Duration::from_secs(20),
            connect_timeout: Duration::from_secs(5),
            extra_roots_pem: Vec::new(),
        }
    }
}

/// Refuses anything but `https://`, except `http://` to a loopback address (the sandbox).
pub fn ensure_allowed_url(url: &str) -> Result<String, ClientError> {
    let url = url.trim().trim_end_matches('/');
    let bad = || ClientError::InsecureUrl(url.to_string());
    let (scheme, rest) = url.split_once("://").ok_or_else(bad)?;
    let authority = rest.split('/').next().unwrap_or_default();
    let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let host = if host.starts_with('[') {
        host.split(']')
            .next()
            .map(|h| h.trim_start_matches('['))
            .unwrap_or_default()
    } else {
        host.split(':').next().unwrap_or_default()
    };
    if host.is_empty() {
        return Err(bad());
    }
    match scheme {
        "https" => Ok(url.to_string()),
        "http" => {
            let loopback = host == "localhost"
                || host
                    .parse::<IpAddr>()
                    .map(|ip| ip.is_loopback())
                    .unwrap_or(false);
            if loopback {
                Ok(url.to_string())
            } else {
                Err(bad())
            }
        }
        _ => Err(bad()),
    }
}

/// Builds a reqwest client that trusts the bundled web PKI roots and the given extra roots.
pub(crate) fn build_http(options: &ClientOptions) -> Result<reqwest::Client, ClientError> {
    let mut builder = reqwest::Client::builder()
        .timeout(options.timeout)
        .connect_timeout(options.connect_timeout)
        .https_only(false)
        .user_agent(concat!("ofis/", env!("CARGO_PKG_VERSION")));
    for pem in &options.extra_roots_pem {
        let cert = reqwest::Certificate::from_pem(pem)
            .map_err(|e| ClientError::InsecureUrl(format!("bad root certificate: {e}")))?;
        builder = builder.add_root_certificate(cert);
    }
    builder
        .build()
        .map_err(|e| ClientError::Network(e.to_string()))
}

/// Sends a request and decodes a JSON answer, mapping error statuses to `ClientError`.
pub(crate) async fn send_json<T: DeserializeOwned>(
    req: reqwest::RequestBuilder,
) -> Result<T, ClientError> {
    let resp = req.send().await?;
    let status = resp.status();
    let body = resp.bytes().await?;
    if !status.is_success() {
        return Err(ClientError::from_response(status.as_u16(), &body));
    }
    serde_json::from_slice(&body).map_err(|e| ClientError::Decode(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_http_is_allowed_only_to_loopback() {
        for ok in [
            "https://gorod.example",
            "http://127.0.0.1:8080",
            "http://localhost:1/",
            "http://[::1]:80",
        ] {
            assert!(ensure_allowed_url(ok).is_ok(), "{ok}");
        }
        for bad in [
            "http://gorod.example",
            "http://10.0.0.1",
            "ftp://x",
            "gorod.example",
            "http://",
            "http://user@evil.example",
        ] {
            assert!(ensure_allowed_url(bad).is_err(), "{bad}");
        }
    }
}
