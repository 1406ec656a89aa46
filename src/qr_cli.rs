//! `ofis qr decode IMAGE…` and `ofis qr parse`: the QR path without the GUI, for users, support
//! and scripts.

use std::ffi::OsString;
use std::io::{Read, Write};
use std::path::Path;
use std::process::ExitCode;

use ofis_domain::qr_payload::{parse_bytes, PaymentQr, QrError};

/// Help text of `ofis qr`.
pub const USAGE: &str = "\
Использование / usage:
  ofis qr decode IMAGE…   читает QR-коды с фотографий (PNG, JPEG): для каждого кода печатает
                          его текст и разобранный платёж в JSON
  ofis qr parse           разбирает один платёжный QR (ГОСТ Р 56042-2014) со стандартного ввода
                          и печатает JSON; при ошибке — сообщение в stderr и код выхода 1";

/// Runs `ofis qr …` when the arguments (without the program name) start with `qr`.
pub fn run_if_asked(mut args: impl Iterator<Item = OsString>) -> Option<ExitCode> {
    if args.next()? != "qr" {
        return None;
    }
    let command = args.next();
    let rest: Vec<OsString> = args.collect();
    let asked_for_help = |a: &OsString| a == "-h" || a == "--help";
    Some(match command.as_ref().and_then(|c| c.to_str()) {
        Some("decode") if !rest.is_empty() && !rest.iter().any(asked_for_help) => decode(&rest),
        Some("parse") if rest.is_empty() => parse_stdin(),
        Some("-h" | "--help") => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        _ => {
            eprintln!("{USAGE}");
            ExitCode::from(2)
        }
    })
}

/// Every code of every image: its text, then its payment as JSON (or why it is none).
/// Fails when an image gives no code.
fn decode(images: &[OsString]) -> ExitCode {
    let mut all_read = true;
    let mut out = std::io::stdout().lock();
    for image in images {
        let path = Path::new(image);
        match ofis_qr::decode_path(path) {
            Ok(codes) => {
                for (i, code) in codes.iter().enumerate() {
                    let _ = writeln!(
                        out,
                        "== {} — QR-код {} из {} ({})",
                        path.display(),
                        i + 1,
                        codes.len(),
                        code.decoder.name()
                    );
                    let _ = writeln!(out, "{}", code.text);
                    match parse_bytes(&code.bytes) {
                        Ok(payment) => {
                            let _ = writeln!(out, "{}", to_json(&payment));
                        }
                        Err(e) => {
                            let _ = out.flush();
                            eprintln!("ofis qr: {}: {}", path.display(), e.message_ru());
                        }
                    }
                }
            }
            Err(e) => {
                all_read = false;
                let _ = out.flush();
                eprintln!("ofis qr: {}: {}", path.display(), e.message_ru());
            }
        }
    }
    if all_read {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// One payload from standard input, as bytes (bills are often Windows-1251).
fn parse_stdin() -> ExitCode {
    let mut raw = Vec::new();
    if let Err(e) = std::io::stdin().read_to_end(&mut raw) {
        eprintln!("ofis qr: не удалось прочитать стандартный ввод: {e}");
        return ExitCode::FAILURE;
    }
    match parse_payload(&raw) {
        Ok(payment) => {
            println!("{}", to_json(&payment));
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("ofis qr: {}", e.message_ru());
            ExitCode::FAILURE
        }
    }
}

/// Parses piped input; the line end that `echo` or a text editor adds is not part of the code.
fn parse_payload(raw: &[u8]) -> Result<PaymentQr, QrError> {
    let payload = raw
        .strip_suffix(b"\r\n")
        .or_else(|| raw.strip_suffix(b"\n"))
        .unwrap_or(raw);
    parse_bytes(payload)
}

fn to_json(payment: &PaymentQr) -> String {
    serde_json::to_string_pretty(payment).expect("a payment always serialises")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> impl Iterator<Item = OsString> {
        list.iter()
            .map(OsString::from)
            .collect::<Vec<_>>()
            .into_iter()
    }

    #[test]
    fn other_commands_are_left_to_the_app() {
        assert!(run_if_asked(args(&[])).is_none());
        assert!(run_if_asked(args(&["web", "--addr", "127.0.0.1:1"])).is_none());
    }

    #[test]
    fn qr_without_a_known_subcommand_is_a_usage_error() {
        assert_eq!(run_if_asked(args(&["qr"])), Some(ExitCode::from(2)));
        assert_eq!(
            run_if_asked(args(&["qr", "decode"])),
            Some(ExitCode::from(2))
        );
        assert_eq!(
            run_if_asked(args(&["qr", "parse", "x"])),
            Some(ExitCode::from(2))
        );
    }

    #[test]
    fn the_line_end_of_piped_input_is_dropped() {
        let payload = "ST00012|Name=ООО|PersonalAcc=40702810900000000001|PersAcc=12\r\n";
        let payment = parse_payload(payload.as_bytes()).unwrap();
        assert_eq!(
            payment.personal_acc.as_deref(),
            Some("40702810900000000001")
        );
    }
}
