//! The command line: `ofis`, `ofis web`, and the flags both share.

use std::net::SocketAddr;
use std::path::PathBuf;

/// Help text.
pub const USAGE: &str = "\
Использование / usage:
  ofis [--server URL] [--data-dir DIR]              desktop window (web front when there is no display)
  ofis web [--addr 127.0.0.1:8080] [--tls-cert FILE --tls-key FILE] [--server URL] [--data-dir DIR]
                                                    the same app in a browser (dioxus-liveview);
                                                    open the printed URL (it carries this launch's
                                                    key); an address off this computer needs TLS
Without --server (or OFIS_SERVER) the app runs on the embedded demo town (gorod-sandbox).
OFIS_DATA_DIR sets the data folder (default ~/.local/share/ofis).
--today YYYY-MM-DD runs the app (and the demo town) on another date: bills are posted from the
1st to the 10th, readings are asked for from the 15th to the 25th (--demo-today is the same).";

/// What to run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Front {
    Desktop,
    /// The web front on `addr`, over TLS when `tls` is given (required off loopback).
    Web {
        addr: SocketAddr,
        tls: Option<TlsFiles>,
    },
}

/// The web front's certificate chain and private key, PEM files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TlsFiles {
    pub cert: PathBuf,
    pub key: PathBuf,
}

/// A parsed command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Command {
    pub front: Front,
    /// The Город API to use; `None` runs the embedded sandbox.
    pub server: Option<String>,
    pub data_dir: PathBuf,
    /// The app's date (and the embedded demo town's), to try the month's cycle on any day.
    pub today: Option<chrono::NaiveDate>,
}

/// Default address of the web front.
pub const DEFAULT_WEB_ADDR: &str = "127.0.0.1:8080";

/// Parses arguments (without the program name); environment variables fill what flags omit.
pub fn parse(args: impl Iterator<Item = String>) -> Result<Command, String> {
    let mut args = args.peekable();
    let mut front = Front::Desktop;
    if args.peek().map(String::as_str) == Some("web") {
        args.next();
        front = Front::Web {
            addr: DEFAULT_WEB_ADDR.parse().expect("valid default"),
            tls: None,
        };
    }
    let (mut tls_cert, mut tls_key) = (None, None);
    let mut server = std::env::var("OFIS_SERVER").ok().filter(|s| !s.is_empty());
    let mut data_dir = std::env::var_os("OFIS_DATA_DIR").map(PathBuf::from);
    let mut today = None;
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().ok_or_else(|| format!("{name} needs a value"));
        match arg.as_str() {
            "--server" => server = Some(value("--server")?),
            "--data-dir" => data_dir = Some(PathBuf::from(value("--data-dir")?)),
            flag @ ("--today" | "--demo-today") => {
                let v = value(flag)?;
                let date = chrono::NaiveDate::parse_from_str(&v, "%Y-%m-%d")
                    .map_err(|_| format!("{flag}: not a date (YYYY-MM-DD): {v}"))?;
                today = Some(date);
            }
            "--addr" => match &mut front {
                Front::Web { addr, .. } => {
                    let v = value("--addr")?;
                    *addr = v
                        .parse()
                        .map_err(|_| format!("--addr: not an address: {v}"))?;
                }
                Front::Desktop => return Err("--addr goes with `ofis web`".into()),
            },
            "--tls-cert" => tls_cert = Some(PathBuf::from(value("--tls-cert")?)),
            "--tls-key" => tls_key = Some(PathBuf::from(value("--tls-key")?)),
            "-h" | "--help" => return Err(String::new()),
            other => return Err(format!("unknown argument: {other}")),
        }
    }
    let data_dir = data_dir.unwrap_or_else(default_data_dir);
    web_tls(&mut front, tls_cert, tls_key)?;
    Ok(Command {
        front,
        server,
        data_dir,
        today,
    })
}

