//! The embedded demo town (feature `demo`): the sandbox's Город API and bank gateway on loopback,
//! started when no server is given. A store build leaves the feature out, so no sandbox is in
//! it; it needs a server: `--server`, `OFIS_SERVER`, or the address it was built with
//! (`OFIS_DEFAULT_SERVER` at build time).

use chrono::NaiveDate;

/// The running demo town, kept until the app closes.
#[cfg(feature = "demo")]
pub type DemoTown = gorod_sandbox::RunningSandbox;

/// A build without the demo town: there is never one.
#[cfg(not(feature = "demo"))]
pub enum DemoTown {}

/// The server of a build that has one built in (`OFIS_DEFAULT_SERVER` when it was compiled).
pub fn built_in_server() -> Option<String> {
    option_env!("OFIS_DEFAULT_SERVER")
        .filter(|url| !url.is_empty())
        .map(str::to_string)
}

/// Starts the demo town on `today`: its Город API's URL and the town.
#[cfg(feature = "demo")]
pub async fn start(today: NaiveDate) -> Result<(String, DemoTown), String> {
    use gorod_sandbox::SandboxConfig;
    let running = gorod_sandbox::start(SandboxConfig::loopback_ephemeral(today))
        .await
        .map_err(|e| format!("демо-сервер не запустился: {e}"))?;
    eprintln!(
        "Демо-режим: встроенный сервер «Город» {} (код из СМС: {})",
        running.gorod_url,
        gorod_sandbox::SMS_CODE
    );
    Ok((running.gorod_url.clone(), running))
}

/// A build without the demo town cannot start one: it says what to give instead.
#[cfg(not(feature = "demo"))]
pub async fn start(_today: NaiveDate) -> Result<(String, DemoTown), String> {
    Err(
        "В этой сборке нет демо-города: укажите сервер «Город» (--server URL или OFIS_SERVER)"
            .into(),
    )
}

/// The bank gateway of the demo town: the only one card data may go to in demo mode.
#[cfg(feature = "demo")]
pub fn gateway_url(town: &DemoTown) -> &str {
    &town.gateway_url
}

#[cfg(not(feature = "demo"))]
pub fn gateway_url(town: &DemoTown) -> &str {
    match *town {}
}
