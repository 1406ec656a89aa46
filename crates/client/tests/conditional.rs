//! Conditional `GET`s against a server written by hand: the second `GET` of a URL names the
//! first answer's `ETag`, a 304 is answered from memory, and a 304 nobody asked for is refused.

use std::sync::{Arc, Mutex};

use ofis_client::{ClientError, ClientOptions, GorodClient, IfChanged};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

const NOT_MODIFIED: &str = "HTTP/1.1 304 Not Modified\r\netag: \"v1\"\r\nconnection: close\r\n\r\n";

/// `[]` with `etag` among the headers.
fn empty_list(etag: &str) -> String {
    format!(
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n{etag}content-length: 2\r\n\
         connection: close\r\n\r\n[]"
    )
}

/// Tags its answers `"v1"` and answers 304 to a request naming that tag.
fn tagging(head: &str) -> String {
    if head.contains("if-none-match: \"v1\"") {
        NOT_MODIFIED.to_string()
    } else {
        empty_list("etag: \"v1\"\r\n")
    }
}

/// Answers every request with `answer(its lower-cased head)`; returns its URL and the heads.
async fn server(answer: fn(&str) -> String) -> (String, Arc<Mutex<Vec<String>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let heads = Arc::new(Mutex::new(Vec::new()));
    let seen = heads.clone();
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            let seen = seen.clone();
            tokio::spawn(async move {
                let mut buf = vec![0u8; 8192];
                let n = stream.read(&mut buf).await.unwrap_or(0);
                let head = String::from_utf8_lossy(&buf[..n]).to_ascii_lowercase();
                let reply = answer(&head);
                seen.lock().unwrap().push(head);
                let _ = stream.write_all(reply.as_bytes()).await;
            });
        }
    });
    (url, heads)
}

fn client(url: &str) -> GorodClient {
    let gorod = GorodClient::new(url, &ClientOptions::default()).unwrap();
    gorod.set_access_token(Some("token".into()));
    gorod
}

#[tokio::test]
async fn the_second_get_names_the_tag_and_a_304_is_answered_from_memory() {
    let (url, heads) = server(tagging).await;
    let gorod = client(&url);
    assert_eq!(gorod.orders().await, Ok(vec![]));
    assert_eq!(gorod.orders().await, Ok(vec![]));
    let heads = heads.lock().unwrap().clone();
    assert_eq!(heads.len(), 2);
    assert!(!heads[0].contains("if-none-match"), "{}", heads[0]);
    assert!(heads[1].contains("if-none-match: \"v1\""), "{}", heads[1]);
}

#[tokio::test]
async fn an_untagged_answer_is_not_remembered() {
    let (url, heads) = server(|_| empty_list("")).await;
    let gorod = client(&url);
    assert_eq!(gorod.orders().await, Ok(vec![]));
    assert_eq!(gorod.orders().await, Ok(vec![]));
    assert!(heads
        .lock()
        .unwrap()
        .iter()
        .all(|h| !h.contains("if-none-match")));
}

#[tokio::test]
async fn a_304_nobody_asked_for_is_refused() {
    let (url, _) = server(|_| NOT_MODIFIED.to_string()).await;
    let gorod = client(&url);
    assert_eq!(
        gorod.orders().await,
        Err(ClientError::Redirect { status: 304 })
    );
    let answer = gorod.address_bills_if_changed("orb-1", None).await;
    assert_eq!(answer, Err(ClientError::Redirect { status: 304 }));
}

#[tokio::test]
async fn address_bills_if_changed_says_unchanged_on_a_304() {
    let (url, heads) = server(tagging).await;
    let gorod = client(&url);
    let answer = gorod
        .address_bills_if_changed("orb-1", Some("\"v1\""))
        .await;
    assert_eq!(answer, Ok(IfChanged::Unchanged));
    assert!(heads.lock().unwrap()[0].contains("if-none-match: \"v1\""));
}
