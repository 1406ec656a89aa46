//! The web front: the same components served with dioxus-liveview over axum.

use std::net::SocketAddr;

use axum::extract::ws::WebSocketUpgrade;
use axum::response::Html;
use axum::routing::get;
use axum::Router;
use dioxus::prelude::VirtualDom;
use dioxus_liveview::{axum_socket, interpreter_glue, LiveViewPool};

use crate::cli::Command;

const WS_PATH: &str = "/ws";

fn index_page() -> String {
    format!(
        r#"<!DOCTYPE html>
<html lang="ru">
<head>
<meta charset="utf-8">
<title>ОФИС</title>
<meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">
</head>
<body><div id="main"></div>{}</body>
</html>"#,
        interpreter_glue(WS_PATH)
    )
}

/// Serves the app until the process is stopped; prints the URL to open.
pub async fn serve(command: Command, addr: SocketAddr) -> Result<(), String> {
    let backend = super::start_backend(&command).await?;
    let ofis = backend.ofis;
    let pool = LiveViewPool::new();
    let page = index_page();
    let index = move || {
        let page = page.clone();
        async move { Html(page) }
    };
    // Liveview's own catch-all route does not match the bare `/`, so the page is routed here.
    let app = Router::new()
        .route("/", get(index.clone()))
        .route("/app", get(index.clone()))
        .route("/app/{*rest}", get(index))
        .route(
            WS_PATH,
            get(move |ws: WebSocketUpgrade| {
                let (pool, ofis) = (pool.clone(), ofis.clone());
                async move {
                    ws.on_upgrade(move |socket| async move {
                        let make = move || VirtualDom::new(crate::app::App).with_root_context(ofis);
                        if let Err(e) = pool.launch_virtualdom(axum_socket(socket), make).await {
                            tracing::debug!(error = %e, "a browser session ended");
                        }
                    })
                }
            }),
        );
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|e| format!("{addr}: {e}"))?;
    let local = listener.local_addr().map_err(|e| e.to_string())?;
    println!("ОФИС: http://{local}/");
    use std::io::Write;
    let _ = std::io::stdout().flush();
    axum::serve(listener, app)
        .await
        .map_err(|e| e.to_string())?;
    drop(backend.sandbox);
    Ok(())
}
