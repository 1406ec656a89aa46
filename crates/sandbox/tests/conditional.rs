//! Conditional `GET`s: every 200 of `GET /api/…` carries a strong `ETag`, a matching
//! `If-None-Match` gets a 304 with no body, and the tag moves with the answer's bytes.

mod common;

use common::{Harness, FULL_ADDRESS, PHONE};
use ofis_api::paths;
use reqwest::header::{ETAG, IF_NONE_MATCH};
use reqwest::StatusCode;

async fn get_if_none_match(h: &Harness, url: &str, token: &str, tag: &str) -> reqwest::Response {
    h.http
        .get(url)
        .bearer_auth(token)
        .header(IF_NONE_MATCH, tag)
        .send()
        .await
        .expect("request sent")
}

fn etag_of(response: &reqwest::Response) -> String {
    let tag = response.headers().get(ETAG).expect("an ETag");
    tag.to_str().expect("ASCII").to_string()
}

#[tokio::test]
async fn an_unchanged_answer_is_a_304_without_a_body_and_a_changed_one_has_a_new_tag() {
    let h = Harness::start("2026-11-25").await;
    let token = h.sign_in(PHONE).await;
    let url = h.api(&paths::address_bills(FULL_ADDRESS));
    let first = h.get(&url, Some(&token)).await;
    assert_eq!(first.status(), StatusCode::OK);
    let tag = etag_of(&first);
    assert!(
        tag.starts_with('"') && !tag.starts_with("W/"),
        "strong: {tag}"
    );
    let body = first.bytes().await.expect("body");
    let again = h.get(&url, Some(&token)).await;
    assert_eq!(etag_of(&again), tag, "the same bytes, the same tag");
    assert_eq!(again.bytes().await.expect("body"), body);

    for wanted in [
        tag.clone(),
        format!("W/{tag}"),
        format!("\"x\", {tag}"),
        "*".into(),
    ] {
        let answer = get_if_none_match(&h, &url, &token, &wanted).await;
        assert_eq!(answer.status(), StatusCode::NOT_MODIFIED, "{wanted}");
        assert_eq!(etag_of(&answer), tag);
        assert!(answer.bytes().await.expect("body").is_empty());
    }
    let other = get_if_none_match(&h, &url, &token, "\"not-this-one\"").await;
    assert_eq!(other.status(), StatusCode::OK);
    assert_eq!(other.bytes().await.expect("body"), body);

    // Next month's bills are posted: other bytes, another tag, and the old one gets them whole.
    h.sandbox.state.set_today(common::date("2026-12-11"));
    let moved = get_if_none_match(&h, &url, &token, &tag).await;
    assert_eq!(moved.status(), StatusCode::OK);
    assert_ne!(etag_of(&moved), tag);
    h.sandbox.shutdown().await;
}

#[tokio::test]
async fn only_successful_gets_of_the_api_are_tagged() {
    let h = Harness::start("2026-11-25").await;
    let refused = h.get(&h.api(paths::ORDERS), None).await;
    assert_eq!(refused.status(), StatusCode::UNAUTHORIZED);
    assert!(refused.headers().get(ETAG).is_none(), "a 401 is not tagged");
    let token = h.sign_in(PHONE).await;
    let missing = h
        .get(&h.api("/api/v1/orders/no-such-order"), Some(&token))
        .await;
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    assert!(missing.headers().get(ETAG).is_none(), "a 404 is not tagged");
    let doc = h.get(&h.api(paths::OPENAPI), None).await;
    assert!(doc.headers().get(ETAG).is_none(), "not under /api/");
    let posted = h
        .post(
            &h.api(paths::AUTH_SMS),
            None,
            &ofis_api::SmsRequest {
                phone: "+79123456789".into(),
            },
        )
        .await;
    assert!(posted.status().is_success());
    assert!(posted.headers().get(ETAG).is_none(), "a POST is not tagged");
    h.sandbox.shutdown().await;
}

#[tokio::test]
async fn the_document_declares_the_tag_and_the_304_of_every_get() {
    let doc = serde_json::to_value(gorod_sandbox::openapi()).expect("doc");
    let mut gets = 0;
    for (path, item) in doc["paths"].as_object().expect("paths") {
        let Some(get) = item.get("get") else { continue };
        if !path.starts_with("/api/") {
            continue;
        }
        gets += 1;
        assert!(get["responses"]["304"].is_object(), "{path}: 304");
        assert!(
            get["responses"]["200"]["headers"]["ETag"].is_object(),
            "{path}: ETag of the 200"
        );
        let parameters = get["parameters"].as_array().expect("parameters");
        assert!(
            parameters
                .iter()
                .any(|p| p["name"] == "If-None-Match" && p["in"] == "header"),
            "{path}: If-None-Match"
        );
    }
    assert!(gets > 30, "{gets} GET operations");
}
