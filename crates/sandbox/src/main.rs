//! `gorod-sandbox [--addr 127.0.0.1:8480] [--gateway-addr 127.0.0.1:8481] [--today YYYY-MM-DD]`:
//! runs the Город API and gateway sandbox until Ctrl-C.
//!
//! `gorod-sandbox --write-qr DIR [--today YYYY-MM-DD]`: writes `DIR/<bill id>.png`, the payment QR
//! code of every bill posted for the month of `today`, and exits.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;
use gorod_sandbox::{start, SandboxConfig, SMS_CODE, THREE_DS_CODE};

const USAGE: &str = "usage: gorod-sandbox [--addr 127.0.0.1:8480] [--gateway-addr 127.0.0.1:8481] [--today YYYY-MM-DD]
       gorod-sandbox --write-qr DIR [--today YYYY-MM-DD]";

/// What the command line asks for.
#[derive(Debug, PartialEq)]
enum Command {
    /// Serve the sandbox until Ctrl-C.
    Serve(SandboxConfig),
    /// Write the PNGs of this month's bills' QR codes into a folder.
    WriteQr { dir: PathBuf, today: NaiveDate },
}

fn parse_args(mut args: impl Iterator<Item = String>) -> Result<Command, String> {
    let mut config = SandboxConfig {
        today: ofis_domain::tz::local_date(chrono::Utc::now()),
        gorod_addr: SocketAddr::from(([127, 0, 0, 1], 8480)),
        gateway_addr: SocketAddr::from(([127, 0, 0, 1], 8481)),
        tls: None,
    };
    let mut write_qr = None;
    let mut listens = false;
    while let Some(flag) = args.next() {
        if flag == "-h" || flag == "--help" {
            return Err(USAGE.to_string());
        }
        let value = args
            .next()
            .ok_or_else(|| format!("{flag} needs a value\n{USAGE}"))?;
        let bad = |what: &str| format!("{flag}: not {what}: {value}");
        match flag.as_str() {
            "--addr" => {
                config.gorod_addr = value.parse().map_err(|_| bad("an address"))?;
                listens = true;
            }
            "--gateway-addr" => {
                config.gateway_addr = value.parse().map_err(|_| bad("an address"))?;
                listens = true;
            }
            "--write-qr" => write_qr = Some(PathBuf::from(value)),
            "--today" => {
                config.today =
                    NaiveDate::parse_from_str(&value, "%Y-%m-%d").map_err(|_| bad("a date"))?
            }
            _ => return Err(format!("unknown option {flag}\n{USAGE}")),
        }
    }
    match write_qr {
        Some(_) if listens => Err(format!("--write-qr listens on nothing\n{USAGE}")),
        Some(dir) => Ok(Command::WriteQr {
            dir,
            today: config.today,
        }),
        None => Ok(Command::Serve(config)),
    }
}

/// `--write-qr`: one PNG per bill of the month, and a line per file.
fn write_qr(dir: &std::path::Path, today: NaiveDate) -> ExitCode {
    match gorod_sandbox::qr::write_bill_qrs(dir, today) {
        Ok(written) => {
            for (bill, path) in &written {
                println!(
                    "{}  {} · {} · {}",
                    path.display(),
                    bill.provider_name,
                    bill.account,
                    bill.amount_due.display_rub()
                );
            }
            println!(
                "{} QR codes of the bills of {} written to {}",
                written.len(),
                ofis_domain::Period::of(today).label_ru(),
                dir.display()
            );
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("gorod-sandbox: cannot write to {}: {error}", dir.display());
            ExitCode::FAILURE
        }
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into()),
        )
        .init();
    let config = match parse_args(std::env::args().skip(1)) {
        Ok(Command::Serve(config)) => config,
        Ok(Command::WriteQr { dir, today }) => return write_qr(&dir, today),
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(2);
        }
    };
    let sandbox = match start(config.clone()).await {
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
    for (phone, children) in gorod_sandbox::school::demo_phones() {
        println!("Школы:      {phone}  {children}");
    }
    println!(
        "Транспорт:  {}  «{}» {}; для «+»:",
        gorod_sandbox::school::DEMO_PHONE,
        gorod_sandbox::transport::DEMO_CARD_NAME,
        gorod_sandbox::transport::demo_phone_card()
    );
    for (number, type_name, online) in gorod_sandbox::transport::demo_cards() {
        let how = if online {
            "онлайн"
        } else {
            "не онлайн"
        };
        println!("            {number}  {type_name} ({how})");
    }
    if let Err(error) = tokio::signal::ctrl_c().await {
        eprintln!("gorod-sandbox: cannot wait for Ctrl-C: {error}");
    }
    sandbox.shutdown().await;
    ExitCode::SUCCESS
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Command, String> {
        parse_args(args.iter().map(|a| a.to_string()))
    }

    #[test]
    fn write_qr_takes_a_folder_and_a_date() {
        assert_eq!(
            parse(&["--write-qr", "out", "--today", "2026-11-25"]),
            Ok(Command::WriteQr {
                dir: "out".into(),
                today: "2026-11-25".parse().unwrap()
            })
        );
        assert!(matches!(parse(&[]), Ok(Command::Serve(_))));
        assert!(parse(&["--write-qr"]).is_err());
        assert!(parse(&["--write-qr", "out", "--addr", "127.0.0.1:1"]).is_err());
    }
}
