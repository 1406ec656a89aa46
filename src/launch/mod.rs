//! Starting the app: the backend (embedded sandbox or a server), then a front.

#[cfg(any(feature = "desktop", feature = "mobile"))]
mod boot;
#[cfg(feature = "desktop")]
mod desktop;
#[cfg(all(feature = "mobile", not(feature = "desktop")))]
mod mobile;
mod page;
mod town;
#[cfg(feature = "web")]
mod web;
#[cfg(feature = "web")]
mod web_guard;
#[cfg(feature = "web")]
mod web_tls;

use std::sync::Arc;

use ofis_core::{
    AllowedGateways, Clock, CoreConfig, KeyringSecrets, MemorySecrets, Ofis, SecretStore,
    ShiftedClock, SystemClock,
};
use town::DemoTown;

use crate::cli::{Command, Front};

/// The UI framework's crates log each component's props and each input event at TRACE, typed
/// text included (a phone number, an address): they never log below DEBUG, whatever `RUST_LOG`
/// asks for (release builds compile TRACE out altogether: Cargo.toml, `tracing`).
const UI_LOG_CAP: [&str; 6] = [
    "dioxus_core",
    "dioxus_html",
    "dioxus_liveview",
    "dioxus_desktop",
    "dioxus_signals",
    "dioxus_interpreter_js",
];

/// Logs to stderr at INFO; `RUST_LOG` refines by target (`warn`, `ofis_core=debug,info`). Secrets
/// never reach a log field (see `ofis_core`), and the UI framework never logs what was typed
/// ([`UI_LOG_CAP`]): an event passes both what was asked and the cap, so no directive, however
/// specific, lifts it.
pub fn init_logging() {
    use tracing_subscriber::filter::{FilterExt, LevelFilter, Targets};
    use tracing_subscriber::layer::{Layer, SubscriberExt};
    use tracing_subscriber::util::SubscriberInitExt;

    let asked = std::env::var("RUST_LOG")
        .ok()
        .and_then(|v| v.parse::<Targets>().ok())
        .unwrap_or_else(|| Targets::new().with_default(LevelFilter::INFO));
    let cap = UI_LOG_CAP.iter().fold(
        Targets::new().with_default(LevelFilter::TRACE),
        |cap, target| cap.with_target(*target, LevelFilter::DEBUG),
    );
    let _ = tracing_subscriber::registry()
        .with(
            tracing_subscriber::fmt::layer()
                .with_writer(std::io::stderr)
                .with_filter(asked.and(cap)),
        )
        .try_init();
}

/// Runs the chosen front until it is closed.
pub fn run(command: Command) -> Result<(), String> {
    match command.front.clone() {
        Front::Web { addr, tls } => run_web(command, addr, tls),
        Front::Desktop => {
            #[cfg(all(feature = "mobile", not(feature = "desktop")))]
            return mobile::run(command);
            #[cfg(feature = "desktop")]
            if has_display() {
                return desktop::run(command);
            }
            #[allow(unreachable_code)]
            {
                eprintln!("Нет графического дисплея: запускаю веб-версию ОФИС.");
                let addr = crate::cli::DEFAULT_WEB_ADDR.parse().expect("valid default");
                run_web(command, addr, None)
            }
        }
    }
}

#[cfg(feature = "web")]
fn run_web(
    command: Command,
    addr: std::net::SocketAddr,
    tls: Option<crate::cli::TlsFiles>,
) -> Result<(), String> {
    let rt = tokio::runtime::Runtime::new().map_err(|e| e.to_string())?;
    rt.block_on(web::serve(command, addr, tls))
}

#[cfg(not(feature = "web"))]
fn run_web(
    _command: Command,
    _addr: std::net::SocketAddr,
    _tls: Option<crate::cli::TlsFiles>,
) -> Result<(), String> {
    Err("this build has no web front (feature `web`)".into())
}

#[cfg(feature = "desktop")]
fn has_display() -> bool {
    std::env::var_os("DISPLAY").is_some() || std::env::var_os("WAYLAND_DISPLAY").is_some()
}

/// The bundle id: the service name the app's secrets are filed under in the OS keyring.
pub const KEYRING_SERVICE: &str = "ru.gorod.ofis";

/// The OS keyring when this process may use it; otherwise memory, so the session lasts until
/// the app closes (the person is told). Never SQLite. Each data folder is its own profile with
/// its own session, so the folder is part of the service name.
fn secret_store(data_dir: &std::path::Path) -> Arc<dyn SecretStore> {
    let dir = std::path::absolute(data_dir).unwrap_or_else(|_| data_dir.to_path_buf());
    let service = format!("{KEYRING_SERVICE}:{}", dir.display());
    match KeyringSecrets::platform(&service).and_then(|k| k.probe().map(|()| k)) {
        Ok(keyring) => Arc::new(keyring),
        Err(e) => {
            tracing::warn!(error = %e, "OS keyring unavailable: the session lasts until the app closes");
            eprintln!("ОФИС: защищённое хранилище недоступно, вход сохранится только до закрытия приложения.");
            Arc::new(MemorySecrets::default())
        }
    }
}

/// Where the card may go: the embedded sandbox's gateway in demo mode; with a server, the
/// gateways of `OFIS_GATEWAY` (comma-separated base URLs), else any gateway on this machine when
/// the server is on it too (a sandbox under development), else none (paying is refused).
fn allowed_gateways(
    server_url: &str,
    sandbox: Option<&DemoTown>,
) -> Result<AllowedGateways, String> {
    if let Some(town) = sandbox {
        return AllowedGateways::only([town::gateway_url(town)]).map_err(|e| e.to_string());
    }
    let listed = std::env::var("OFIS_GATEWAY").unwrap_or_default();
    let listed: Vec<&str> = listed
        .split(',')
        .map(str::trim)
        .filter(|u| !u.is_empty())
        .collect();
    if !listed.is_empty() {
        return AllowedGateways::only(listed)
            .map_err(|e| format!("OFIS_GATEWAY: адрес платёжного шлюза не подходит ({e})"));
    }
    Ok(if ofis_core::is_loopback_url(server_url) {
        AllowedGateways::any_loopback()
    } else {
        AllowedGateways::none()
    })
}

/// The app service and, in demo mode, the embedded sandbox it talks to over loopback HTTP.
pub struct Backend {
    pub ofis: Ofis,
    pub sandbox: Option<DemoTown>,
}

/// Starts the embedded demo town when no server is given, then opens the app service.
pub async fn start_backend(command: &Command) -> Result<Backend, String> {
    // The demo town and the app keep one calendar: a town in November and an app in December
    // would see last month's bills as overdue.
    let clock: Arc<dyn Clock> = match command.today {
        Some(day) => Arc::new(ShiftedClock::on(day)),
        None => Arc::new(SystemClock),
    };
    let (server_url, sandbox) = match command.server.clone().or_else(town::built_in_server) {
        Some(url) => (url, None),
        None => {
            let (url, running) = town::start(clock.today()).await?;
            (url, Some(running))
        }
    };
    let gateways = allowed_gateways(&server_url, sandbox.as_ref())?;
    let config = CoreConfig {
        server_url,
        data_dir: command.data_dir.clone(),
        client: Default::default(),
        gateways,
    };
    let ofis = Ofis::open(config, secret_store(&command.data_dir), clock)
        .await
        .map_err(|e| crate::messages::core_error(&e))?;
    Ok(Backend { ofis, sandbox })
}
