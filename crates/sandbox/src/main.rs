//! `gorod-sandbox [--addr 127.0.0.1:8480] [--gateway-addr 127.0.0.1:8481] [--today YYYY-MM-DD]`:
//! runs the Город API and gateway sandbox until Ctrl-C.

use std::net::SocketAddr;
use std::process::ExitCode;

use chrono::NaiveDate;
use gorod_sandbox::{start, SandboxConfig, SMS_CODE, THREE_DS_CODE};

const USAGE: &str =
    "usage: gorod-sandbox [--addr 127.0.0.1:8480] [--gateway-addr 127.0.0.1:8481] [--today YYYY-MM-DD]";

fn parse_args(mut args: impl Iterator<Item = String>) -> Result<SandboxConfig, String> {
    let mut config = SandboxConfig {
        today: ofis_domain::tz::local_date(chrono::Utc::now()),
        gorod_addr: SocketAddr::from(([127, 0, 0, 1], 8480)),
        gateway_addr: SocketAddr::from(([127, 0, 0, 1], 8481)),
    };
    while let Some(flag) = args.next() {
        if flag == "-h" || flag == "--help" {
            return Err(USAGE.to_string());
        }
        let value = args
            .next()
            .ok_or_else(|| format!("{flag} needs a value\n{USAGE}"))?;
        let bad = |what: &str| format!("{flag}: not {what}: {value}");
        match flag.as_str() {
            "--addr" => config.gorod_addr = value.parse().map_err(|_| bad("an address"))?,
            "--gateway-addr" => {
                config.gateway_addr = value.parse().map_err(|_| bad("an address"))?
            }
            "--today" => {
                config.today =
                    NaiveDate::parse_from_str(&value, "%Y-%m-%d").map_err(|_| bad("a date"))?
            }
            _ => return Err(format!("unknown option {flag}\n{USAGE}")),
        }
    }
    Ok(config)
}

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into()),
        )
        .init();
    let config = match parse_args(std::env::args().skip(1)) {
        Ok(config) => config,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(2);
        }
    };
    let sandbox = match start(config).await {
        Ok(sandbox) => sandbox,
        Err(error) => {
            eprintln!("gorod-sandbox: cannot listen: {error}");
            return ExitCode::FAILURE;
        }
    };
    println!("Город API:  {}", sandbox.gorod_url);
    println!("Gateway:    {}", sandbox.gateway_url);
    println!(
        "OpenAPI:    {}{}",
        sandbox.gorod_url,
        ofis_api::paths::OPENAPI
    );
    println!("Today:      {}", config.today);
    println!("SMS code:   {SMS_CODE}   3-D Secure code: {THREE_DS_CODE}");
    if let Err(error) = tokio::signal::ctrl_c().await {
        eprintln!("gorod-sandbox: cannot wait for Ctrl-C: {error}");
    }
    sandbox.shutdown().await;
    ExitCode::SUCCESS
}
