//! Link options of the `ofis` binaries (issue 17, item 4: ship small).
//!
//! On Linux with glibc ≥ 2.36 the relative relocations are packed (`-z pack-relative-relocs`,
//! DT_RELR): the position-independent binary carries one relocation for each pointer in its
//! tables (vtables, string slices, the stylesheet's…), 24 bytes each as `.rela.dyn` — 1.5 MB of
//! the mobile set — and a few bits each packed. Older glibc cannot load a packed binary, so the
//! option is given only when the C library of the machine building (and running) it has the
//! loader for it; cross builds are left as they are. Phones: Android's bionic reads packed
//! relocations from API 28 (`-Wl,--pack-dyn-relocs=android+relr` with the NDK's lld); see the
//! README, "Building for the stores".

use std::process::Command;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let target = |key: &str| std::env::var(key).unwrap_or_default();
    let native = target("HOST") == target("TARGET");
    let linux_gnu =
        target("CARGO_CFG_TARGET_OS") == "linux" && target("CARGO_CFG_TARGET_ENV") == "gnu";
    if linux_gnu && native && glibc_version().is_some_and(|v| v >= (2, 36)) {
        println!("cargo:rustc-link-arg-bins=-Wl,-z,pack-relative-relocs");
    }
}

/// The C library's version, from `getconf GNU_LIBC_VERSION` ("glibc 2.36").
fn glibc_version() -> Option<(u32, u32)> {
    let out = Command::new("getconf")
        .arg("GNU_LIBC_VERSION")
        .output()
        .ok()?;
    let text = String::from_utf8(out.stdout).ok()?;
    let (major, minor) = text.trim().strip_prefix("glibc ")?.split_once('.')?;
    Some((major.parse().ok()?, minor.split('.').next()?.parse().ok()?))
}
