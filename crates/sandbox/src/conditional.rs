//! Conditional requests (RFC 9110 §8.8.3, §13.1.2): every 200 answer to `GET /api/…` carries an
//! `ETag`, a strong validator made of the SHA-256 of its body, and a `GET` whose `If-None-Match`
//! names that tag is answered 304 with no body. An app that opens a screen it has already seen
//! then pays for a request line and a few headers, not the whole answer again.
//!
//! The tag is computed from the answer itself, after the handler ran, so it changes exactly when
//! the bytes do, whatever changed them (a bill posted, a balance credited, the clock moved).

use axum::body::{to_bytes, Body};
use axum::extract::Request;
use axum::http::header::{ETAG, IF_NONE_MATCH};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use sha2::{Digest, Sha256};

/// The largest body the layer reads to tag it; a bigger one goes out untagged, as it came.
const MAX_TAGGED_BODY: usize = 16 * 1024 * 1024;

/// Middleware tagging `GET /api/…` answers and answering 304 to a matching `If-None-Match`.
pub(crate) async fn tag(request: Request, next: Next) -> Response {
    if request.method() != Method::GET || !request.uri().path().starts_with("/api/") {
        return next.run(request).await;
    }
    let wanted = request.headers().get(IF_NONE_MATCH).cloned();
    let response = next.run(request).await;
    if response.status() != StatusCode::OK {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = to_bytes(body, MAX_TAGGED_BODY).await else {
        // Only a body over the limit (or a failing stream) lands here; none of ours does.
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let etag = entity_tag(&bytes);
    if wanted.as_ref().is_some_and(|w| none_match_fails(w, &etag)) {
        return not_modified(&parts.headers, etag);
    }
    parts.headers.insert(ETAG, etag);
    Response::from_parts(parts, Body::from(bytes))
}

/// `"<SHA-256 in base64url>"`: a strong tag, the same for the same bytes on every run (43
/// characters between the quotes, shorter than hex on every 304).
pub(crate) fn entity_tag(body: &[u8]) -> HeaderValue {
    let digest = URL_SAFE_NO_PAD.encode(Sha256::digest(body));
    HeaderValue::try_from(format!("\"{digest}\"")).expect("base64url is a valid header value")
}

/// Whether `If-None-Match: wanted` names the current representation, so the condition fails and
/// the answer is 304. `*` matches any; otherwise the weak comparison of §8.8.3.2 (a `W/` prefix
/// is ignored), over a comma-separated list.
fn none_match_fails(wanted: &HeaderValue, etag: &HeaderValue) -> bool {
    let (Ok(wanted), Ok(etag)) = (wanted.to_str(), etag.to_str()) else {
        return false;
    };
    wanted.split(',').map(str::trim).any(|candidate| {
        candidate == "*" || candidate.strip_prefix("W/").unwrap_or(candidate) == etag
    })
}

/// 304 with the validator and the caching headers a 200 would have sent, and no body (§15.4.5).
fn not_modified(headers: &HeaderMap, etag: HeaderValue) -> Response {
    let mut response = StatusCode::NOT_MODIFIED.into_response();
    let kept = response.headers_mut();
    for name in [
        "cache-control",
        "content-location",
        "date",
        "expires",
        "vary",
    ] {
        if let Some(value) = headers.get(name) {
            kept.insert(name, value.clone());
        }
    }
    kept.insert(ETAG, etag);
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(text: &str) -> HeaderValue {
        HeaderValue::from_str(text).unwrap()
    }

    #[test]
    fn the_tag_is_strong_and_follows_the_bytes() {
        let a = entity_tag(b"{\"a\":1}");
        assert_eq!(a, entity_tag(b"{\"a\":1}"));
        assert_ne!(a, entity_tag(b"{\"a\":2}"));
        let text = a.to_str().unwrap();
        assert!(text.starts_with('"') && text.ends_with('"') && text.len() == 45);
    }

    #[test]
    fn if_none_match_matches_the_tag_in_a_list_weakly_or_any() {
        let tag = entity_tag(b"body");
        let text = tag.to_str().unwrap().to_string();
        for (header, matches) in [
            (text.clone(), true),
            (format!("W/{text}"), true),
            (format!("\"other\", {text}"), true),
            ("*".to_string(), true),
            ("\"other\"".to_string(), false),
            (text.trim_matches('"').to_string(), false),
            (String::new(), false),
        ] {
            assert_eq!(none_match_fails(&value(&header), &tag), matches, "{header}");
        }
    }
}
