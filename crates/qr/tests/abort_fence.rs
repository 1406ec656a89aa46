//! With `panic = "abort"` (the phones' store build) a panicking decoder costs one photo, not
//! the app: `examples/abort_fence.rs`, built here with the `abort-check` profile (the dev
//! profile with "abort"; test binaries themselves always unwind), is run as a child process.

use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Builds the example once (its own profile directory, so no lock is shared with this test's
/// build) and returns its path.
fn example() -> &'static Path {
    static BUILT: OnceLock<PathBuf> = OnceLock::new();
    BUILT.get_or_init(build)
}

fn build() -> PathBuf {
    let status = Command::new(env!("CARGO"))
        .current_dir(workspace())
        .args([
            "build",
            "--quiet",
            "-p",
            "ofis-qr",
            "--example",
            "abort_fence",
        ])
        .args(["--profile", "abort-check"])
        .status()
        .expect("cargo runs");
    assert!(status.success(), "building the abort_fence example failed");
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace().join("target"));
    target.join("abort-check/examples/abort_fence")
}

fn run(args: &[&str]) -> Output {
    Command::new(example())
        .args(args)
        .output()
        .expect("the example runs")
}

#[test]
fn a_decoder_panic_costs_the_photo_not_the_app() {
    let photo = workspace().join("../shared/corpus/qr-photos/zxing-qrcode-1/1.png");
    let expected = std::fs::read_to_string(photo.with_extension("txt")).unwrap();
    let out = run(&[photo.to_str().unwrap()]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{:?}\n{stdout}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("job: Err(Crashed)"), "{stdout}");
    assert!(stdout.contains(&format!("photo: {expected}")), "{stdout}");
    assert!(
        stdout.contains("garbage: Не удалось прочитать изображение."),
        "{stdout}"
    );
    assert!(stdout.contains("after: Ok(42)"), "{stdout}");
    assert!(stdout.contains("panics met: 1"), "{stdout}");
    assert!(stdout.contains("past the limit: Err(Crashed)"), "{stdout}");
    // The panic left nothing on the screen's log: the hook kept it quiet.
    assert!(
        !String::from_utf8_lossy(&out.stderr).contains("panicked"),
        "{out:?}"
    );
}

#[test]
fn the_profile_really_aborts_outside_a_worker() {
    let out = run(&["--unfenced"]);
    assert_eq!(out.status.signal(), Some(6), "expected SIGABRT: {out:?}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("outside any worker"));
}
