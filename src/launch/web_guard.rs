//! Who may use the web front: the holder of this launch's secret, from the front's own origin.
//!
//! The secret is printed in the URL (`?token=…`, as Jupyter does). Its first use sets an
//! HttpOnly, SameSite=Strict cookie and redirects to the URL without it; every page and the
//! websocket then need the cookie. The websocket also needs the front's own `Host` and `Origin`:
//! browsers let any web page open a websocket to `127.0.0.1`, and a name rebound to `127.0.0.1`
//! would bring its own `Host`.

use std::net::SocketAddr;

use axum::http::{header, HeaderMap, HeaderValue, StatusCode};

/// Why a request is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// Not this front's `Host`, or a page of another origin: 403.
    Foreign,
    /// Without this launch's secret: 401.
    NoSecret,
}

impl Refusal {
    pub fn status(self) -> StatusCode {
        match self {
            Refusal::Foreign => StatusCode::FORBIDDEN,
            Refusal::NoSecret => StatusCode::UNAUTHORIZED,
        }
    }
}

/// This launch's secret and where the front listens.
pub struct Guard {
    secret: String,
    cookie_name: String,
    addr: SocketAddr,
    tls: bool,
}

impl Guard {
    /// A fresh secret (256 bits from the OS's generator) for the front listening on `addr`.
    pub fn new(addr: SocketAddr, tls: bool) -> Guard {
        let bytes: [u8; 32] = rand::random();
        let secret = bytes.iter().map(|b| format!("{b:02x}")).collect();
        Guard {
            secret,
            // Browsers keep cookies per host, not per port: each front names its own.
            cookie_name: format!("ofis-{}", addr.port()),
            addr,
            tls,
        }
    }

    fn scheme(&self) -> &'static str {
        if self.tls {
            "https"
        } else {
            "http"
        }
    }

    /// The URL to open, secret included.
    pub fn url(&self) -> String {
        format!("{}://{}/?token={}", self.scheme(), self.addr, self.secret)
    }

    /// Whether `host` (`name[:port]`) names this front. Over plain HTTP (loopback only) it is the
    /// listening address or `localhost` on its port; over TLS any name, since a name that does not
    /// match the certificate fails in the browser before a byte is exchanged.
    fn own_host(&self, host: &str) -> bool {
        let default = if self.tls { 443 } else { 80 };
        let Some((name, port)) = split_host(host, default) else {
            return false;
        };
        if self.tls {
            return true;
        }
        port == self.addr.port()
            && (name == "localhost"
                || name.parse::<std::net::IpAddr>().ok() == Some(self.addr.ip()))
    }

    /// Refuses a request to another `Host` than this front's.
    pub fn check_host(&self, headers: &HeaderMap) -> Result<(), Refusal> {
        match text(headers, header::HOST) {
            Some(host) if self.own_host(host) => Ok(()),
            _ => Err(Refusal::Foreign),
        }
    }

    /// The websocket: this front's `Host`, an `Origin` of this very host, then the cookie.
    pub fn check_socket(&self, headers: &HeaderMap) -> Result<(), Refusal> {
        self.check_host(headers)?;
        let host = text(headers, header::HOST).unwrap_or_default();
        let own_origin = format!("{}://{}", self.scheme(), host);
        match text(headers, header::ORIGIN) {
            Some(origin) if origin.eq_ignore_ascii_case(&own_origin) => {}
            _ => return Err(Refusal::Foreign),
        }
        self.check_cookie(headers)
    }

    /// Refuses a request without this launch's cookie.
    pub fn check_cookie(&self, headers: &HeaderMap) -> Result<(), Refusal> {
        let held = headers
            .get_all(header::COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(';'))
            .filter_map(|pair| pair.trim().split_once('='))
            .any(|(name, value)| name == self.cookie_name && self.is_secret(value));
        if held {
            Ok(())
        } else {
            Err(Refusal::NoSecret)
        }
    }

    /// Whether the query string carries the secret: `Some(true)` right, `Some(false)` wrong.
    pub fn token_in(&self, query: Option<&str>) -> Option<bool> {
        query?
            .split('&')
            .filter_map(|pair| pair.split_once('='))
            .find(|(name, _)| *name == "token")
            .map(|(_, value)| self.is_secret(value))
    }

    /// Where the page with the secret moves to: the same path and query without the secret (a
    /// link such as `/subscriber/booking?topic=meter&token=…` keeps its topic).
    pub fn without_token(path: &str, query: Option<&str>) -> String {
        let kept: Vec<&str> = query
            .unwrap_or_default()
            .split('&')
            .filter(|pair| !pair.is_empty() && pair.split('=').next() != Some("token"))
            .collect();
        match kept.as_slice() {
            [] => path.to_string(),
            _ => format!("{path}?{}", kept.join("&")),
        }
    }

    /// The cookie that stands for the secret from now on in this browser.
    pub fn cookie(&self) -> HeaderValue {
        let secure = if self.tls { "; Secure" } else { "" };
        let cookie = format!(
            "{}={}; Path=/; HttpOnly; SameSite=Strict{secure}",
            self.cookie_name, self.secret
        );
        HeaderValue::from_str(&cookie).expect("hex and ASCII make a valid header")
    }

    /// Compares in time that does not depend on where the first difference is.
    fn is_secret(&self, candidate: &str) -> bool {
        let (a, b) = (self.secret.as_bytes(), candidate.as_bytes());
        a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
    }
}

