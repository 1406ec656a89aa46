//! Maintenance mode: while on, every `/api/` route answers 503 with `Retry-After`.
//!
//! Only the public API goes down: the gateway's server-to-server notices (`/internal/`), the
//! OpenAPI document and the sandbox controls keep working, so a test can turn maintenance off.

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::error::Failure;
use crate::state::Sandbox;

/// Middleware answering 503 for `/api/` while maintenance is on.
pub(crate) async fn guard(
    State(sandbox): State<Sandbox>,
    request: Request,
    next: Next,
) -> Response {
    if request.uri().path().starts_with("/api/") {
        let maintenance = sandbox.lock().maintenance.clone();
        if let Some((message, retry_after)) = maintenance {
            return Failure::maintenance(message, retry_after).into_response();
        }
    }
    next.run(request).await
}
