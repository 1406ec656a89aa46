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
mod conditional;
mod control;
mod error;
mod gateway;
mod help;
mod idempotency;
mod internal;
mod mail;
mod maintenance;
mod meters;
pub mod office;
mod openapi;
mod orders;
mod payment_readings;
mod providers;
pub mod qr;
mod receipts;
mod records;
pub mod school;
mod state;
mod support;
mod tls;
pub mod town;
pub mod transport;

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

/// Where the sandbox listens, what day it thinks it is, and whether it speaks HTTPS.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SandboxConfig {
    /// The sandbox clock's start: a local date in Asia/Yekaterinburg.
    pub today: NaiveDate,
    /// The Город API's listener.
    pub gorod_addr: SocketAddr,
    /// The gateway's listener.
    pub gateway_addr: SocketAddr,
    /// Serve both listeners over HTTPS with this identity; `None` (the default) is plain HTTP.
    pub tls: Option<TlsIdentity>,
}

impl SandboxConfig {
    /// Both listeners on 127.0.0.1 with ports chosen by the OS (for tests and the embedded demo).
    pub fn loopback_ephemeral(today: NaiveDate) -> Self {
        let any_port = SocketAddr::from((Ipv4Addr::LOCALHOST, 0));
        SandboxConfig {
            today,
            gorod_addr: any_port,
            gateway_addr: any_port,
            tls: None,
        }
    }
}

/// A server certificate and its private key, both PEM, for serving HTTPS (rustls, `ring`).
///
/// `cert_pem` is the leaf certificate followed by its issuers up to the certificate authority.
/// The leaf must name `localhost` (loopback listeners are announced as `https://localhost:PORT`).
/// The gateway trusts every certificate of `cert_pem` for its own calls to the Город API, so a
/// chain ending with its certificate authority lets the payment notices through.
#[derive(Clone, PartialEq, Eq)]
pub struct TlsIdentity {
    /// The certificate chain, leaf first (PEM).
    pub cert_pem: String,
    /// The leaf's private key (PEM: PKCS#8, PKCS#1 or SEC1).
    pub key_pem: String,
}

impl std::fmt::Debug for TlsIdentity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never print the private key.
        f.debug_struct("TlsIdentity")
            .field("cert_pem", &self.cert_pem)
            .field("key_pem", &"<redacted>")
            .finish()
    }
}

/// A started sandbox: its URLs and a handle on its state.
pub struct RunningSandbox {
    /// `http://127.0.0.1:PORT` of the Город API (`https://localhost:PORT` with TLS).
    pub gorod_url: String,
    /// `http://127.0.0.1:PORT` of the gateway (`https://localhost:PORT` with TLS).
    pub gateway_url: String,
    /// The state, for controls and inspection.
    pub state: Sandbox,
    stop: watch::Sender<bool>,
    servers: Vec<JoinHandle<()>>,
}

/// Binds both listeners and serves them on the current tokio runtime; returns once bound.
pub async fn start(config: SandboxConfig) -> std::io::Result<RunningSandbox> {
    let tls = config.tls.as_ref().map(tls::server_config).transpose()?;
    let gorod_listener = TcpListener::bind(config.gorod_addr).await?;
    let gateway_listener = TcpListener::bind(config.gateway_addr).await?;
    let https = tls.is_some();
    let gorod_url = url_of(gorod_listener.local_addr()?, https);
    let gateway_url = url_of(gateway_listener.local_addr()?, https);

    let sandbox = Sandbox::new(config.today);
    sandbox.set_urls(&gorod_url, &gateway_url);
    let gateway = gateway::Gateway {
        sandbox: sandbox.clone(),
        http: gateway::http_client(config.tls.as_ref())?,
    };

    let (stop, stopped) = watch::channel(false);
    let servers = vec![
        tokio::spawn(serve(
            "Город API",
            gorod_listener,
            gorod_router(sandbox.clone()),
            tls.clone(),
            stopped.clone(),
        )),
        tokio::spawn(serve(
            "gateway",
            gateway_listener,
            gateway::router(gateway),
            tls,
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

/// The Город API: documented routes, sandbox controls, maintenance mode, JSON 404s; `GET /api/…`
/// answers tagged for conditional requests.
fn gorod_router(sandbox: Sandbox) -> Router {
    openapi::router()
        .merge(control::routes())
        .fallback(error::no_such_route)
        .layer(axum::middleware::from_fn(conditional::tag))
        .layer(axum::middleware::from_fn_with_state(
            sandbox.clone(),
            maintenance::guard,
        ))
        .with_state(sandbox)
}

/// A URL clients can reach: a wildcard bind is reached over loopback; over TLS a loopback
/// address is announced as `localhost`, the name the certificate carries.
fn url_of(addr: SocketAddr, https: bool) -> String {
    let ip = if addr.ip().is_unspecified() {
        Ipv4Addr::LOCALHOST.into()
    } else {
        addr.ip()
    };
    if !https {
        return format!("http://{}", SocketAddr::new(ip, addr.port()));
    }
    if ip.is_loopback() {
        format!("https://localhost:{}", addr.port())
    } else {
        format!("https://{}", SocketAddr::new(ip, addr.port()))
    }
}

async fn serve(
    name: &'static str,
    listener: TcpListener,
    router: Router,
    tls: Option<axum_server::tls_rustls::RustlsConfig>,
    mut stop: watch::Receiver<bool>,
) {
    let stopped = async move {
        // Err means the handle was dropped without shutdown: keep serving until the runtime ends.
        if stop.wait_for(|stop| *stop).await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    let result = match tls {
        None => {
            axum::serve(listener, router)
                .with_graceful_shutdown(stopped)
                .await
        }
        Some(tls) => serve_tls(listener, router, tls, stopped).await,
    };
    if let Err(error) = result {
        tracing::error!(server = name, %error, "server stopped");
    }
}

/// Serves HTTPS on the listener until `stopped`, then lets requests in progress finish.
async fn serve_tls(
    listener: TcpListener,
    router: Router,
    tls: axum_server::tls_rustls::RustlsConfig,
    stopped: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let handle = axum_server::Handle::new();
    let shutdown = handle.clone();
    tokio::spawn(async move {
        stopped.await;
        shutdown.graceful_shutdown(Some(Duration::from_secs(4)));
    });
    axum_server::from_tcp_rustls(listener.into_std()?, tls)
        .handle(handle)
        .serve(router.into_make_service())
        .await
}
