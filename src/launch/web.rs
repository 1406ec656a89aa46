//! The web front: the same components served with dioxus-liveview over axum, to the holder of
//! this launch's secret only (see `web_guard`), on loopback or over TLS.
//!
//! Each websocket is a window of its own on the one signed-in app: it shares the session and the
//! data, but has its own PIN lock (`Ofis::new_window`).

use std::net::SocketAddr;
use std::sync::Arc;

use axum::extract::ws::rejection::WebSocketUpgradeRejection;
use axum::extract::ws::WebSocketUpgrade;
use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode, Uri};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use dioxus::prelude::VirtualDom;
use dioxus_liveview::{axum_socket, interpreter_glue, LiveViewPool};
use ofis_core::Ofis;

use super::web_guard::{Guard, Refusal};
use crate::cli::{Command, TlsFiles};

const WS_PATH: &str = "/ws";

fn index_page() -> String {
    super::page::document(&interpreter_glue(WS_PATH))
}

/// What every request handler shares.
struct Front {
    guard: Guard,
    page: String,
    pool: LiveViewPool,
    ofis: Ofis,
}

/// Serves the app until the process is stopped; prints the URL to open (with the secret).
pub async fn serve(
    command: Command,
    addr: SocketAddr,
    tls: Option<TlsFiles>,
) -> Result<(), String> {
    let tls = tls
        .as_ref()
        .map(super::web_tls::server_config)
        .transpose()?;
    let listener = std::net::TcpListener::bind(addr).map_err(|e| format!("{addr}: {e}"))?;
    listener.set_nonblocking(true).map_err(|e| e.to_string())?;
    let local = listener.local_addr().map_err(|e| e.to_string())?;
    let backend = super::start_backend(&command).await?;
    // The demo town, if any, serves until the front stops.
    let _town = backend.sandbox;
    let front = Arc::new(Front {
        guard: Guard::new(local, tls.is_some()),
        page: index_page(),
        pool: LiveViewPool::new(),
        ofis: backend.ofis.clone(),
    });
    // Every address is a screen of the app's router (a reload or a link opens it), so every
    // path but the socket's serves the page. Liveview's own catch-all does not match the bare `/`.
    let app = Router::new()
        .route("/", get(page))
        .route("/{*screen}", get(page))
        .route(WS_PATH, get(socket))
        .fallback(|| async { StatusCode::NOT_FOUND })
        .layer(axum::middleware::map_response(hardened))
        .with_state(front.clone());
    println!("ОФИС: {}", front.guard.url());
    use std::io::Write;
    let _ = std::io::stdout().flush();
    match tls {
        Some(config) => axum_server::from_tcp_rustls(listener, config)
            .serve(app.into_make_service())
            .await
            .map_err(|e| e.to_string())?,
        None => {
            let listener =
                tokio::net::TcpListener::from_std(listener).map_err(|e| e.to_string())?;
            axum::serve(listener, app)
                .await
                .map_err(|e| e.to_string())?
        }
    }
    Ok(())
}

/// The page: with the secret in the URL, sets the cookie and goes to the same page without it;
/// with the cookie, the app; otherwise a page that says how to get in, and nothing else.
async fn page(State(front): State<Arc<Front>>, uri: Uri, headers: HeaderMap) -> Response {
    if let Err(refusal) = front.guard.check_host(&headers) {
        return refused(refusal);
    }
    match front.guard.token_in(uri.query()) {
        Some(true) => {
            let mut response = (
                StatusCode::SEE_OTHER,
                [(
                    header::LOCATION,
                    Guard::without_token(uri.path(), uri.query()),
                )],
            )
                .into_response();
            response
                .headers_mut()
                .insert(header::SET_COOKIE, front.guard.cookie());
            response
        }
        Some(false) => refused(Refusal::NoSecret),
        None => match front.guard.check_cookie(&headers) {
            Ok(()) => Html(front.page.clone()).into_response(),
            Err(refusal) => refused(refusal),
        },
    }
}

/// The websocket of one tab: checked before the upgrade, so a refused page gets no byte of the app.
async fn socket(
    State(front): State<Arc<Front>>,
    headers: HeaderMap,
    upgrade: Result<WebSocketUpgrade, WebSocketUpgradeRejection>,
) -> Response {
    if let Err(refusal) = front.guard.check_socket(&headers) {
        tracing::info!(status = %refusal.status(), "web front: websocket refused");
        return refused(refusal);
    }
    let ws = match upgrade {
        Ok(ws) => ws,
        Err(rejection) => return rejection.into_response(),
    };
    ws.on_upgrade(move |socket| async move {
        // A new tab: a window of its own, locked when a PIN is set.
        let ofis = front.ofis.new_window();
        let make = move || VirtualDom::new(crate::app::App).with_root_context(ofis);
        if let Err(e) = front
            .pool
            .launch_virtualdom(axum_socket(socket), make)
            .await
        {
            tracing::debug!(error = %e, "a browser session ended");
        }
    })
}

/// A refusal: its status and a sentence in Russian, nothing personal.
fn refused(refusal: Refusal) -> Response {
    let text = match refusal {
        Refusal::Foreign => "Доступ запрещён: запрос пришёл не со страницы ОФИС.",
        Refusal::NoSecret => {
            "Откройте ссылку, которую ОФИС напечатал при запуске: в ней ключ доступа (?token=…)."
        }
    };
    let body = format!(
        "<!DOCTYPE html><html lang=\"ru\"><head><meta charset=\"utf-8\"><title>ОФИС</title></head>\
         <body><p id=\"refused\">{text}</p></body></html>"
    );
    (refusal.status(), Html(body)).into_response()
}

/// No framing by other sites, no caching, no `Referer` carrying the URL.
async fn hardened(mut response: Response) -> Response {
    let headers = response.headers_mut();
    for (name, value) in [
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::CONTENT_SECURITY_POLICY, "frame-ancestors 'none'"),
        (header::CACHE_CONTROL, "no-store"),
        (header::REFERRER_POLICY, "no-referrer"),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
    ] {
        headers.insert(name, HeaderValue::from_static(value));
    }
    response
}