/// Puts the TLS files into the web front, and refuses a web front that would carry card data
/// over a network in clear: an address off loopback is served over TLS only.
fn web_tls(front: &mut Front, cert: Option<PathBuf>, key: Option<PathBuf>) -> Result<(), String> {
    let files = match (cert, key) {
        (Some(cert), Some(key)) => Some(TlsFiles { cert, key }),
        (None, None) => None,
        _ => return Err("--tls-cert and --tls-key go together".into()),
    };
    match front {
        Front::Desktop if files.is_some() => Err("--tls-cert goes with `ofis web`".into()),
        Front::Desktop => Ok(()),
        Front::Web { addr, .. } if files.is_none() && !addr.ip().is_loopback() => Err(format!(
            "--addr {addr}: адрес доступен из сети, а без TLS номер карты прошёл бы по ней \
             открытым текстом. Укажите --tls-cert ФАЙЛ --tls-key ФАЙЛ или адрес 127.0.0.1."
        )),
        Front::Web { tls, .. } => {
            *tls = files;
            Ok(())
        }
    }
}

fn default_data_dir() -> PathBuf {
    // Android gives each app a private folder; HOME is not set there.
    #[cfg(target_os = "android")]
    return PathBuf::from("/data/data/ru.gorod.ofis/files");
    #[allow(unreachable_code)]
    if let Some(xdg) = std::env::var_os("XDG_DATA_HOME") {
        return PathBuf::from(xdg).join("ofis");
    }
    match std::env::var_os("HOME") {
        Some(home) => PathBuf::from(home).join(".local/share/ofis"),
        None => PathBuf::from(".ofis"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_str(s: &str) -> Result<Command, String> {
        parse(s.split_whitespace().map(String::from))
    }

    #[test]
    fn web_takes_an_address_and_desktop_refuses_one() {
        let c = parse_str("web --addr 127.0.0.1:9000 --data-dir /tmp/x").unwrap();
        assert_eq!(
            c.front,
            Front::Web {
                addr: "127.0.0.1:9000".parse().unwrap(),
                tls: None,
            }
        );
        assert_eq!(c.data_dir, PathBuf::from("/tmp/x"));
        assert!(parse_str("--addr 127.0.0.1:9000").is_err());
        assert!(parse_str("web --addr nonsense").is_err());
        assert!(parse_str("--bogus").is_err());
        assert_eq!(
            parse_str("--server https://gorod.example")
                .unwrap()
                .server
                .as_deref(),
            Some("https://gorod.example")
        );
    }

    #[test]
    fn today_moves_the_app_with_or_without_a_server() {
        let day = chrono::NaiveDate::from_ymd_opt(2026, 11, 25);
        assert_eq!(parse_str("--today 2026-11-25").unwrap().today, day);
        assert_eq!(parse_str("web --demo-today 2026-11-25").unwrap().today, day);
        let with_server = parse_str("--server http://127.0.0.1:1 --today 2026-11-25").unwrap();
        assert_eq!(with_server.today, day);
        assert!(parse_str("--today 25.11.2026").is_err());
        assert_eq!(parse_str("").unwrap().today, None);
    }

    #[test]
    fn an_address_off_loopback_is_served_over_tls_only() {
        let refused = parse_str("web --addr 0.0.0.0:8080").unwrap_err();
        assert!(refused.contains("--tls-cert"), "{refused}");
        assert!(parse_str("web --addr 192.168.1.5:8080").is_err());
        assert!(parse_str("web --addr [::]:8080").is_err());
        assert!(parse_str("web --addr [::1]:8080").is_ok());
        let c = parse_str("web --addr 0.0.0.0:8443 --tls-cert c.pem --tls-key k.pem").unwrap();
        assert_eq!(
            c.front,
            Front::Web {
                addr: "0.0.0.0:8443".parse().unwrap(),
                tls: Some(TlsFiles {
                    cert: "c.pem".into(),
                    key: "k.pem".into()
                }),
            }
        );
        assert!(parse_str("web --addr 0.0.0.0:8443 --tls-cert c.pem").is_err());
        assert!(parse_str("--tls-cert c.pem --tls-key k.pem").is_err());
    }
}