fn text(headers: &HeaderMap, name: header::HeaderName) -> Option<&str> {
    headers.get(name)?.to_str().ok()
}

/// `name[:port]` (IPv6 in brackets) as a lowercase name and a port.
fn split_host(host: &str, default_port: u16) -> Option<(String, u16)> {
    let (name, port) = if let Some(rest) = host.strip_prefix('[') {
        let (ip, after) = rest.split_once(']')?;
        match after.strip_prefix(':') {
            Some(port) => (ip, Some(port)),
            None if after.is_empty() => (ip, None),
            None => return None,
        }
    } else {
        match host.rsplit_once(':') {
            Some((name, port)) => (name, Some(port)),
            None => (host, None),
        }
    };
    let port = match port {
        Some(p) => p.parse().ok()?,
        None => default_port,
    };
    if name.is_empty() {
        return None;
    }
    Some((name.to_ascii_lowercase(), port))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(header::HeaderName, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (name, value) in pairs {
            h.append(name.clone(), HeaderValue::from_str(value).unwrap());
        }
        h
    }

    #[test]
    fn the_socket_wants_its_own_host_and_origin_then_the_cookie() {
        let guard = Guard::new("127.0.0.1:8080".parse().unwrap(), false);
        let cookie = format!("a=b; ofis-8080={}", guard.secret);
        let own = [
            (header::HOST, "127.0.0.1:8080"),
            (header::ORIGIN, "http://127.0.0.1:8080"),
        ];
        let with = |extra: &[(header::HeaderName, &str)]| {
            let mut all = own.to_vec();
            all.extend_from_slice(extra);
            guard.check_socket(&headers(&all))
        };
        assert_eq!(with(&[(header::COOKIE, &cookie)]), Ok(()));
        assert_eq!(with(&[]), Err(Refusal::NoSecret));
        let wrong = "ofis-8080=00";
        assert_eq!(with(&[(header::COOKIE, wrong)]), Err(Refusal::NoSecret));
        let other_port = format!("ofis-9090={}", guard.secret);
        assert_eq!(
            with(&[(header::COOKIE, &other_port)]),
            Err(Refusal::NoSecret)
        );
        for (host, origin) in [
            ("127.0.0.1:8080", "http://evil.example"),
            ("127.0.0.1:8080", "null"),
            ("127.0.0.1:8080", "http://127.0.0.1:8081"),
            ("127.0.0.1:8080", "https://127.0.0.1:8080"),
            ("evil.example:8080", "http://evil.example:8080"),
            ("127.0.0.2:8080", "http://127.0.0.2:8080"),
            ("127.0.0.1", "http://127.0.0.1"),
        ] {
            let h = headers(&[
                (header::HOST, host),
                (header::ORIGIN, origin),
                (header::COOKIE, &cookie),
            ]);
            assert_eq!(
                guard.check_socket(&h),
                Err(Refusal::Foreign),
                "{host} {origin}"
            );
        }
        let no_origin = headers(&[(header::HOST, "127.0.0.1:8080"), (header::COOKIE, &cookie)]);
        assert_eq!(guard.check_socket(&no_origin), Err(Refusal::Foreign));
        let localhost = headers(&[
            (header::HOST, "localhost:8080"),
            (header::ORIGIN, "http://localhost:8080"),
            (header::COOKIE, &cookie),
        ]);
        assert_eq!(guard.check_socket(&localhost), Ok(()));
    }

    #[test]
    fn the_token_is_read_from_the_query_and_compared_whole() {
        let guard = Guard::new("[::1]:0".parse().unwrap(), true);
        assert!(guard.url().starts_with("https://[::1]:0/?token="));
        let token = guard.secret.clone();
        assert_eq!(guard.token_in(Some(&format!("token={token}"))), Some(true));
        assert_eq!(
            guard.token_in(Some(&format!("x=1&token={token}"))),
            Some(true)
        );
        assert_eq!(
            guard.token_in(Some(&format!("token={}", &token[1..]))),
            Some(false)
        );
        assert_eq!(guard.token_in(Some("x=1")), None);
        assert_eq!(guard.token_in(None), None);
        assert_eq!(
            Guard::without_token("/", Some(&format!("token={token}"))),
            "/"
        );
        assert_eq!(
            Guard::without_token("/subscriber/booking", Some("topic=meter&token=x&b=1")),
            "/subscriber/booking?topic=meter&b=1"
        );
        assert!(guard
            .cookie()
            .to_str()
            .unwrap()
            .ends_with("HttpOnly; SameSite=Strict; Secure"));
        assert_eq!(split_host("[::1]:8080", 80), Some(("::1".into(), 8080)));
        assert_eq!(
            split_host("LocalHost", 443),
            Some(("localhost".into(), 443))
        );
        assert_eq!(split_host(":80", 80), None);
    }
}
