//! ОФИС: pay housing and utility bills from a phone. Desktop window, web front, or mobile app.

mod app;
mod cli;
mod components;
mod first_frame;
mod launch;
mod messages;
mod qr_cli;
mod route;
mod state;
mod views;
mod webview_history;

use std::process::ExitCode;

fn main() -> ExitCode {
    first_frame::note_start();
    // `ofis qr …` reads codes and payloads on the command line, without the GUI.
    if let Some(code) = qr_cli::run_if_asked(std::env::args_os().skip(1)) {
        return code;
    }
    let command = match cli::parse(std::env::args().skip(1)) {
        Ok(c) => c,
        Err(message) => {
            eprintln!("{message}\n\n{}", cli::USAGE);
            return ExitCode::from(2);
        }
    };
    launch::init_logging();
    match launch::run(command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("ofis: {e}");
            ExitCode::FAILURE
        }
    }
}
