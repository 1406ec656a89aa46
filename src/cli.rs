//! The command line: `ofis`, `ofis web`, and the flags both share.

use std::net::SocketAddr;
use std::path::PathBuf;

/// Help text.
pub const USAGE: &str = "\
Использование / usage:
  ofis [--server URL] [--data-dir DIR]              desktop window (web front when there is no display)
  ofis web [--addr 127.0.0.1:8080] [--server URL] [--data-dir DIR]
                                                    the same app in a browser (dioxus-liveview)
Without --server (or OFIS_SERVER) the app runs on the embedded demo town (gorod-sandbox).
OFIS_DATA_DIR sets the data folder (default ~/.local/share/ofis).
--today YYYY-MM-DD runs the app (and the demo town) on another date: bills are posted from the
1st to the 10th, readings are asked for from the 15th to the 25th (--demo-today is the same).";

/// What to run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Front {
    Desktop,
    Web { addr: SocketAddr },
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
        };
    }
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
                Front::Web { addr } => {
                    let v = value("--addr")?;
                    *addr = v
                        .parse()
                        .map_err(|_| format!("--addr: not an address: {v}"))?;
                }
                Front::Desktop => return Err("--addr goes with `ofis web`".into()),
            },
            "-h" | "--help" => return Err(String::new()),
            other => return Err(format!("unknown argument: {other}")),
        }
    }
    let data_dir = data_dir.unwrap_or_else(default_data_dir);
    Ok(Command {
        front,
        server,
        data_dir,
        today,
    })
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
                addr: "127.0.0.1:9000".parse().unwrap()
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
}
