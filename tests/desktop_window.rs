//! The desktop front opens a real WebKitGTK window (under Xvfb) on the embedded demo town and
//! renders the sign-in screen.

use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

struct Killed(Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Counts pixels of the brand blue (#1565c0, give or take antialiasing) in an 8-bit binary PPM.
fn brand_blue_pixels(ppm: &[u8]) -> usize {
    // P6\n<w> <h>\n<max>\n then RGB triplets.
    let mut fields = 0;
    let mut i = 0;
    while fields < 4 && i < ppm.len() {
        while i < ppm.len() && ppm[i].is_ascii_whitespace() {
            i += 1;
        }
        while i < ppm.len() && !ppm[i].is_ascii_whitespace() {
            i += 1;
        }
        fields += 1;
    }
    ppm[(i + 1).min(ppm.len())..]
        .chunks_exact(3)
        .filter(|p| {
            p[0].abs_diff(0x15) < 24 && p[1].abs_diff(0x65) < 24 && p[2].abs_diff(0xc0) < 24
        })
        .count()
}

#[test]
fn desktop_window_shows_the_sign_in_screen() {
    let display = format!(":{}", 90 + std::process::id() % 100);
    let _xvfb = Killed(
        Command::new("Xvfb")
            .args([
                display.as_str(),
                "-screen",
                "0",
                "500x900x24",
                "-nolisten",
                "tcp",
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("Xvfb starts (install xvfb)"),
    );
    let data = tempfile::tempdir().expect("tempdir");
    std::thread::sleep(Duration::from_millis(500));
    let _app = Killed(
        Command::new(env!("CARGO_BIN_EXE_ofis"))
            .arg("--data-dir")
            .arg(data.path())
            .env("DISPLAY", &display)
            .env_remove("WAYLAND_DISPLAY")
            .env_remove("OFIS_SERVER")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("ofis starts"),
    );
    let deadline = Instant::now() + Duration::from_secs(60);
    let mut blue = 0;
    let mut last = Vec::new();
    while Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(700));
        let shot = Command::new("import")
            .args([
                "-display",
                display.as_str(),
                "-window",
                "root",
                "-depth",
                "8",
                "ppm:-",
            ])
            .output()
            .expect("ImageMagick import runs (install imagemagick)");
        if !shot.status.success() {
            continue;
        }
        blue = brand_blue_pixels(&shot.stdout);
        last = shot.stdout;
        // The «ОФИС» title and the «Получить код» button are brand blue.
        if blue > 5_000 {
            break;
        }
    }
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/screenshots");
    std::fs::create_dir_all(&dir).expect("screenshot dir");
    let png = dir.join("desktop-sign-in.png");
    let _ = Command::new("import")
        .args(["-display", display.as_str(), "-window", "root"])
        .arg(&png)
        .status();
    drop(last);
    assert!(
        blue > 5_000,
        "the window never rendered the sign-in screen (brand-blue pixels: {blue})"
    );
}
