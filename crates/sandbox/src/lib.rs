//! A faithful, deterministic sandbox of the private Система «Город» API and of the bank gateway
//! the app pays through, with a seeded demo town (see [`town`]).
//!
//! Two listeners, like the real two systems: the Город API (JSON, documented at `/openapi.json`)
//! and the gateway, which takes card data and reports outcomes to the Город API by a real HTTP
//! call. Tests talk to both over loopback; the app embeds them in demo mode.
//!
//! Fixed codes: the SMS sign-in code is [`SMS_CODE`], the 3-D Secure code is [`THREE_DS_CODE`];
//! the [`test_cards`] choose the bank's verdict. The clock is the sandbox's own ([`Sandbox::set_today`]).
//!
//! Every provider declares its payment rules (minimum, maximum, pay in full, fee) and the account
//! field it asks for; orders are checked against the rules and carry the fees. Receipt copies
//! "sent" by e-mail stay in an outbox ([`Sandbox::sent_mail`], `GET /sandbox/mail`).
//!
//! Metered accounts have meters ([`town::meters`]); readings go with a payment (checked with the
//! order, then written into the provider's payment registry: [`Sandbox::registry`],
//! `GET /sandbox/registries/{provider_id}`) or, for Город-billed accounts, without one.
//!
//! Every bill carries a GOST R 56042-2014 payment QR code ([`qr`]): its text at
//! `GET /api/v1/bills/{id}/qr`, a PNG of it from [`bill_qr_png`] or `gorod-sandbox --write-qr DIR`.

use std::net::{Ipv4Addr, SocketAddr};
use std::time::Duration;

use axum::Router;
use chrono::NaiveDate;
use tokio::net::TcpListener;
use tokio::sync::watch;
use tokio::task::JoinHandle;

mod addresses;
mod auth;
mod control;
mod error;
mod gateway;
mod internal;
mod mail;
mod maintenance;
mod meters;
mod openapi;
mod orders;
mod payment_readings;
mod providers;
pub mod qr;
mod receipts;
mod state;
pub mod town;

pub use openapi::openapi;
pub use qr::{bill_qr_payload, bill_qr_png};
pub use receipts::{fiscal_sign, FN_NUMBER};
pub use state::{Sandbox, DEFAULT_MAINTENANCE_MESSAGE};

/// The sign-in code every phone receives (also logged when requested).
pub const SMS_CODE: &str = "1234";
/// The 3-D Secure code that confirms a challenged payment.
pub const THREE_DS_CODE: &str = "4321";

/// Card numbers that choose the bank's verdict; any other valid card succeeds.
pub mod test_cards {
    /// Visa that pays.
    pub const SUCCESS_VISA: &str = "4111111111111111";
    /// Мир that pays.
    pub const SUCCESS_MIR: &str = "2200000000000004";
    /// Mastercard that pays.
    pub const SUCCESS_MASTERCARD: &str = "5555555555554444";
    /// Refused by the bank.
    pub const DECLINE: &str = "4000000000000002";
    /// Refused: not enough money.
    pub const INSUFFICIENT_FUNDS: &str = "4000000000009995";
    /// Visa that asks for a 3-D Secure code.
    pub const THREE_DS: &str = "4000000000003220";
    /// Мир that asks for a 3-D Secure code.
    pub const THREE_DS_MIR: &str = "2200000000000012";
}

/// Where the sandbox listens and what day it thinks it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SandboxConfig {
    /// The sandbox clock's start: a local date in Asia/Yekaterinburg.
    pub today: NaiveDate,
    /// The Город API's listener.
    pub gorod_addr: SocketAddr,
    /// The gateway's listener.
    pub gateway_addr: SocketAddr,
}

impl SandboxConfig {
    /// Both listeners on 127.0.0.1 with ports chosen by the OS (for tests and the embedded demo).
    pub fn loopback_ephemeral(today: NaiveDate) -> Self {
        let any_port = SocketAddr::from((Ipv4Addr::LOCALHOST, 0));
        SandboxConfig {
            today,
            gorod_addr: any_port,
            gateway_addr: any_port,
        }
    }
}

/// A started sandbox: its URLs and a handle on its state.
pub struct RunningSandbox {
    /// `http://127.0.0.1:PORT` of the Город API.
    pub gorod_url: String,
    /// `http://127.0.0.1:PORT` of the gateway.
    pub gateway_url: String,
    /// The state, for controls and inspection.
    pub state: Sandbox,
    stop: watch::Sender<bool>,
    servers: Vec<JoinHandle<()>>,
}

/// Binds both listeners and serves them on the current tokio runtime; returns once bound.
pub async fn start(config: SandboxConfig) -> std::io::Result<RunningSandbox> {
    let gorod_listener = TcpListener::bind(config.gorod_addr).await?;
    let gateway_listener = TcpListener::bind(config.gateway_addr).await?;
    let gorod_url = url_of(gorod_listener.local_addr()?);
    let gateway_url = url_of(gateway_listener.local_addr()?);

    let sandbox = Sandbox::new(config.today);
    sandbox.set_urls(&gorod_url, &gateway_url);
    let gateway = gateway::Gateway {
        sandbox: sandbox.clone(),
        http: gateway::http_client()?,
    };

    let (stop, stopped) = watch::channel(false);
    let servers = vec![
        tokio::spawn(serve(
            "Город API",
            gorod_listener,
            gorod_router(sandbox.clone()),
            stopped.clone(),
        )),
        tokio::spawn(serve(
            "gateway",
            gateway_listener,
            gateway::router(gateway),
            stopped,
        )),
    ];
    tracing::info!(%gorod_url, %gateway_url, today = %config.today, "sandbox started");
    Ok(RunningSandbox {
        gorod_url,
        gateway_url,
        state: sandbox,
        stop,
        servers,
    })
}

impl RunningSandbox {
    /// Stops both servers, letting requests in progress finish (for a few seconds at most).
    pub async fn shutdown(self) {
        // Err only if both servers are gone already: nothing left to stop.
        let _ = self.stop.send(true);
        for server in self.servers {
            let abort = server.abort_handle();
            if tokio::time::timeout(Duration::from_secs(5), server)
                .await
                .is_err()
            {
                abort.abort();
            }
        }
    }
}

/// The Город API: documented routes, sandbox controls, maintenance mode, JSON 404s.
fn gorod_router(sandbox: Sandbox) -> Router {
    openapi::router()
        .merge(control::routes())
        .fallback(error::no_such_route)
        .layer(axum::middleware::from_fn_with_state(
            sandbox.clone(),
            maintenance::guard,
        ))
        .with_state(sandbox)
}

/// A URL clients can reach: a wildcard bind is reached over loopback.
fn url_of(addr: SocketAddr) -> String {
    let ip = if addr.ip().is_unspecified() {
        Ipv4Addr::LOCALHOST.into()
    } else {
        addr.ip()
    };
    format!("http://{}", SocketAddr::new(ip, addr.port()))
}

async fn serve(
    name: &'static str,
    listener: TcpListener,
    router: Router,
    mut stop: watch::Receiver<bool>,
) {
    let stopped = async move {
        // Err means the handle was dropped without shutdown: keep serving until the runtime ends.
        if stop.wait_for(|stop| *stop).await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    if let Err(error) = axum::serve(listener, router)
        .with_graceful_shutdown(stopped)
        .await
    {
        tracing::error!(server = name, %error, "server stopped");
    }
}
